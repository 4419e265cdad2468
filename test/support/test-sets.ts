/**
 * Which test files run on both databases, derived from their imports.
 *
 * The database under test — the PGlite snapshot, or a clone of the
 * PostgreSQL template when DATABASE_URL is set — is opened in exactly one
 * module, test/support/db.ts. A test file whose imports reach that module
 * (directly, or through testApp(), the browser sites or any other helper)
 * belongs to the database set and runs on both databases; every other test
 * file is a pure unit test, or one that opens its own embedded database on
 * purpose, and runs once. Nobody keeps a list: a new file lands in the right
 * set by what it imports. The vitest configs and the rules in
 * test/security/test-sets.test.ts use this module; ADR 019 has the why.
 *
 * Browser tests are split the same way, with one boundary: the public site
 * (test/browser/support/site.ts) opens the database too, but serves only
 * public routes from the in-memory directory — it fails a file that asks
 * for anything else — so reaching the database only through it does not
 * make a browser test database-dependent. Reaching any other shared test
 * helper (test/support: accounts, entries, the app, the database) does: those
 * exist to read or write the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The one module that opens the database under test. */
const DATABASE_MODULE = 'test/support/db.ts';

/** The shared test helpers; all of them read, write or open the database. */
const TEST_SUPPORT_DIR = 'test/support/';

/** The public browser site: reaching the database only through it keeps a browser test database-independent. */
const PUBLIC_SITE_MODULE = 'test/browser/support/site.ts';

/** Folders searched for tests; `*.test.ts(x)` files are unit and HTTP tests, `*.browser.test.ts` browser tests. */
const TEST_ROOTS = ['src', 'test', 'scripts'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage']);

export type TestSets = {
  /** Root-relative paths (forward slashes) of test files that open the database under test. */
  database: string[];
  /** Everything else: runs once, in the README's `npm test` on PGlite. */
  once: string[];
};

function walk(root: string, dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) walk(root, rel, out);
    } else if (/\.test\.tsx?$/.test(e.name)) out.push(rel);
  }
}

/** Every test file under the test roots, sorted, root-relative. */
export function allTestFiles(root = ROOT): { unit: string[]; browser: string[] } {
  const files: string[] = [];
  for (const dir of TEST_ROOTS) walk(root, dir, files);
  files.sort();
  return {
    unit: files.filter((f) => !f.endsWith('.browser.test.ts')),
    browser: files.filter((f) => f.endsWith('.browser.test.ts')),
  };
}

/**
 * The relative imports of a module (static, dynamic with a literal path,
 * re-exports, type-only ones too), resolved to root-relative paths.
 * TypeScript's own pre-processor reads them, so comments and strings never
 * count as imports.
 */
export class ImportGraph {
  private readonly edges = new Map<string, string[]>();
  constructor(private readonly root = ROOT) {}

  importsOf(file: string): string[] {
    const known = this.edges.get(file);
    if (known) return known;
    let text = '';
    try {
      text = fs.readFileSync(path.join(this.root, file), 'utf8');
    } catch {
      // A missing file has no imports; the type check reports the broken import.
    }
    const found = ts
      .preProcessFile(text, true, true)
      .importedFiles.map((i) => i.fileName)
      .filter((spec) => spec.startsWith('./') || spec.startsWith('../'))
      .map((spec) => this.resolve(file, spec))
      .filter((f): f is string => f !== null);
    this.edges.set(file, found);
    return found;
  }

  private resolve(from: string, spec: string): string | null {
    const base = path.posix.join(path.posix.dirname(from), spec);
    const candidates = [base, base.replace(/\.(m?js|jsx)$/, '.ts'), base.replace(/\.jsx?$/, '.tsx')];
    candidates.push(`${base}.ts`, `${base}.tsx`, `${base}/index.ts`);
    for (const c of candidates) {
      const full = path.join(this.root, c);
      if (fs.existsSync(full) && fs.statSync(full).isFile()) return c;
    }
    return null;
  }

  /** Does `file` reach a module `target` accepts, following imports but never through a module in `boundaries`? */
  reaches(file: string, target: (module: string) => boolean, boundaries: readonly string[] = []): boolean {
    return this.pathTo(file, target, boundaries) !== null;
  }

  /** One import chain from `file` to a module `target` accepts (both ends included), or null. */
  pathTo(file: string, target: (module: string) => boolean, boundaries: readonly string[] = []): string[] | null {
    const seen = new Set<string>([file]);
    const queue: string[][] = [[file]];
    while (queue.length > 0) {
      const chain = queue.shift()!;
      const last = chain[chain.length - 1]!;
      if (chain.length > 1 && target(last)) return chain;
      if (boundaries.includes(last)) continue;
      for (const next of this.importsOf(last)) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push([...chain, next]);
      }
    }
    return null;
  }
}

function split(files: string[], opens: (file: string) => boolean): TestSets {
  const database: string[] = [];
  const once: string[] = [];
  for (const f of files) (opens(f) ? database : once).push(f);
  return { database, once };
}

/** Unit and HTTP tests: the database set reaches test/support/db.ts. */
export function unitTestSets(root = ROOT, graph = new ImportGraph(root)): TestSets {
  return split(allTestFiles(root).unit, (f) => graph.reaches(f, (m) => m === DATABASE_MODULE));
}

/** Browser tests: the database set reaches test/support/ other than through the public site. */
export function browserTestSets(root = ROOT, graph = new ImportGraph(root)): TestSets {
  return split(allTestFiles(root).browser, (f) =>
    graph.reaches(f, (m) => m.startsWith(TEST_SUPPORT_DIR), [PUBLIC_SITE_MODULE]),
  );
}
