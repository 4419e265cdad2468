import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../db/index.ts';
import { withScope } from '../db/tenant.ts';
import { closeMailTransports, sendMail, smtpOptions, type MailContext } from './mailer.ts';
import { listOutbox } from './queries.ts';
import { startTestSmtpServer, type TestSmtpServer } from './test-smtp-server.ts';

const MAIL = {
  to: 'invitee@example.org',
  subject: 'Einladung zu Schutznetz – Grüße',
  text: `Guten Tag,\n\nhier ist Ihr Link:\nhttp://localhost:3000/de/staff/invitation/${'A'.repeat(43)}\n\nÄußerst wichtig: nur einmal gültig.\n`,
};

function context(smtpUrl?: string): MailContext & { warnings: unknown[] } {
  const warnings: unknown[] = [];
  return {
    config: { mailFrom: 'Schutznetz <no-reply@schutznetz.test>', ...(smtpUrl ? { smtpUrl } : {}) },
    log: { warn: (...args: unknown[]) => void warnings.push(args) } as MailContext['log'],
    warnings,
  };
}

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  closeMailTransports();
  await database.close();
});

const network = { kind: 'admin' } as const;

describe('smtpOptions', () => {
  it('uses implicit TLS for smtps:// and decodes credentials', () => {
    const o = smtpOptions('smtps://mailer%40example.org:p%3Ass%2Fword@mail.example.org');
    expect(o).toMatchObject({
      host: 'mail.example.org',
      port: 465,
      secure: true,
      requireTLS: false,
      auth: { user: 'mailer@example.org', pass: 'p:ss/word' },
    });
  });

  it('requires STARTTLS for smtp:// except on the loopback interface', () => {
    expect(smtpOptions('smtp://relay.example.org:2525')).toMatchObject({ port: 2525, secure: false, requireTLS: true });
    expect(smtpOptions('smtp://relay.example.org')).toMatchObject({ port: 587 });
    expect(smtpOptions('smtp://127.0.0.1:2525')).toMatchObject({ requireTLS: false });
    expect(smtpOptions('smtp://localhost:25')).not.toHaveProperty('auth');
  });
});

describe('sendMail over SMTP', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer({ credentials: { user: 'schutznetz', pass: 'sehr geheim' } });
  });
  afterAll(async () => {
    closeMailTransports();
    await smtp.close();
  });

  it('delivers the message with the configured sender, logging in with the URL credentials', async () => {
    const outcome = await withScope(database.db, network, (trx) => sendMail(context(smtp.url), trx, MAIL));
    expect(outcome).toEqual({ via: 'smtp' });
    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0]!;
    expect(m.user).toBe('schutznetz');
    expect(m.from).toBe('no-reply@schutznetz.test');
    expect(m.to).toEqual(['invitee@example.org']);
    expect(m.headers['to']).toBe('invitee@example.org');
    expect(m.text).toBe(MAIL.text);
    // Delivered over SMTP: nothing is kept in the outbox.
    expect(await withScope(database.db, network, (trx) => listOutbox(trx))).toEqual([]);
  });

  it('refuses header injection through subject or recipient', async () => {
    await expect(
      withScope(database.db, network, (trx) =>
        sendMail(context(smtp.url), trx, { ...MAIL, subject: 'x\r\nBcc: evil@example.org' }),
      ),
    ).rejects.toThrow(TypeError);
    await expect(
      withScope(database.db, network, (trx) =>
        sendMail(context(smtp.url), trx, { ...MAIL, to: 'a@example.org\nBcc: b@example.org' }),
      ),
    ).rejects.toThrow(TypeError);
  });
});

describe('sendMail without SMTP', () => {
  it('writes the mail to the outbox inside the caller’s transaction', async () => {
    const outcome = await withScope(database.db, network, (trx) => sendMail(context(), trx, MAIL));
    expect(outcome.via).toBe('outbox');
    const mails = await withScope(database.db, network, (trx) => listOutbox(trx));
    expect(mails[0]).toMatchObject({ recipient: MAIL.to, subject: MAIL.subject, bodyText: MAIL.text, error: null });
  });

  it('writes nothing when the transaction rolls back', async () => {
    const before = (await withScope(database.db, network, (trx) => listOutbox(trx))).length;
    await expect(
      withScope(database.db, network, async (trx) => {
        await sendMail(context(), trx, MAIL);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await withScope(database.db, network, (trx) => listOutbox(trx))).toHaveLength(before);
  });

  it('keeps the mail in the outbox, with the error code, when the SMTP server is unreachable', async () => {
    const smtp = await startTestSmtpServer();
    const url = smtp.url;
    await smtp.close(); // nothing listens on that port any more
    const ctx = context(url);
    const outcome = await withScope(database.db, network, (trx) =>
      sendMail(ctx, trx, { ...MAIL, subject: 'unzustellbar' }),
    );
    expect(outcome.via).toBe('outbox');
    const mail = (await withScope(database.db, network, (trx) => listOutbox(trx))).find(
      (m) => m.subject === 'unzustellbar',
    );
    expect(mail?.error).toBeTruthy();
    // The log line names the failure only — never the recipient or content.
    expect(JSON.stringify(ctx.warnings)).not.toContain('invitee@example.org');
    expect(JSON.stringify(ctx.warnings)).not.toContain('invitation');
  });
});
