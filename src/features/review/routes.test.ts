import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { verifyAuditLog } from '../../platform/audit/verify.ts';
import { withScope } from '../../platform/db/tenant.ts';
import {
  allDrafts,
  auditRows,
  demoCentre,
  entryBody,
  get,
  post,
  publishedEntry,
  signedIn,
  type Staff,
} from '../centre-entry/testing.ts';
import { berlinDate } from '../../platform/time/dates.ts';

let leadA: Staff;
let leadB: Staff;
let coordination: Staff;
let admin: Staff;
const A = demoCentre('stuttgart'); // verified 40 days ago
const B = demoCentre('mannheim'); // verified 410 days ago: overdue
const C = demoCentre('freiburg'); // verified 95 days ago

const t = appForFile();
beforeAll(async () => {
  leadA = await signedIn(t.app, 'centre_lead', A.id);
  leadB = await signedIn(t.app, 'centre_lead', B.id);
  coordination = await signedIn(t.app, 'coordination');
  admin = await signedIn(t.app, 'admin');
});

async function propose(lead: Staff, serviceId: string, change: Parameters<typeof entryBody>[1]): Promise<string> {
  const res = await post(
    t.app,
    lead,
    '/de/staff/entry/edit',
    entryBody(await publishedEntry(t.app, serviceId), change),
  );
  expect(res.statusCode).toBe(303);
  const pending = (await allDrafts(t.app)).filter((d) => d.status === 'pending' && d.centre_id === lead.user.centreId);
  expect(pending).toHaveLength(1);
  return pending[0]!.id;
}

const centreLink = (centreId: string) =>
  withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('centre').select('service_id').where('id', '=', centreId).executeTakeFirstOrThrow(),
  );

describe('the coordination office reviews proposals', () => {
  let draftA = '';

  it('a submitted proposal appears in the queue with centre, time and person', async () => {
    draftA = await propose(leadA, A.serviceId, (f) => {
      f.description = 'Neu: Beratung auch samstags.';
      f.email = 'neu-stuttgart@example.org';
    });
    const res = await get(t.app, coordination, '/de/staff/review');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/de/staff/review/${draftA}"`);
    expect(res.body).toContain(A.name);
    expect(res.body).toContain('Test Person');
  });

  it('shows the difference to the published version field by field', async () => {
    const published = await publishedEntry(t.app, A.serviceId);
    const res = await get(t.app, coordination, `/de/staff/review/${draftA}`);
    expect(res.statusCode).toBe(200);
    const changedRows = [...res.body.matchAll(/<tbody class="changed"><tr><th scope="rowgroup"[^>]*>([^<]+)/g)].map(
      (m) => m[1]!.trim(),
    );
    expect(changedRows).toEqual(['Beschreibung des Angebots', 'E-Mail']);
    expect(res.body).toContain(published.service.email!);
    expect(res.body).toContain('neu-stuttgart@example.org');
    expect(res.body).toMatch(/<details class="unchanged"><summary>11 Angaben unverändert<\/summary>/);
  });

  it('only the coordination office may review; unknown ids are 404', async () => {
    for (const who of [leadA, leadB, admin]) {
      expect((await get(t.app, who, '/de/staff/review')).statusCode).toBe(404);
      expect((await get(t.app, who, `/de/staff/review/${draftA}`)).statusCode).toBe(404);
      expect((await post(t.app, who, `/de/staff/review/${draftA}/accept`)).statusCode).toBe(404);
    }
    expect((await get(t.app, coordination, '/de/staff/review/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
    expect((await get(t.app, coordination, '/de/staff/review/nonsense')).statusCode).toBe(404);
    expect(
      (await post(t.app, coordination, '/de/staff/review/00000000-0000-4000-8000-000000000000/accept')).statusCode,
    ).toBe(404);
    expect((await allDrafts(t.app)).find((d) => d.id === draftA)?.status).toBe('pending');
  });

  it('accepting publishes the change in the public finder, verified today, audited in the centre’s chain', async () => {
    const res = await post(t.app, coordination, `/de/staff/review/${draftA}/accept`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/review?done=accepted');

    const page = await t.app.inject({ method: 'GET', url: `/de/centres/${A.serviceId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Neu: Beratung auch samstags.');
    const entry = await publishedEntry(t.app, A.serviceId);
    expect(entry.service.email).toBe('neu-stuttgart@example.org');
    expect(entry.service.assured_date).toBe(berlinDate(t.app.clock.now()));
    expect(entry.service.name).toBe(A.name);
    // Publishing replaces the service row; the centre stays linked to it.
    expect((await centreLink(A.id)).service_id).toBe(A.serviceId);

    expect((await allDrafts(t.app)).find((d) => d.id === draftA)?.status).toBe('accepted');
    expect(await auditRows(t.app, 'directory.draft_accepted')).toEqual([
      expect.objectContaining({ centre_id: A.id, actor_id: coordination.user.id, object_id: draftA }),
    ]);
    // A decision is final.
    expect((await post(t.app, coordination, `/de/staff/review/${draftA}/accept`)).statusCode).toBe(409);

    const lead = await get(t.app, leadA, '/de/staff/entry');
    expect(lead.body).toContain('Ihr letzter Vorschlag wurde am');
  });

  it('returning needs a comment; with one, the lead reads it on their entry page', async () => {
    const draftB = await propose(leadB, B.serviceId, (f) => (f.website = 'https://example.org/neu'));
    const auditBefore = await auditRows(t.app, 'directory.draft_returned');
    const empty = await post(t.app, coordination, `/de/staff/review/${draftB}/return`, { comment: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('class="error-summary"');
    expect(empty.body).toMatch(
      /id="f-comment"[^>]*aria-describedby="f-comment-hint f-comment-error"[^>]*aria-invalid="true"/,
    );
    expect((await allDrafts(t.app)).find((d) => d.id === draftB)?.status).toBe('pending');
    expect(await auditRows(t.app, 'directory.draft_returned')).toEqual(auditBefore);
    // No other fields (no mass assignment).
    expect(
      (await post(t.app, coordination, `/de/staff/review/${draftB}/return`, { comment: 'x', status: 'accepted' }))
        .statusCode,
    ).toBe(400);

    const comment = 'Bitte die neue Website noch einmal prüfen <b>danke</b>.';
    const res = await post(t.app, coordination, `/de/staff/review/${draftB}/return`, { comment });
    expect(res.statusCode).toBe(303);
    const draft = (await allDrafts(t.app)).find((d) => d.id === draftB)!;
    expect(draft).toMatchObject({ status: 'returned', review_comment: comment });
    const rows = await auditRows(t.app, 'directory.draft_returned');
    expect(rows).toEqual([
      expect.objectContaining({ centre_id: B.id, actor_id: coordination.user.id, object_id: draftB }),
    ]);
    // The comment is free text: it stays with the draft, never in the audit log.
    expect(JSON.stringify(rows)).not.toContain('Website');

    const page = await get(t.app, leadB, '/de/staff/entry');
    expect(page.body).toContain('Vorschlag mit Rückfrage zurückgegeben');
    expect(page.body).toContain('Bitte die neue Website noch einmal prüfen &lt;b>danke&lt;/b>.');
    // The other centre's lead does not see it.
    expect((await get(t.app, leadA, '/de/staff/entry')).body).not.toContain('neue Website');
    // Revising starts from the returned proposal.
    expect((await get(t.app, leadB, '/de/staff/entry/edit')).body).toContain('value="https://example.org/neu"');
  });

  it('lists entries not verified for 12 months, oldest first', async () => {
    const res = await get(t.app, coordination, '/de/staff/review/overdue');
    expect(res.statusCode).toBe(200);
    const names = [...res.body.matchAll(/<th scope="row"><a href="\/de\/centres\/[^"]+">([^<]+)<\/a>/g)].map(
      (m) => m[1]!,
    );
    expect(names).toContain(B.name);
    expect(names).not.toContain(A.name);
    expect(names).not.toContain(C.name);
    const snapshot = await t.app.directory.get();
    const dates = names.map((n) => snapshot.entries.find((e) => e.service.name === n)!.service.assured_date ?? '');
    expect(dates).toEqual([...dates].sort());
    expect((await get(t.app, leadA, '/de/staff/review/overdue')).statusCode).toBe(404);
  });

  it('any comment or draft id: a clear 4xx or a redirect, never a 500', async () => {
    const draft = await propose(leadA, A.serviceId, (f) => (f.description = 'Fuzz.'));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.constant('\u0000'),
          fc.constant('x'.repeat(2001)),
        ),
        async (text) => {
          const ret = await post(t.app, coordination, `/de/staff/review/${draft}/return`, { comment: text });
          expect([303, 400, 409]).toContain(ret.statusCode);
          const byId = await get(t.app, coordination, `/de/staff/review/${encodeURIComponent(text)}`);
          // 400: a zero byte in the path is refused before routing (platform/http/input-guard.ts).
          expect(text.includes('\u0000') ? [400] : [200, 404, 414]).toContain(byId.statusCode);
          const withdraw = await post(t.app, leadA, '/de/staff/entry/withdraw', { draft: text });
          expect([303, 400, 404]).toContain(withdraw.statusCode);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('every edit and review is in an intact audit chain', async () => {
    expect(new Set((await auditRows(t.app, 'directory.draft_submitted')).map((r) => r.centre_id))).toEqual(
      new Set([A.id, B.id]),
    );
    const chains = await verifyAuditLog(t.app.database.db, t.app.keys.audit);
    expect(chains.map((c) => c.chain)).toEqual(
      expect.arrayContaining([expect.stringContaining(A.id), expect.stringContaining(B.id)]),
    );
    expect(chains.filter((c) => !c.ok)).toEqual([]);
  });
});
