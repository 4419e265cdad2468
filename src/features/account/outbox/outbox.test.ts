/** The outbox page: administrators only, bodies included, every read audited. */
import { describe, expect, it } from 'vitest';
import { appForFile } from '../../../../test/support/app.ts';
import { createUser, postAs, signIn } from '../../../../test/support/auth.ts';
import { scopeOf } from '../../../platform/auth/types.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { listOutbox } from '../../../platform/mail/queries.ts';
import { auditEvents } from '../test-support.ts';

const t = appForFile();

describe('/:lang/staff/outbox', () => {
  it('shows administrators every mail with its body — the way an invitation link reaches its recipient without SMTP', async () => {
    const admin = await createUser(t.app, { role: 'admin' });
    const s = await signIn(t.app, admin);
    expect(
      (await postAs(t.app, s, '/de/staff/users/invite', { email: 'outbox.test@example.org', role: 'coordination' }))
        .statusCode,
    ).toBe(303);
    const res = await t.app.inject({ method: 'GET', url: '/de/staff/outbox', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('outbox.test@example.org');
    expect(res.body).toMatch(/\/de\/staff\/invitation\/[A-Za-z0-9_-]{43}/);
    const e = (await auditEvents(t.app)).filter((x) => x.event === 'outbox.read').at(-1);
    expect(e).toMatchObject({ actor_id: admin.id, centre_id: null });
    expect(e?.details).toEqual({ count: 1 });
  });

  it('escapes what it shows', async () => {
    await t.app.database.db
      .insertInto('outbox_mail')
      .values({
        id: '00000000-0000-4000-8000-000000000001',
        recipient: '<b>x</b>@example.org',
        subject: '<script>alert(1)</script>',
        body_text: '<img src=x onerror=alert(1)>',
      })
      .execute();
    const s = await signIn(t.app, await createUser(t.app, { role: 'admin' }));
    const res = await t.app.inject({ method: 'GET', url: '/en/staff/outbox', headers: { cookie: s.cookie } });
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('is empty to the coordination office’s database scope even past the route’s policy; the administrators’ scope shows it', async () => {
    const admin = await signIn(t.app, await createUser(t.app, { role: 'admin' }));
    const email = 'outbox.scope@example.org';
    await postAs(t.app, admin, '/de/staff/users/invite', { email, role: 'coordination' });
    // What a coordination page would get if it listed the outbox by mistake: the scope its requests run in.
    const read = (role: 'admin' | 'coordination') =>
      withScope(t.app.database.db, scopeOf({ role, centreId: null }), (trx) => listOutbox(trx));
    expect(await read('coordination')).toEqual([]);
    expect((await read('admin')).map((m) => m.recipient)).toContain(email);
  });

  it('is not there for anyone else (404), and sends strangers to sign in', async () => {
    for (const role of ['coordination', 'centre_lead', 'counsellor'] as const) {
      const s = await signIn(t.app, await createUser(t.app, { role }));
      const res = await t.app.inject({ method: 'GET', url: '/de/staff/outbox', headers: { cookie: s.cookie } });
      expect(res.statusCode, role).toBe(404);
      expect(res.body).not.toContain('outbox.test@example.org');
    }
    expect((await t.app.inject({ method: 'GET', url: '/de/staff/outbox' })).statusCode).toBe(303);
  });
});
