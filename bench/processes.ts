/**
 * Child processes of the benchmark: the server under test (bench/server.ts,
 * of this checkout or of the baseline revision's), `npm start` itself, and
 * what we watch about them (resident memory from /proc, how they exit).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyRingEntry } from '../src/platform/security/keys.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const live = new Set<ChildProcess>();

/** Remember `child` until it exits, so an interrupted run can stop it. */
export function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** SIGTERM to every child this run started that is still alive. */
export function stopAllChildren(): void {
  for (const c of live) c.kill('SIGTERM');
}

/** Variables of ours the parent may have set; children get only what we pass. */
const OURS = [
  'DATABASE_URL',
  'DATA_DIR',
  'PORT',
  'HOST',
  'DEMO_CONTENT',
  'LOG_LEVEL',
  'NODE_ENV',
  'SEARCH_INDEX_TTL_MS',
  'TRUST_PROXY',
  'SERVER_KEYS',
  'AUDIT_KEYS',
  'ENCRYPTION_KEYS',
];

/**
 * One set of keys for every server of a run: outside the embedded demo's
 * default folder a start without keys is refused, and the benchmark's data
 * folders and databases are not that folder.
 */
const RUN_KEYS = {
  SERVER_KEYS: generateKeyRingEntry('bench'),
  AUDIT_KEYS: generateKeyRingEntry('bench'),
  ENCRYPTION_KEYS: generateKeyRingEntry('bench'),
};

/** The parent's environment without our own variables, plus the run's keys and `extra`. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of OURS) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('BENCH_')) delete env[k];
  return { ...env, ...RUN_KEYS, ...extra };
}

/** A port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null; ms: number };

/**
 * Send SIGTERM and wait for the exit (SIGKILL after `graceMs`). With `group`,
 * to the child's whole process group (a child spawned `detached`), as a
 * terminal's Ctrl-C or a service manager does: `npm start` then stops with
 * whatever it started, however the script runs it.
 */
export function terminate(child: ChildProcess, graceMs = 15_000, group = false): Promise<Exit> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode, ms: 0 });
      return;
    }
    const send = (signal: NodeJS.Signals) => {
      if (group && child.pid) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // The group is gone already.
        }
      } else child.kill(signal);
    };
    const kill = setTimeout(() => send('SIGKILL'), graceMs);
    child.once('exit', (code, signal) => {
      clearTimeout(kill);
      resolve({ code, signal, ms: performance.now() - t0 });
    });
    send('SIGTERM');
  });
}

/** Keeps the last few KB a child wrote, for error messages. */
function tail(child: ChildProcess): () => string {
  let buf = '';
  const keep = (d: Buffer) => {
    buf = (buf + d.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => buf;
}

export type BenchServer = {
  child: ChildProcess;
  pid: number;
  port: number;
  entries: number;
  output(): string;
  stop(): Promise<Exit>;
};

/**
 * Start bench/server.ts with `env` and wait until it listens. Its log lines
 * go to /dev/null: a deployment writes them to a log pipe, and parsing them
 * here would put our own work on the measured machine.
 */
export function startBenchServer(
  env: Record<string, string>,
  nodeArgs: string[] = [],
  timeoutMs = 120_000,
  root = ROOT,
): Promise<BenchServer> {
  // Through the TypeScript loader for both this checkout and a baseline
  // revision, which may predate the build: the same loader on both sides, and
  // it costs nothing per request once the modules are loaded.
  const child = track(
    spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, 'bench/server.ts')], {
      cwd: root,
      env: childEnv({ HOST: '127.0.0.1', PORT: '0', ...env }),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    }),
  );
  const output = tail(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench server did not start within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench server exited with ${code} before it was ready:\n${output()}`));
    });
    child.on('message', (m: { ready?: boolean; port?: number; entries?: number }) => {
      if (!m.ready || !m.port) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      // The IPC channel would keep the parent alive; it is not needed any more.
      child.disconnect();
      resolve({ child, pid: child.pid!, port: m.port, entries: m.entries ?? 0, output, stop: () => terminate(child) });
    });
  });
}

/** Resident set size of a process in KiB (VmRSS), or undefined if it is gone. */
export function rssKiB(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export type RssStats = { samples: number; peakMiB: number; meanMiB: number };

/** Samples VmRSS of `pid` every `everyMs` until stop() is called. */
export function sampleRss(pid: number, everyMs = 100): { stop(): RssStats } {
  const samples: number[] = [];
  const take = () => {
    const kib = rssKiB(pid);
    if (kib !== undefined) samples.push(kib);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      const mib = (k: number) => Math.round((k / 1024) * 10) / 10;
      return {
        samples: samples.length,
        peakMiB: mib(Math.max(...samples)),
        meanMiB: mib(samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length)),
      };
    },
  };
}

let ticksPerSecond: number | undefined;

/**
 * CPU time (user + system, all threads, so zlib work on the thread pool
 * counts too) a process has used so far, in ms; undefined if it is gone.
 */
export function cpuMs(pid: number): number | undefined {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
  } catch {
    return undefined;
  }
}

/**
 * Resolves once `pid` has used (almost) no CPU for a moment. After a load run
 * the server still finishes the requests whose connections were closed;
 * measuring the next run before that would charge it for them.
 */
export async function waitIdle(pid: number, maxMs = 30_000): Promise<void> {
  const until = performance.now() + maxMs;
  let before = cpuMs(pid);
  while (before !== undefined && performance.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    const now = cpuMs(pid);
    if (now === undefined || now - before <= 20) return;
    before = now;
  }
}
