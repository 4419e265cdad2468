import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../directory/entry.ts';
import { searchDirectory, suggestRelaxation, type SearchQuery } from './search.ts';

let n = 0;
function entry(
  p: Partial<DirectoryEntry> & {
    name: string;
    at?: [number, number, DirectoryEntry['areas'][number] extends infer _ ? string : never];
  },
): DirectoryEntry {
  n += 1;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const [lat, lon, state] = p.at ?? [0, 0, ''];
  return {
    organization: {
      id,
      name: `Org ${p.name}`,
      description: '',
      email: null,
      website: null,
      legal_status: null,
      is_demo: false,
    },
    service: {
      id,
      name: p.name,
      description: p.name,
      url: null,
      email: null,
      status: 'active',
      interpretation_services: null,
      application_process: null,
      fees_description: null,
      eligibility_description: null,
      minimum_age: null,
      maximum_age: null,
      assured_date: null,
      alert: null,
      is_demo: false,
      ...(p.service ?? {}),
    },
    location: p.at
      ? {
          id,
          name: null,
          latitude: lat,
          longitude: lon,
          transportation: null,
          address_protected: false,
          accessibility: null,
          address: { address_1: 'x', postal_code: '00000', city: 'X', state_province: state as never, country: 'DE' },
        }
      : null,
    phones: [],
    languages: p.languages ?? ['de'],
    schedules: [],
    areas: p.areas ?? [],
    targetGroups: p.targetGroups ?? ['women'],
    exploitation: p.exploitation ?? ['sexual'],
    accessibility: p.accessibility ?? [],
  };
}

const BERLIN = { lat: 52.52, lon: 13.405, state: 'DE-BE' as const, label: 'Berlin' };
const base: SearchQuery = { targetGroups: [], exploitation: [], languages: [], accessibility: [] };

const berlin = entry({ name: 'Berlin centre', at: [52.5, 13.4, 'DE-BE'] });
const potsdam = entry({
  name: 'Potsdam centre',
  at: [52.4, 13.06, 'DE-BB'],
  languages: ['de', 'ar'],
  targetGroups: ['minors'],
});
const munich = entry({
  name: 'Munich centre',
  at: [48.14, 11.58, 'DE-BY'],
  exploitation: ['labour'],
  accessibility: ['step_free', 'sign_language'],
});
const bavariaWide = entry({ name: 'Bavaria-wide', at: [49.45, 11.08, 'DE-BY'], areas: ['DE-BY'] });
const online = entry({ name: 'Online nationwide', areas: ['DE'], languages: ['de', 'en', 'ti'] });
const closed = entry({
  name: 'Closed',
  at: [52.52, 13.4, 'DE-BE'],
  service: { status: 'temporarily closed' } as never,
});
const all = [munich, online, berlin, closed, potsdam, bavariaWide];

describe('searchDirectory', () => {
  it('sorts by distance from the searched place and leaves out inactive services', () => {
    const names = searchDirectory(all, { ...base, origin: BERLIN }).map((h) => h.entry.service.name);
    expect(names).toEqual(['Berlin centre', 'Potsdam centre', 'Bavaria-wide', 'Munich centre', 'Online nationwide']);
  });

  it('gives distances in km and marks services responsible for the searched state', () => {
    const hits = searchDirectory(all, {
      ...base,
      origin: { lat: 48.14, lon: 11.58, state: 'DE-BY', label: 'München' },
    });
    const byName = new Map(hits.map((h) => [h.entry.service.name, h]));
    expect(byName.get('Munich centre')!.distanceKm).toBeLessThan(1);
    expect(byName.get('Berlin centre')!.distanceKm).toBeGreaterThan(490);
    expect(byName.get('Bavaria-wide')!.coversArea).toBe(true);
    expect(byName.get('Berlin centre')!.coversArea).toBe(false);
    expect(byName.get('Online nationwide')!.distanceKm).toBeNull();
  });

  it('drops far services beyond maxDistanceKm but keeps those responsible for the area', () => {
    const names = searchDirectory(all, {
      ...base,
      origin: { lat: 48.14, lon: 11.58, state: 'DE-BY', label: 'M' },
      maxDistanceKm: 50,
    }).map((h) => h.entry.service.name);
    expect(names).toEqual(['Munich centre', 'Bavaria-wide', 'Online nationwide']);
  });

  it('combines filter kinds with AND and values of one kind with OR', () => {
    const q = (p: Partial<SearchQuery>) =>
      searchDirectory(all, { ...base, ...p })
        .map((h) => h.entry.service.name)
        .sort();
    expect(q({ languages: ['ar'] })).toEqual(['Potsdam centre']);
    expect(q({ languages: ['ar', 'ti'] })).toEqual(['Online nationwide', 'Potsdam centre']);
    expect(q({ languages: ['ar'], targetGroups: ['women'] })).toEqual([]);
    expect(q({ exploitation: ['labour'], accessibility: ['step_free'] })).toEqual(['Munich centre']);
    // Accessibility needs are all required.
    expect(q({ accessibility: ['step_free', 'easy_language'] })).toEqual([]);
  });

  it('with a state only: located services first, then those responsible from elsewhere', () => {
    const names = searchDirectory(all, { ...base, state: 'DE-BY' }).map((h) => h.entry.service.name);
    expect(names).toEqual(['Bavaria-wide', 'Munich centre', 'Online nationwide']);
  });

  it('matches free text across name, organisation and description, accent-insensitively', () => {
    expect(searchDirectory(all, { ...base, text: 'MUNICH' }).map((h) => h.entry.service.name)).toEqual([
      'Munich centre',
    ]);
    expect(
      searchDirectory([entry({ name: 'Beratung Göttingen', at: [51.5, 9.9, 'DE-NI'] })], {
        ...base,
        text: 'gottingen',
      }),
    ).toHaveLength(1);
  });
});

describe('suggestRelaxation', () => {
  it('names the filter whose removal brings back the most results', () => {
    const q = { ...base, origin: BERLIN, languages: ['ar'], exploitation: ['labour' as const] };
    expect(searchDirectory(all, q)).toHaveLength(0);
    const r = suggestRelaxation(all, q);
    expect(r).toEqual({ kind: 'exploitation', values: ['labour'], count: 1 });
  });

  it('drops a whole kind of alternatives, but single accessibility needs', () => {
    const q = { ...base, accessibility: ['step_free' as const, 'easy_language' as const] };
    expect(suggestRelaxation(all, q)).toEqual({ kind: 'accessibility', values: ['easy_language'], count: 1 });
  });

  it('returns nothing when no single relaxation helps', () => {
    expect(suggestRelaxation(all, { ...base, languages: ['zh'], accessibility: ['easy_language'] })).toBeUndefined();
  });
});
