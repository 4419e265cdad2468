import { describe, expect, it } from 'vitest';
import { demoEntries } from '../demo/entries.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { entrySchema } from '../directory-io/entry-schema.ts';
import { lookupPostcode } from '../geo/postcodes.ts';
import { applyEdits } from '../directory/drafts/editable.ts';
import { bodyFromForm, entryFormBody, formFromBody, hourField, phoneField, type EntryForm } from './form-schema.ts';
import { draftFromForm, formFromEntry, validateEntryForm } from './form-model.ts';

const entries = demoEntries(new Date('2026-03-01T12:00:00Z'));
/** A demo entry with a public address, two phones and office hours. */
const published: DirectoryEntry = entries.find(
  (e) => e.location && !e.location.address_protected && e.phones.length === 2 && e.schedules.length >= 3,
)!;

/** Post a form the way a browser would, then parse it back like the server. */
function roundTrip(form: EntryForm): EntryForm {
  const parsed = entryFormBody.parse(bodyFromForm(form)) as Record<string, string | string[] | undefined>;
  return formFromBody(parsed);
}

const withForm = (change: (f: EntryForm) => void) => {
  const f = roundTrip(formFromEntry(published));
  change(f);
  return f;
};

const problemsOf = (f: EntryForm) => {
  const r = validateEntryForm(published, f);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

describe('entry form ↔ directory entry', () => {
  it('an unchanged form gives back exactly the published entry', () => {
    expect(published).toBeDefined();
    const r = validateEntryForm(published, roundTrip(formFromEntry(published)));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.entry).toEqual(published);
  });

  it('takes the editable fields from the form and keeps everything else', () => {
    const f = withForm((f) => {
      f.description = '  Neue Beschreibung.  ';
      f.email = 'neu@example.org';
      f.targetGroups = ['minors', 'women'];
      f.minimum_age = '16';
    });
    const r = validateEntryForm(published, f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entry.service.description).toBe('Neue Beschreibung.');
    expect(r.entry.service.email).toBe('neu@example.org');
    expect(r.entry.service.minimum_age).toBe(16);
    // In the vocabulary's order, as the database returns them.
    expect(r.entry.targetGroups).toEqual(['women', 'minors']);
    expect(r.entry.service.name).toBe(published.service.name);
    expect(r.entry.organization).toEqual(published.organization);
    expect(r.entry.areas).toEqual(published.areas);
    expect(r.entry.service.assured_date).toBe(published.service.assured_date);
  });

  it('checkbox order does not matter: lists come back in the stored order', () => {
    const f = withForm((f) => (f.languages = [...f.languages].reverse()));
    const r = validateEntryForm(published, f);
    expect(r.ok && r.entry.languages).toEqual(published.languages);
  });

  it('a protected address loses its street and shows the postcode centre', () => {
    const r = validateEntryForm(
      published,
      withForm((f) => (f.address_protected = true)),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const pc = lookupPostcode(published.location!.address.postal_code)!;
    expect(r.entry.location).toMatchObject({
      address_protected: true,
      latitude: pc.lat,
      longitude: pc.lon,
      transportation: null,
    });
    expect(r.entry.location!.address.address_1).toBeNull();
  });

  it('a moved address gets the new postcode centre and state', () => {
    const r = validateEntryForm(
      published,
      withForm((f) => ((f.postal_code = '04109'), (f.city = ''))),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const pc = lookupPostcode('04109')!;
    expect(r.entry.location).toMatchObject({ latitude: pc.lat, longitude: pc.lon });
    expect(r.entry.location!.address).toMatchObject({
      postal_code: '04109',
      state_province: 'DE-SN',
      city: pc.places[0],
    });
  });

  it('an empty address makes an online-only entry', () => {
    const r = validateEntryForm(
      published,
      withForm((f) => ((f.address_1 = ''), (f.postal_code = ''), (f.city = ''))),
    );
    expect(r.ok && r.entry.location).toBeNull();
  });

  it('rows keep their ids by position, new rows get fresh distinct ids, blank rows are skipped', () => {
    const f = withForm((f) => {
      f.phones = [
        f.phones[0]!,
        { number: '', type: 'voice', description: '' },
        f.phones[1]!,
        { number: '+49 30 1234567', type: 'cell', description: '' },
      ];
    });
    const r = validateEntryForm(published, f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entry.phones.map((p) => p.id).slice(0, 2)).toEqual(published.phones.map((p) => p.id));
    expect(new Set(r.entry.phones.map((p) => p.id)).size).toBe(3);
  });
});

describe('entry form validation = the import’s rules, each problem at its field', () => {
  it('names the form field of every problem, counting rows as the person sees them', () => {
    const problems = problemsOf(
      withForm((f) => {
        f.email = 'not-an-address';
        f.website = 'ftp://example.org';
        f.postal_code = '99999';
        f.minimum_age = 'zwölf';
        f.targetGroups = ['women', 'aliens'];
        f.hours = [
          f.hours[0]!,
          { days: [], opens: '', closes: '', note: '' },
          { days: ['MO'], opens: '18:00', closes: '09:00', note: '' },
          { days: [], opens: '10:00', closes: '12:00', note: '' },
        ];
        f.phones = [
          { number: '', type: 'voice', description: '' },
          { number: 'call me', type: 'voice', description: '' },
        ];
      }),
    );
    const fields = problems.map((p) => p.field).sort();
    expect(fields).toEqual(
      [
        'email',
        'website',
        'postal_code',
        'minimum_age',
        'targetGroups',
        hourField(2, 'closes'),
        hourField(3, 'days'),
        phoneField(1, 'number'),
      ].sort(),
    );
    expect(problems.find((p) => p.field === 'postal_code')!.message).toBe('99999 is not a German postcode');
  });

  it('reports exactly the messages the import schema reports for the same draft', () => {
    const f = withForm((f) => {
      f.email = 'x';
      f.minimum_age = '30';
      f.maximum_age = '20';
    });
    const direct = entrySchema.safeParse(draftFromForm(published, f).input);
    expect(direct.success).toBe(false);
    const viaForm = problemsOf(f)
      .map((p) => p.message)
      .sort();
    expect(viaForm).toEqual(direct.error!.issues.map((i) => i.message).sort());
    expect(problemsOf(f).find((p) => p.field === 'maximum_age')?.message).toBe('20 is below minimum_age 30');
  });
});

describe('the form body schema', () => {
  it('refuses unknown fields (no mass assignment)', () => {
    expect(entryFormBody.safeParse({ description: 'x', assured_date: '2030-01-01' }).success).toBe(false);
    expect(entryFormBody.safeParse({ 'service.name': 'x' }).success).toBe(false);
    expect(entryFormBody.safeParse({ [hourField(10, 'opens')]: '09:00' }).success).toBe(false);
  });

  it('refuses a repeated single-value field and oversized values', () => {
    expect(entryFormBody.safeParse({ email: ['a@example.org', 'b@example.org'] }).success).toBe(false);
    expect(entryFormBody.safeParse({ description: 'x'.repeat(25_001) }).success).toBe(false);
    expect(entryFormBody.safeParse({ languages: Array.from({ length: 61 }, () => 'de') }).success).toBe(false);
  });

  it('accepts the CSRF field and a single checkbox as a one-item list', () => {
    const body = entryFormBody.parse({ _csrf: 'abc', languages: 'de' }) as Record<
      string,
      string | string[] | undefined
    >;
    expect(formFromBody(body).languages).toEqual(['de']);
  });
});

describe('applyEdits', () => {
  it('lays only the centre-editable parts over the published entry', () => {
    const other = entries.find((e) => e.service.id !== published.service.id)!;
    const merged = applyEdits(published, other);
    expect(merged.service.name).toBe(published.service.name);
    expect(merged.organization).toBe(published.organization);
    expect(merged.areas).toBe(published.areas);
    expect(merged.service.description).toBe(other.service.description);
    expect(merged.phones).toBe(other.phones);
  });
});
