/**
 * A software WebAuthn authenticator for tests: a P-256 key pair made in the
 * test, and registration ('none' attestation) and assertion responses built
 * by hand byte for byte (WebAuthn Level 2 §6.1 authenticator data, §6.5
 * attestation object, §5.8.1 client data). It deliberately does not use the
 * WebAuthn library under test, not even its CBOR encoder, so the two sides
 * check each other. Every field can be spoiled on purpose (origin, UV flag,
 * challenge, counter) to test refusals. Imported by tests only.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

type CborValue = number | string | Uint8Array | Map<number | string, CborValue>;

function cborHead(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

/** The subset of CBOR (RFC 8949) WebAuthn structures need: integers, byte and text strings, maps. */
function cbor(value: CborValue): Buffer {
  if (typeof value === 'number') return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([cborHead(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
  const parts: Buffer[] = [cborHead(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v));
  return Buffer.concat(parts);
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export type Spoil = {
  origin?: string;
  rpId?: string;
  /** Leave out the user-verified flag. */
  noUserVerification?: boolean;
  challenge?: string;
  /** Sign with this counter instead of the next one. */
  counter?: number;
  type?: string;
};

export class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  private readonly privateKey: KeyObject;
  private readonly x: Buffer;
  private readonly y: Buffer;
  counter = 0;

  constructor(
    readonly rpId: string,
    readonly origin: string,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.x = Buffer.from(jwk.x!, 'base64url');
    this.y = Buffer.from(jwk.y!, 'base64url');
  }

  get id(): string {
    return this.credentialId.toString('base64url');
  }

  /** The public key as stored after a registration (COSE_Key), for tests that register it directly in the database. */
  publicKeyCose(): Uint8Array {
    return new Uint8Array(this.coseKey());
  }

  /** The public key as a COSE_Key: EC2 (1: 2), ES256 (3: -7), P-256 (-1: 1), x (-2), y (-3). */
  private coseKey(): Buffer {
    return cbor(
      new Map<number, CborValue>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, this.x],
        [-3, this.y],
      ]),
    );
  }

  private authData(flags: number, counter: number, rpId: string, attested: boolean): Buffer {
    const rpIdHash = createHash('sha256').update(rpId, 'utf8').digest();
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    const head = Buffer.concat([rpIdHash, Buffer.from([flags]), count]);
    if (!attested) return head;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    return Buffer.concat([head, Buffer.alloc(16) /* AAGUID: none */, idLength, this.credentialId, this.coseKey()]);
  }

  /** The client data of a ceremony of `type` for `options`, unless `spoil` says otherwise. */
  private clientData(type: string, options: { challenge: string }, spoil: Spoil): Buffer {
    const data = {
      type: spoil.type ?? type,
      challenge: spoil.challenge ?? options.challenge,
      origin: spoil.origin ?? this.origin,
      crossOrigin: false,
    };
    return Buffer.from(JSON.stringify(data), 'utf8');
  }

  /** The credential as the browser's JSON encoding has it, with `response`'s fields after the client data. */
  private credential<R extends Record<string, unknown>>(clientDataJSON: Buffer, response: R) {
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: { clientDataJSON: clientDataJSON.toString('base64url'), ...response },
    };
  }

  /** What navigator.credentials.create() would return, as public/passkey.js posts it. */
  register(options: { challenge: string }, spoil: Spoil = {}) {
    const flags = FLAG_UP | FLAG_AT | (spoil.noUserVerification ? 0 : FLAG_UV);
    const authData = this.authData(flags, this.counter, spoil.rpId ?? this.rpId, true);
    const clientDataJSON = this.clientData('webauthn.create', options, spoil);
    const attestationObject = cbor(
      new Map<string, CborValue>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    return {
      ...this.credential(clientDataJSON, {
        attestationObject: attestationObject.toString('base64url'),
        transports: ['internal'],
      }),
      clientExtensionResults: {},
      authenticatorAttachment: 'platform' as const,
    };
  }

  /** What navigator.credentials.get() would return; the counter goes up by one unless spoiled. */
  assert(options: { challenge: string }, spoil: Spoil = {}) {
    const counter = spoil.counter ?? ++this.counter;
    const flags = FLAG_UP | (spoil.noUserVerification ? 0 : FLAG_UV);
    const authenticatorData = this.authData(flags, counter, spoil.rpId ?? this.rpId, false);
    const clientDataJSON = this.clientData('webauthn.get', options, spoil);
    const signed = Buffer.concat([authenticatorData, createHash('sha256').update(clientDataJSON).digest()]);
    // ES256 signatures in WebAuthn are ASN.1 DER, node's default for EC keys.
    const signature = sign('sha256', signed, this.privateKey);
    return {
      ...this.credential(clientDataJSON, {
        authenticatorData: authenticatorData.toString('base64url'),
        signature: signature.toString('base64url'),
      }),
      clientExtensionResults: {},
    };
  }
}
