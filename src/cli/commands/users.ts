/**
 * `schutznetz users …`: the operator's account tools — the first
 * administrator's setup link, the list of accounts, disabling an account and
 * resetting a lost second factor. Setup links are printed, not mailed: the
 * operator hands them over through a channel they trust.
 */
import { z } from 'zod';
import { isSafeDisplayName, normaliseDisplayName } from '../../platform/auth/display-name.ts';
import { emailSchema } from '../../platform/auth/email.ts';
import { ADMIN_PASSKEY_NOTE } from '../../features/user-admin/demo-admin.ts';
import {
  disableAccountByEmail,
  enableAccount,
  issueAdminInvitation,
  listAccounts,
  resetAccountMfa,
  type OperatorContext,
} from '../../features/user-admin/operator.ts';
import { loadConfig } from '../../platform/config/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { serverKeysFor, withDatabase } from '../database.ts';
import { EXIT, UsageError, type CliIo, type Command, type CommandGroup } from '../types.ts';

function emailOption(value: unknown): string {
  if (typeof value !== 'string') throw new UsageError('--email is required');
  const r = emailSchema.safeParse(value);
  if (!r.success) throw new UsageError(`--email must be an e-mail address, not ${JSON.stringify(value)}`);
  return r.data;
}

const nameSchema = z
  .string()
  .transform(normaliseDisplayName)
  .refine((n) => n.length > 0 && isSafeDisplayName(n));

/**
 * A value as it may reach a terminal: control and bidi characters shown as
 * \u escapes, so a stored value can never move the cursor, recolour the
 * screen or reorder a line (names are checked on the way in; this also
 * covers e-mail addresses and anything written before that check).
 */
export function terminalSafe(value: string): string {
  return value.replace(
    /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu,
    (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}

function noPositionals(positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
}

/** Run `fn` with the database and what operator actions need from the configuration. */
async function withOperator<T>(io: CliIo, fn: (ctx: OperatorContext, database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env, io.cwd);
  const auditRing = serverKeysFor(io).audit;
  // A mail that cannot be delivered stays in the outbox; the operator hears why on stderr.
  const mail = {
    config,
    log: { warn: (o: unknown, msg?: string) => io.err(`${msg ?? ''} ${JSON.stringify(o)}`.trim()) },
  };
  return withDatabase(io, (database) =>
    fn({ db: database.db, auditRing, publicOrigin: config.publicOrigin, mail, now: new Date() }, database),
  );
}

const validity = 'The link works once, within 72 hours. Hand it over only through a channel you trust.';

const createAdmin: Command = {
  name: 'create-admin',
  summary: 'Print a one-time setup link for a new platform administrator',
  usage: '--email <address> --name <display name>',
  help: [
    '  --email address  the administrator’s e-mail address (the account’s sign-in name)',
    '  --name name      how the administrator is shown; they can change it while setting up',
    '',
    '  Opening the link, the administrator sets a password and enrols an authenticator app.',
    ...ADMIN_PASSKEY_NOTE.map((l) => `  ${l}`),
    '  ' + validity,
  ].join('\n'),
  options: { email: { type: 'string' }, name: { type: 'string' } },
  async run({ positionals, values }, io) {
    noPositionals(positionals);
    const email = emailOption(values.email);
    const name = nameSchema.safeParse(values.name);
    if (!name.success) throw new UsageError('--name is required (1 to 200 characters, no control characters)');
    const result = await withOperator(io, (ctx) => issueAdminInvitation(ctx, email, name.data));
    if (!result.ok) {
      io.err(
        `There already is an account for ${email}. To let its owner enrol again: schutznetz users reset-mfa --email ${email}\n`,
      );
      return EXIT.invalid;
    }
    io.out(
      `Setup link for the administrator ${email}:\n\n  ${result.link}\n\n${validity}\n${ADMIN_PASSKEY_NOTE.join('\n')}\n`,
    );
    return EXIT.ok;
  },
};

const list: Command = {
  name: 'list',
  summary: 'List every account (no secrets)',
  usage: '',
  options: {},
  async run({ positionals }, io) {
    noPositionals(positionals);
    const accounts = await withOperator(io, (ctx) => listAccounts(ctx.db));
    if (accounts.length === 0) {
      io.out(
        'No accounts yet. Create the first administrator with: schutznetz users create-admin --email … --name …\n',
      );
      return EXIT.ok;
    }
    const rows = accounts.map((a) => [
      terminalSafe(a.email),
      terminalSafe(a.displayName),
      a.role,
      terminalSafe(a.centreName ?? '-'),
      a.disabled ? 'disabled' : a.enrolled ? 'active' : 'no second factor',
      a.createdAt.toISOString().slice(0, 10),
    ]);
    const header = ['E-MAIL', 'NAME', 'ROLE', 'CENTRE', 'STATUS', 'CREATED'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      `${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`;
    io.out(line(header));
    for (const r of rows) io.out(line(r));
    return EXIT.ok;
  },
};

/**
 * A command that acts on one account, named by --email: what to do, what
 * to print when done, and (`wrongState`) when the account is there but in
 * a state that refuses it. Refused: exit code 1.
 */
function accountCommand<R extends { ok: true } | { ok: false; reason: string }>(c: {
  name: string;
  summary: string;
  help: string;
  act: (ctx: OperatorContext, email: string) => Promise<R>;
  wrongState?: (email: string) => string;
  done: (email: string, result: Extract<R, { ok: true }>) => string;
}): Command {
  return {
    name: c.name,
    summary: c.summary,
    usage: '--email <address>',
    help: c.help,
    options: { email: { type: 'string' } },
    async run({ positionals, values }, io) {
      noPositionals(positionals);
      const email = emailOption(values.email);
      const result = await withOperator(io, (ctx) => c.act(ctx, email));
      if (!result.ok) {
        io.err(result.reason === 'not_found' || !c.wrongState ? `No account for ${email}.\n` : c.wrongState(email));
        return EXIT.invalid;
      }
      // TypeScript does not narrow a generic union by its `ok` flag.
      io.out(c.done(email, result as Extract<R, { ok: true }>));
      return EXIT.ok;
    },
  };
}

const disable = accountCommand({
  name: 'disable',
  summary: 'Disable an account and end all its sessions at once',
  help: '  The account can no longer sign in; its open sessions, invitation and reset links end now.',
  act: disableAccountByEmail,
  done: (email, result) => {
    const sessions = `${result.sessionsEnded} ${result.sessionsEnded === 1 ? 'session' : 'sessions'} ended`;
    return result.alreadyDisabled
      ? `${email} was already disabled; ${sessions}.\n`
      : `Disabled ${email}; ${sessions}.\n`;
  },
});

const enable = accountCommand({
  name: 'enable',
  summary: 'Re-admit a disabled account: print a link to set a password and enrol again',
  help: [
    '  For someone back from leave or disabled by mistake — confirm who they are outside',
    '  Schutznetz first. The account comes back with its role and centre but without its old',
    '  password, authenticator, passkeys and recovery codes; the printed setup link lets the',
    '  person set a new password and enrol again. ' + validity,
  ].join('\n'),
  act: enableAccount,
  wrongState: (email) =>
    `${email} is not disabled. To let its owner enrol again: schutznetz users reset-mfa --email ${email}\n`,
  done: (email, result) =>
    `${email} is enabled again, without its old password and second factors.\nSetup link to set a password and enrol:\n\n  ${result.link}\n\n${validity}\n`,
});

const resetMfa = accountCommand({
  name: 'reset-mfa',
  summary: 'Remove an account’s second factors and print a link to enrol again',
  help: [
    '  For someone who lost their authenticator and recovery codes — confirm who they are',
    '  outside Schutznetz first. Removes the TOTP secret, passkeys and recovery codes, ends',
    '  every session, and prints a setup link with which they set a new password and enrol',
    '  again. ' + validity,
  ].join('\n'),
  act: resetAccountMfa,
  wrongState: (email) => `${email} is disabled. To re-admit the person: schutznetz users enable --email ${email}\n`,
  done: (email, result) =>
    `Second factors of ${email} removed (${result.passkeysRemoved} passkeys), ${result.sessionsEnded} sessions ended.\n` +
    `Setup link to enrol again:\n\n  ${result.link}\n\n${validity}\n`,
});

export const usersCommands: CommandGroup = {
  name: 'users',
  summary: 'Manage staff accounts: first administrator, list, disable, reset second factor',
  commands: [createAdmin, list, disable, enable, resetMfa],
};
