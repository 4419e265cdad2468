/**
 * Referrals for the tests of the receiving centre's side, written the way
 * the public intake writes them: in the 'intake' scope, encrypted for the
 * centre under a fresh data key, with the 'received' history row.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { withScope } from '../../platform/db/tenant.ts';
import { encryptReferral } from './crypto.ts';
import { currentCentreKey } from './queries/centre-keys.ts';
import { newReceiptCode, receiptHash as makeReceiptHash } from './receipt.ts';
import type { ReferralPayload, Urgency } from './schema.ts';

/** A payload whose strings are unique per call, so a test can look for them on pages and in tables. */
export function samplePayload(marker = randomBytes(6).toString('hex')): ReferralPayload {
  return {
    sender: {
      name: `Maria Muster ${marker}`,
      organisation: 'Jugendamt Musterstadt',
      organisationType: 'jugendamt',
      phone: '+49 30 1234567',
      email: `m.${marker}@example.org`,
    },
    person: { languages: ['ar', 'fr'], consent: 'share_contact', noConsentReason: null },
    guide: null,
    message: `Vertraulicher Inhalt ${marker}`,
    locale: 'de',
  };
}

export type SentReferral = {
  id: string;
  payload: ReferralPayload;
  /** The code the sender was shown, for the status page, and its stored hash. */
  receiptCode: string;
  receiptHash: string;
};

export async function sendReferral(
  app: FastifyInstance,
  centreId: string,
  opts: { urgency?: Urgency; forwardingConsent?: boolean; payload?: ReferralPayload; at?: Date } = {},
): Promise<SentReferral> {
  const id = randomUUID();
  const payload = opts.payload ?? samplePayload();
  const at = opts.at ?? app.clock.now();
  const receiptCode = newReceiptCode();
  const receiptHash = makeReceiptHash(app.keys.server, receiptCode);
  await withScope(app.database.db, { kind: 'intake' }, async (trx) => {
    const key = await currentCentreKey(trx, app.keys.encryption, centreId, at);
    const sealed = encryptReferral(payload, key, id);
    await trx
      .insertInto('referral')
      .values({
        id,
        centre_id: centreId,
        status: 'received',
        urgency: opts.urgency ?? 'days',
        forwarding_consent: opts.forwardingConsent ?? true,
        payload: sealed.payload,
        wrapped_key: sealed.wrappedKey,
        centre_key_version: sealed.centreKeyVersion,
        receipt_hash: receiptHash,
        created_at: at,
        status_changed_at: at,
      })
      .execute();
    await trx
      .insertInto('referral_status_event')
      .values({ id: randomUUID(), referral_id: id, status: 'received', at })
      .execute();
  });
  return { id, payload, receiptCode, receiptHash };
}
