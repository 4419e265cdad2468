/**
 * The per-address sign-in limit behind a reverse proxy (checklist #4). The
 * attack: a client guesses passwords across many accounts (so the limit
 * per account never fires) and writes a fresh address into
 * X-Forwarded-For with every request, hoping the application takes it for
 * its own; or it rotates through the 2^64 addresses of its IPv6 /64. With
 * the proxies named in TRUST_PROXY, the client is the right-most address
 * the trusted proxy vouches for, and IPv6 clients count per /64: 429 by
 * the 20th failure, however the header or the address changes.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IP_LIMIT } from '../../platform/auth/throttle.ts';
import { appForFile } from '../../../test/support/app.ts';
import { form } from '../../../test/support/auth.ts';

/** The reverse proxy in front of the application, and the only address TRUST_PROXY names. */
const PROXY = '10.0.0.5';
const t = appForFile({ TRUST_PROXY: '10.0.0.0/24' });

let n = 0;
/** An address the attacker writes into X-Forwarded-For: a different one every time. */
const spoofed = () => `192.0.2.${++n % 250}`;
/** A random address inside the IPv6 network 2001:db8:<net>:1::/64. */
const inNetwork = (net: string) =>
  `2001:db8:${net}:1:${Array.from({ length: 4 }, () => randomBytes(2).toString('hex')).join(':')}`;

/** One wrong password for a new account name each time, so only the per-address limit can fire. */
function guess(remoteAddress: string, forwardedFor?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/en/staff/sign-in',
    remoteAddress,
    ...form(
      { email: `victim-${++n}@example.org`, password: 'Sommer2026!Sommer' },
      forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    ),
  });
}

/** The statuses of `count` attempts. */
async function statuses(count: number, attempt: (i: number) => ReturnType<typeof guess>): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await attempt(i)).statusCode);
  return seen;
}

/** What `count` attempts from one client must get: 401 up to the limit, 429 from its 20th failure on. */
const limited = (count: number) => [
  ...Array<number>(IP_LIMIT.max - 1).fill(401),
  ...Array<number>(count - IP_LIMIT.max + 1).fill(429),
];

describe('X-Forwarded-For through a trusted proxy', () => {
  it('a spoofed left-most address changes nothing: the address the proxy saw is limited (nginx appending)', async () => {
    // $proxy_add_x_forwarded_for: the client's own header, then the address the proxy saw.
    const real = '203.0.113.10';
    expect(await statuses(40, () => guess(PROXY, `${spoofed()}, ${real}`))).toEqual(limited(40));
    // Someone else behind the same proxy is not locked out with the attacker.
    expect((await guess(PROXY, `${spoofed()}, 203.0.113.11`)).statusCode).toBe(401);
  });

  it('several spoofed entries and a second trusted proxy change nothing either', async () => {
    const real = '203.0.113.20';
    expect(await statuses(21, () => guess(PROXY, `${spoofed()}, ${spoofed()}, ${real}, 10.0.0.6`))).toEqual(
      limited(21),
    );
  });

  it('a client that reaches the application directly cannot name itself through the header', async () => {
    expect(await statuses(21, () => guess('198.51.100.30', spoofed()))).toEqual(limited(21));
  });
});

describe('IPv6 clients count per /64', () => {
  it('rotating addresses within one /64 through the proxy hit the limit', async () => {
    expect(await statuses(40, () => guess(PROXY, `${spoofed()}, ${inNetwork('40')}`))).toEqual(limited(40));
    // The neighbouring /64 is someone else.
    expect((await guess(PROXY, inNetwork('41'))).statusCode).toBe(401);
  });

  it('rotating addresses within one /64, connecting directly, hit the limit', async () => {
    expect(await statuses(21, () => guess(inNetwork('50')))).toEqual(limited(21));
    expect((await guess(inNetwork('51'))).statusCode).toBe(401);
  });

  it('an IPv4 client counts the same whether it arrives plain or IPv4-mapped', async () => {
    const mixed = await statuses(21, (i) => guess(i % 2 === 0 ? '198.51.100.60' : '::ffff:198.51.100.60'));
    expect(mixed).toEqual(limited(21));
  });
});
