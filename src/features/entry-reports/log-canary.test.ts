/**
 * Neither a report's text, nor which entry a person reported, nor the search
 * a person came from reaches the application log — at its most verbose —
 * or the audit log: canaries go through every path of the form (stored,
 * refused, dropped, limited), the centre page's way back, and the staff
 * handling.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, postAs, postForm, signIn } from '../../../test/support/auth.ts';
import { giveCentreAnEntry } from '../../../test/support/entries.ts';
import { loggerOptions } from '../../platform/http/logging.ts';

const CANARY = {
  text: 'Kanarienmeldung Holunderweg 7q2x',
  place: 'Kanarienstadt',
  ip: '198.51.100.77',
};
const NEEDLES = [...Object.values(CANARY), 'Kanarienmeldung', 'Holunderweg', encodeURIComponent(CANARY.text)];

const lines: string[] = [];
const clock = fakeClock(new Date('2027-02-01T09:00:00Z'));
const t = appForFile(
  {},
  { clock, logger: { ...loggerOptions('trace'), stream: { write: (l: string) => lines.push(l) } } },
);

describe('error reports leave no trace in the logs', () => {
  it('never logs the report text, the reported entry or the search a person came from', async () => {
    const centre = await createCentre(t.app, 'Kanarienberatung');
    const entry = await giveCentreAnEntry(t.database, centre, 'Eintrag Kanarien');
    t.app.directory.invalidate();
    const lead = await signIn(t.app, await createUser(t.app, { role: 'centre_lead', centreId: centre }));
    lines.length = 0;

    const url = `/de/centres/${entry}/report`;
    const issued = async () => {
      const page = await t.app.inject({ url, remoteAddress: CANARY.ip });
      clock.advance(5000);
      return /name="issued" value="([^"]+)"/.exec(page.body)![1]!;
    };
    const send = async (fields: Record<string, string>) =>
      (await postForm(t.app, url, { kind: 'phone', issued: await issued(), ...fields }, {}, CANARY.ip)).statusCode;

    expect(await send({ message: CANARY.text })).toBe(303);
    expect(await send({ message: CANARY.text.repeat(100) })).toBe(400);
    expect(await send({ message: CANARY.text, website: CANARY.text })).toBe(303);
    expect(await send({ message: `${CANARY.text}\u0001` })).toBe(400);
    for (let i = 0; i < 6; i++) await send({ message: CANARY.text });
    expect(await send({ message: CANARY.text })).toBe(429);
    const back = await t.app.inject({
      url: `/de/centres/${entry}?from=${encodeURIComponent(`/de/search?q=${CANARY.place}`)}`,
      remoteAddress: CANARY.ip,
    });
    expect(back.statusCode).toBe(200);

    const list = await t.app.inject({ url: '/de/staff/reports', headers: { cookie: lead.cookie } });
    expect(list.body).toContain(CANARY.text);
    const id = /action="\/de\/staff\/reports\/([0-9a-f-]{36})\/handled"/.exec(list.body)![1]!;
    expect((await postAs(t.app, lead, `/de/staff/reports/${id}/handled`)).statusCode).toBe(303);

    expect(lines.length).toBeGreaterThan(0);
    const log = lines.join('\n');
    for (const needle of [...NEEDLES, entry]) expect(log, needle).not.toContain(needle);

    const audit = await sql<{ row: string }>`SELECT a::text AS row FROM audit_log a`.execute(t.database.db);
    const auditText = audit.rows.map((r) => r.row).join('\n');
    expect(auditText).toContain('entry_report.handled');
    for (const needle of NEEDLES) expect(auditText, needle).not.toContain(needle);
  });
});
