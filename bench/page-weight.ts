/**
 * What a first visit to a result page transfers: the HTML and every
 * subresource it references (stylesheets, scripts, icons, images, and what
 * the stylesheets pull in), each fetched once with `accept-encoding: gzip`
 * as a browser with an empty cache would. Counted are the bytes of the
 * bodies as they travel (compressed where the server compresses); headers
 * are reported separately.
 */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';

type Transfer = {
  url: string;
  kind: 'html' | 'css' | 'js' | 'svg' | 'other';
  status: number;
  encoding: string;
  bodyBytes: number;
  rawBytes: number;
  headerBytes: number;
};

export type PageWeight = {
  /** Which directory the server held (demo, synthetic). */
  directory: string;
  path: string;
  /** Result cards on the page. */
  results: number;
  transfers: Transfer[];
  htmlBytes: number;
  totalBytes: number;
  totalWithHeadersBytes: number;
  /** Subresources pointing anywhere but this origin (must be none). */
  foreign: string[];
};

function get(
  base: string,
  path: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; headerBytes: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(path, base), { headers: { 'accept-encoding': 'gzip', accept: '*/*' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        // Status line, then "name: value\r\n" per header, then a blank line.
        const headerBytes =
          `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length +
          res.rawHeaders.reduce((n, v) => n + Buffer.byteLength(v) + 2, 0) +
          2;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, headerBytes, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const decode = (body: Buffer, encoding: string) => (encoding === 'gzip' ? gunzipSync(body) : body);

function kindOf(contentType: string | undefined): Transfer['kind'] {
  const t = contentType ?? '';
  if (t.startsWith('text/html')) return 'html';
  if (t.startsWith('text/css')) return 'css';
  if (/javascript/.test(t)) return 'js';
  if (t.startsWith('image/svg')) return 'svg';
  return 'other';
}

/** URLs a browser fetches for this HTML on first visit. */
function htmlReferences(html: string): string[] {
  const refs: string[] = [];
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const rel = /\brel="([^"]*)"/i.exec(tag)?.[1] ?? '';
    const href = /\bhref="([^"]*)"/i.exec(tag)?.[1];
    if (href && /\b(stylesheet|icon|preload|modulepreload|manifest)\b/i.test(rel)) refs.push(href);
  }
  for (const m of html.matchAll(/<(?:script|img|source|iframe)\b[^>]*\bsrc="([^"]*)"/gi)) refs.push(m[1]!);
  for (const m of html.matchAll(/<image\b[^>]*\bhref="([^"#][^"]*)"/gi)) refs.push(m[1]!);
  return refs.map((r) => r.replace(/&amp;/g, '&'));
}

function cssReferences(css: string): string[] {
  const refs: string[] = [];
  for (const m of css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/gi)) refs.push(m[1]!);
  for (const m of css.matchAll(/@import\s+['"]([^'"]+)['"]/gi)) refs.push(m[1]!);
  return refs.filter((r) => !r.startsWith('data:') && !r.startsWith('#'));
}

/** Fetch `path` and everything it needs from the server at `base`, which holds `directory`. */
export async function pageWeight(base: string, path: string, directory: string): Promise<PageWeight> {
  const origin = new URL(base).origin;
  const transfers: Transfer[] = [];
  const foreign: string[] = [];
  const seen = new Set<string>();
  let html = '';
  const queue: { url: string; from: string }[] = [{ url: new URL(path, base).toString(), from: base }];
  while (queue.length > 0) {
    const { url, from } = queue.shift()!;
    const abs = new URL(url, from);
    if (abs.origin !== origin) {
      foreign.push(abs.toString());
      continue;
    }
    const key = abs.pathname + abs.search;
    if (seen.has(key)) continue;
    seen.add(key);
    const res = await get(base, key);
    const encoding = String(res.headers['content-encoding'] ?? 'identity');
    const raw = decode(res.body, encoding);
    const kind = kindOf(res.headers['content-type']);
    transfers.push({
      url: key,
      kind,
      status: res.status,
      encoding,
      bodyBytes: res.body.length,
      rawBytes: raw.length,
      headerBytes: res.headerBytes,
    });
    if (kind === 'html' && transfers.length === 1) {
      html = raw.toString('utf8');
      for (const r of htmlReferences(html)) queue.push({ url: r, from: abs.toString() });
    } else if (kind === 'css') {
      for (const r of cssReferences(raw.toString('utf8'))) queue.push({ url: r, from: abs.toString() });
    }
  }
  const results = (/<ol class="results"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1]?.match(/<li class="card"/g) ?? [])
    .length;
  const sum = (f: (t: Transfer) => number) => transfers.reduce((n, t) => n + f(t), 0);
  return {
    directory,
    path,
    results,
    transfers,
    htmlBytes: transfers[0]?.bodyBytes ?? 0,
    totalBytes: sum((t) => t.bodyBytes),
    totalWithHeadersBytes: sum((t) => t.bodyBytes + t.headerBytes),
    foreign,
  };
}
