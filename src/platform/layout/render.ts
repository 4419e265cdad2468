/** Server-side rendering of a page to a complete HTML document, compressed in one pass. */
import { gzipSync } from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function renderDocument(vnode: VNode): string {
  return `<!doctype html>${renderToString(vnode)}`;
}

/**
 * gzip level for pages. A page is 10–30 KB of HTML and is compressed once,
 * whole: @fastify/compress would pipe it through a zlib stream per response,
 * whose plumbing cost more CPU than the deflate itself. Level 1 keeps a
 * 28 KB result page at 9.4 KB, well inside the 14 KB budget (the first
 * round trip), for about half the CPU of the default 6 (level 4: 8.9 KB,
 * level 6: 8.8 KB; docs/performance.md).
 */
const PAGE_GZIP_LEVEL = 1;
/** Below this, gzip saves too little to be worth it (the same threshold as @fastify/compress's). */
const THRESHOLD = 1024;

// No cache: a cache keyed by Accept-Encoding values would keep what clients sent.
const encodings = new Negotiator({ supportedValues: ['gzip', 'identity'] });

/** Whether the client takes gzip, by the same rules as @fastify/compress (which handles all other responses). */
function acceptsGzip(req: FastifyRequest): boolean {
  const header = req.headers['accept-encoding'];
  if (typeof header !== 'string' || req.headers['x-no-compression'] !== undefined) return false;
  return encodings.negotiate(header.toLowerCase().replace(/\*|x-gzip/g, 'gzip')) === 'gzip';
}

export function sendPage(reply: FastifyReply, vnode: VNode, status = 200): FastifyReply {
  const html = renderDocument(vnode);
  reply.code(status).type('text/html; charset=utf-8');
  if (Buffer.byteLength(html) < THRESHOLD || !acceptsGzip(reply.request)) return reply.send(html);
  const vary = reply.getHeader('vary');
  const varies = vary === undefined ? [] : Array.isArray(vary) ? vary.map(String) : [String(vary)];
  if (!varies.some((v) => v.includes('accept-encoding')))
    reply.header('vary', [...varies, 'accept-encoding'].join(', '));
  // With Content-Encoding set, @fastify/compress leaves the body alone.
  return reply.header('content-encoding', 'gzip').send(gzipSync(html, { level: PAGE_GZIP_LEVEL }));
}
