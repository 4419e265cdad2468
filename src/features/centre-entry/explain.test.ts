import { describe, expect, it } from 'vitest';
import { registerMessages } from '../../app.ts';
import { demoEntries } from '../demo/entries.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { explainProblem } from './explain.ts';
import { formFromEntry, validateEntryForm, type FieldProblem } from './form-model.ts';
import type { EntryForm } from './form-schema.ts';

registerMessages();

const published: DirectoryEntry = demoEntries(new Date('2026-03-01T12:00:00Z')).find(
  (e) => e.location && !e.location.address_protected && e.schedules.length >= 1,
)!;

/** The problems the entry schema finds in the published entry with `change` applied to its form. */
function problems(change: (f: EntryForm) => void): FieldProblem[] {
  const form = formFromEntry(published);
  change(form);
  const r = validateEntryForm(published, form);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

const only = (change: (f: EntryForm) => void, field: string) => {
  const found = problems(change).filter((p) => p.field === field);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('explaining schema problems in the reader’s language', () => {
  it('translates known problems with their values', () => {
    const postcode = only((f) => (f.postal_code = '99999'), 'postal_code');
    expect(postcode.message).toBe('99999 is not a German postcode');
    expect(explainProblem(postcode, 'de')).toBe('99999 ist keine deutsche Postleitzahl');

    const hours = only(
      (f) => (f.hours[0] = { days: ['MO'], opens: '18:00', closes: '09:00', note: '' }),
      'hours_0_closes',
    );
    expect(explainProblem(hours, 'de')).toBe('Ende 09:00 liegt nicht nach dem Beginn 18:00');

    const long = only((f) => (f.city = 'x'.repeat(201)), 'city');
    expect(long.message).toBe('is longer than 200 characters');
    expect(explainProblem(long, 'en')).toBe('is longer than 200 characters');
    expect(explainProblem(long, 'de')).toBe('ist länger als 200 Zeichen');

    const ages = only((f) => ((f.minimum_age = '30'), (f.maximum_age = '20')), 'maximum_age');
    expect(explainProblem(ages, 'de')).toBe('20 ist kleiner als das Mindestalter 30');
  });

  it('names a refused option and the limits zod reports, not its English words', () => {
    const option = only((f) => (f.targetGroups = ['aliens']), 'targetGroups');
    expect(explainProblem(option, 'de')).toBe('aliens ist keine der angebotenen Möglichkeiten');
    const email = only((f) => (f.email = 'not-an-address'), 'email');
    expect(explainProblem(email, 'de')).toBe('ist keine E-Mail-Adresse');
    const age = only((f) => (f.minimum_age = '121'), 'minimum_age');
    expect(explainProblem(age, 'de')).toBe('darf höchstens 120 sein');
  });

  it('shows a problem no rule names a message for unchanged rather than hiding it', () => {
    const unknown: FieldProblem = { field: '', message: 'something new the schema says', meaning: null, place: '' };
    expect(explainProblem(unknown, 'de')).toBe('something new the schema says');
  });
});
