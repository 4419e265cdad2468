/**
 * Prints the tables of bench/results/latest.json as Markdown, for updating
 * docs/performance.md after a run: `npm run bench:markdown`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './load.ts';
import type { PageWeight } from './page-weight.ts';
import { ROOT } from './processes.ts';
import type { ProfileSummary } from './profile.ts';
import type { StartSeries } from './startup.ts';

type Results = {
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    memoryGiB: number;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  settings: { durationS: number; warmupS: number; connections: number };
  load: {
    database: string;
    /** Absent in runs from before the sizes (5,000 then). */
    size?: number;
    cpuRatio?: number;
    ratioSlices?: { bare: number[]; search: number[] };
    seed: { writeMs: number };
    entriesLoaded: number;
    rssAtStartMiB: number;
    bare: LoadResult;
    search: LoadResult;
    searchShareOfBare: number;
    serverExit: { code: number | null };
  }[];
  demoServer: { entries: number; rssAtStartMiB: number } | null;
  pageWeight: PageWeight[];
  startup: StartSeries[];
  profile: ProfileSummary | null;
  baseline: {
    rev: string;
    sha: string;
    slices: number;
    current: { searchCpuMsPerRequest: number[]; bareCpuMsPerRequest: number[] };
    baseline: { searchCpuMsPerRequest: number[]; bareCpuMsPerRequest: number[] };
    searchRatio: number;
    bareRatio: number;
  } | null;
  totalSeconds: number;
};

const r = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench/results/latest.json'), 'utf8')) as Results;
const md = (headers: string[], rows: (string | number)[][]) =>
  [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
const n = (x: number) => x.toLocaleString('en');
const out: string[] = [];

out.push(
  `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}; ` +
    `load average (1/5/15 min) ${r.machine.loadAverageAtStart.join(' / ')} at start, ${r.machine.loadAverageAtEnd.join(' / ')} at end; ${r.totalSeconds} s in all.`,
  '',
  md(
    [
      'database',
      'services',
      'route',
      'req/s',
      'p50 ms',
      'p99 ms',
      'errors',
      'server CPU ms/req',
      'req/s per core',
      'server cores used',
      'RSS peak / mean MiB',
    ],
    r.load.flatMap((l) =>
      (['bare', 'search'] as const).map((k) => {
        const x = l[k];
        return [
          l.database,
          n(l.size ?? 5000),
          k,
          n(x.requestsPerSec),
          x.latencyP50Ms,
          x.latencyP99Ms,
          x.errors + x.non2xx,
          x.serverCpuMsPerRequest,
          n(x.requestsPerCoreSecond),
          x.serverCpuCores,
          `${x.rss.peakMiB} / ${x.rss.meanMiB}`,
        ];
      }),
    ),
  ),
  '',
  md(
    [
      'database',
      'services',
      'search CPU / bare CPU (alternating slices)',
      'slices: search / bare ms',
      'search / bare, req/s',
      'RSS after start',
      'writing the entries',
    ],
    r.load.map((l) => [
      l.database,
      n(l.size ?? 5000),
      `${l.cpuRatio ?? (l.search.serverCpuMsPerRequest / l.bare.serverCpuMsPerRequest).toFixed(1)} ×`,
      l.ratioSlices ? `${l.ratioSlices.search.join(' / ')} — ${l.ratioSlices.bare.join(' / ')}` : '–',
      `${(l.searchShareOfBare * 100).toFixed(1)} %`,
      `${l.rssAtStartMiB} MiB`,
      `${(l.seed.writeMs / 1000).toFixed(1)} s`,
    ]),
  ),
  '',
);
for (const w of r.pageWeight) {
  out.push(
    `\`${w.path}\`, ${w.directory} directory, ${w.results} result cards:`,
    '',
    md(
      ['resource', 'bytes sent (gzip)', 'uncompressed'],
      [
        ...w.transfers.map((t) => [
          `${t.kind} \`${t.url.replace(/\.[0-9a-f]{10}\./, '.<hash>.')}\``,
          n(t.bodyBytes),
          n(t.rawBytes),
        ]),
        ['**total**', `**${n(w.totalBytes)}**`, n(w.transfers.reduce((s, t) => s + t.rawBytes, 0))],
      ],
    ),
    '',
    `With response headers: ${n(w.totalWithHeadersBytes)} bytes.${w.foreign.length ? ` Other origins: ${w.foreign.join(', ')}` : ''}`,
    '',
  );
}
out.push(
  md(
    ['scenario', 'median ms to first 200', 'target', 'runs', 'load average', '"Ready in" (main() only)', 'SIGTERM'],
    r.startup.map((s) => [
      s.scenario,
      n(s.medianMs),
      s.targetMs === null ? '–' : `≤ ${n(s.targetMs)}: ${s.medianMs <= s.targetMs ? 'met' : 'MISSED'}`,
      s.runs.map((x) => n(x.readyMs)).join(' / '),
      s.runs.map((x) => x.loadAverage).join(' / '),
      s.runs.map((x) => (x.selfReportedMs === null ? '–' : n(x.selfReportedMs))).join(' / '),
      s.cleanExits
        ? `exit 0 (${s.runs.map((x) => x.shutdownMs).join(' / ')} ms)`
        : s.runs.map((x) => `exit ${x.exitCode} ${x.signal ?? ''}`).join(', '),
    ]),
  ),
  '',
);
if (r.profile) {
  out.push(
    md(
      ['where the search route spends CPU (main thread)', 'share'],
      r.profile.categories.map((c) => [c.category, `${c.share.toFixed(1)} %`]),
    ),
    '',
    md(
      ['function (self time)', 'share'],
      r.profile.topFunctions.slice(0, 10).map((f) => [`\`${f.fn}\``, `${f.share.toFixed(1)} %`]),
    ),
    '',
  );
}
if (r.baseline) {
  const b = r.baseline;
  out.push(
    `This checkout against \`${b.rev}\` (${b.sha.slice(0, 9)}), same data, ${b.slices} alternating slices each:`,
    '',
    md(
      ['route', 'this checkout, CPU ms/request', `\`${b.rev}\`, CPU ms/request`, 'ratio of the medians'],
      [
        [
          'search',
          b.current.searchCpuMsPerRequest.join(' / '),
          b.baseline.searchCpuMsPerRequest.join(' / '),
          b.searchRatio,
        ],
        ['bare', b.current.bareCpuMsPerRequest.join(' / '), b.baseline.bareCpuMsPerRequest.join(' / '), b.bareRatio],
      ],
    ),
    '',
  );
}
process.stdout.write(`${out.join('\n')}\n`);
