import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { gzipSync } from 'node:zlib';
import { GermanyMap, type MapMarker } from './GermanyMap.tsx';
import { project } from './projection.ts';

const markers: MapMarker[] = [
  { id: 'a', lat: 52.52, lon: 13.405, label: 'Beratung Berlin <Mitte> & Co', href: '/de/stellen/a' },
  { id: 'b', lat: 48.1374, lon: 11.5755, label: 'Beratung München', href: '/de/stellen/b' },
];

const render = (props: Partial<Parameters<typeof GermanyMap>[0]> = {}) =>
  renderToString(<GermanyMap title="Beratungsstellen" markers={[]} {...props} />);

describe('GermanyMap', () => {
  it('draws the 16 states as paths', () => {
    const html = render();
    expect(html.match(/<path /g)).toHaveLength(16);
    expect(html).toMatch(/^<svg /);
  });

  it('is a labelled image when nothing in it can be used', () => {
    const html = render({ description: 'Karte' });
    expect(html).toContain('role="img"');
    const [, labelledBy] = /aria-labelledby="([^"]+)"/.exec(html)!;
    expect(html).toContain(`<title id="${labelledBy}">Beratungsstellen</title>`);
    const [, describedBy] = /aria-describedby="([^"]+)"/.exec(html)!;
    expect(html).toContain(`<desc id="${describedBy}">Karte</desc>`);
    expect(html).not.toContain('<a ');
  });

  it('renders markers as links named by a title, at the projected point', () => {
    const html = render({ markers });
    expect(html).toContain('role="group"');
    const links = [...html.matchAll(/<a href="([^"]+)"><title>([^<]+)<\/title><circle cx="([\d.]+)" cy="([\d.]+)"/g)];
    expect(links.map((m) => [m[1], m[2]])).toEqual([
      ['/de/stellen/a', 'Beratung Berlin &lt;Mitte> &amp; Co'],
      ['/de/stellen/b', 'Beratung München'],
    ]);
    const berlin = project(52.52, 13.405);
    expect([Number(links[0]![3]), Number(links[0]![4])]).toEqual([berlin.x, berlin.y]);
  });

  it('makes each state a link to its page when asked, named in the page language', () => {
    const html = render({ stateHref: (s) => `/en/states/${s.slug}`, stateLabel: (s) => s.nameEn, highlight: 'DE-BY' });
    const links = [...html.matchAll(/<a href="\/en\/states\/([a-z-]+)"><title>([^<]+)<\/title><path /g)];
    expect(links).toHaveLength(16);
    expect(links.map((m) => m[2])).toContain('Bavaria');
    expect(html.match(/class="state on"/g)).toHaveLength(1);
    expect(html.match(/class="state"/g)).toHaveLength(15);
  });

  it('needs no inline style and makes no request (CSP, privacy)', () => {
    const html = render({ markers, stateHref: (s) => `/de/${s.slug}`, description: 'x', highlight: 'DE-BE' });
    expect(html).not.toMatch(/style=/i);
    expect(html).not.toContain('<style');
    expect(html).not.toContain('http');
    expect(html).not.toContain('<script');
  });

  it('gives two maps on one page distinct ids', () => {
    const html = renderToString(
      <div>
        <GermanyMap title="Eins" markers={[]} />
        <GermanyMap title="Zwei" markers={[]} />
      </div>,
    );
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stays small enough for a 14 KB page', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      id: String(i),
      lat: 48 + i / 8,
      lon: 7 + i / 6,
      label: `Stelle ${i}`,
      href: `/de/stellen/${i}`,
    }));
    const html = render({ markers: many, stateHref: (s) => `/de/bundeslaender/${s.slug}` });
    expect(gzipSync(html).length).toBeLessThan(8 * 1024);
  });

  it('draws markers that would overlap on a phone as one cluster with their number, named and linked by the caller', () => {
    const berlin: MapMarker[] = [
      { id: 'a', lat: 52.52, lon: 13.405, label: 'A', href: '/de/a', place: 'Berlin' },
      { id: 'b', lat: 52.49, lon: 13.43, label: 'B', href: '/de/b', place: 'Berlin' },
      { id: 'c', lat: 48.1374, lon: 11.5755, label: 'C', href: '/de/c', place: 'München' },
    ];
    const html = render({
      markers: berlin,
      clusters: { label: (ms) => `${ms.length} in ${ms[0]!.place}`, href: (ms) => `/de/search?q=${ms[0]!.place}` },
    });
    const links = [...html.matchAll(/<a href="([^"]+)"><title>([^<]+)<\/title>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['/de/search?q=Berlin', '2 in Berlin'],
      ['/de/c', 'C'],
    ]);
    expect(html).toMatch(/class="marker cluster"><\/circle><text[^>]*>2<\/text>/);
  });

  it('gives every marker a hit area of at least 24 px on a 360 px phone, in a colour that is not the exit button red', () => {
    const html = render({ markers });
    const hits = [...html.matchAll(/<circle [^>]*r="([\d.]+)" class="hit"/g)].map((m) => Number(m[1]));
    expect(hits).toHaveLength(2);
    // The map is drawn about 336 px wide on a 360 px screen; the viewBox is 600 wide.
    const pxPerUnit = 336 / 600;
    for (const r of hits) expect(2 * r * pxPerUnit).toBeGreaterThanOrEqual(24);
    expect(html.toLowerCase()).not.toContain('#b3261e');
  });
});
