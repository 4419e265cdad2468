/**
 * Static assets (CSS, JS, icons) from /public, served from memory with a
 * content hash in the URL so they can be cached for a year, and gzip-encoded
 * ahead of time so the first visit on a slow connection stays small.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

type Asset = { url: string; type: string; body: Buffer; gzip: Buffer; etag: string };

export type Assets = { url(name: string): string; all(): ReadonlyMap<string, Asset> };

/** Read and fingerprint every file in /public once. */
export function loadAssets(dir = PUBLIC_DIR): Assets {
  const byName = new Map<string, Asset>();
  for (const name of fs.readdirSync(dir)) {
    const ext = path.extname(name);
    const type = TYPES[ext];
    if (!type) continue;
    const body = fs.readFileSync(path.join(dir, name));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const url = `/assets/${path.basename(name, ext)}.${hash}${ext}`;
    byName.set(name, { url, type, body, gzip: gzipSync(body, { level: 9 }), etag: `"${hash}"` });
  }
  return {
    url(name) {
      const a = byName.get(name);
      if (!a) throw new Error(`Unknown asset ${name}`);
      return a.url;
    },
    all: () => byName,
  };
}

export function registerAssets(app: FastifyInstance, assets: Assets): void {
  const byUrl = new Map([...assets.all().values()].map((a) => [a.url, a]));
  app.get('/assets/:file', { config: { public: true } }, async (req, reply) => {
    const asset = byUrl.get(req.url.split('?')[0] ?? '');
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', asset.etag)
      .header('vary', 'accept-encoding')
      .type(asset.type);
    if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(asset.gzip);
    }
    return reply.send(asset.body);
  });
}
