import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { allDrafts, auditRows, demoCentre, entryBody, get, post, publishedEntry, signedIn } from './testing.ts';
import type { Staff } from './testing.ts';
import { TEXT_FIELDS } from './form-schema.ts';

let leadA: Staff;
let leadB: Staff;
let counsellorA: Staff;
let coordination: Staff;
const A = demoCentre('stuttgart');
const B = demoCentre('mannheim');

const t = appForFile();
beforeAll(async () => {
  leadA = await signedIn(t.app, 'centre_lead', A.id);
  leadB = await signedIn(t.app, 'centre_lead', B.id);
  counsellorA = await signedIn(t.app, 'counsellor', A.id);
  coordination = await signedIn(t.app, 'coordination');
});

const pendingOf = async (centreId: string) =>
  (await allDrafts(t.app)).filter((d) => d.centre_id === centreId && d.status === 'pending');

describe('a centre lead proposes changes to the centre’s entry', () => {
  it('sees the published entry of their own centre (no centre id in the URL)', async () => {
    const res = await get(t.app, leadA, '/de/staff/entry');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(A.name);
    expect(res.body).toContain(`/de/centres/${A.serviceId}`);
    expect(res.body).not.toContain(B.name);
  });

  it('gets the form pre-filled with the published values', async () => {
    const published = await publishedEntry(t.app, A.serviceId);
    const res = await get(t.app, leadA, '/de/staff/entry/edit');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`value="${published.service.email}"`);
    expect(res.body).toContain('name="hours_4_opens"'); // at least five opening-hour rows
    expect(res.body).toMatch(/<input type="hidden" name="_csrf" value="[^"]+"/);
  });

  it('an invalid proposal: 400, the form again with every error at its field, nothing written', async () => {
    const published = await publishedEntry(t.app, A.serviceId);
    const draftsBefore = await allDrafts(t.app);
    const auditBefore = await auditRows(t.app, 'directory.draft_submitted');
    const res = await post(
      t.app,
      leadA,
      '/de/staff/entry/edit',
      entryBody(published, (f) => {
        f.email = 'keine-adresse';
        f.postal_code = '99999';
        f.hours[1] = { days: ['MO'], opens: '18:00', closes: '09:00', note: '' };
      }),
    );
    expect(res.statusCode).toBe(400);
    const html = res.body;
    // The GOV.UK pattern: summary with links, then each error next to its field.
    expect(html).toContain('class="error-summary"');
    for (const [field, text] of [
      ['email', 'ist keine E-Mail-Adresse'],
      ['postal_code', '99999 ist keine deutsche Postleitzahl'],
      ['hours_1_closes', 'Ende 09:00 liegt nicht nach dem Beginn 18:00'],
    ] as const) {
      expect(html).toContain(`href="#f-${field}"`);
      expect(html).toMatch(
        new RegExp(`<p class="field-error" id="f-${field}-error">.*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
      expect(html).toMatch(
        new RegExp(`id="f-${field}"[^>]*aria-describedby="[^"]*f-${field}-error"[^>]*aria-invalid="true"`),
      );
    }
    // What the person typed is shown again, not the published value.
    expect(html).toContain('value="keine-adresse"');
    expect(html).toContain('<title>Fehler:');
    expect(await allDrafts(t.app)).toEqual(draftsBefore);
    expect(await auditRows(t.app, 'directory.draft_submitted')).toEqual(auditBefore);
  });

  it('an unknown field is refused as a whole (no mass assignment), nothing written', async () => {
    const published = await publishedEntry(t.app, A.serviceId);
    const before = await allDrafts(t.app);
    const extras: Record<string, string>[] = [
      { assured_date: '2030-01-01' },
      { name: 'Umbenannt' },
      { centre_id: B.id },
    ];
    for (const extra of extras) {
      const res = await post(t.app, leadA, '/de/staff/entry/edit', { ...entryBody(published), ...extra });
      expect(res.statusCode).toBe(400);
    }
    expect(await allDrafts(t.app)).toEqual(before);
  });

  it('a valid proposal becomes the pending draft, audited; a second one replaces it', async () => {
    const published = await publishedEntry(t.app, A.serviceId);
    const res = await post(
      t.app,
      leadA,
      '/de/staff/entry/edit',
      entryBody(published, (f) => (f.description = 'Erster Vorschlag.')),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/entry?done=submitted');
    const [first] = await pendingOf(A.id);
    expect(first).toBeDefined();

    const again = await post(
      t.app,
      leadA,
      '/de/staff/entry/edit',
      entryBody(published, (f) => (f.description = 'Zweiter Vorschlag.')),
    );
    expect(again.statusCode).toBe(303);
    const pending = await pendingOf(A.id);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.id).not.toBe(first!.id);
    expect((await allDrafts(t.app)).find((d) => d.id === first!.id)?.status).toBe('withdrawn');

    const rows = (await auditRows(t.app, 'directory.draft_submitted')).filter((r) => r.centre_id === A.id);
    expect(rows.map((r) => r.object_id)).toEqual([first!.id, pending[0]!.id]);
    expect(rows.every((r) => r.actor_id === leadA.user.id)).toBe(true);

    const page = await get(t.app, leadA, '/de/staff/entry?done=submitted');
    expect(page.body).toContain('Vorschlag wartet auf Prüfung');
    expect(page.body).toContain('Zweiter Vorschlag.');
    expect(page.body).toContain(`name="draft" value="${pending[0]!.id}"`);
  });

  it('the form then starts from the pending proposal', async () => {
    const res = await get(t.app, leadA, '/de/staff/entry/edit');
    expect(res.body).toContain('Zweiter Vorschlag.');
  });

  it('the lead of another centre neither sees nor withdraws it (404), and the draft stays', async () => {
    const [draftA] = await pendingOf(A.id);
    const page = await get(t.app, leadB, '/de/staff/entry');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(B.name);
    expect(page.body).not.toContain(draftA!.id);
    expect(page.body).not.toContain('Zweiter Vorschlag.');
    const res = await post(t.app, leadB, '/de/staff/entry/withdraw', { draft: draftA!.id });
    expect(res.statusCode).toBe(404);
    expect(await get(t.app, leadB, `/de/staff/review/${draftA!.id}`).then((r) => r.statusCode)).toBe(404);
    expect((await pendingOf(A.id)).map((d) => d.id)).toEqual([draftA!.id]);
  });

  it('the lead withdraws their pending proposal, audited', async () => {
    const [draftA] = await pendingOf(A.id);
    const res = await post(t.app, leadA, '/de/staff/entry/withdraw', { draft: draftA!.id });
    expect(res.statusCode).toBe(303);
    expect(await pendingOf(A.id)).toEqual([]);
    const rows = await auditRows(t.app, 'directory.draft_withdrawn');
    expect(rows).toEqual([
      expect.objectContaining({ centre_id: A.id, actor_id: leadA.user.id, object_id: draftA!.id }),
    ]);
    // Twice is once too many.
    expect((await post(t.app, leadA, '/de/staff/entry/withdraw', { draft: draftA!.id })).statusCode).toBe(404);
    expect((await post(t.app, leadA, '/de/staff/entry/withdraw', { draft: 'not-a-uuid' })).statusCode).toBe(404);
  });

  it('counsellors and the coordination office cannot edit a centre’s entry (404)', async () => {
    const published = await publishedEntry(t.app, A.serviceId);
    const before = await allDrafts(t.app);
    for (const who of [counsellorA, coordination]) {
      expect((await get(t.app, who, '/de/staff/entry')).statusCode).toBe(404);
      expect((await get(t.app, who, '/de/staff/entry/edit')).statusCode).toBe(404);
      expect((await post(t.app, who, '/de/staff/entry/edit', entryBody(published))).statusCode).toBe(404);
    }
    expect(await allDrafts(t.app)).toEqual(before);
  });

  it('a forged POST without the CSRF token is refused, nothing written', async () => {
    const published = await publishedEntry(t.app, A.serviceId);
    const before = await allDrafts(t.app);
    const res = await post(t.app, leadA, '/de/staff/entry/edit', { ...entryBody(published), _csrf: 'forged' });
    expect(res.statusCode).toBe(403);
    expect(await allDrafts(t.app)).toEqual(before);
  });

  it('two proposals at the same moment leave exactly one pending draft', async () => {
    const published = await publishedEntry(t.app, A.serviceId);
    const results = await Promise.all(
      ['Gleichzeitig 1.', 'Gleichzeitig 2.'].map((d) =>
        post(
          t.app,
          leadA,
          '/de/staff/entry/edit',
          entryBody(published, (f) => (f.description = d)),
        ),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([303, 303]);
    expect(await pendingOf(A.id)).toHaveLength(1);
  });

  it('any text in any field: a 303 or a 400, never a 500; a 400 writes nothing', async () => {
    const published = await publishedEntry(t.app, A.serviceId);
    const fields = [
      ...TEXT_FIELDS,
      'hours_0_opens',
      'hours_0_days',
      'phone_0_number',
      'phone_0_type',
      'languages',
      'targetGroups',
      'address_protected',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.constantFrom('-1', '1e3', '０', '\u0000', '99999', '24:00', 'xx', '<script>'),
        ),
        async (field, value) => {
          const before = await allDrafts(t.app);
          const res = await post(t.app, leadA, '/de/staff/entry/edit', { ...entryBody(published), [field]: value });
          expect([303, 400]).toContain(res.statusCode);
          if (res.statusCode === 400) expect(await allDrafts(t.app)).toEqual(before);
          expect(res.body).not.toContain('<script>');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a centre without a published entry is told so and cannot submit', async () => {
    const lead = await signedIn(t.app, 'centre_lead'); // a new centre, not linked to the directory
    const page = await get(t.app, lead, '/de/staff/entry');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('noch mit keinem Eintrag der Hilfesuche verbunden');
    expect((await get(t.app, lead, '/de/staff/entry/edit')).statusCode).toBe(303);
    const before = await allDrafts(t.app);
    expect(
      (await post(t.app, lead, '/de/staff/entry/edit', entryBody(await publishedEntry(t.app, A.serviceId)))).statusCode,
    ).toBe(409);
    expect(await allDrafts(t.app)).toEqual(before);
  });

  it('works in English too', async () => {
    const res = await get(t.app, leadA, '/en/staff/entry');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Our entry in the help finder');
  });
});
