/**
 * Test helpers for signed-in requests.
 * `createUser` writes a complete account straight into the database;
 * `signIn` then signs it in through the REAL flow over inject (password
 * page, then TOTP — or, for administrators, who must use a passkey, a
 * software authenticator's assertion), so every test that uses it also
 * exercises the sign-in.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { insertPasskey } from '../../src/features/account/passkeys/queries.ts';
import { issueAdminInvitation } from '../../src/features/user-admin/operator.ts';
import { relyingParty } from '../../src/features/account/passkeys/relying-party.ts';
import { SoftAuthenticator } from '../../src/features/account/passkeys/test-authenticator.ts';
import { storeTotpSecret } from '../../src/platform/auth/totp-secret.ts';
import type { Role } from '../../src/platform/db/schema.ts';
import { withScope } from '../../src/platform/db/tenant.ts';
import { hashPassword } from '../../src/platform/security/password.ts';
import {
  generateTotp,
  generateTotpSecret,
  totpStep,
  TOTP_PERIOD_SECONDS,
  TOTP_WINDOW_STEPS,
} from '../../src/platform/security/totp.ts';

export type TestUser = {
  id: string;
  email: string;
  password: string;
  /** Base32 secret, or null for `totp: false` (an account without second factor). */
  totpSecret: string | null;
  role: Role;
  centreId: string | null;
  /** A registered passkey (software authenticator); administrators get one unless `passkey: false`. */
  passkey?: SoftAuthenticator | null;
};

export type CreateUserOptions = {
  role: Role;
  /** Required by centre roles; when left out for one, a new centre is created. */
  centreId?: string;
  email?: string;
  password?: string;
  /** Enrol TOTP (default true). false: no second factor, so the account cannot sign in. */
  totp?: boolean;
  /**
   * Register a passkey (a SoftAuthenticator) for the account. Default: only
   * for administrators, whose sign-in counts only with a passkey; `false`
   * gives an administrator who still has to set one up.
   */
  passkey?: boolean;
  displayName?: string;
};

/** A new member organisation with one centre; returns the centre id. */
export async function createCentre(app: FastifyInstance, name = 'Testberatungsstelle'): Promise<string> {
  const orgId = randomUUID();
  const centreId = randomUUID();
  // member_organization is read-only for the app role; tests write it as owner.
  await app.database.db
    .insertInto('member_organization')
    .values({ id: orgId, name: `${name} e.V.` })
    .execute();
  await withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx.insertInto('centre').values({ id: centreId, member_organization_id: orgId, name }).execute(),
  );
  return centreId;
}

/** Write a user with an argon2id password and (by default) an enrolled, encrypted TOTP secret. */
export async function createUser(app: FastifyInstance, opts: CreateUserOptions): Promise<TestUser> {
  const centreRole = opts.role === 'centre_lead' || opts.role === 'counsellor';
  const centreId = centreRole ? (opts.centreId ?? (await createCentre(app))) : null;
  const id = randomUUID();
  const email = (opts.email ?? `user-${randomBytes(6).toString('hex')}@example.org`).toLowerCase();
  const password = opts.password ?? `lange wanderung ${randomBytes(6).toString('hex')}`;
  const totpSecret = opts.totp === false ? null : generateTotpSecret();
  const passwordHash = await hashPassword(password);
  const rp = relyingParty(app.config);
  const passkey = (opts.passkey ?? opts.role === 'admin') ? new SoftAuthenticator(rp.rpID, rp.origin) : null;
  await withScope(app.database.db, { kind: 'admin' }, async (trx) => {
    await trx
      .insertInto('app_user')
      .values({
        id,
        email,
        display_name: opts.displayName ?? 'Test Person',
        role: opts.role,
        centre_id: centreId,
        password_hash: passwordHash,
        mfa_enrolled_at: totpSecret ? app.clock.now() : null,
      })
      .execute();
    if (totpSecret) await storeTotpSecret(trx, app.keys.encryption, { id, centreId }, totpSecret);
    if (passkey) {
      await insertPasskey(
        trx,
        {
          id: passkey.id,
          userId: id,
          centreId,
          publicKey: passkey.publicKeyCose(),
          counter: 0,
          transports: 'internal',
          name: 'Test-Passkey',
        },
        app.clock.now(),
      );
    }
  });
  return { id, email, password, totpSecret, role: opts.role, centreId, passkey };
}

/** `name=value` of the session cookie a response sets (throws when there is none). */
export function sessionCookieFrom(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const line = all.find((c) => c.startsWith('__Host-sn_session=') && !c.startsWith('__Host-sn_session=;'));
  if (!line) throw new Error(`no session cookie in response (status ${res.statusCode})`);
  return line.split(';')[0]!;
}

/** The `_csrf` hidden input's value in an HTML page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token in page');
  return m[1];
}

/** application/x-www-form-urlencoded request options for inject. */
export function form(fields: Record<string, string | undefined>, headers: Record<string, string> = {}) {
  // Undefined fields are left out, so tests can build variants by spreading.
  const defined = Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined);
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(defined).toString(),
  };
}

/**
 * A TOTP code the server will accept now: the lowest step in the accepted
 * window that is newer than the last one used (codes are single-use, so
 * signing in twice within 30 s needs the next step's code).
 */
export async function nextTotpCode(app: FastifyInstance, user: TestUser): Promise<string> {
  if (!user.totpSecret) throw new Error('user has no TOTP secret');
  const row = await withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('app_user').select('totp_last_step').where('id', '=', user.id).executeTakeFirstOrThrow(),
  );
  const last = row.totp_last_step == null ? -Infinity : Number(row.totp_last_step);
  const current = totpStep(app.clock.now());
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    if (step > last && step >= current) return generateTotp(user.totpSecret, step * TOTP_PERIOD_SECONDS * 1000);
  }
  throw new Error('no unused TOTP step left in the window: advance the (fake) clock by 30 s');
}

export type Session = {
  /** `__Host-sn_session=<token>` for inject's `cookie` header. */
  cookie: string;
  /** The session's CSRF token for `_csrf` fields / the x-csrf-token header. */
  csrf: string;
};

/** The password step of the real sign-in: the pending session (with the second-factor page's CSRF token). */
async function passwordStep(app: FastifyInstance, user: TestUser, lang: string): Promise<Session> {
  const first = await app.inject({
    method: 'POST',
    url: `/${lang}/staff/sign-in`,
    ...form({ email: user.email, password: user.password }),
  });
  if (first.statusCode !== 303) throw new Error(`password step answered ${first.statusCode}`);
  const cookie = sessionCookieFrom(first);
  const page = await app.inject({ method: 'GET', url: `/${lang}/staff/second-factor`, headers: { cookie } });
  if (page.statusCode !== 200) throw new Error(`second-factor page answered ${page.statusCode}`);
  return { cookie, csrf: csrfFrom(page.body) };
}

/** The TOTP step; returns the response that completes the sign-in. */
async function totpStepOf(app: FastifyInstance, user: TestUser, lang: string, pending: Session) {
  const code = await nextTotpCode(app, user);
  return app.inject({
    method: 'POST',
    url: `/${lang}/staff/second-factor`,
    ...form({ _csrf: pending.csrf, method: 'totp', code }, { cookie: pending.cookie }),
  });
}

/** The passkey step, as public/passkey.js does it: options, then the authenticator's assertion. */
async function passkeyStepOf(app: FastifyInstance, user: TestUser, lang: string, pending: Session) {
  if (!user.passkey) throw new Error('user has no passkey');
  const headers = {
    cookie: pending.cookie,
    'x-csrf-token': pending.csrf,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const options = await app.inject({ method: 'POST', url: `/${lang}/staff/passkey/options`, headers, payload: '{}' });
  if (options.statusCode !== 200) throw new Error(`passkey options answered ${options.statusCode}`);
  const credential = user.passkey.assert(options.json<{ challenge: string }>());
  return app.inject({
    method: 'POST',
    url: `/${lang}/staff/passkey/verify`,
    headers,
    payload: JSON.stringify({ credential }),
  });
}

/**
 * Sign `user` in through the real pages and return the full session:
 * password, then the passkey when the user has one (administrators must),
 * otherwise TOTP. Throws when the result is not a complete session.
 */
export async function signIn(app: FastifyInstance, user: TestUser, lang = 'de'): Promise<Session> {
  const pending = await passwordStep(app, user, lang);
  const second = user.passkey
    ? await passkeyStepOf(app, user, lang, pending)
    : await totpStepOf(app, user, lang, pending);
  const expected = user.passkey ? 200 : 303;
  if (second.statusCode !== expected) throw new Error(`second-factor step answered ${second.statusCode}`);
  const cookie = sessionCookieFrom(second);
  const home = await app.inject({ method: 'GET', url: `/${lang}/staff`, headers: { cookie } });
  if (home.statusCode !== 200)
    throw new Error(
      `staff start page answered ${home.statusCode}${home.headers.location ? ` → ${String(home.headers.location)}` : ''}`,
    );
  return { cookie, csrf: csrfFrom(home.body) };
}

/** An administrator enrolled through the real invitation pages, still holding the enrolment session. */
export type EnrollingAdmin = {
  user: TestUser & { totpSecret: string };
  /** The enrolment session: it reaches only the passkey set-up (CSRF token read from that page). */
  session: Session;
};

/**
 * Enrol a new administrator through the real pages, as the link that
 * `schutznetz users create-admin` prints leads them: name and password,
 * then the authenticator app's code — which ends, for an administrator, in
 * the enrolment session on the passkey set-up page (returned). No passkey is
 * registered yet.
 */
export async function enrolAdmin(app: FastifyInstance, lang = 'de'): Promise<EnrollingAdmin> {
  const email = `admin-${randomBytes(6).toString('hex')}@example.org`;
  const password = `lange wanderung ${randomBytes(6).toString('hex')}`;
  const inv = await issueAdminInvitation(
    {
      db: app.database.db,
      auditRing: app.keys.audit,
      publicOrigin: app.config.publicOrigin,
      mail: app,
      now: app.clock.now(),
    },
    email,
    'Neue Administration',
  );
  if (!inv.ok) throw new Error(`admin invitation refused: ${inv.reason}`);
  const url = new URL(inv.link).pathname.replace(/^\/de\//, `/${lang}/`);
  const step1 = await app.inject({
    method: 'POST',
    url,
    ...form({ display_name: 'Neue Administration', password, password_repeat: password }),
  });
  if (step1.statusCode !== 200) throw new Error(`password step answered ${step1.statusCode}`);
  const secret = /<code class="secret">([^<]+)<\/code>/.exec(step1.body)?.[1]?.replaceAll(' ', '');
  const state = /name="state" value="([^"]+)"/.exec(step1.body)?.[1];
  if (!secret || !state) throw new Error('no authenticator secret or state on the password step');
  const step2 = await app.inject({
    method: 'POST',
    url: `${url}/totp`,
    ...form({ state, code: generateTotp(secret, app.clock.now()) }),
  });
  const setup = `/${lang}/staff/passkey-setup`;
  if (step2.statusCode !== 303 || step2.headers.location !== setup) {
    throw new Error(
      `code step answered ${step2.statusCode} → ${String(step2.headers.location)}, not the passkey set-up`,
    );
  }
  const cookie = sessionCookieFrom(step2);
  const page = await app.inject({ method: 'GET', url: setup, headers: { cookie } });
  if (page.statusCode !== 200) throw new Error(`passkey set-up page answered ${page.statusCode}`);
  const id = await withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow(),
  );
  return {
    user: { id: id.id, email, password, totpSecret: secret, role: 'admin', centreId: null, passkey: null },
    session: { cookie, csrf: csrfFrom(page.body) },
  };
}

/** POST a form (fields and headers as for form()), from `remoteAddress` when given. */
export function postForm(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string | undefined>,
  headers: Record<string, string> = {},
  remoteAddress?: string,
) {
  return app.inject({ method: 'POST', url, ...(remoteAddress ? { remoteAddress } : {}), ...form(fields, headers) });
}

/** POST `{}` as JSON with `headers` (and no CSRF token unless they carry one), as a script would. */
export function postEmptyJson(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: '{}',
  });
}

/** POST a form as a signed-in user (CSRF token included). */
export function postAs(app: FastifyInstance, session: Session, url: string, fields: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url, ...form({ _csrf: session.csrf, ...fields }, { cookie: session.cookie }) });
}

/** A clock tests move by hand (pass to testApp({}, { clock })). */
export function fakeClock(start = new Date('2026-03-02T09:00:00Z')) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(d: Date) {
      t = d.getTime();
    },
  };
}
