/**
 * `npm run bench:pages`: are the pages this checkout serves byte for byte
 * the pages another revision serves (BENCH_BASELINE, default the merge base
 * with main)? For
 * speed-ups that must not change what a visitor gets (memoised translators,
 * memoised language names, one compression pass): every public page of the
 * demo directory in both languages, fetched uncompressed and gzipped (the
 * gzipped one is unzipped, so the compression level does not count).
 *
 * Both servers run on one PGlite folder with the demo content, one after the
 * other. Pages whose views changed on purpose are named in EXPECTED_CHANGES
 * and reported, not failed. Exit code 1 when any other page differs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { prepareBaseline } from './baseline.ts';
import { ROOT, startBenchServer } from './processes.ts';

/** Pages that show result cards or result groups, changed on purpose by this branch. */
const EXPECTED_CHANGES = [/\/search\?/, /\/states\/[a-z-]+$/];

const log = (msg: string) => process.stderr.write(`[pages] ${msg}\n`);

async function fetchAll(root: string, dataDir: string, paths: (base: string) => Promise<string[]>) {
  const server = await startBenchServer(
    { DATA_DIR: dataDir, DEMO_CONTENT: 'true', LOG_LEVEL: 'warn' },
    [],
    120_000,
    root,
  );
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const out = new Map<string, { plain: string; gzip: string; status: number }>();
    for (const p of await paths(base)) {
      const plain = await get(new URL(p, base), 'identity');
      const gzipped = await get(new URL(p, base), 'gzip');
      const gz = gzipped.encoding === 'gzip' ? gunzipSync(gzipped.body) : gzipped.body;
      out.set(p, {
        plain: unhashed(plain.body.toString('utf8')),
        gzip: unhashed(gz.toString('utf8')),
        status: plain.status,
      });
    }
    return out;
  } finally {
    await server.stop();
  }
}

/**
 * Asset names carry a hash of their content: a changed stylesheet renames it
 * on every page. Which asset a page links stays compared; its content is not
 * part of the page.
 */
const unhashed = (html: string) => html.replace(/(\/assets\/[\w-]+)\.[0-9a-f]{6,}\.(css|js|svg)/g, '$1.#.$2');

/** Where two texts first differ, with some context, for the report. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: before …${JSON.stringify(b.slice(Math.max(0, i - 40), i + 60))}, after …${JSON.stringify(a.slice(Math.max(0, i - 40), i + 60))}`;
}

/** The body as sent (fetch would unzip it). */
function get(url: URL, acceptEncoding: string): Promise<{ status: number; encoding: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            encoding: String(res.headers['content-encoding'] ?? ''),
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on('error', reject);
  });
}

async function pagePaths(base: string): Promise<string[]> {
  const home = await (await fetch(`${base}/de/`)).text();
  const centres = [...new Set([...home.matchAll(/href="\/de\/centres\/([0-9a-f-]{36})"/g)].map((m) => m[1]!))];
  const states = await (await fetch(`${base}/de/states`)).text();
  const slugs = [...new Set([...states.matchAll(/href="\/de\/states\/([a-z-]+)"/g)].map((m) => m[1]!))];
  const perLocale = (l: string) => [
    `/${l}/`,
    `/${l}/states`,
    ...slugs.slice(0, 4).map((s) => `/${l}/states/${s}`),
    ...centres.map((id) => `/${l}/centres/${id}`),
    ...['safety', 'about', 'leichte-sprache', 'accessibility', 'privacy'].map((p) => `/${l}/${p}`),
    `/${l}/search?q=00000`,
    `/${l}/search?q=Frankfurt`,
    `/${l}/search`,
    `/${l}/search?q=44135`,
    `/${l}/no-such-page`,
  ];
  return [...perLocale('de'), ...perLocale('en')];
}

async function main(): Promise<void> {
  // By default the point this branch left main: main itself may have moved on with changes of its own.
  const rev =
    process.env.BENCH_BASELINE ||
    execFileSync('git', ['merge-base', 'HEAD', 'main'], { cwd: ROOT, encoding: 'utf8' }).trim().slice(0, 12);
  const baseline = prepareBaseline(rev, log);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-pages-'));
  try {
    const dataDir = path.join(tmp, 'pglite');
    log(`${rev}: rendering`);
    const before = await fetchAll(baseline.root, dataDir, pagePaths);
    log('this checkout: rendering');
    const after = await fetchAll(ROOT, dataDir, async () => [...before.keys()]);
    let same = 0;
    const changedOnPurpose: string[] = [];
    const unexpected: string[] = [];
    for (const [p, b] of before) {
      const a = after.get(p)!;
      const identical = a.plain === b.plain && a.gzip === b.gzip && a.status === b.status && a.plain === a.gzip;
      if (identical) same++;
      else if (EXPECTED_CHANGES.some((re) => re.test(p))) changedOnPurpose.push(p);
      else unexpected.push(`${p} ${firstDifference(a.plain === a.gzip ? a.plain : a.gzip, b.plain)}`);
    }
    process.stdout.write(
      `${before.size} pages against ${rev} (${baseline.sha.slice(0, 9)}): ${same} byte for byte identical, ` +
        `${changedOnPurpose.length} changed on purpose (result views), ${unexpected.length} changed unexpectedly\n` +
        unexpected.map((p) => `  DIFFERENT: ${p}\n`).join('') +
        changedOnPurpose.map((p) => `  changed view: ${p}\n`).join(''),
    );
    if (unexpected.length > 0) process.exitCode = 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
