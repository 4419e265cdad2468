/**
 * One rule for "answers every mandatory question": case_record_answered
 * (migrations/0028) must agree with the CHECK that lets a record be
 * complete (migrations/0026, its lists since 0030) — for a record missing
 * each mandatory answer in turn, the database refuses it as complete, takes
 * it as a draft, and the rule says it is not answered; a full record is
 * answered. Runs on both databases.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createCentre } from '../../../test/support/auth.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { completeRecord, type CaseRecordRow } from '../case-records/test-fixtures.ts';

const t = appForFile();
let centre: string;
beforeAll(async () => {
  centre = await createCentre(t.app, 'Beratung Pflichtfelder');
});

const MISSING: Record<string, Partial<CaseRecordRow>> = {
  first_contact_year: { first_contact_year: null },
  first_contact_quarter: { first_contact_quarter: null },
  consent_statistics: { consent_statistics: null },
  possibly_counted_elsewhere: { possibly_counted_elsewhere: null },
  trafficking_status: { trafficking_status: null },
  gender: { gender: null },
  age: { age_at_first_contact: null, age_unknown: false },
  minor_at_exploitation: { minor_at_exploitation: null },
  unaccompanied_minor: { unaccompanied_minor: null },
  citizenship: { citizenship: null },
  'country_of_recruitment (none)': { country_of_recruitment: [] },
  // A list not answered at all (NULL) is missing too: `cardinality(NULL) > 0` is NULL, which a CHECK lets pass.
  'country_of_recruitment (NULL)': { country_of_recruitment: null },
  country_of_exploitation: { country_of_exploitation: [] },
  'country_of_exploitation (NULL)': { country_of_exploitation: null },
  'exploitation_forms (none)': { exploitation_forms: [] },
  'exploitation_forms (NULL)': { exploitation_forms: null },
  'labour_sector (labour)': { exploitation_forms: ['labour'], labour_sector: null },
  means_of_control: { means_of_control: null },
  recruiter_relation: { recruiter_relation: null },
  first_contact_online: { first_contact_online: null },
  exploitation_timing: { exploitation_timing: [] },
  'exploitation_timing (NULL)': { exploitation_timing: null },
  asylum_stage: { asylum_stage: null },
  residence_status_first: { residence_status_first: null },
  residence_status_end: { residence_status_end: null },
  referral_source: { referral_source: null },
  criminal_proceedings: { criminal_proceedings: null },
  'support_provided (none)': { support_provided: [] },
  'support_provided (NULL)': { support_provided: null },
};

const ANSWERED: Record<string, Partial<CaseRecordRow>> = {
  full: {},
  'no means of control': { means_of_control: [] },
  'age unknown': { age_at_first_contact: null, age_unknown: true, unaccompanied_minor: 'unaccompanied' },
  'labour with its sector': { exploitation_forms: ['labour'], labour_sector: 'C' },
};

async function answered(row: CaseRecordRow): Promise<boolean> {
  return withScope(t.app.database.db, { kind: 'centre', centreId: centre }, async (trx) => {
    await trx.insertInto('case_record').values(row).execute();
    const r = await sql<{ ok: boolean }>`
      SELECT case_record_answered(c) AS ok FROM case_record c WHERE c.id = ${row.id}`.execute(trx);
    return r.rows[0]!.ok;
  });
}

describe('case_record_answered and the complete-record CHECK', () => {
  it.each(Object.entries(MISSING))('without %s: refused as complete, a draft, not answered', async (_name, o) => {
    await expect(answered(completeRecord(centre, 2025, o))).rejects.toThrow(/case_record_complete/);
    expect(await answered(completeRecord(centre, 2025, { ...o, status: 'draft' }))).toBe(false);
  });

  it.each(Object.entries(ANSWERED))('%s: taken as complete, answered', async (_name, o) => {
    expect(await answered(completeRecord(centre, 2025, o))).toBe(true);
    expect(await answered(completeRecord(centre, 2025, { ...o, status: 'draft' }))).toBe(true);
  });
});
