/**
 * A recovery ends every pending one-time link of the account (security.md
 * section 8). The attack: someone who once held a session asks for an
 * address change to their own mailbox, and the link waits there; someone
 * who once read the mailbox keeps a password-reset link; an invitation to
 * the address is still open. The person — or the operator — then recovers
 * the account or changes a credential, by each path below, and the
 * attacker tries the old links afterwards: each is refused with a message
 * (410), the address stays the confirmed one, the password stays the one
 * set by the recovery, and no pending link of the account is left in the
 * database. The operator's new setup link goes to the confirmed address.
 * Runs on both databases.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { appForFile, TEST_KEYS } from '../support/app.ts';
import {
  createUser,
  fakeClock,
  postAs,
  postForm,
  signIn,
  type CreateUserOptions,
  type Session,
  type TestUser,
} from '../support/auth.ts';
import { runCollecting } from '../../src/cli/test-support.ts';
import { settleBackgroundTasks } from '../../src/features/account/background.ts';
import {
  acceptInvitation,
  GOOD_PASSWORD,
  hiddenValue,
  lastMailTo,
  secretIn,
  tokenIn,
} from '../../src/features/account/test-support.ts';
import { relyingParty } from '../../src/features/account/passkeys/relying-party.ts';
import { SoftAuthenticator } from '../../src/features/account/passkeys/test-authenticator.ts';
import { removeSecondFactors } from '../../src/features/user-admin/queries.ts';
import { createInvitation } from '../../src/platform/auth/queries/invitations.ts';
import { deleteUserSessions } from '../../src/platform/auth/queries/sessions.ts';
import { withScope, type Tx } from '../../src/platform/db/tenant.ts';
import { generateTotp } from '../../src/platform/security/totp.ts';
import { hashToken } from '../../src/platform/security/tokens.ts';

const ORIGIN = 'https://schutznetz.example';
// The command line takes its time from the system clock; the app's clock starts there too.
const clock = fakeClock(new Date());
const t = appForFile({ PUBLIC_ORIGIN: ORIGIN }, { clock });
// Each sign-in needs a TOTP step of its own.
beforeEach(() => clock.advance(31_000));

let n = 0;
const REFUSED = 'Dieser Link gilt nicht (mehr)';
const NEW_PASSWORD = 'ein neues langes Passwort nach dem Vorfall';

const cli = (...argv: string[]) =>
  runCollecting(argv, {
    env: { ...TEST_KEYS, PUBLIC_ORIGIN: ORIGIN, LOG_LEVEL: 'silent' },
    cwd: process.cwd(),
    database: t.database,
  });

const network = <T>(fn: (trx: Tx) => Promise<T>) => withScope(t.app.database.db, { kind: 'admin' }, fn);

async function victim(opts: Partial<CreateUserOptions> = {}): Promise<TestUser> {
  return createUser(t.app, { role: 'counsellor', email: `opfer-${++n}@example.org`, ...opts });
}

async function signInAgain(user: TestUser): Promise<Session> {
  clock.advance(31_000);
  return signIn(t.app, user);
}

function emailChangeToken(body: string): string {
  const m = /\/staff\/email-change\/([A-Za-z0-9_-]{43})/.exec(body);
  if (!m?.[1]) throw new Error('no e-mail change link in text');
  return m[1];
}

type Planted = { emailChange?: string; reset?: string; invitation?: string; attackerAddress: string };
type Kind = 'emailChange' | 'reset' | 'invitation';

/**
 * The links an attacker keeps: an address change to their own mailbox,
 * asked for from a session of the victim's (it waits in their mailbox); a
 * password-reset link read from the victim's mailbox; an invitation to the
 * victim's address still open (one issued before the address was confirmed
 * for this account, or left by an earlier version).
 */
async function plant(user: TestUser, kinds: readonly Kind[] = ['emailChange', 'reset', 'invitation']) {
  const planted: Planted = { attackerAddress: `angreifer-${++n}@example.net` };
  if (kinds.includes('emailChange')) {
    const stolen = await signInAgain(user);
    const asked = await postAs(t.app, stolen, '/de/staff/account/email', { email: planted.attackerAddress });
    expect(asked.statusCode).toBe(200);
    planted.emailChange = emailChangeToken((await lastMailTo(t.app, planted.attackerAddress))!.body);
    // Before any recovery the link works (the attack is real).
    expect(
      (await t.app.inject({ method: 'GET', url: `/de/staff/email-change/${planted.emailChange}` })).statusCode,
    ).toBe(200);
  }
  if (kinds.includes('reset')) {
    await postForm(t.app, '/de/staff/password-reset', { email: user.email });
    await settleBackgroundTasks(t.app);
    planted.reset = tokenIn((await lastMailTo(t.app, user.email))!.body, 'password-reset');
    expect((await t.app.inject({ method: 'GET', url: `/de/staff/password-reset/${planted.reset}` })).statusCode).toBe(
      200,
    );
  }
  if (kinds.includes('invitation')) {
    const inv = await network((trx) =>
      createInvitation(
        trx,
        { email: user.email, role: user.role, centreId: user.centreId, invitedBy: null },
        clock.now(),
      ),
    );
    planted.invitation = inv.token;
    expect((await t.app.inject({ method: 'GET', url: `/de/staff/invitation/${inv.token}` })).statusCode).toBe(200);
  }
  return planted;
}

async function accountRow(id: string) {
  return network((trx) =>
    trx
      .selectFrom('app_user')
      .select(['id', 'email', 'password_hash', 'mfa_enrolled_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}

/** Open (unused, unexpired) links of the account: e-mail changes, resets, invitations to its address. */
async function pendingLinks(user: TestUser): Promise<Record<Kind, number>> {
  const now = clock.now();
  const { email } = await accountRow(user.id);
  return network(async (trx) => {
    const count = async (q: Promise<{ n: string | number | bigint }>) => Number((await q).n);
    return {
      emailChange: await count(
        trx
          .selectFrom('email_change')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('user_id', '=', user.id)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .executeTakeFirstOrThrow(),
      ),
      reset: await count(
        trx
          .selectFrom('password_reset')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('user_id', '=', user.id)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .executeTakeFirstOrThrow(),
      ),
      invitation: await count(
        trx
          .selectFrom('invitation')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('email', '=', email)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .executeTakeFirstOrThrow(),
      ),
    };
  });
}

/**
 * The attacker's attempts after the recovery: every planted link is refused
 * with the "no longer valid" page, and nothing changes — the address stays
 * `address`, the password hash stays what the recovery left.
 */
async function expectAttackRefused(user: TestUser, planted: Planted, address = user.email) {
  const before = await accountRow(user.id);
  expect(before.email).toBe(address);
  if (planted.emailChange) {
    const url = `/de/staff/email-change/${planted.emailChange}`;
    const page = await t.app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain(REFUSED);
    expect(page.body).toContain('eine Änderung an Passwort, Anmeldefaktoren oder Konto beendet sie vorher');
    const confirm = await postForm(t.app, url, {});
    expect(confirm.statusCode).toBe(410);
    expect(confirm.body).toContain(REFUSED);
  }
  if (planted.reset) {
    const url = `/de/staff/password-reset/${planted.reset}`;
    const page = await t.app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain(REFUSED);
    const set = await postForm(t.app, url, { password: NEW_PASSWORD, password_repeat: NEW_PASSWORD });
    expect(set.statusCode).toBe(410);
    expect(set.body).toContain(REFUSED);
  }
  if (planted.invitation) {
    const url = `/de/staff/invitation/${planted.invitation}`;
    const page = await t.app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain(REFUSED);
    const step1 = await postForm(t.app, url, {
      display_name: 'Angreifer',
      password: NEW_PASSWORD,
      password_repeat: NEW_PASSWORD,
    });
    expect(step1.statusCode).toBe(410);
  }
  const after = await accountRow(user.id);
  expect(after).toEqual(before);
  // Nobody got the attacker's address.
  const taken = await network((trx) =>
    trx.selectFrom('app_user').select('id').where('email', '=', planted.attackerAddress).execute(),
  );
  expect(taken).toEqual([]);
}

describe('the operator’s recovery at the console', () => {
  it('users reset-mfa ends every pending link, and its setup link goes to the confirmed address', async () => {
    const user = await victim({ role: 'centre_lead' });
    const planted = await plant(user);
    const r = await cli('users', 'reset-mfa', '--email', user.email);
    expect(r.code).toBe(0);
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 1 });
    const setup = tokenIn(r.out, 'invitation');
    const row = await network((trx) =>
      trx.selectFrom('invitation').select(['email', 'used_at']).where('token_hash', '=', hashToken(setup)).execute(),
    );
    expect(row).toEqual([{ email: user.email, used_at: null }]);
    expect(r.out).not.toContain(planted.attackerAddress);
    await expectAttackRefused(user, planted);

    // The person enrols again through the link: the same account, at the address it had.
    const accepted = await acceptInvitation(t.app, setup, { password: GOOD_PASSWORD });
    const after = await accountRow(user.id);
    expect(after.email).toBe(user.email);
    expect(after.mfa_enrolled_at).not.toBeNull();
    await expectAttackRefused(user, planted);
    await expect(
      signInAgain({ ...user, password: GOOD_PASSWORD, totpSecret: accepted.totpSecret, passkey: null }),
    ).resolves.toBeDefined();
  });

  it('users disable, then users enable, ends every pending link', async () => {
    const user = await victim();
    const planted = await plant(user);
    expect((await cli('users', 'disable', '--email', user.email)).code).toBe(0);
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 0 });
    const r = await cli('users', 'enable', '--email', user.email);
    expect(r.code).toBe(0);
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 1 });
    await expectAttackRefused(user, planted);
    const setup = tokenIn(r.out, 'invitation');
    await acceptInvitation(t.app, setup);
    await expectAttackRefused(user, planted);
  });

  it('users enable ends the links an account disabled with open links still has', async () => {
    const user = await victim();
    const planted = await plant(user);
    // Disabled while its links stayed open (as an earlier version left them): re-admission must end them.
    await network((trx) =>
      trx.updateTable('app_user').set({ disabled_at: clock.now() }).where('id', '=', user.id).execute(),
    );
    const r = await cli('users', 'enable', '--email', user.email);
    expect(r.code).toBe(0);
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 1 });
    await expectAttackRefused(user, planted);
  });
});

describe('disabling on the web', () => {
  it('ends every pending link, so a later re-admission revives none', async () => {
    const admin = await createUser(t.app, { role: 'admin' });
    const user = await victim();
    const planted = await plant(user);
    const s = await signIn(t.app, admin);
    const res = await postAs(t.app, s, `/de/staff/users/${user.id}/disable`, { confirm: 'yes' });
    expect(res.statusCode).toBe(303);
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 0 });
    // Re-admitted by the database owner restoring the flag, without the console's fresh start.
    await network((trx) => trx.updateTable('app_user').set({ disabled_at: null }).where('id', '=', user.id).execute());
    await expectAttackRefused(user, planted);
  });
});

describe('re-enrolment through an invitation', () => {
  it('ends the address change and reset still pending from before the reset', async () => {
    const user = await victim();
    const planted = await plant(user, ['emailChange', 'reset']);
    // A second-factor reset that left the links open (as an earlier version did): factors gone, a setup link.
    const setup = await network(async (trx) => {
      await removeSecondFactors(trx, user.id);
      await deleteUserSessions(trx, user.id);
      return createInvitation(
        trx,
        { email: user.email, role: user.role, centreId: user.centreId, invitedBy: null },
        clock.now(),
      );
    });
    await acceptInvitation(t.app, setup.token);
    expect((await accountRow(user.id)).mfa_enrolled_at).not.toBeNull();
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 0 });
    await expectAttackRefused(user, planted);
  });
});

describe('the person’s own recovery', () => {
  it('a password reset ends the pending address change and invitation', async () => {
    const user = await victim();
    const planted = await plant(user, ['emailChange', 'invitation']);
    await postForm(t.app, '/de/staff/password-reset', { email: user.email });
    await settleBackgroundTasks(t.app);
    const own = tokenIn((await lastMailTo(t.app, user.email))!.body, 'password-reset');
    const set = await postForm(t.app, `/de/staff/password-reset/${own}`, {
      password: GOOD_PASSWORD,
      password_repeat: GOOD_PASSWORD,
    });
    expect(set.statusCode).toBe(303);
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 0 });
    await expectAttackRefused(user, { ...planted, reset: own });
    await expect(signInAgain({ ...user, password: GOOD_PASSWORD })).resolves.toBeDefined();
  });

  it('a password change ends every pending link', async () => {
    const user = await victim();
    const planted = await plant(user);
    const own = await signInAgain(user);
    const res = await postAs(t.app, own, '/de/staff/account/password', {
      password: GOOD_PASSWORD,
      password_repeat: GOOD_PASSWORD,
    });
    expect(res.statusCode).toBe(303);
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 0 });
    await expectAttackRefused(user, planted);
  });

  it('a new authenticator app ends every pending link', async () => {
    const user = await victim();
    const planted = await plant(user);
    const own = await signInAgain(user);
    const page = await t.app.inject({ method: 'GET', url: '/de/staff/account/totp', headers: { cookie: own.cookie } });
    expect(page.statusCode).toBe(200);
    const secret = secretIn(page.body);
    const res = await postAs(t.app, own, '/de/staff/account/totp', {
      state: hiddenValue(page.body, 'state'),
      code: generateTotp(secret, clock.now()),
    });
    expect(res.statusCode).toBe(200);
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 0 });
    await expectAttackRefused(user, planted);
  });

  it('removing a passkey ends every pending link', async () => {
    const user = await victim({ passkey: true });
    const planted = await plant(user);
    const own = await signInAgain(user);
    const res = await postAs(t.app, own, '/de/staff/account/passkeys/remove', { id: user.passkey!.id });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/account?done=passkey_removed');
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 0 });
    await expectAttackRefused(user, planted);
  });

  it('adding a passkey ends every pending link', async () => {
    const user = await victim();
    const planted = await plant(user);
    const own = await signInAgain(user);
    const rp = relyingParty(t.app.config);
    const key = new SoftAuthenticator(rp.rpID, rp.origin);
    const headers = { cookie: own.cookie, 'x-csrf-token': own.csrf, 'content-type': 'application/json' };
    const options = await t.app.inject({
      method: 'POST',
      url: '/de/staff/account/passkeys/options',
      headers,
      payload: '{}',
    });
    expect(options.statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/de/staff/account/passkeys',
      headers,
      payload: JSON.stringify({ name: 'Neu', credential: key.register(options.json()) }),
    });
    expect(res.statusCode).toBe(200);
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 0 });
    await expectAttackRefused(user, planted);
  });

  it('new recovery codes end every pending link', async () => {
    const user = await victim();
    const planted = await plant(user);
    const own = await signInAgain(user);
    const res = await postAs(t.app, own, '/de/staff/account/recovery-codes');
    expect(res.statusCode).toBe(200);
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 0 });
    await expectAttackRefused(user, planted);
  });

  it('a confirmed address change ends the reset and invitation pending for the old address', async () => {
    const user = await victim();
    const planted = await plant(user, ['reset', 'invitation']);
    const own = await signInAgain(user);
    const moved = `umgezogen-${++n}@example.org`;
    await postAs(t.app, own, '/de/staff/account/email', { email: moved });
    const token = emailChangeToken((await lastMailTo(t.app, moved))!.body);
    expect((await postForm(t.app, `/de/staff/email-change/${token}`, {}, { cookie: own.cookie })).statusCode).toBe(200);
    expect(await pendingLinks(user)).toEqual({ emailChange: 0, reset: 0, invitation: 0 });
    await expectAttackRefused(user, planted, moved);
  });
});
