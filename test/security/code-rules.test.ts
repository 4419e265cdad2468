/**
 * Rules checked in the source instead of at run time:
 * - #17 parameterised SQL only: `sql.raw` (text pasted into SQL unescaped)
 *   exists only where reviewed below; `sql.lit` only with constants; no raw
 *   driver calls with interpolated strings.
 * - #22 tokens from a CSPRNG: no Math.random anywhere in src.
 * - #25 (offline part) every locked dependency is pinned by an integrity
 *   hash and, where the lockfile names a source, comes from the npm registry
 *   (npm audit itself needs the network and belongs in CI).
 * - rows written through Kysely are checked against the generated table
 *   types: no cast inside values(), set() or doUpdateSet().
 * - #23 generic error pages: an unexpected failure answers "Internal error",
 *   with neither the message nor a stack trace nor a path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config/index.ts';
import { TEST_KEYS } from '../support/app.ts';
import { testDatabase } from '../support/db.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|js|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

const SRC = sourceFiles(path.join(ROOT, 'src')).map((f) => ({
  file: path.relative(ROOT, f),
  text: fs.readFileSync(f, 'utf8'),
}));

/** The text between an opening parenthesis (just before `from`) and its closing one. */
function balancedArguments(text: string, from: number): string {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(from, i);
  }
  return text.slice(from);
}

/** Each reviewed use of sql.raw, with why it cannot carry input. */
const REVIEWED_RAW: Record<string, { count: number; why: string }> = {
  'src/platform/db/tenant.ts': {
    count: 1,
    why: 'SET LOCAL ROLE takes an identifier, not a parameter; the role name is a constant',
  },
  'src/platform/db/migrate.ts': { count: 1, why: 'runs the migration files shipped in /migrations' },
};

describe('source rules', () => {
  it('sql.raw appears only where reviewed (#17)', () => {
    const found: Record<string, number> = {};
    for (const { file, text } of SRC) {
      const n = (text.match(/\bsql\.raw\s*\(/g) ?? []).length;
      if (n) found[file] = n;
    }
    expect(found).toEqual(Object.fromEntries(Object.entries(REVIEWED_RAW).map(([f, r]) => [f, r.count])));
  });

  it('sql.lit only inlines constants, and no driver call builds SQL from strings (#17)', () => {
    const problems: string[] = [];
    for (const { file, text } of SRC) {
      for (const m of text.matchAll(/\bsql\.lit\s*\(([^)]*)\)/g))
        if (!/^\s*(\d+|'[^'$`]*')\s*$/.test(m[1]!)) problems.push(`${file}: sql.lit(${m[1]})`);
      for (const m of text.matchAll(/\.(query|exec)\s*\(\s*`[^`]*\$\{/g))
        problems.push(`${file}: .${m[1]}(\`…\${…}\`)`);
      for (const m of text.matchAll(/\.(query|exec)\s*\(\s*['"][^'"]*['"]\s*\+/g))
        problems.push(`${file}: .${m[1]}('…' + …)`);
    }
    expect(problems).toEqual([]);
  });

  it('rows reach Kysely typed: no cast to never, any or unknown inside values(), set() or doUpdateSet()', () => {
    // A cast there switches off the check against the generated table types
    // (ADR 017); a bulk write builds Insertable<…>[] / Updateable<…> instead.
    const problems: string[] = [];
    for (const { file, text } of SRC) {
      for (const m of text.matchAll(/\.(values|set|doUpdateSet)\(/g)) {
        const args = balancedArguments(text, m.index + m[0].length);
        const cast = /\bas\s+(never|any|unknown)\b/.exec(args);
        if (cast) problems.push(`${file}: .${m[1]}(… ${cast[0]} …)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('no Math.random in server code (#22)', () => {
    expect(SRC.filter(({ text }) => /\bMath\.random\b/.test(text)).map((s) => s.file)).toEqual([]);
  });

  it('every locked dependency has an integrity hash and no source other than the npm registry (#25)', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      lockfileVersion: number;
      packages: Record<string, { resolved?: string; integrity?: string; link?: boolean }>;
    };
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    const problems = Object.entries(lock.packages)
      .filter(([name, p]) => name !== '' && !p.link)
      // `resolved` may be left out (omit-lockfile-registry-resolved); where present it must be the registry over TLS.
      .filter(
        ([, p]) => !p.integrity || (p.resolved !== undefined && !p.resolved.startsWith('https://registry.npmjs.org/')),
      )
      .map(([name]) => name);
    expect(problems).toEqual([]);
  });
});

describe('generic error answers (#23)', () => {
  it('an unexpected failure says "Internal error" and nothing else, in HTML and JSON', async () => {
    const database = await testDatabase();
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEARCH_INDEX_TTL_MS: '0', ...TEST_KEYS }),
      database,
    });
    const secret = 'Geheimnis-4711 at query (/work/main/src/x.ts:12:34)';
    const boom = () => {
      throw new Error(secret);
    };
    app.get('/de/boom', { config: { public: true } }, boom);
    app.get('/api/boom', { config: { public: true } }, boom);
    await app.ready();
    try {
      const page = await app.inject({ method: 'GET', url: '/de/boom' });
      expect(page.statusCode).toBe(500);
      expect(page.body).not.toContain('Geheimnis');
      expect(page.body).not.toMatch(/\.ts:\d+|node_modules|\n\s+at /);
      const json = await app.inject({ method: 'GET', url: '/api/boom' });
      expect(json.statusCode).toBe(500);
      expect(JSON.parse(json.body)).toEqual({ error: 'Internal error', status: 500 });
    } finally {
      await app.close();
      await database.close();
    }
  });
});
