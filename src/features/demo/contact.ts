/**
 * Demo contact messages, so the office's inbox (and its start-page panel)
 * shows something in the preview: one about a demo project, one general.
 * Written in the anonymous 'auth' scope like the public form; fixed ids
 * make a second run write nothing. Invented words, no real person.
 */
import { sql } from 'kysely';
import { setScopeSettings, type Tx } from '../../platform/db/tenant.ts';

const HOUR = 60 * 60_000;

const MESSAGES = [
  {
    id: '5c0e1a2b-0d43-4f6e-9a11-7d2c3b4a5e01',
    hoursAgo: 3,
    name: 'Beispiel Person',
    replyTo: 'beispiel@example.org',
    subject: 'Fortbildung für unser Team',
    message: 'Guten Tag,\nbieten Sie im Herbst eine Fortbildung für Mitarbeitende von Wohnheimen an?\nViele Grüße',
  },
  {
    id: '5c0e1a2b-0d43-4f6e-9a11-7d2c3b4a5e02',
    hoursAgo: 26,
    name: null,
    replyTo: null,
    subject: 'Frage zur Statistik',
    message: 'Werden die Zahlen für das letzte Jahr auch als Tabelle veröffentlicht?',
  },
] as const;

export async function writeDemoContactMessages(trx: Tx, now: Date): Promise<void> {
  await setScopeSettings(trx, { kind: 'auth' });
  for (const m of MESSAGES)
    await sql`INSERT INTO contact_message (id, received_at, name, reply_to, subject, message)
      VALUES (${m.id}, ${new Date(now.getTime() - m.hoursAgo * HOUR)}, ${m.name}, ${m.replyTo}, ${m.subject}, ${m.message})
      ON CONFLICT (id) DO NOTHING`.execute(trx);
}
