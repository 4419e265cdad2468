import { describe, expect, it } from 'vitest';
import { ScureBase32Plugin } from 'otplib';
import { generateTotp, generateTotpSecret, totpStep, totpUri, verifyTotp } from './totp.ts';

// RFC 6238 Appendix B: ASCII "12345678901234567890" with SHA-1 (8-digit values, last 6 used here).
const RFC_SECRET = new ScureBase32Plugin().encode(new TextEncoder().encode('12345678901234567890'));
const RFC_VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
];

const NOW = new Date('2026-03-01T10:00:10Z'); // 10 s into a step
const STEP = totpStep(NOW);
const secret = generateTotpSecret();
const codeAt = (deltaSteps: number) => generateTotp(secret, NOW.getTime() + deltaSteps * 30_000);

describe('generateTotpSecret', () => {
  it('is 160 random bits in Base32', () => {
    const s = generateTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(new ScureBase32Plugin().decode(s)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(s);
  });
});

describe('totpUri', () => {
  it('builds an otpauth URI with issuer, account and secret', () => {
    const uri = totpUri(secret, 'maria@beratung.example');
    expect(uri.startsWith('otpauth://totp/Schutznetz:maria%40beratung.example?')).toBe(true);
    const q = new URL(uri).searchParams;
    expect(q.get('secret')).toBe(secret);
    expect(q.get('issuer')).toBe('Schutznetz');
    // Defaults every app assumes; if present they must say so.
    expect(q.get('algorithm') ?? 'SHA1').toBe('SHA1');
    expect(q.get('digits') ?? '6').toBe('6');
    expect(q.get('period') ?? '30').toBe('30');
  });
});

describe('verifyTotp', () => {
  it('matches the RFC 6238 test vectors (SHA-1, 30 s)', () => {
    for (const [t, code] of RFC_VECTORS) {
      expect(generateTotp(RFC_SECRET, t * 1000)).toBe(code);
      expect(verifyTotp(RFC_SECRET, code, { now: t * 1000 })).toEqual({ ok: true, step: Math.floor(t / 30) });
    }
  });

  it('accepts the current code and returns its time step', () => {
    expect(verifyTotp(secret, codeAt(0), { now: NOW })).toEqual({ ok: true, step: STEP });
  });

  it('refuses the same code again (lastUsedStep = step): no replay', () => {
    const first = verifyTotp(secret, codeAt(0), { now: NOW });
    expect(first.ok).toBe(true);
    const lastUsedStep = first.ok ? first.step : -1;
    expect(verifyTotp(secret, codeAt(0), { now: NOW, lastUsedStep })).toEqual({ ok: false });
    // Still refused a few seconds later within the same step.
    expect(verifyTotp(secret, codeAt(0), { now: NOW.getTime() + 15_000, lastUsedStep })).toEqual({ ok: false });
  });

  it('refuses codes older than the last used one, accepts the next step', () => {
    expect(verifyTotp(secret, codeAt(-1), { now: NOW, lastUsedStep: STEP })).toEqual({ ok: false });
    expect(verifyTotp(secret, codeAt(1), { now: NOW, lastUsedStep: STEP })).toEqual({ ok: true, step: STEP + 1 });
    expect(verifyTotp(secret, codeAt(0), { now: NOW, lastUsedStep: STEP - 1 })).toEqual({ ok: true, step: STEP });
  });

  it('allows ±1 step of drift and nothing more', () => {
    expect(verifyTotp(secret, codeAt(-1), { now: NOW })).toEqual({ ok: true, step: STEP - 1 });
    expect(verifyTotp(secret, codeAt(1), { now: NOW })).toEqual({ ok: true, step: STEP + 1 });
    const window = new Set([codeAt(-1), codeAt(0), codeAt(1)]);
    for (const delta of [-2, 2]) {
      const code = codeAt(delta);
      if (window.has(code)) continue; // a 1-in-a-million coincidence with a code inside the window
      expect(verifyTotp(secret, code, { now: NOW }), `delta ${delta}`).toEqual({ ok: false });
    }
  });

  it('refuses a wrong code', () => {
    const window = new Set([codeAt(-1), codeAt(0), codeAt(1)]);
    const wrong = ['000000', '123456', '999999'].find((c) => !window.has(c))!;
    expect(verifyTotp(secret, wrong, { now: NOW })).toEqual({ ok: false });
    // The right code for someone else's secret.
    const other = generateTotpSecret();
    const otherCode = generateTotp(other, NOW);
    if (!window.has(otherCode)) expect(verifyTotp(secret, otherCode, { now: NOW })).toEqual({ ok: false });
  });

  it('refuses malformed input without throwing', () => {
    for (const bad of [
      '',
      'abcdef',
      '12345',
      '1234567',
      '12a456',
      '１２３４５６',
      '-12345',
      '1e5000',
      '123456\u0000',
      ' ',
    ]) {
      expect(() => verifyTotp(secret, bad, { now: NOW })).not.toThrow();
      expect(verifyTotp(secret, bad, { now: NOW }), JSON.stringify(bad)).toEqual({ ok: false });
    }
    expect(verifyTotp(secret, null as unknown as string, { now: NOW })).toEqual({ ok: false });
    expect(verifyTotp(secret, 123456 as unknown as string, { now: NOW })).toEqual({ ok: false });
  });

  it('ignores spaces inside the code ("123 456")', () => {
    const c = codeAt(0);
    expect(verifyTotp(secret, `${c.slice(0, 3)} ${c.slice(3)}`, { now: NOW })).toEqual({ ok: true, step: STEP });
  });

  it('refuses without throwing when lastUsedStep is at or beyond the window', () => {
    expect(verifyTotp(secret, codeAt(1), { now: NOW, lastUsedStep: STEP + 1 })).toEqual({ ok: false });
    expect(verifyTotp(secret, codeAt(0), { now: NOW, lastUsedStep: STEP + 1000 })).toEqual({ ok: false });
  });
});
