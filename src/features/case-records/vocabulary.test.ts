/**
 * The vocabulary and the database agree (migrations/0026): every field's
 * codes are exactly the codes its CHECK constraint allows, the country
 * table holds exactly the codes and regions of COUNTRIES_BY_REGION, and the
 * HTCDS mapping names every code of the fields it maps.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import type { DB } from '../../platform/db/schema.ts';
import {
  AGE_BANDS,
  EXPLOITATION_FORMS,
  EXPLOITATION_TIMING,
  SUPPORT_PROVIDED,
  type ASYLUM_STAGES,
  type CRIMINAL_PROCEEDINGS,
  type GENDERS,
  MEANS_OF_CONTROL,
  type RECRUITER_RELATIONS,
  type REFERRAL_SOURCES,
  type RESIDENCE_STATUSES,
  type TRAFFICKING_STATUSES,
  type UNACCOMPANIED_MINOR,
  type YES_NO_UNKNOWN,
  type CountryField,
  type MultiChoiceField,
  type SingleChoiceField,
  AGE_RANGE,
  ageBand,
  asksLabourSector,
  asksMinorQuestions,
  CITIZENSHIP_CODES,
  CONDITIONAL,
  COUNTRIES_BY_REGION,
  COUNTRY_FIELDS,
  HTCDS,
  LABOUR_SECTORS,
  MULTI_CHOICE,
  PLACE_CODES,
  QUARTERS,
  RECORD_STATUSES,
  REGION_OF,
  REGIONS,
  SINGLE_CHOICE,
  STATELESS,
  UNKNOWN_COUNTRY,
  YEAR_RANGE,
} from './vocabulary.ts';

/** Compile-time: the lists are exactly the column types the generated schema reads from the CHECKs. */
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type Column<F extends keyof DB['case_record']> = NonNullable<DB['case_record'][F]>;
const SAME_AS_SCHEMA: Record<string, true> = {
  possibly_counted_elsewhere: true satisfies Equal<
    (typeof YES_NO_UNKNOWN)[number],
    Column<'possibly_counted_elsewhere'>
  >,
  trafficking_status: true satisfies Equal<(typeof TRAFFICKING_STATUSES)[number], Column<'trafficking_status'>>,
  gender: true satisfies Equal<(typeof GENDERS)[number], Column<'gender'>>,
  unaccompanied_minor: true satisfies Equal<(typeof UNACCOMPANIED_MINOR)[number], Column<'unaccompanied_minor'>>,
  recruiter_relation: true satisfies Equal<(typeof RECRUITER_RELATIONS)[number], Column<'recruiter_relation'>>,
  asylum_stage: true satisfies Equal<(typeof ASYLUM_STAGES)[number], Column<'asylum_stage'>>,
  residence_status_first: true satisfies Equal<(typeof RESIDENCE_STATUSES)[number], Column<'residence_status_first'>>,
  referral_source: true satisfies Equal<(typeof REFERRAL_SOURCES)[number], Column<'referral_source'>>,
  criminal_proceedings: true satisfies Equal<(typeof CRIMINAL_PROCEEDINGS)[number], Column<'criminal_proceedings'>>,
};

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

/** The CHECK constraints of case_record's column, as the catalogue prints them. */
async function checksOf(column: string): Promise<string[]> {
  const r = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    WHERE c.conrelid = 'case_record'::regclass AND c.contype = 'c' AND a.attname = ${column}
      AND cardinality(c.conkey) = 1`.execute(database.db);
  return r.rows.map((x) => x.def);
}

/** The quoted codes of the column's one list constraint. */
async function codesOf(column: string): Promise<string[]> {
  const defs = await checksOf(column);
  expect(defs, column).toHaveLength(1);
  return [...defs[0]!.matchAll(/'([^']+)'::text/g)].map((m) => m[1]!);
}

describe('the vocabulary matches the database', () => {
  it('single-choice fields: the same codes in the same order', async () => {
    for (const [field, codes] of Object.entries(SINGLE_CHOICE)) {
      if (field === 'labour_sector') continue;
      expect(await codesOf(field), field).toEqual([...codes]);
    }
    expect(await codesOf('status')).toEqual([...RECORD_STATUSES]);
  });

  it('the single-choice lists are the schema’s types, and every field is a column', () => {
    expect(Object.keys(SAME_AS_SCHEMA).every((f) => f in SINGLE_CHOICE)).toBe(true);
    const fields: (SingleChoiceField | MultiChoiceField | CountryField)[] = [
      ...(Object.keys(SINGLE_CHOICE) as SingleChoiceField[]),
      ...(Object.keys(MULTI_CHOICE) as MultiChoiceField[]),
      ...(Object.keys(COUNTRY_FIELDS) as CountryField[]),
    ];
    expect(new Set(fields).size).toBe(fields.length);
    expect(MULTI_CHOICE.means_of_control).toBe(MEANS_OF_CONTROL);
  });

  it('multi-choice fields: the same codes in the same order', async () => {
    for (const [field, codes] of Object.entries(MULTI_CHOICE)) expect(await codesOf(field), field).toEqual([...codes]);
  });

  it('the statistics count every option of the multi-choice fields, in the vocabulary’s order', async () => {
    // case_record_cells (migrations/0029) spells out the options it splits the lists into.
    const r = await sql<{ src: string }>`SELECT prosrc AS src FROM pg_proc WHERE proname = 'case_record_cells'`.execute(
      database.db,
    );
    expect(r.rows).toHaveLength(1);
    const counted = Object.fromEntries(
      [...r.rows[0]!.src.matchAll(/SELECT '(\w+)\.' \|\| o[\s\S]*?unnest\(ARRAY\[([^\]]+)\]\)/g)].map((m) => [
        m[1]!,
        [...m[2]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!),
      ]),
    );
    expect(counted).toEqual({
      exploitation_form: [...EXPLOITATION_FORMS],
      exploitation_timing: [...EXPLOITATION_TIMING],
      support_provided: [...SUPPORT_PROVIDED],
    });
  });

  it('labour sectors, quarters, years and ages have the database’s bounds', async () => {
    expect(LABOUR_SECTORS.join('')).toBe('ABCDEFGHIJKLMNOPQRSTU');
    expect(await checksOf('labour_sector')).toEqual([expect.stringContaining("'^[A-U]$'")]);
    expect(await checksOf('first_contact_quarter')).toEqual([
      expect.stringMatching(new RegExp(`>= ${QUARTERS[0]}\\).*<= ${QUARTERS[3]}\\)`)),
    ]);
    expect(await checksOf('first_contact_year')).toEqual([
      expect.stringMatching(new RegExp(`>= ${YEAR_RANGE.min}\\).*<= ${YEAR_RANGE.max}\\)`)),
    ]);
    expect(await checksOf('age_at_first_contact')).toEqual([
      expect.stringMatching(new RegExp(`>= ${AGE_RANGE.min}\\).*<= ${AGE_RANGE.max}\\)`)),
    ]);
  });

  it('the country table holds exactly the vocabulary’s codes and regions', async () => {
    const rows = await database.db.selectFrom('country_region').select(['code', 'region']).orderBy('code').execute();
    expect(rows.map((r) => [r.code, r.region])).toEqual(CITIZENSHIP_CODES.map((c) => [c, REGION_OF.get(c)]));
    const regions = await sql<{ def: string }>`
      SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = 'country_region'::regclass AND contype = 'c' AND conname = 'country_region_region_check'`.execute(
      database.db,
    );
    expect([...regions.rows[0]!.def.matchAll(/'([^']+)'::text/g)].map((m) => m[1])).toEqual([...REGIONS]);
  });
});

describe('countries', () => {
  it('249 ISO codes plus Kosovo, unknown and stateless; no code twice', () => {
    const all = Object.values(COUNTRIES_BY_REGION).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(252);
    expect(REGION_OF.get('DE')).toBe('germany');
    expect(REGION_OF.get('NG')).toBe('west_africa');
    expect(REGION_OF.get(UNKNOWN_COUNTRY)).toBe('stateless_unknown');
    expect(REGION_OF.get(STATELESS)).toBe('stateless_unknown');
  });

  it('a place may be unknown but never stateless; only citizenship takes one code', () => {
    expect(PLACE_CODES).toContain(UNKNOWN_COUNTRY);
    expect(PLACE_CODES).not.toContain(STATELESS);
    expect(CITIZENSHIP_CODES).toContain(STATELESS);
    expect(Object.entries(COUNTRY_FIELDS).filter(([, k]) => k === 'single')).toEqual([['citizenship', 'single']]);
  });

  it('every ISO code has a name in German and English', () => {
    for (const lang of ['de', 'en']) {
      const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
      for (const c of PLACE_CODES) if (c !== UNKNOWN_COUNTRY) expect(names.of(c), `${lang} ${c}`).toBeTruthy();
    }
  });
});

describe('conditional fields and age bands', () => {
  it('asks the minors’ question below 18 or when the age is unknown', () => {
    expect(asksMinorQuestions(17, false)).toBe(true);
    expect(asksMinorQuestions(18, false)).toBe(false);
    expect(asksMinorQuestions(null, true)).toBe(true);
    expect(asksMinorQuestions(null, false)).toBe(true);
    expect(CONDITIONAL.unaccompanied_minor.otherwise).toBe('not_applicable');
  });

  it('asks the labour sector only for labour exploitation', () => {
    expect(asksLabourSector(['sexual', 'labour'])).toBe(true);
    expect(asksLabourSector(['sexual'])).toBe(false);
    expect(asksLabourSector(null)).toBe(false);
    expect(CONDITIONAL.labour_sector.otherwise).toBeNull();
  });

  it('bands ages at their bounds', () => {
    const bands = [0, 13, 14, 17, 18, 20, 21, 29, 30, 39, 40, 99].map((a) => ageBand(a, false));
    expect(bands).toEqual([
      '0-13',
      '0-13',
      '14-17',
      '14-17',
      '18-20',
      '18-20',
      '21-29',
      '21-29',
      '30-39',
      '30-39',
      '40+',
      '40+',
    ]);
    expect(ageBand(null, true)).toBe('unknown');
    expect(new Set(bands.concat('unknown'))).toEqual(new Set(AGE_BANDS));
  });
});

describe('the HTCDS mapping', () => {
  it('maps exactly the codes of every field it names, to standard field names', () => {
    const codesOfField: Record<string, readonly string[]> = { ...SINGLE_CHOICE, ...MULTI_CHOICE };
    for (const [field, targets] of Object.entries(HTCDS)) {
      for (const t of targets ?? []) {
        expect(t.field, field).toMatch(/^(prs|vic|hte|con)_[A-Z][A-Za-z]+$/);
        if (t.values) expect(Object.keys(t.values).sort(), field).toEqual([...codesOfField[field]!].sort());
      }
    }
    expect(HTCDS.trafficking_status?.map((t) => t.values?.court)).toEqual([
      'ActualVictimOfTrafficking',
      'CourtOrProsecution',
    ]);
  });
});
