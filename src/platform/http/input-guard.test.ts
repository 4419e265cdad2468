/**
 * A zero byte anywhere in a request (form field, JSON, query, path) is
 * refused with a clear 400 in the page's language before any handler runs,
 * instead of failing inside the database as a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { postForm } from '../../../test/support/auth.ts';
import { containsNul } from './input-guard.ts';

describe('containsNul', () => {
  it('finds a NUL in strings, arrays, nested objects and keys', () => {
    expect(containsNul('a\u0000b')).toBe(true);
    expect(containsNul(['x', ['y', '\u0000']])).toBe(true);
    expect(containsNul({ a: { b: 'c\u0000' } })).toBe(true);
    expect(containsNul({ 'k\u0000': 'v' })).toBe(true);
  });
  it('accepts everything else, including other control characters', () => {
    expect(containsNul('a\u0001b\tc\n')).toBe(false);
    expect(containsNul({ a: [1, null, true, 'ü'] })).toBe(false);
    expect(containsNul(undefined)).toBe(false);
    expect(containsNul(42)).toBe(false);
  });
});

describe('the input guard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t?.close());

  it('answers a form with a zero byte with 400 and an explanation in the page language', async () => {
    const de = await postForm(t.app, '/de/staff/sign-in', { email: 'a\u0000b@example.org', password: 'x' });
    expect(de.statusCode).toBe(400);
    expect(de.headers['content-type']).toContain('text/html');
    expect(de.body).toContain('Null-Byte');
    const en = await postForm(t.app, '/en/staff/sign-in', { email: 'a@example.org', password: 'x\u0000' });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('zero byte');
  });

  it('answers the JSON API with a 400 JSON error, for query and path alike', async () => {
    const q = await t.app.inject({ method: 'GET', url: '/api/hsds/services?search=%00' });
    expect(q.statusCode).toBe(400);
    expect(q.json()).toMatchObject({ status: 400, error: expect.stringContaining('zero byte') });
    const p = await t.app.inject({ method: 'GET', url: '/api/hsds/services/%00' });
    expect(p.statusCode).toBe(400);
  });

  it('lets ordinary requests through', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/hsds/services' });
    expect(r.statusCode).toBe(200);
  });
});
