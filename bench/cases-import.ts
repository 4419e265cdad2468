/**
 * One import of a CSV file of case records, in a process of its own so that
 * its peak memory is the import's (bench/cases.ts starts it):
 * `node --import tsx bench/cases-import.ts <file.csv> <centre id> <postgres URL | PGlite folder>`.
 * Prints one line of JSON: time, what was imported, resident memory before
 * the import and at its peak, and the peak of the JS heap sampled every 5 ms.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { importCsv } from '../src/features/case-records/io/import.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { loadKeyRing } from '../src/platform/security/keys.ts';

export type ImportFigure = {
  database: 'postgres' | 'pglite';
  records: number;
  fileBytes: number;
  ms: number;
  outcome: string;
  created: number;
  rssBeforeMiB: number;
  /** Peak resident memory of the process (getrusage), which includes everything before the import. */
  peakRssMiB: number;
  heapBeforeMiB: number;
  peakHeapMiB: number;
};

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

async function main(): Promise<void> {
  const [file, centreId, target] = process.argv.slice(2);
  if (!file || !centreId || !target) throw new Error('usage: cases-import.ts <file.csv> <centre id> <url | folder>');
  const database = await openDatabase(
    target.startsWith('postgres')
      ? { kind: 'postgres', url: target, poolSize: 2 }
      : { kind: 'pglite', dataDir: target },
  );
  try {
    const csv = fs.readFileSync(file, 'utf8');
    const auditKeys = loadKeyRing(`b1:${randomBytes(32).toString('base64')}`);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    let peakHeap = heapBefore;
    const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
    const t = performance.now();
    const outcome = await importCsv({ db: database.db, auditKeys }, { centreId, actorId: null }, csv, new Date());
    const ms = performance.now() - t;
    clearInterval(sampler);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    const figure: ImportFigure = {
      database: database.kind,
      records: csv.split('\r\n').filter(Boolean).length - 1,
      fileBytes: Buffer.byteLength(csv),
      ms: Math.round(ms),
      outcome: outcome.kind === 'rows' ? `rows: ${outcome.problems.length} problems` : outcome.kind,
      created: outcome.kind === 'imported' ? outcome.created : 0,
      rssBeforeMiB: mib(rssBefore),
      peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
      heapBeforeMiB: mib(heapBefore),
      peakHeapMiB: mib(peakHeap),
    };
    process.stdout.write(`${JSON.stringify(figure)}\n`);
  } finally {
    await database.close();
  }
}

await main();
