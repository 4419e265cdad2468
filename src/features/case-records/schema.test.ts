/**
 * The record's rules without a database: drafts keep what is valid and
 * report the rest field by field; a complete record needs every answer
 * that applies; questions that do not apply get the vocabulary's value.
 */
import { describe, expect, it } from 'vitest';
import { answersOf, missingAnswers, readAnswers, type RawAnswers } from './schema.ts';

const now = new Date('2026-05-10T09:00:00Z');
const COMPLETE: RawAnswers = {
  first_contact_year: '2025',
  first_contact_quarter: '4',
  consent_statistics: 'no',
  possibly_counted_elsewhere: 'unknown',
  trafficking_status: 'police',
  gender: 'non_binary',
  age_at_first_contact: '',
  age_unknown: '1',
  minor_at_exploitation: 'unknown',
  unaccompanied_minor: 'separated',
  citizenship: 'xs',
  country_of_recruitment: ['XX'],
  country_of_exploitation: ['DE'],
  exploitation_forms: ['criminality', 'begging'],
  recruiter_relation: 'family',
  first_contact_online: 'no',
  exploitation_timing: ['not_applicable'],
  asylum_stage: 'none',
  residence_status_first: 'eu',
  residence_status_end: 'eu',
  referral_source: 'self',
  criminal_proceedings: 'unknown',
  support_provided: ['other'],
};
const fields = (r: ReturnType<typeof readAnswers>) => r.problems.map((p) => p.field);

describe('reading answers', () => {
  it('a complete record: codes normalised, lists in the vocabulary’s order, "none known" for no means of control', () => {
    const r = readAnswers(COMPLETE, { complete: true, now });
    expect(r.problems).toEqual([]);
    expect(r.values).toMatchObject({
      first_contact_year: 2025,
      consent_statistics: false,
      age_at_first_contact: null,
      age_unknown: true,
      citizenship: 'XS',
      exploitation_forms: ['begging', 'criminality'],
      means_of_control: [],
      labour_sector: null,
    });
    expect(missingAnswers(r.values)).toEqual([]);
    // Shown again, it reads the same.
    expect(readAnswers(answersOf(r.values), { complete: true, now }).values).toEqual(r.values);
  });

  it('a draft keeps what is valid, reports what is not, and asks for nothing', () => {
    const r = readAnswers(
      { gender: 'female', trafficking_status: 'maybe', first_contact_quarter: '5' },
      { complete: false, now },
    );
    expect(fields(r)).toEqual(['first_contact_quarter', 'trafficking_status']);
    expect(r.values.gender).toBe('female');
    expect(r.values.trafficking_status).toBeNull();
    expect(r.values.means_of_control).toBeNull();
  });

  it('a complete record names each missing answer, the conditional ones only when they apply', () => {
    const adult = readAnswers(
      { ...COMPLETE, age_unknown: '', age_at_first_contact: '40', gender: '' },
      { complete: true, now },
    );
    expect(fields(adult)).toEqual(['gender']);
    expect(adult.values.unaccompanied_minor).toBe('not_applicable');
    const minor = readAnswers(
      { ...COMPLETE, unaccompanied_minor: '', exploitation_forms: ['labour'] },
      { complete: true, now },
    );
    expect(fields(minor)).toEqual(['unaccompanied_minor', 'labour_sector']);
  });

  it('refuses what cannot be true', () => {
    const r = readAnswers(
      {
        first_contact_year: '2026',
        first_contact_quarter: '3',
        age_at_first_contact: '12',
        age_unknown: '1',
        citizenship: 'EU',
        country_of_recruitment: ['XS'],
        country_of_exploitation: ['XX', 'DE'],
        exploitation_timing: ['not_applicable', 'during_asylum'],
        consent_statistics: 'maybe',
      },
      { complete: false, now },
    );
    expect(fields(r)).toEqual([
      'first_contact_quarter',
      'consent_statistics',
      'age_at_first_contact',
      'citizenship',
      'country_of_recruitment',
      'country_of_exploitation',
      'exploitation_timing',
    ]);
    expect(r.problems.find((p) => p.field === 'first_contact_quarter')?.meaning.ref).toBe('caseRecords:problem.future');
  });
});
