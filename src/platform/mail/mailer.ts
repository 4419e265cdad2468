/**
 * Outgoing e-mail (invitations, password resets, later notifications).
 *
 * With SMTP configured (`SMTP_URL`), mails go out through nodemailer; without
 * it — the embedded default on a laptop — they land in `outbox_mail`, which
 * platform administrators read in the web interface (outbox-routes.tsx).
 * The outbox holds one-time links: only the policy action 'outbox.read'
 * (administrators only) shows it, and row-level security (migrations 0009,
 * 0012) lets only the admin scope read it while any scope may add a mail.
 *
 * A failed SMTP delivery is not an error for the caller: the mail is kept in
 * the outbox with the failure noted, so nothing is lost and an administrator
 * can forward it. Callers therefore answer identically whether or not a
 * mail went out — which the no-enumeration rules (invitations, resets) need.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config/index.ts';
import type { Tx } from '../db/tenant.ts';
import { insertOutboxMail } from './queries.ts';

export type MailMessage = { to: string; subject: string; text: string };

/** Where a mail ended up. */
export type MailOutcome = { via: 'smtp' } | { via: 'outbox'; id: string };

/** What sendMail needs of the app: configuration and a logger (tests pass a stub). */
export type MailContext = { config: Pick<Config, 'smtpUrl' | 'mailFrom'>; log: Pick<FastifyBaseLogger, 'warn'> };

type Transport = Transporter;

/** Long enough for a slow relay, short enough that a dead one does not hang a request. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Transport options from `smtp[s]://user:pass@host:port`.
 * - `smtps://` connects with TLS from the first byte (port 465 by default);
 * - `smtp://` must upgrade with STARTTLS (port 587 by default) — except on
 *   the loopback interface, where a local relay or test server may speak
 *   plain SMTP — so credentials and one-time links never cross a network
 *   unencrypted, even if a man in the middle strips the STARTTLS offer.
 * Credentials are percent-decoded; no other URL parameters are honoured.
 */
export function smtpOptions(url: string) {
  const u = new URL(url);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:')
    throw new TypeError('SMTP_URL must start with smtp:// or smtps://');
  const secure = u.protocol === 'smtps:';
  const host = u.hostname;
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  return {
    host,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && !LOOPBACK.has(host),
    ...(user ? { auth: { user, pass } } : {}),
    ...TIMEOUTS,
    logger: false,
    debug: false,
  };
}

// One transport per SMTP URL per process: nodemailer transports are cheap,
// but re-parsing on every mail is pointless.
const transports = new Map<string, Transport>();

/** nodemailer loads on the first SMTP mail: the embedded default never needs it, and start-up should not wait for it. */
async function transportFor(url: string): Promise<Transport> {
  let t = transports.get(url);
  if (!t) {
    const { default: nodemailer } = await import('nodemailer');
    t = nodemailer.createTransport(smtpOptions(url));
    transports.set(url, t);
  }
  return t;
}

/** Header injection guard: a subject or address never contains a line break. */
function singleLine(s: string, what: string): string {
  if (/[\r\n]/.test(s)) throw new TypeError(`${what} must be a single line.`);
  return s;
}

async function toOutbox(trx: Tx, mail: MailMessage, error: string | null): Promise<string> {
  const id = randomUUID();
  await insertOutboxMail(trx, { id, recipient: mail.to, subject: mail.subject, bodyText: mail.text, error });
  return id;
}

/**
 * Send one plain-text mail: over SMTP when configured, else into the outbox
 * table inside `trx` (so it appears only if the caller's transaction
 * commits, together with the token it carries). SMTP failures are logged
 * (error code only — no address, no content) and the mail is kept in the
 * outbox instead; this function then still resolves.
 *
 * Call it before `audit()` in the same transaction: audit holds its chain's
 * lock until commit, and an SMTP round trip should not extend that.
 */
export async function sendMail(app: MailContext, trx: Tx, mail: MailMessage): Promise<MailOutcome> {
  singleLine(mail.to, 'Recipient');
  singleLine(mail.subject, 'Subject');
  const url = app.config.smtpUrl;
  if (!url) return { via: 'outbox', id: await toOutbox(trx, mail, null) };
  try {
    await (
      await transportFor(url)
    ).sendMail({
      from: app.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
    return { via: 'smtp' };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const reason = typeof code === 'string' ? code : 'SMTP_FAILED';
    app.log.warn({ mailError: reason }, 'mail delivery failed; kept in the outbox');
    return { via: 'outbox', id: await toOutbox(trx, mail, reason) };
  }
}

/** Close pooled SMTP connections (tests, shutdown). */
export function closeMailTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}
