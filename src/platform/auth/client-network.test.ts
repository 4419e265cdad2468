/**
 * What the per-address sign-in limit counts a client as (throttle.ts): IPv4
 * addresses one by one, also when a dual-stack socket reports them
 * IPv4-mapped; IPv6 addresses by their /64, however they are written.
 */
import { describe, expect, it } from 'vitest';
import { clientNetwork } from './throttle.ts';

describe('clientNetwork', () => {
  it('keeps an IPv4 address, and unwraps an IPv4-mapped one', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::FFFF:cb00:7107')).toBe('203.0.113.7');
    expect(clientNetwork('203.0.113.8')).not.toBe(clientNetwork('203.0.113.7'));
  });

  it('counts every address of an IPv6 /64 as one, in any spelling, and the next /64 apart', () => {
    const network = clientNetwork('2001:db8:1:2::1');
    for (const a of ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0DB8:0001:0002:abcd::9', '2001:db8:1:2::1%eth0'])
      expect(clientNetwork(a), a).toBe(network);
    expect(clientNetwork('2001:db8:1:3::1')).not.toBe(network);
    expect(clientNetwork('2002:db8:1:2::1')).not.toBe(network);
  });
});
