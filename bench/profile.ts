/**
 * Where a search request's time goes: the server runs with --cpu-prof under
 * the same search load, and the samples of the measured window are
 * attributed to the nearest frame of ours or of a known library (so time in
 * a built-in like Intl.DisplayNames counts for the view that called it).
 * Profiling slows the server, so this is a separate, optional run
 * (BENCH_PROFILE=1); its req/s are not the benchmark's figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { measure, type LoadSettings } from './load.ts';
import { startBenchServer } from './processes.ts';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

/** Innermost matching frame decides; order matters only within one frame. */
const CATEGORIES: [string, RegExp][] = [
  ['search (filter, distance, sort)', /features\/finder\/search(-index)?\.ts|features\/geo\/distance\.ts/],
  ['place lookup', /features\/finder\/resolve\.ts|features\/geo\/(postcodes|placeIndex|normalise)\.ts/],
  ['query validation (zod)', /node_modules\/zod\/|features\/finder\/schema\.ts/],
  ['render: translations (i18next)', /node_modules\/i18next\/|platform\/i18n\//],
  ['render: Intl formatting (format.ts)', /directory\/format\.ts/],
  ['render: views + preact-render-to-string', /node_modules\/preact|\.tsx$|layout\/render\.ts|layout\/context\.ts/],
  [
    'compression (@fastify/compress, zlib: gzip, brotli)',
    /node_modules\/(@fastify\/compress|pumpify|duplexify|peek-stream|readable-stream|minipass|stream-shift)\/|^node:zlib/,
  ],
  ['logging (pino)', /node_modules\/(pino|sonic-boom|pino-std-serializers|@pinojs)|http\/logging\.ts/],
  ['database (revision check)', /node_modules\/(@electric-sql|pg|pg-pool|pg-protocol|kysely)\//],
  [
    'HTTP + Fastify',
    /node_modules\/(fastify|find-my-way|light-my-request|@fastify|avvio|fast-querystring)|^node:(_http|http|net|internal\/stream|stream|events)|security-headers\.ts|finder\/routes\.ts/,
  ],
];

export type ProfileSummary = {
  file: string;
  windowMs: number;
  requests: number;
  requestsPerSecUnderProfiler: number;
  categories: { category: string; share: number }[];
  topFunctions: { fn: string; share: number }[];
};

function categorise(p: Profile, fromUs: number, toUs: number) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const cat = new Map<string, number>();
  const self = new Map<string, number>();
  let total = 0;
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    if (t < fromUs || t > toUs) return;
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    let category =
      name === '(garbage collector)'
        ? 'garbage collection'
        : name === '(idle)' || name === '(program)'
          ? 'idle / VM'
          : undefined;
    for (let cur: number | undefined = id; !category && cur !== undefined; cur = parent.get(cur)) {
      const url = byId.get(cur)!.callFrame.url.replace(/^file:\/\//, '');
      category = CATEGORIES.find(([, re]) => re.test(url))?.[0];
    }
    category ??= 'other';
    cat.set(category, (cat.get(category) ?? 0) + dt);
    const fn = `${name || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/(node_modules\/)?/, '')}`;
    self.set(fn, (self.get(fn) ?? 0) + dt);
  });
  const share = (x: number) => Math.round((x / Math.max(1, total)) * 1000) / 10;
  return {
    windowMs: Math.round(total / 1000),
    categories: [...cat].sort((a, b) => b[1] - a[1]).map(([category, x]) => ({ category, share: share(x) })),
    topFunctions: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([fn, x]) => ({ fn, share: share(x) })),
  };
}

/** Profile the server under the search load; keeps the .cpuprofile in `outDir` for DevTools. */
export async function profileSearch(
  env: Record<string, string>,
  paths: readonly string[],
  s: LoadSettings,
  tmp: string,
  outDir: string,
): Promise<ProfileSummary> {
  const dir = path.join(tmp, 'cpu-prof');
  const server = await startBenchServer(env, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  let load;
  try {
    load = await measure(`http://127.0.0.1:${server.port}`, server.pid, paths, s);
  } finally {
    await server.stop();
  }
  // Node writes one profile per thread; the server's is the one with our routes in it.
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
  const main = files.find((f) => fs.readFileSync(f, 'utf8').includes('finder/routes.ts'));
  if (!main) throw new Error(`no server profile among ${files.join(', ')}`);
  const profile = JSON.parse(fs.readFileSync(main, 'utf8')) as Profile;
  // The measured window ended with the last sample inside the search route; the shutdown followed.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const inRoute = new Set<number>();
  const mark = (id: number, inside: boolean) => {
    const n = byId.get(id)!;
    const here = inside || n.callFrame.url.includes('finder/routes.ts');
    if (here) inRoute.add(id);
    for (const c of n.children ?? []) mark(c, here);
  };
  mark(profile.nodes[0]!.id, false);
  let t = profile.startTime;
  let lastBusy = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (inRoute.has(id)) lastBusy = t;
  });
  const summary = categorise(profile, lastBusy - s.durationS * 1e6, lastBusy);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'search.cpuprofile');
  fs.copyFileSync(main, file);
  return {
    file: path.relative(process.cwd(), file),
    requests: load.requests,
    requestsPerSecUnderProfiler: load.requestsPerSec,
    ...summary,
  };
}
