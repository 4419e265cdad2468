import { describe, expect, it } from 'vitest';
import { lookupPostcode } from '../geo/postcodes.ts';
import { STATE_CODES } from '../geo/states.ts';
import { SERVICE_LANGUAGES, TARGET_GROUPS } from '../directory/taxonomies.ts';
import { DRAMA_NUMBER_PATTERN, demoEntries } from './entries.ts';

const today = new Date('2026-06-15T12:00:00Z');
const entries = demoEntries(today);
const located = entries.flatMap((e) => (e.location ? [e.location] : []));

describe('demo entries', () => {
  it('has about 40 centres run by about 25 organisations', () => {
    expect(entries.length).toBeGreaterThanOrEqual(38);
    expect(entries.length).toBeLessThanOrEqual(45);
    const orgs = new Set(entries.map((e) => e.organization.id));
    expect(orgs.size).toBeGreaterThanOrEqual(20);
    expect(orgs.size).toBeLessThanOrEqual(30);
  });

  it('covers all 16 federal states, the larger ones several times', () => {
    const perState = new Map<string, number>();
    for (const l of located) perState.set(l.address.state_province, (perState.get(l.address.state_province) ?? 0) + 1);
    expect([...perState.keys()].sort()).toEqual([...STATE_CODES].sort());
    for (const big of ['DE-NW', 'DE-BY', 'DE-BW', 'DE-NI'] as const)
      expect(perState.get(big)).toBeGreaterThanOrEqual(3);
  });

  it('marks every entry as an example', () => {
    for (const e of entries) {
      expect(e.service.is_demo).toBe(true);
      expect(e.organization.is_demo).toBe(true);
      expect(e.service.name).toMatch(/^Beispiel-Fachberatungsstelle /);
      expect(e.organization.name).toMatch(/^Beispielverein .* e\.V\. \(Demo\)$/);
      expect(e.service.description).toMatch(/^Beispieleintrag \(Demo\):/);
      expect(e.organization.description).toMatch(/^Beispieleintrag \(Demo\):/);
    }
  });

  it('uses only example.org addresses', () => {
    for (const e of entries) {
      for (const mail of [e.service.email, e.organization.email]) expect(mail).toMatch(/^[a-z0-9-]+@example\.org$/);
      for (const url of [e.service.url, e.organization.website]) expect(url).toMatch(/^https:\/\/example\.org\/demo\//);
    }
  });

  it('uses only the phone numbers reserved for media productions, each once', () => {
    const numbers = entries.flatMap((e) => e.phones.map((p) => p.number));
    for (const n of numbers) expect(n).toMatch(DRAMA_NUMBER_PATTERN);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const e of entries) expect(e.phones.length).toBeGreaterThan(0);
  });

  it('is deterministic: same ids and content on every call', () => {
    expect(demoEntries(today)).toEqual(entries);
    // Without a date only assured_date may differ.
    const strip = (list: ReturnType<typeof demoEntries>) =>
      list.map((e) => ({ ...e, service: { ...e.service, assured_date: null } }));
    expect(strip(demoEntries())).toEqual(strip(entries));
    const ids = entries.flatMap((e) => [
      e.service.id,
      ...(e.location ? [e.location.id] : []),
      ...e.phones.map((p) => p.id),
      ...e.schedules.map((s) => s.id),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('places every centre at a real postcode of its state, with coordinates from the postcode table', () => {
    for (const l of located) {
      const hit = lookupPostcode(l.address.postal_code);
      expect(hit, l.address.postal_code).toBeDefined();
      expect(hit!.state).toBe(l.address.state_province);
      expect([l.latitude, l.longitude]).toEqual([hit!.lat, hit!.lon]);
      expect(l.address.country).toBe('DE');
    }
  });

  it('has protected addresses without a street', () => {
    const protectedOnes = located.filter((l) => l.address_protected);
    expect(protectedOnes.length).toBeGreaterThanOrEqual(3);
    for (const l of protectedOnes) {
      expect(l.address.address_1).toBeNull();
      expect(l.name).toBeNull();
    }
    for (const l of located.filter((x) => !x.address_protected)) expect(l.address.address_1).toMatch(/\d+$/);
  });

  it('has state-wide and nationwide services, one temporarily closed', () => {
    expect(entries.filter((e) => e.areas.some((a) => a !== 'DE')).length).toBeGreaterThanOrEqual(5);
    const nationwide = entries.filter((e) => e.location === null);
    expect(nationwide.length).toBeGreaterThanOrEqual(1);
    for (const e of nationwide) expect(e.areas).toEqual(['DE']);
    const closed = entries.filter((e) => e.service.status === 'temporarily closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.service.alert).toBeTruthy();
  });

  it('mixes recently verified and overdue entries', () => {
    const ages = entries.map((e) => (today.getTime() - Date.parse(`${e.service.assured_date}T00:00:00Z`)) / 86_400_000);
    expect(ages.filter((d) => d > 365).length).toBeGreaterThanOrEqual(3);
    expect(ages.filter((d) => d < 90).length).toBeGreaterThanOrEqual(10);
    expect(Math.min(...ages)).toBeGreaterThan(0);
  });

  it('offers variety in target groups, exploitation, languages and hours', () => {
    const all = <T>(f: (e: (typeof entries)[number]) => T[]) => new Set(entries.flatMap(f));
    expect([...all((e) => e.targetGroups)].sort()).toEqual([...TARGET_GROUPS].sort());
    for (const ex of ['sexual', 'labour', 'begging', 'forced_criminality', 'forced_marriage'] as const)
      expect(all((e) => e.exploitation).has(ex)).toBe(true);
    const langs = all((e) => e.languages);
    for (const l of 'de en fr ar fa uk ru ro bg hu zh vi tr es pt ti so yo ig pcm'.split(' '))
      expect(langs.has(l)).toBe(true);
    for (const l of langs) expect(SERVICE_LANGUAGES as readonly string[]).toContain(l);
    expect(all((e) => e.accessibility).size).toBe(4);
    expect(entries.some((e) => e.schedules.length === 0)).toBe(true);
    for (const e of entries) for (const s of e.schedules) expect(s.closes_at > s.opens_at).toBe(true);
  });
});
