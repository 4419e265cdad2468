import { describe, expect, it } from 'vitest';
import { knownCentres } from '../../../test/support/entries.ts';
import { centresFor } from './centres.ts';

const c = knownCentres();
const entries = Object.values(c);
const names = (r: ReturnType<typeof centresFor>) => r.centres.map((x) => x.name);

describe('the competent centres for the guide’s result', () => {
  it('for a minor searches centres for minors near the place, and links the finder with the same filters', () => {
    const r = centresFor(entries, { place: '04109', form: 'labour', guide: 'minors' });
    expect(r.where).toBe('origin');
    expect(names(r)).toEqual(['Halle Süd']);
    expect(r.centres[0]).toMatchObject({
      id: c.halle.service.id,
      town: c.halle.location!.address.city,
      phone: '+49 30 23125 001',
    });
    const q = new URLSearchParams(r.finderPath.replace(/^\/search\?/, ''));
    expect(r.finderPath.startsWith('/search?')).toBe(true);
    expect(q.get('q')).toBe('04109');
    expect(q.getAll('tg')).toEqual(['minors']);
    expect(q.getAll('ex')).toEqual(['labour']);
  });

  it('for an adult filters by the form of exploitation only, nearest first, then services reachable from anywhere', () => {
    const r = centresFor(entries, { place: 'Leipzig', form: 'sexual', guide: 'adults' });
    expect(r.where).toBe('origin');
    expect(names(r)[0]).toBe('Leipzig Mitte');
    expect(names(r)).not.toContain('Geschlossen Leipzig');
    expect(names(r)).not.toContain('Halle Süd');
    const online = r.centres.find((x) => x.name === 'Online bundesweit');
    expect(online).toMatchObject({ remote: true, town: null });
    expect(names(r).indexOf('Online bundesweit')).toBe(names(r).length - 1);
    expect(new URLSearchParams(r.finderPath.slice('/search?'.length)).getAll('tg')).toEqual([]);
  });

  it('without a form of exploitation does not filter by one', () => {
    const r = centresFor(entries, { place: '04109', form: undefined, guide: 'adults' });
    expect(names(r)).toContain('Halle Süd');
    expect(r.finderPath).not.toContain('ex=');
  });

  it('says when the place is unknown, names several places, or is missing, and lists nothing then', () => {
    expect(centresFor(entries, { place: 'Xqzzybrück', form: undefined, guide: 'adults' })).toMatchObject({
      where: 'unknown',
      centres: [],
    });
    expect(centresFor(entries, { place: '', form: undefined, guide: 'minors' })).toMatchObject({
      where: 'none',
      centres: [],
      finderPath: '/search?tg=minors',
    });
    expect(centresFor(entries, { place: 'Neustadt', form: undefined, guide: 'adults' }).where).toBe('ambiguous');
  });
});
