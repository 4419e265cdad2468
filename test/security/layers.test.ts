/**
 * The architecture's rules, checked in the source so that breaking one fails
 * the suite instead of waiting for a reviewer to notice (docs/adding-a-feature.md):
 *
 * - the kernel (`src/platform/`) never imports a feature;
 * - a feature never imports another feature's views, routes or manifest —
 *   what two features share lives in the kernel or in a feature without
 *   routes of its own (the directory, geo data);
 * - features depend on each other without cycles, and no two source files
 *   import each other, directly or around a loop, type-only imports included;
 * - SQL is built only in query modules (`queries.ts` or `queries/*.ts`) and
 *   in the database kernel (`src/platform/db/`): routes and views never
 *   build queries, and routes take their tenant transaction from the
 *   request context rather than opening one themselves.
 *
 * `analyse()` is pure so the rules themselves are tested against small
 * made-up trees below, each breaking one rule.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/app.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export type SourceFile = { file: string; text: string };
export type Tree = { files: SourceFile[]; featuresWithRoutes: ReadonlySet<string> };

const isTest = (f: string) =>
  /\.test\.tsx?$/.test(f) ||
  /(^|\/)test-support\.ts$|(^|\/)testing\.ts$|test-fixtures\.ts$|test-authenticator\.ts$|test-smtp-server\.ts$/.test(f);

/** Relative imports of a file (static, type-only, re-exports and dynamic), resolved to repository paths. */
function importsOf(src: SourceFile): string[] {
  const info = ts.preProcessFile(src.text, true, true);
  return info.importedFiles
    .map((i) => i.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(src.file), spec)));
}

const featureOf = (f: string) => /^src\/features\/([^/]+)\//.exec(f)?.[1] ?? null;

/** A feature's views and routes: JSX files, route modules, anything under views/, and its manifest. */
const isViewOrRoute = (f: string) =>
  f.endsWith('.tsx') ||
  /(^|[/-])routes\.ts$/.test(f) ||
  /\/views\//.test(f) ||
  /^src\/features\/[^/]+\/index\.ts$/.test(f);

const isQueryModule = (f: string) => /(^|\/)queries\.ts$/.test(f) || /\/queries\/[^/]+\.ts$/.test(f);

/** Building SQL: Kysely's query starters and the `sql` template tag. */
const BUILDS_SQL =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|with|withRecursive)\(|\bsql(<[^>]*>)?`/;

/** Every rule violation in `tree`, as readable lines. */
export function analyse(tree: Tree): string[] {
  const problems: string[] = [];
  const code = tree.files.filter((f) => !isTest(f.file));
  const known = new Set(code.map((f) => f.file));
  const graph = new Map<string, string[]>();
  for (const src of code) {
    const deps = importsOf(src).filter((d) => known.has(d));
    graph.set(src.file, deps);
    const from = featureOf(src.file);
    for (const dep of deps) {
      const to = featureOf(dep);
      if (src.file.startsWith('src/platform/') && (to !== null || !dep.startsWith('src/platform/'))) {
        problems.push(`kernel imports outside the kernel: ${src.file} → ${dep}`);
      }
      if (from !== null && to !== null && from !== to) {
        if (dep.startsWith(`src/features/${to}/index.ts`))
          problems.push(`feature imports a manifest: ${src.file} → ${dep}`);
        else if (tree.featuresWithRoutes.has(to) && isViewOrRoute(dep))
          problems.push(`feature imports another feature's view or route: ${src.file} → ${dep}`);
      }
    }
    if (BUILDS_SQL.test(src.text) && !isQueryModule(src.file) && !src.file.startsWith('src/platform/db/')) {
      problems.push(`SQL outside a query module: ${src.file}`);
    }
    if (/(^|[/-])routes\.tsx?$/.test(src.file) && /\bwithScope\(/.test(src.text)) {
      problems.push(`route opens its own tenant transaction (use staffRequest/accountTx/sessionTx): ${src.file}`);
    }
  }
  for (const cycle of cycles(graph)) problems.push(`import cycle: ${cycle.join(' → ')}`);
  // Features among themselves: the dependency graph of folders must be acyclic too.
  const byFeature = new Map<string, string[]>();
  for (const [file, deps] of graph) {
    const from = featureOf(file);
    if (from === null) continue;
    const targets = byFeature.get(from) ?? [];
    for (const d of deps) {
      const to = featureOf(d);
      if (to !== null && to !== from && !targets.includes(to)) targets.push(to);
    }
    byFeature.set(from, targets);
  }
  for (const cycle of cycles(byFeature)) problems.push(`features depend on each other: ${cycle.join(' → ')}`);
  return problems;
}

/** Each strongly connected component with more than one node (or a self-loop), as a readable loop (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push([...scc.sort(), scc.sort()[0]!]);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

function sourceTree(): Tree {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(e.name)) files.push({ file: rel, text: fs.readFileSync(path.join(ROOT, rel), 'utf8') });
    }
  };
  walk('src');
  return { files, featuresWithRoutes: new Set(FEATURES.filter((f) => f.routes).map((f) => f.name)) };
}

describe('the layering rules hold for the source tree', () => {
  it('every feature folder has a manifest listed in app.ts, and nothing else', () => {
    const folders = fs.readdirSync(path.join(ROOT, 'src/features')).sort();
    const listed = FEATURES.map((f) => f.name);
    const libraries = folders.filter((f) => !listed.includes(f));
    // Folders without routes may stay out of the list only if they bring nothing the app must wire.
    for (const lib of libraries)
      expect(fs.existsSync(path.join(ROOT, 'src/features', lib, 'index.ts')), lib).toBe(false);
    for (const name of listed) expect(folders).toContain(name);
  });

  it('has no violation', () => {
    expect(analyse(sourceTree())).toEqual([]);
  });
});

describe('each rule fails when broken', () => {
  const tree = (files: Record<string, string>, withRoutes: string[] = ['a', 'b']): Tree => ({
    files: Object.entries(files).map(([file, text]) => ({ file, text })),
    featuresWithRoutes: new Set(withRoutes),
  });

  it('the kernel importing a feature', () => {
    expect(
      analyse(tree({ 'src/platform/x.ts': "import { y } from '../features/a/y.ts';", 'src/features/a/y.ts': '' })),
    ).toEqual(['kernel imports outside the kernel: src/platform/x.ts → src/features/a/y.ts']);
  });

  it("a feature importing another feature's view, route or manifest", () => {
    const problems = analyse(
      tree({
        'src/features/a/x.ts': [
          "import { V } from '../b/views/V.tsx';",
          "import { r } from '../b/routes.ts';",
          "import { f } from '../b/index.ts';",
          "import { q } from '../b/queries.ts';",
        ].join('\n'),
        'src/features/b/views/V.tsx': '',
        'src/features/b/routes.ts': '',
        'src/features/b/index.ts': '',
        'src/features/b/queries.ts': '',
      }),
    );
    expect(problems).toEqual([
      "feature imports another feature's view or route: src/features/a/x.ts → src/features/b/views/V.tsx",
      "feature imports another feature's view or route: src/features/a/x.ts → src/features/b/routes.ts",
      'feature imports a manifest: src/features/a/x.ts → src/features/b/index.ts',
    ]);
  });

  it('a view of a feature without routes (a shared library) may be used', () => {
    expect(
      analyse(
        tree({ 'src/features/a/x.tsx': "import { Map } from '../geo/Map.tsx';", 'src/features/geo/Map.tsx': '' }, [
          'a',
        ]),
      ),
    ).toEqual([]);
  });

  it('an import cycle, also through type-only imports, and features depending on each other', () => {
    const problems = analyse(
      tree({
        'src/features/a/x.ts': "import type { Y } from '../b/y.ts';",
        'src/features/b/y.ts': "import { x } from '../a/x.ts';",
      }),
    );
    expect(problems).toEqual([
      'import cycle: src/features/a/x.ts → src/features/b/y.ts → src/features/a/x.ts',
      'features depend on each other: a → b → a',
    ]);
  });

  it('SQL outside a query module, and a route opening its own transaction', () => {
    const problems = analyse(
      tree({
        'src/features/a/routes.ts': "await withScope(db, scope, (trx) => trx.selectFrom('x').execute());",
        'src/features/a/queries.ts': "trx.selectFrom('x'); sql`SELECT 1`;",
        'src/features/a/queries/more.ts': "trx.deleteFrom('x')",
        'src/platform/db/migrate.ts': 'sql`SELECT 1`',
      }),
    );
    expect(problems).toEqual([
      'SQL outside a query module: src/features/a/routes.ts',
      'route opens its own tenant transaction (use staffRequest/accountTx/sessionTx): src/features/a/routes.ts',
    ]);
  });
});
