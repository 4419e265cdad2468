/**
 * One load measurement with autocannon: a route (or a rotating list of
 * paths) hammered for a fixed time over keep-alive connections, with the
 * headers a browser sends, while the server's memory is sampled.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { cpuMs, sampleRss, waitIdle, type RssStats } from './processes.ts';

export type LoadSettings = {
  durationS: number;
  warmupS: number;
  connections: number;
  /**
   * Before measuring, wait (up to two minutes) until the 1-minute load average
   * is below this: the absolute targets hold on a quiet machine, and the
   * bench's own previous measurement would otherwise still count against it.
   */
  quietBelow?: number;
};

export type LoadResult = {
  paths: number;
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerSec: number;
  /**
   * Server CPU time per request. Unlike req/s this barely depends on what
   * else runs on the machine, so it is the figure to compare across runs.
   * Counted from the start of the run until the server is idle again, over
   * the answered and timed-out requests plus the one each connection still
   * had in flight when the run stopped (the server completes those too).
   */
  serverCpuMsPerRequest: number;
  /** 1000 / serverCpuMsPerRequest: what one core fully given to the server would answer per second. */
  requestsPerCoreSecond: number;
  /** Server CPU time / wall time: 1.0 = one core busy all the time. */
  serverCpuCores: number;
  /** CPU the load generator (this process) used, in cores. */
  loadGeneratorCpuCores: number;
  /** 1-minute load average when the measurement started (machine busy with other work?). */
  loadAverageBefore: number;
  rss: RssStats;
};

/** What a browser asks for; the server answers gzip or identity. */
export const BROWSER_HEADERS = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'de-DE,de;q=0.9,en;q=0.8',
};

function run(base: string, paths: readonly string[], connections: number, durationS: number) {
  let clientNo = 0;
  return autocannon({
    url: base,
    connections,
    duration: durationS,
    pipelining: 1,
    timeout: 10,
    headers: BROWSER_HEADERS,
    requests: [{ method: 'GET', path: paths[0]! }],
    // Each connection walks the whole list from its own starting point, so at
    // any moment the server sees many different searches, not one repeated.
    setupClient: (client) => {
      const start = (clientNo++ * 37) % paths.length;
      const rotated = [...paths.slice(start), ...paths.slice(0, start)];
      client.setRequests(rotated.map((path) => ({ method: 'GET', path })));
    },
  });
}

/** Warm up, then measure `paths` against the server at `base` (process `pid`). */
export async function measure(
  base: string,
  pid: number,
  paths: readonly string[],
  s: LoadSettings,
): Promise<LoadResult> {
  if (paths.length === 0) throw new Error('no paths to measure');
  // Warm-up lets V8 optimise the hot code and fills the connection pools.
  if (s.warmupS > 0) await run(base, paths, s.connections, s.warmupS);
  await waitIdle(pid);
  if (s.quietBelow !== undefined) await loadBelow(s.quietBelow);
  const loadAverageBefore = Math.round(os.loadavg()[0]! * 100) / 100;
  const rss = sampleRss(pid);
  const cpu0 = cpuMs(pid) ?? 0;
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await run(base, paths, s.connections, s.durationS);
  const wallMs = performance.now() - t0;
  const serverCpu = (cpuMs(pid) ?? 0) - cpu0;
  const own = process.cpuUsage(own0);
  const mem = rss.stop();
  await waitIdle(pid);
  const serverCpuUntilIdle = (cpuMs(pid) ?? 0) - cpu0;
  // Timed-out requests were still answered by the server, just too late for autocannon.
  const served = r.requests.total + r.timeouts + s.connections;
  return {
    paths: paths.length,
    requestsPerSec: Math.round(r.requests.average),
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyMaxMs: r.latency.max,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    bytesPerSec: Math.round(r.throughput.average),
    serverCpuMsPerRequest: Math.round((serverCpuUntilIdle / served) * 1000) / 1000,
    requestsPerCoreSecond: Math.round(served / (serverCpuUntilIdle / 1000)),
    serverCpuCores: Math.round((serverCpu / wallMs) * 100) / 100,
    loadGeneratorCpuCores: Math.round(((own.user + own.system) / 1000 / wallMs) * 100) / 100,
    loadAverageBefore,
    rss: mem,
  };
}

/** Resolves when the 1-minute load average is below `limit`, or after `maxMs`. */
async function loadBelow(limit: number, maxMs = 120_000): Promise<void> {
  const until = performance.now() + maxMs;
  while (os.loadavg()[0]! >= limit && performance.now() < until) await new Promise((r) => setTimeout(r, 1000));
}
