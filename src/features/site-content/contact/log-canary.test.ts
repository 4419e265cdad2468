/**
 * Nothing a person writes through the contact form reaches the application
 * log — at its most verbose — or the audit log: canaries go through every
 * path of the form (stored, refused, dropped, limited) and the office's
 * reading and handling.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appForFile } from '../../../../test/support/app.ts';
import { createUser, fakeClock, postAs, postForm, signIn } from '../../../../test/support/auth.ts';
import { loggerOptions } from '../../../platform/http/logging.ts';

const CANARY = {
  name: 'Kanarienname Quittenhof',
  replyTo: 'kanarie-7q2x@example.org',
  subject: 'Kanarienbetreff Mispelgasse',
  message: 'Kanariennachricht Holunderweg 7q2x',
  ip: '198.51.100.78',
};
const NEEDLES = [...Object.values(CANARY), 'Kanarien', 'Holunderweg', '7q2x', encodeURIComponent(CANARY.message)];

const lines: string[] = [];
const clock = fakeClock(new Date('2027-02-01T09:00:00Z'));
const t = appForFile(
  {},
  { clock, logger: { ...loggerOptions('trace'), stream: { write: (l: string) => lines.push(l) } } },
);

describe('contact messages leave no trace in the logs', () => {
  it('never logs what a person wrote', async () => {
    const office = await signIn(t.app, await createUser(t.app, { role: 'coordination' }));
    lines.length = 0;
    const issued = async () => {
      const page = await t.app.inject({ url: '/de/contact', remoteAddress: CANARY.ip });
      clock.advance(10_000);
      return /name="issued" value="([^"]+)"/.exec(page.body)![1]!;
    };
    const fields = { name: CANARY.name, reply_to: CANARY.replyTo, subject: CANARY.subject, message: CANARY.message };
    const send = async (extra: Record<string, string> = {}) =>
      (await postForm(t.app, '/de/contact', { ...fields, issued: await issued(), ...extra }, {}, CANARY.ip)).statusCode;

    expect(await send()).toBe(303);
    expect(await send({ message: CANARY.message.repeat(200) })).toBe(400);
    expect(await send({ website: CANARY.message })).toBe(303);
    expect(await send({ subject: `${CANARY.subject}\u0001` })).toBe(400);
    for (let i = 0; i < 5; i++) await send();
    expect(await send()).toBe(429);

    const list = await t.app.inject({ url: '/de/staff/contact', headers: { cookie: office.cookie } });
    expect(list.body).toContain(CANARY.subject);
    const id = /href="\/de\/staff\/contact\/([0-9a-f-]{36})">Kanarienbetreff/.exec(list.body)![1]!;
    const one = await t.app.inject({ url: `/de/staff/contact/${id}`, headers: { cookie: office.cookie } });
    expect(one.body).toContain(CANARY.message);
    expect((await postAs(t.app, office, `/de/staff/contact/${id}/handled`)).statusCode).toBe(303);

    expect(lines.length).toBeGreaterThan(0);
    const log = lines.join('\n');
    for (const needle of NEEDLES) expect(log, needle).not.toContain(needle);

    const audit = await sql<{ row: string }>`SELECT a::text AS row FROM audit_log a`.execute(t.database.db);
    const auditText = audit.rows.map((r) => r.row).join('\n');
    expect(auditText).toContain('contact.handled');
    for (const needle of NEEDLES) expect(auditText, needle).not.toContain(needle);
  });
});
