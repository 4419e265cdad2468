/**
 * Pages are compressed in one pass by sendPage, by the same rules
 * @fastify/compress applies to everything else, which must then leave them
 * alone (no double encoding).
 */
import compress from '@fastify/compress';
import Fastify from 'fastify';
import { h } from 'preact';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocument, sendPage } from './render.ts';

const big = () => h('html', null, h('body', null, h('p', null, 'Beratung in der Nähe. '.repeat(200))));
const small = () => h('html', null, h('body', null, 'kurz'));

const app = Fastify();
beforeAll(async () => {
  await app.register(compress, { global: true, threshold: 1024, encodings: ['gzip', 'identity'] });
  app.get('/big', async (_req, reply) => sendPage(reply, big()));
  app.get('/small', async (_req, reply) => sendPage(reply, small()));
  app.get('/varied', async (_req, reply) => sendPage(reply.header('vary', 'accept-language'), big()));
  await app.ready();
});
afterAll(() => app.close());

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });

describe('sendPage', () => {
  it('gzips a page once for a client that takes gzip, with the same HTML inside', async () => {
    for (const ae of ['gzip', 'gzip, deflate;q=0.5, br;q=0.4', 'x-gzip', '*']) {
      const res = await get('/big', { 'accept-encoding': ae });
      expect(res.headers['content-encoding'], ae).toBe('gzip');
      expect(res.headers.vary).toBe('accept-encoding');
      expect(gunzipSync(res.rawPayload).toString('utf8')).toBe(renderDocument(big()));
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    }
  });

  it('sends brotli to a client that prefers it or takes both', async () => {
    for (const ae of ['br', 'gzip, deflate, br', 'br;q=1, gzip;q=0.5']) {
      const res = await get('/big', { 'accept-encoding': ae });
      expect(res.headers['content-encoding'], ae).toBe('br');
      expect(res.headers.vary).toBe('accept-encoding');
      expect(brotliDecompressSync(res.rawPayload).toString('utf8')).toBe(renderDocument(big()));
    }
  });

  it('sends plain HTML to clients without gzip, on request, and for small pages', async () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'gzip;q=0, identity' },
      { 'accept-encoding': 'deflate' },
      { 'accept-encoding': 'gzip', 'x-no-compression': '1' },
    ]) {
      const res = await get('/big', headers);
      expect(res.headers['content-encoding'] ?? 'identity', JSON.stringify(headers)).toBe('identity');
      expect(res.body).toBe(renderDocument(big()));
    }
    const tiny = await get('/small', { 'accept-encoding': 'gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe(renderDocument(small()));
  });

  it('adds accept-encoding to a Vary header a route set', async () => {
    const res = await get('/varied', { 'accept-encoding': 'gzip' });
    expect(res.headers.vary).toBe('accept-language, accept-encoding');
  });
});
