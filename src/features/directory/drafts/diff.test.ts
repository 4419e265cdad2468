import { describe, expect, it } from 'vitest';
import { registerMessages } from '../../../app.ts';
import { demoEntries } from '../../demo/entries.ts';
import { diffEntries } from './diff.ts';

registerMessages();

const published = demoEntries(new Date('2026-03-01T12:00:00Z')).find((e) => e.location && e.languages.length > 2)!;

describe('diffEntries', () => {
  it('an identical entry has no changed field', () => {
    const diff = diffEntries(published, structuredClone(published), 'de');
    expect(diff.filter((d) => d.changed)).toEqual([]);
    expect(diff.length).toBeGreaterThan(10);
  });

  it('marks exactly the changed fields, with old and new values as people read them', () => {
    const proposed = structuredClone(published);
    proposed.service.email = 'neu@example.org';
    proposed.languages = [...proposed.languages, 'uk'].sort();
    proposed.location!.address_protected = true;
    const changed = diffEntries(published, proposed, 'de').filter((d) => d.changed);
    expect(changed.map((d) => d.field)).toEqual(['languages', 'email', 'address_protected']);
    expect(changed.find((d) => d.field === 'email')).toMatchObject({
      before: [published.service.email],
      after: ['neu@example.org'],
    });
    expect(changed.find((d) => d.field === 'languages')!.after).toContain('Ukrainisch');
    expect(changed.find((d) => d.field === 'address_protected')).toMatchObject({ before: ['nein'], after: ['ja'] });
  });

  it('order and row ids are no change (the database has its own order)', () => {
    const proposed = structuredClone(published);
    proposed.languages.reverse();
    proposed.phones = proposed.phones
      .map((p, i) => ({ ...p, id: `00000000-0000-4000-8000-00000000000${i}` }))
      .reverse();
    expect(diffEntries(published, proposed, 'en').filter((d) => d.changed)).toEqual([]);
  });
});
