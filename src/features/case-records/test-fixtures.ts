/**
 * Complete case records for tests (and the shape the demo generator fills):
 * every mandatory field answered, overridable field by field.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

export type CaseRecordRow = Insertable<DB['case_record']>;

/** A complete, consented, not yet released record of `centreId` in `year`. */
export function completeRecord(centreId: string, year: number, o: Partial<CaseRecordRow> = {}): CaseRecordRow {
  const at = new Date(`${year}-06-01T09:00:00Z`);
  return {
    id: randomUUID(),
    centre_id: centreId,
    status: 'complete',
    first_contact_year: year,
    first_contact_quarter: 2,
    consent_statistics: true,
    released_at: null,
    possibly_counted_elsewhere: 'no',
    trafficking_status: 'presumed',
    gender: 'female',
    age_at_first_contact: 24,
    age_unknown: false,
    minor_at_exploitation: 'no',
    unaccompanied_minor: 'not_applicable',
    citizenship: 'NG',
    country_of_recruitment: ['NG'],
    country_of_exploitation: ['DE'],
    exploitation_forms: ['sexual'],
    labour_sector: null,
    means_of_control: ['debt_bondage', 'spiritual_coercion'],
    recruiter_relation: 'intimate_partner',
    first_contact_online: 'no',
    exploitation_timing: ['during_flight', 'during_asylum'],
    asylum_stage: 'pending',
    residence_status_first: 'gestattung',
    residence_status_end: 'gestattung',
    referral_source: 'reception_centre',
    criminal_proceedings: 'none',
    support_provided: ['psychosocial', 'asylum_support'],
    created_at: at,
    updated_at: at,
    ...o,
  };
}
