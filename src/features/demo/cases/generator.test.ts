import { describe, expect, it } from 'vitest';
import { answersOf, readAnswers, recordFormBody, VALUE_FIELDS, type RecordValues } from '../../case-records/schema.ts';
import {
  recordsPerYear,
  skewedWeights,
  syntheticCases,
  type GenerateOptions,
  type SyntheticCase,
} from './generator.ts';

const NOW = new Date('2026-05-20T12:00:00Z');
const centres = skewedWeights(12, 3).map((weight, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  weight,
}));
const options: GenerateOptions = { seed: 42, from: 2016, to: 2025, count: 40_000, centres, now: NOW };
const sample = [...syntheticCases(options)];
const released = sample.filter((r) => r.released_at !== null);

/** Per cent of `rows` for which `f` holds. */
const share = (f: (r: SyntheticCase) => boolean, rows: readonly SyntheticCase[] = sample) =>
  (rows.filter(f).length / rows.length) * 100;

const WEST_AFRICA = new Set([
  'BJ',
  'BF',
  'CV',
  'CI',
  'GM',
  'GH',
  'GN',
  'GW',
  'LR',
  'ML',
  'MR',
  'NE',
  'NG',
  'SN',
  'SL',
  'TG',
]);

describe('syntheticCases', () => {
  it('is deterministic: the same options give the same records, another seed others', () => {
    const again = [...syntheticCases({ ...options, count: 500 })];
    expect(again).toEqual([...syntheticCases({ ...options, count: 500 })]);
    expect([...syntheticCases({ ...options, count: 500, seed: 43 })][0]!.id).not.toBe(again[0]!.id);
  });

  it('yields exactly count records, growing from year to year, with unique random ids', () => {
    expect(sample).toHaveLength(40_000);
    expect(new Set(sample.map((r) => r.id)).size).toBe(40_000);
    for (const r of sample.slice(0, 100))
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const perYear = recordsPerYear(40_000, 2016, 2025);
    expect([...perYear.values()].reduce((a, b) => a + b, 0)).toBe(40_000);
    for (let y = 2017; y <= 2025; y++) expect(perYear.get(y)!).toBeGreaterThan(perYear.get(y - 1)!);
    for (const [y, n] of perYear) expect(sample.filter((r) => r.first_contact_year === y)).toHaveLength(n);
  });

  it('anchors the published figures (case-record.md)', () => {
    expect(share((r) => WEST_AFRICA.has(r.citizenship!))).toBeGreaterThan(45);
    expect(share((r) => WEST_AFRICA.has(r.citizenship!))).toBeLessThan(55);
    const germany = share((r) => r.country_of_exploitation!.includes('DE'));
    expect(germany).toBeGreaterThanOrEqual(44);
    expect(germany).toBeLessThanOrEqual(47);
    const recruitedInGermany = share((r) => r.country_of_recruitment!.includes('DE'));
    expect(recruitedInGermany).toBeGreaterThan(15);
    expect(recruitedInGermany).toBeLessThan(19);
    const proceedings = share((r) => ['investigation', 'charges', 'trial'].includes(r.criminal_proceedings!), released);
    expect(proceedings).toBeGreaterThanOrEqual(29);
    expect(proceedings).toBeLessThanOrEqual(35);
    const support = (s: string) => share((r) => (r.support_provided as readonly string[]).includes(s), released);
    expect(support('psychosocial')).toBeGreaterThan(85);
    expect(support('psychosocial')).toBeLessThan(89);
    for (const s of ['accompaniment', 'asylum_support', 'crisis']) expect(support(s)).toBeGreaterThan(50);
    expect(support('pregnancy_children')).toBeGreaterThan(21);
    expect(support('pregnancy_children')).toBeLessThan(25);
    // Released of documented: 597 of 702 in the network's 2023 collection.
    expect(share((r) => r.released_at !== null)).toBeGreaterThan(82);
    expect(share((r) => r.released_at !== null)).toBeLessThan(88);
  });

  it('counsels mostly women, some minors; mostly sexual exploitation, then labour', () => {
    expect(share((r) => r.gender === 'female')).toBeGreaterThan(75);
    const minors = share((r) => r.age_at_first_contact !== null && r.age_at_first_contact < 18);
    expect(minors).toBeGreaterThan(5);
    expect(minors).toBeLessThan(15);
    const form = (f: string) => share((r) => (r.exploitation_forms as readonly string[]).includes(f));
    const others = ['begging', 'criminality', 'forced_marriage', 'organ_removal', 'other', 'unclear'].map(form);
    expect(form('sexual')).toBeGreaterThan(60);
    expect(form('labour')).toBeGreaterThan(Math.max(...others));
    expect(form('labour')).toBeLessThan(form('sexual'));
  });

  it('spreads records over centres of very different sizes, and more often meets people in the asylum procedure over the years', () => {
    const perCentre = centres.map((c) => sample.filter((r) => r.centre_id === c.id).length).sort((a, b) => b - a);
    expect(perCentre[0]! / perCentre.at(-1)!).toBeGreaterThan(5);
    const inProcedure = (y: number) =>
      share(
        (r) => ['not_filed', 'pending', 'dublin'].includes(r.asylum_stage!),
        sample.filter((r) => r.first_contact_year === y),
      );
    expect(inProcedure(2025)).toBeGreaterThan(inProcedure(2016) + 8);
  });

  it('keeps the record consistent: minors’ fields, labour sector, release, dates', () => {
    // Collected, not asserted one by one: 40,000 records × a dozen expectations would dominate the run.
    const broken = (r: SyntheticCase): string | null => {
      const age = r.age_at_first_contact;
      if (r.age_unknown !== (age === null)) return 'age_unknown';
      if (age !== null && age >= 18 && r.unaccompanied_minor !== 'not_applicable') return 'adult unaccompanied_minor';
      if (age !== null && age < 18 && (r.unaccompanied_minor === 'not_applicable' || r.minor_at_exploitation !== 'yes'))
        return 'minor fields';
      if ((r.labour_sector !== null) !== r.exploitation_forms!.includes('labour')) return 'labour_sector';
      if (r.released_at !== null) {
        if (r.status !== 'complete' || !r.consent_statistics) return 'released without consent or incomplete';
        if (r.released_at > NOW || r.updated_at < r.released_at) return 'release time';
      }
      if (r.created_at.getUTCFullYear() !== r.first_contact_year) return 'created_at year';
      if (Math.floor(r.created_at.getUTCMonth() / 3) + 1 !== r.first_contact_quarter) return 'created_at quarter';
      if (r.exploitation_timing!.includes('not_applicable') && r.exploitation_timing!.length > 1) return 'timing';
      return null;
    };
    expect(sample.map((r) => broken(r) && `${r.id}: ${broken(r)}`).filter(Boolean)).toEqual([]);
  });

  it('gives only records the case record’s rules accept: the form’s schema and every answer, drafts and complete', () => {
    const open = [...syntheticCases({ ...options, from: 2026, to: 2026, count: 3000, openYears: new Set([2026]) })];
    const records = [...sample.slice(0, 8000), ...open];
    expect(records.some((r) => r.status === 'draft')).toBe(true);
    const problems: string[] = [];
    for (const r of records) {
      const values = Object.fromEntries(VALUE_FIELDS.map((f) => [f, r[f]])) as RecordValues;
      const answers = answersOf(values);
      const body = recordFormBody.safeParse({ intent: r.status === 'complete' ? 'save' : 'draft', ...answers });
      if (!body.success) problems.push(`${r.id}: form ${body.error.issues[0]?.path.join('.')}`);
      const read = readAnswers(answers, { complete: r.status === 'complete', now: NOW });
      if (read.problems.length > 0) problems.push(`${r.id}: ${read.problems.map((p) => p.field).join(', ')}`);
      // What the form would store is exactly what the generator wrote.
      else if (JSON.stringify(read.values) !== JSON.stringify(values)) problems.push(`${r.id}: stored differently`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('in an open year, meets no one after now and releases fewer records', () => {
    const open = [...syntheticCases({ ...options, from: 2026, to: 2026, count: 2000, openYears: new Set([2026]) })];
    for (const r of open) {
      expect(r.first_contact_quarter).toBeLessThanOrEqual(2);
      expect(r.created_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(r.updated_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(share((r) => r.released_at !== null, open)).toBeLessThan(60);
    expect(share((r) => r.status === 'draft', open)).toBeGreaterThan(20);
  });

  it('refuses years in the future and centres without weight, and yields nothing without centres', () => {
    expect(() => [...syntheticCases({ ...options, to: 2027 })]).toThrow(/future/);
    expect(() => [...syntheticCases({ ...options, centres: [{ id: 'x', weight: 0 }] })]).toThrow(/weight/);
    expect([...syntheticCases({ ...options, centres: [] })]).toEqual([]);
    expect(() => recordsPerYear(10, 2020, 2019)).toThrow(/range/);
  });
});
