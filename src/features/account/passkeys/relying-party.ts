/**
 * Who we are to WebAuthn: the relying-party id is the host of the public
 * origin (a passkey made for schutznetz.example works only there — phishing
 * sites on other hosts cannot use it), and the origin the browser reports
 * must be exactly the public origin.
 */
import type { Config } from '../../../platform/config/index.ts';

export type RelyingParty = { rpID: string; rpName: string; origin: string };

export function relyingParty(config: Pick<Config, 'publicOrigin'>): RelyingParty {
  const u = new URL(config.publicOrigin);
  return { rpID: u.hostname, rpName: 'Schutznetz', origin: u.origin };
}

/** How long a ceremony may take, in the browser and on the server. */
export const CEREMONY_TIMEOUT_MS = 5 * 60_000;
