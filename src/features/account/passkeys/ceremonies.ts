/**
 * The two WebAuthn ceremonies on the server, with @simplewebauthn/server
 * doing the cryptography: adding a passkey to one's account (registration)
 * and using one as the second factor of a sign-in (authentication).
 *
 * Both require user verification (PIN or biometrics on the authenticator),
 * so a passkey is itself two factors and a stolen security key alone is not
 * enough. Attestation is not requested ('none'): we trust the user's
 * authenticator choice, and attestation would reveal the device model.
 * A signature counter that does not increase is refused by the library
 * (possible cloned authenticator), as are a wrong origin, a wrong RP id,
 * a missing UV flag and a challenge other than the one stored for the
 * session — which is consumed by the attempt either way.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Tx } from '../../../platform/db/tenant.ts';
import { putChallenge, takeChallenge } from './queries.ts';
import { encodeTransports, findPasskey, listPasskeys, markPasskeyUsed } from './queries.ts';
import { CEREMONY_TIMEOUT_MS, relyingParty } from './relying-party.ts';
import type { authenticationResponse, registrationResponse } from './webauthn-json.ts';

/** A fresh 256-bit challenge (base64url in the options the browser gets). */
function newChallenge(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(randomBytes(32));
}

type Session = { sessionHash: string; userId: string };

/**
 * The WebAuthn library and its cryptography stack take ~0.3 s to load; only
 * a passkey ceremony needs them, so they load on the first one, not at start.
 */
const webauthn = () => import('@simplewebauthn/server');

/** The user handle: the account's UUID as 16 bytes — stable, and no personal data on the authenticator. */
function userHandle(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId.replaceAll('-', ''), 'hex'));
}

/** Options for navigator.credentials.create(); remembers the challenge for this session. */
export async function registrationOptions(
  app: FastifyInstance,
  trx: Tx,
  s: Session & { email: string; displayName: string },
) {
  const rp = relyingParty(app.config);
  const existing = await listPasskeys(trx, s.userId);
  const options = await (
    await webauthn()
  ).generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userID: userHandle(s.userId),
    userName: s.email,
    userDisplayName: s.displayName,
    challenge: newChallenge(),
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
  });
  await putChallenge(
    trx,
    { sessionHash: s.sessionHash, purpose: 'register', userId: s.userId, challenge: options.challenge },
    app.clock.now(),
  );
  return options;
}

export type VerifiedPasskey = { id: string; publicKey: Uint8Array; counter: number; transports: string | null };

/** Check a registration response against this session's challenge. Null when it does not verify. */
export async function verifyRegistration(
  app: FastifyInstance,
  trx: Tx,
  s: Session,
  response: z.infer<typeof registrationResponse>,
): Promise<VerifiedPasskey | null> {
  const expectedChallenge = await takeChallenge(
    trx,
    { sessionHash: s.sessionHash, purpose: 'register', userId: s.userId },
    app.clock.now(),
  );
  if (!expectedChallenge) return null;
  const rp = relyingParty(app.config);
  try {
    const result = await (
      await webauthn()
    ).verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
    if (!result.verified) return null;
    const c = result.registrationInfo.credential;
    return {
      id: c.id,
      publicKey: c.publicKey,
      counter: c.counter,
      transports: encodeTransports(response.response.transports),
    };
  } catch {
    // The library throws for every malformed or mismatching response; to
    // the user they are all "this did not work".
    return null;
  }
}

/**
 * Options for navigator.credentials.get() during sign-in, limited to the
 * pending user's passkeys. Null when the user has none.
 */
export async function authenticationOptions(app: FastifyInstance, trx: Tx, s: Session) {
  const passkeys = await listPasskeys(trx, s.userId);
  if (passkeys.length === 0) return null;
  const rp = relyingParty(app.config);
  const options = await (
    await webauthn()
  ).generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: passkeys.map((p) => ({ id: p.id, transports: p.transports })),
    challenge: newChallenge(),
    timeout: CEREMONY_TIMEOUT_MS,
    userVerification: 'required',
  });
  await putChallenge(
    trx,
    { sessionHash: s.sessionHash, purpose: 'authenticate', userId: s.userId, challenge: options.challenge },
    app.clock.now(),
  );
  return options;
}

/**
 * Check an assertion against this session's challenge and one of the
 * user's own passkeys; on success stores the new counter. @returns whether it verified
 */
export async function verifyAuthentication(
  app: FastifyInstance,
  trx: Tx,
  s: Session,
  response: z.infer<typeof authenticationResponse>,
): Promise<boolean> {
  const now = app.clock.now();
  const expectedChallenge = await takeChallenge(
    trx,
    { sessionHash: s.sessionHash, purpose: 'authenticate', userId: s.userId },
    now,
  );
  if (!expectedChallenge) return false;
  const passkey = await findPasskey(trx, s.userId, response.id);
  if (!passkey) return false;
  const rp = relyingParty(app.config);
  try {
    const result = await (
      await webauthn()
    ).verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: passkey.id,
        publicKey: passkey.publicKey,
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
    if (!result.verified) return false;
    await markPasskeyUsed(trx, s.userId, passkey.id, result.authenticationInfo.newCounter, now);
    return true;
  } catch {
    return false;
  }
}
