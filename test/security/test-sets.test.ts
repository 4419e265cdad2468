/**
 * Database behaviour is tested on both databases (ADR 019). CI runs only the
 * `database` projects a second time, on PostgreSQL, so a test that opens the
 * database under test but landed in a run-once project would be tested on
 * PGlite alone without anyone noticing. These rules make that fail here:
 * - both vitest configs take their projects from test/support/test-sets.ts,
 *   and every test file is in exactly one project;
 * - a second, textual look at each run-once file: naming the test database's
 *   helpers (testDatabase, testApp, the browser sites, onPostgres,
 *   DATABASE_URL from the environment) means the import graph missed it;
 * - public browser tests never reach the database themselves;
 * - nothing a test file does outlives it: the files of a worker share one
 *   module graph (isolate: false), so module mocks, fake timers left on and
 *   writes to process.env would change the next file's run;
 * - the import graph itself, on a small tree of fixtures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import unitConfig from '../../vitest.config.ts';
import browserConfig from '../../vitest.browser.config.ts';
import { allTestFiles, browserTestSets, ImportGraph, ROOT, unitTestSets } from '../support/test-sets.ts';

type Project = { test?: { name?: string; include?: string[] } };

function projects(config: { test?: { projects?: unknown[] } }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of (config.test?.projects ?? []) as Project[]) out[p.test?.name ?? '?'] = p.test?.include ?? [];
  return out;
}

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** Ways to reach the database under test; in a run-once file each means the import graph missed the file. */
const OPENS_TEST_DATABASE =
  /\b(testDatabase|testApp|startSite|startStaffSite|onPostgres)\b|inject\(\s*['"](pgTemplate|snapshotPath)['"]|process\.env(\.DATABASE_URL\b|\[\s*['"]DATABASE_URL['"])/;

describe('test sets', () => {
  const unit = unitTestSets();
  const browser = browserTestSets();
  const files = allTestFiles();

  it('npm test runs every unit and HTTP test file in exactly one project; `database` is what the import graph says', () => {
    const p = projects(unitConfig);
    expect(Object.keys(p).sort()).toEqual(['database', 'unit']);
    expect(p.database).toEqual(unit.database);
    expect(p.unit).toEqual(unit.once);
    expect([...p.unit!, ...p.database!].sort()).toEqual(files.unit);
    // The split must mean something: both kinds exist today.
    expect(unit.database.length).toBeGreaterThan(0);
    expect(unit.once.length).toBeGreaterThan(0);
  });

  it('the browser config does the same for browser tests', () => {
    const p = projects(browserConfig);
    expect(Object.keys(p).sort()).toEqual(['database', 'public']);
    expect(p.database).toEqual(browser.database);
    expect(p.public).toEqual(browser.once);
    expect([...p.public!, ...p.database!].sort()).toEqual(files.browser);
    expect(browser.database).toContain('test/browser/staff-flow.browser.test.ts');
  });

  it('no run-once unit test names a way to the database under test', () => {
    const misplaced = unit.once
      // This file names them to look for them.
      .filter((f) => f !== 'test/security/test-sets.test.ts')
      .map((f) => ({ f, m: OPENS_TEST_DATABASE.exec(read(f)) }))
      .filter((x) => x.m)
      .map(
        ({ f, m }) =>
          `${f} uses ${m![0]} but its imports do not reach test/support/db.ts, so it would run on PGlite only: import the helper statically`,
      );
    expect(misplaced).toEqual([]);
  });

  it('public browser tests neither use the staff site nor reach into the database', () => {
    const misplaced = browser.once
      .map((f) => ({ f, m: /\bstartStaffSite\b|\.database\b|\bwithScope\b|\btestDatabase\b/.exec(read(f)) }))
      .filter((x) => x.m)
      .map(
        ({ f, m }) =>
          `${f} uses ${m![0]}: a browser test that reads or writes the database must import its helpers ` +
          '(support/staff.ts, test/support/…) so it runs on both databases',
      );
    expect(misplaced).toEqual([]);
  });
});

describe('test files leave the worker as they found it', () => {
  const files = allTestFiles();
  const all = [...files.unit, ...files.browser].filter((f) => f !== 'test/security/test-sets.test.ts');

  it('mock no modules, leave no fake timers on, write no process.env', () => {
    const problems: string[] = [];
    for (const f of all) {
      const text = read(f);
      const mock = /\bvi\.(mock|doMock|unmock|doUnmock)\s*\(/.exec(text);
      if (mock)
        problems.push(
          `${f}: ${mock[0]} — pass the dependency in instead (buildApp's clock, CliIo, config), module mocks outlive the file`,
        );
      if (/\bvi\.useFakeTimers\s*\(/.test(text) && !/\bvi\.useRealTimers\s*\(/.test(text))
        problems.push(`${f}: vi.useFakeTimers without vi.useRealTimers — inject a Clock, or switch back in afterEach`);
      const env =
        /\bprocess\.env(\.\w+|\[[^\]]+\])\s*(=(?!=)|\+=)|\bdelete\s+process\.env\b|Object\.assign\(\s*process\.env\b/.exec(
          text,
        );
      if (env)
        problems.push(
          `${f}: ${env[0].trim()} — use vi.stubEnv (undone after each test) or pass env to loadConfig/testApp`,
        );
    }
    expect(problems).toEqual([]);
  });
});

describe('the import graph', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-test-sets-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('test/support/db.ts', "import pg from 'pg';\nexport const testDatabase = () => pg;\n");
  write('test/support/app.ts', "import { testDatabase } from './db.ts';\nexport const testApp = testDatabase;\n");
  write('test/support/auth.ts', 'export const createUser = () => 1;\n');
  write('src/feature/test-support.ts', "export * from '../../test/support/app.ts';\n");
  write('src/feature/logic.ts', "import type { Pg } from 'pg';\nexport const add = (a: number) => a;\n");
  write('src/feature/via-helper.test.ts', "import { testApp } from './test-support.ts';\ntestApp();\n");
  write('src/feature/direct.test.ts', "import { testDatabase } from '../../test/support/db.ts';\n");
  write('src/feature/dynamic.test.ts', "const m = await import('../../test/support/app.ts');\n");
  write('src/feature/type-only.test.ts', "import type { TestApp } from '../../test/support/app.ts';\n");
  write('src/feature/without-extension.test.ts', "import { testApp } from '../../test/support/app';\n");
  write(
    'src/feature/pure.test.ts',
    "import { add } from './logic.ts';\n// import { testDatabase } from '../../test/support/db.ts';\n" +
      'const s = "import { testApp } from \'../../test/support/app.ts\'";\n',
  );
  write(
    'test/browser/support/site.ts',
    "import { testApp } from '../../support/app.ts';\nexport const startSite = testApp;\n",
  );
  write(
    'test/browser/support/staff.ts',
    "import { startSite } from './site.ts';\nimport { createUser } from '../../support/auth.ts';\n",
  );
  write('test/browser/public.browser.test.ts', "import { startSite } from './support/site.ts';\n");
  write('test/browser/staff.browser.test.ts', "import { startSite } from './support/staff.ts';\n");
  write('test/browser/accounts.browser.test.ts', "import { createUser } from '../support/auth.ts';\n");

  it('puts a file in the database set by what it imports, through helpers, dynamic and type-only imports', () => {
    expect(unitTestSets(root)).toEqual({
      database: [
        'src/feature/direct.test.ts',
        'src/feature/dynamic.test.ts',
        'src/feature/type-only.test.ts',
        'src/feature/via-helper.test.ts',
        'src/feature/without-extension.test.ts',
      ],
      once: ['src/feature/pure.test.ts'],
    });
  });

  it('names the chain of imports that leads to the database', () => {
    expect(new ImportGraph(root).pathTo('src/feature/via-helper.test.ts', (m) => m === 'test/support/db.ts')).toEqual([
      'src/feature/via-helper.test.ts',
      'src/feature/test-support.ts',
      'test/support/app.ts',
      'test/support/db.ts',
    ]);
  });

  it('counts a browser test as database-independent only when it reaches the shared helpers through the public site', () => {
    expect(browserTestSets(root)).toEqual({
      database: ['test/browser/accounts.browser.test.ts', 'test/browser/staff.browser.test.ts'],
      once: ['test/browser/public.browser.test.ts'],
    });
  });
});
