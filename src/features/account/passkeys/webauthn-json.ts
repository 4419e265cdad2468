/**
 * The JSON bodies public/passkey.js posts, validated strictly before any of
 * it reaches the WebAuthn library: only base64url strings of bounded length
 * in exactly the fields the ceremonies use. The shapes are the WebAuthn
 * Level 3 JSON encodings (RegistrationResponseJSON, AuthenticationResponseJSON).
 */
import { z } from 'zod';

const b64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

/** Credential ids are at most 1023 bytes (WebAuthn §5.1.1) → 1364 base64url characters. */
export const credentialId = b64url(1364);

const transport = z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** What both ceremonies' responses carry: the credential, and client data in the response. */
const credential = { id: credentialId, rawId: credentialId, type: z.literal('public-key') };
const clientDataJSON = b64url(4096);

export const registrationResponse = z
  .object({
    ...credential,
    response: z
      .object({
        clientDataJSON,
        attestationObject: b64url(16384),
        transports: z.array(transport).max(10).optional(),
      })
      .strict(),
    // The library asks for credProps by default; nothing else is requested.
    clientExtensionResults: z
      .object({ credProps: z.object({ rk: z.boolean().optional() }).strict().optional() })
      .strict(),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  })
  .strict();

export const authenticationResponse = z
  .object({
    ...credential,
    response: z
      .object({
        clientDataJSON,
        authenticatorData: b64url(4096),
        signature: b64url(1024),
        userHandle: b64url(128).optional(),
      })
      .strict(),
    clientExtensionResults: z.object({}).strict(),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  })
  .strict();

/** A passkey's name as people give it ("Laptop", "YubiKey blau"): one line, short. */
const passkeyName = z
  .string()
  .trim()
  .max(60)
  .refine((s) => !/\p{Cc}/u.test(s), 'must be a single line')
  .transform((s) => s || 'Passkey');

/** The body that adds a passkey: its name and the browser's registration response. */
export const registerBody = z.object({ name: passkeyName, credential: registrationResponse }).strict();
