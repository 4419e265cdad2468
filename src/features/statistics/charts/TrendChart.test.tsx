import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { TrendChart, TrendFigure, type TrendModel } from './TrendChart.tsx';
import { valueTicks } from './scale.ts';

const format = (n: number) => new Intl.NumberFormat('de-DE').format(n);

const stacked: TrendModel = {
  title: 'Vor oder im Asylverfahren erstmals beraten',
  description: 'Balken je Jahr, 2019 bis 2023.',
  years: [2019, 2020, 2021, 2022, 2023],
  kind: 'stacked',
  series: [
    { key: 'before', label: 'Vor dem Asylantrag', values: [12, 20, null, 31, 1200] },
    { key: 'during', label: 'Im Asylverfahren', values: [30, 0, 25, 44, 15] },
  ],
  notes: ['34 %', '20 %', null, '41 %', null],
  marker: '[g]',
  format,
};

const lines: TrendModel = {
  title: 'Formen der Ausbeutung',
  description: 'Linien je Form.',
  years: [2019, 2020, 2021],
  kind: 'lines',
  series: [
    { key: 'sexual', label: 'Sexuell', values: [50, null, 70] },
    { key: 'labour', label: 'Arbeit', values: [null, null, null] },
    { key: 'begging', label: 'Betteln', values: [10, 11, 12] },
  ],
  marker: '[g]',
  format,
};

const svgOf = (model: TrendModel) => renderToString(<TrendChart model={model} />);

/** Every element with a data-value, as [year, series, value]. */
function drawn(svg: string): [number, string, number][] {
  const out: [number, string, number][] = [];
  for (const m of svg.matchAll(/<g data-year="(\d+)">(.*?)<\/g>/g))
    for (const r of m[2]!.matchAll(/data-series="([^"]+)" data-value="(\d+)"/g))
      out.push([Number(m[1]), r[1]!, Number(r[2])]);
  for (const m of svg.matchAll(/<g data-series="([^"]+)">(.*?)<\/g>/g))
    for (const r of m[2]!.matchAll(/data-year="(\d+)" data-value="(\d+)"/g))
      out.push([Number(r[1]), m[1]!, Number(r[2])]);
  return out;
}

describe('trend charts', () => {
  it.each([
    ['stacked', stacked],
    ['lines', lines],
  ] as const)('%s: well-formed XML, an image named by its title and described by its desc', (_k, model) => {
    const svg = svgOf(model);
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg) as {
      svg: Record<string, unknown> & { title: { '#text': string; id: string }; desc: { '#text': string; id: string } };
    };
    expect(doc.svg.role).toBe('img');
    expect(doc.svg['aria-labelledby']).toBe(doc.svg.title.id);
    expect(doc.svg['aria-describedby']).toBe(doc.svg.desc.id);
    expect(doc.svg.title['#text']).toBe(model.title);
    expect(doc.svg.desc['#text']).toBe(model.description);
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).not.toMatch(/<script/);
  });

  it('draws each fully known year as a stack of its values, and the marker where a part is secret', () => {
    const svg = svgOf(stacked);
    expect(drawn(svg)).toEqual([
      [2019, 'before', 12],
      [2019, 'during', 30],
      [2020, 'before', 20],
      [2020, 'during', 0],
      [2022, 'before', 31],
      [2022, 'during', 44],
      [2023, 'before', 1200],
      [2023, 'during', 15],
    ]);
    expect(svg).toMatch(/<text class="trend-secret"[^>]*data-year="2021">\[g\]<\/text>/);
    // Heights are proportional to the values (same scale for every bar).
    const h = (series: string, year: number) => {
      const m = new RegExp(`<g data-year="${year}">.*?height="([\\d.]+)"[^>]*data-series="${series}"`).exec(svg);
      return Number(m![1]);
    };
    expect(h('before', 2022) / h('during', 2022)).toBeCloseTo(31 / 44, 2);
    expect(h('before', 2023) / h('before', 2022)).toBeCloseTo(1200 / 31, 0);
    expect(svg).toContain('>34 %</text>');
  });

  it('breaks a line at a secret value and draws no point there', () => {
    const svg = svgOf(lines);
    expect(drawn(svg)).toEqual([
      [2019, 'sexual', 50],
      [2021, 'sexual', 70],
      [2019, 'begging', 10],
      [2020, 'begging', 11],
      [2021, 'begging', 12],
    ]);
    const sexual = /<g data-series="sexual"><path d="([^"]+)"/.exec(svg)![1]!;
    expect(sexual.match(/M/g)).toHaveLength(2);
    expect(sexual).not.toContain('L');
    expect(svg).not.toMatch(/<g data-series="labour"><path/);
  });

  it('puts the same numbers in the table beside the chart, the marker in secret cells', () => {
    const html = renderToString(
      <TrendFigure
        model={stacked}
        heading={{ level: 2, text: 'Überschrift', id: 'h' }}
        yearHeader="Jahr"
        columns={[{ label: 'Anteil', values: stacked.notes! }]}
      />,
    );
    expect(XMLValidator.validate(html)).toBe(true);
    const rows = [...html.matchAll(/<tr><th scope="row">(\d+)<\/th>(.*?)<\/tr>/g)].map((m) => [
      Number(m[1]),
      [...m[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]),
    ]);
    expect(rows).toEqual([
      [2019, ['12', '30', '34 %']],
      [2020, ['20', '0', '20 %']],
      [2021, ['[g]', '25', '[g]']],
      [2022, ['31', '44', '41 %']],
      [2023, ['1.200', '15', '[g]']],
    ]);
    // Every number drawn is in the table, in the same year and series.
    const col = { before: 0, during: 1 } as const;
    for (const [year, series, value] of drawn(html)) {
      const row = rows.find((r) => r[0] === year)![1] as string[];
      expect(row[col[series as keyof typeof col]]).toBe(format(value));
    }
    expect(html).toContain('<figure class="trend" aria-labelledby="h">');
    expect(html).toContain('<caption>Vor oder im Asylverfahren erstmals beraten</caption>');
  });

  it('uses round ticks from zero', () => {
    expect(valueTicks(0)).toEqual([0, 1]);
    expect(valueTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(valueTicks(141)).toEqual([0, 50, 100, 150]);
    expect(valueTicks(1215)).toEqual([0, 500, 1000, 1500]);
  });
});
