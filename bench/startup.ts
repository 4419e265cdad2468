/**
 * `npm start` to the first answer: run `npm start` as an operator would (npm
 * itself, the stale-build check, the compiled server), poll GET /healthz
 * until it answers 200, then stop it with SIGTERM and check that it exits
 * cleanly. `root` may be a baseline revision's checkout: its own `npm start`.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { childEnv, freePort, ROOT, terminate, track } from './processes.ts';

type StartRun = {
  /** 1-minute load average when this start began: the targets hold on a quiet machine (below 1). */
  loadAverage: number;
  readyMs: number;
  selfReportedMs: number | null;
  exitCode: number | null;
  signal: string | null;
  shutdownMs: number;
};

function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** One start: returns time to the first 200 from /healthz and how the process ended. */
async function timeStart(env: Record<string, string>, root = ROOT, timeoutMs = 120_000): Promise<StartRun> {
  const port = await freePort();
  const loadAverage = Math.round(os.loadavg()[0]! * 100) / 100;
  const t0 = performance.now();
  const child = track(
    spawn('npm', ['start', '--silent'], {
      cwd: root,
      detached: true,
      env: childEnv({ HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString('utf8')).slice(-8000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString('utf8')).slice(-8000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  let readyMs: number | undefined;
  while (readyMs === undefined) {
    if (exited) throw new Error(`npm start exited before answering:\n${out}`);
    if (performance.now() - t0 > timeoutMs) {
      await terminate(child, undefined, true);
      throw new Error(`npm start did not answer within ${timeoutMs} ms:\n${out}`);
    }
    if ((await healthStatus(port)) === 200) readyMs = performance.now() - t0;
    else await new Promise((r) => setTimeout(r, 10));
  }
  const exit = await terminate(child, undefined, true);
  const self = /Ready in (\d+) ms/.exec(out)?.[1];
  return {
    loadAverage,
    readyMs: Math.round(readyMs),
    selfReportedMs: self ? Number(self) : null,
    exitCode: exit.code,
    signal: exit.signal,
    shutdownMs: Math.round(exit.ms),
  };
}

export type StartSeries = {
  scenario: string;
  /** The figure the median must not exceed, where there is one. */
  targetMs: number | null;
  runs: StartRun[];
  medianMs: number;
  /** Highest load average at the start of a run. */
  maxLoadAverage: number;
  cleanExits: boolean;
};

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Resolves when the 1-minute load average is below `limit`, or after `maxMs`. */
async function loadBelow(limit: number, maxMs = 120_000): Promise<void> {
  const until = performance.now() + maxMs;
  while (os.loadavg()[0]! >= limit && performance.now() < until) await new Promise((r) => setTimeout(r, 1000));
}

/** `times` starts, each with the environment `envFor(i)` returns (awaited, so it may prepare a fresh folder). */
export async function series(
  scenario: string,
  times: number,
  envFor: (i: number) => Promise<Record<string, string>> | Record<string, string>,
  opts: { root?: string; targetMs?: number; quietBelow?: number } = {},
): Promise<StartSeries> {
  const runs: StartRun[] = [];
  for (let i = 0; i < times; i++) {
    // The previous start (or seeding) raised the load average; a target that
    // holds on a quiet machine is measured on one, as far as waiting allows.
    if (opts.quietBelow !== undefined) await loadBelow(opts.quietBelow);
    runs.push(await timeStart(await envFor(i), opts.root));
  }
  return {
    scenario,
    targetMs: opts.targetMs ?? null,
    runs,
    medianMs: Math.round(median(runs.map((r) => r.readyMs))),
    maxLoadAverage: Math.max(...runs.map((r) => r.loadAverage)),
    cleanExits: runs.every((r) => r.exitCode === 0 && r.signal === null),
  };
}
