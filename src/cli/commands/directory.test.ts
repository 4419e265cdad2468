import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import { lockDataDir } from '../../platform/db/data-dir-lock.ts';
import type { Database } from '../../platform/db/index.ts';
import { loadAllEntries } from '../../features/directory/queries.ts';
import { runCli } from '../main.ts';
import { runCollecting } from '../test-support.ts';
import { TEST_KEYS } from '../../../test/support/app.ts';
import { loadSyntheticCases } from '../../features/demo/cases/load.ts';
import { demoNetworkCentres } from '../../features/demo/network.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { loadKeyRing } from '../../platform/security/keys.ts';
import { ENGINE } from '../../features/statistics/compute.ts';
import { publishYear } from '../../features/statistics/publish.ts';
import type { CliIo } from '../types.ts';

let database: Database;
let dir: string;
beforeAll(async () => {
  database = await testDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-cli-'));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Run the CLI in-process against the test database, capturing its output. */
const cli = (...argv: string[]) => runCollecting(argv, { env: {}, cwd: dir, database });

const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

/** Case records by centre, read in the retention scope (the one that sees every centre's). */
async function recordsByCentre(db: Database): Promise<Map<string, number>> {
  const rows = await withScope(db.db, { kind: 'retention' }, (trx) =>
    trx
      .selectFrom('case_record')
      .select(['centre_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('centre_id')
      .execute(),
  );
  return new Map(rows.map((r) => [r.centre_id, Number(r.n)]));
}
const count = async () => (await loadAllEntries(database.db)).length;

describe('directory import / export / clear-demo', () => {
  it('exports the directory to stdout (CSV) and to a file (HSDS JSON by extension)', async () => {
    const csv = await cli('directory', 'export');
    expect(csv.code).toBe(0);
    expect(csv.out.split('\n')[0]).toMatch(/^\uFEFFid,name,description/);
    const json = await cli('directory', 'export', '--out', 'all.json');
    expect(json.code).toBe(0);
    expect(json.err).toMatch(/^Exported \d+ services to all\.json/);
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, 'all.json'), 'utf8'));
    expect(parsed.length).toBe(await count());
  });

  it('reports every problem, one line each, exits 1 and writes nothing', async () => {
    const before = await count();
    write(
      'bad.csv',
      'name,organization_name,postal_code,email\nGut,V,10117,a@example.org\nX,V,99999,\n,V,10117,nope\n',
    );
    const res = await cli('directory', 'import', 'bad.csv');
    expect(res.code).toBe(1);
    expect(res.err.split('\n').slice(0, 3)).toEqual([
      'row 3, postal_code: 99999 is not a German postcode',
      'row 4, email: is not an e-mail address',
      'row 4, name: is required',
    ]);
    expect(res.err).toContain('Nothing was imported');
    expect(await count()).toBe(before);
    expect((await cli('directory', 'import', 'missing.csv')).code).toBe(1);
  });

  it('checks with --dry-run, then imports for real; --replace removes the rest', async () => {
    const before = await count();
    write(
      'two.csv',
      'name,organization_name,postal_code,address_protected,address_1\nNeu A,Verein,10117,,Weg 1\nNeu B,Verein,04109,ja,Geheim 2\n',
    );
    const dry = await cli('directory', 'import', 'two.csv', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('2 new, 0 changed, 0 unchanged, 0 deleted. Nothing was written');
    expect(await count()).toBe(before);
    const real = await cli('directory', 'import', 'two.csv');
    expect(real.code).toBe(0);
    expect(real.out).toContain('note: row 3, address_1: not stored: the address is protected');
    expect(await count()).toBe(before + 2);
    const replaced = await cli('directory', 'import', 'two.csv', '--replace', '--format', 'csv');
    expect(replaced.out).toContain(`0 new, 0 changed, 2 unchanged, ${before} deleted`);
    expect((await loadAllEntries(database.db)).map((e) => e.service.name).sort()).toEqual(['Neu A', 'Neu B']);
  });

  it('clear-demo removes only the demo entries, and the synthetic case records of the centres nobody works in', async () => {
    const demo = await testDatabase();
    try {
      let out = '';
      const io: CliIo = { out: (t) => void (out += t), err: () => {}, env: {}, cwd: dir, database: demo };
      const demoCount = (await loadAllEntries(demo.db)).length;
      const leipzig = demoNetworkCentres().find((c) => c.key === 'leipzig')!;
      await withScope(demo.db, { kind: 'admin' }, (trx) =>
        trx
          .insertInto('app_user')
          .values({
            id: crypto.randomUUID(),
            email: 'lead@example.org',
            display_name: 'Lead',
            role: 'centre_lead',
            centre_id: leipzig.id,
            password_hash: null,
            totp_secret: null,
            totp_last_step: null,
            mfa_enrolled_at: null,
            disabled_at: null,
          })
          .execute(),
      );
      // The embedded demo's case records (written without audit entries), in two years that are closed once written.
      await demo.db.transaction().execute(async (trx) => {
        const r = await loadSyntheticCases(trx, { from: 2015, to: 2016, count: 400, seed: 5, now: new Date() });
        expect(r.ok).toBe(true);
      });
      // One of those years published, as the demo publishes its closed years.
      const published = await publishYear(demo.db, loadKeyRing(TEST_KEYS.AUDIT_KEYS), ENGINE, {
        year: 2015,
        audience: 'public',
        actorId: null,
        now: new Date(),
      });
      expect(published.kind).toBe('published');
      const before = await recordsByCentre(demo);
      const leipzigRecords = before.get(leipzig.id)!;
      expect(leipzigRecords).toBeGreaterThan(0);
      expect(before.size).toBeGreaterThan(10);
      expect(await runCli(['directory', 'import', 'two.csv'], io)).toBe(0);
      expect(await runCli(['directory', 'clear-demo'], io)).toBe(0);
      expect(out).toContain(`Removed ${demoCount} demo services and`);
      const left = await loadAllEntries(demo.db);
      expect(left.map((e) => e.service.name).sort()).toEqual(['Neu A', 'Neu B']);
      expect(await demo.db.selectFrom('organization').select('id').where('is_demo', '=', true).execute()).toEqual([]);
      // The demo network goes too, except a centre somebody already has an account in.
      const centres = await withScope(demo.db, { kind: 'admin' }, (trx) =>
        trx.selectFrom('centre').select(['id', 'name']).execute(),
      );
      expect(centres.map((c) => c.id)).toEqual([leipzig.id]);
      expect(out).toContain(`Removed ${demoNetworkCentres().length - 1} demo centres of the demo network.\n`);
      // Only the records of the centre with an account stay: its staff may have entered some of them.
      expect(out).toContain(`Removed ${400 - leipzigRecords} synthetic case records of demo centres.\n`);
      expect(await recordsByCentre(demo)).toEqual(new Map([[leipzig.id, leipzigRecords]]));
      expect(out).toContain(
        `Kept demo centre "${leipzig.name}" (${leipzig.id}): staff accounts belong to it, and accounts are never deleted ` +
          `(app_user). Its ${leipzigRecords} case records stay with it: staff have accounts there and may have entered them.\n`,
      );
      const orgs = await demo.db.selectFrom('member_organization').select('id').execute();
      expect(orgs.map((o) => o.id)).toEqual([leipzig.memberOrganizationId]);
      // The published year stays public (publications are immutable), and the operator is told what that means.
      expect(out).toContain(
        'The published statistics of 2015 stay: a publication is never changed or deleted. If they came from the ' +
          'demo, the public statistics page shows invented figures as the network’s: start the real installation ' +
          'from a fresh data folder or database instead.\n',
      );
    } finally {
      await demo.close();
    }
  });

  it('clear-demo names the audit history that keeps the centres `demo cases` wrote records for, and still removes the records', async () => {
    const demo = await testDatabase();
    try {
      const run = (...argv: string[]) => runCollecting(argv, { env: { ...TEST_KEYS }, cwd: dir, database: demo });
      // The command line audits the records it writes in each centre's own audit chain.
      expect((await run('demo', 'cases', '--years', '2015', '--count', '200', '--seed', '3')).code).toBe(0);
      const documenting = [...(await recordsByCentre(demo)).keys()];
      expect(documenting.length).toBeGreaterThan(10);
      const res = await run('directory', 'clear-demo');
      expect(res.code).toBe(0);
      expect(res.out).toContain('Removed 200 synthetic case records of demo centres.\n');
      expect(res.out).not.toContain('published statistics');
      expect((await recordsByCentre(demo)).size).toBe(0);
      expect(res.out).toContain(
        `Removed ${demoNetworkCentres().length - documenting.length} demo centres of the demo network.\n`,
      );
      for (const c of demoNetworkCentres().filter((c) => documenting.includes(c.id)))
        expect(res.out).toMatch(
          new RegExp(
            `Kept demo centre "${c.name}" \\(${c.id}\\): its audit history refers to it, and the audit log is never deleted \\(audit_(log|chain_head)\\)\\.\n`,
          ),
        );
    } finally {
      await demo.close();
    }
  });

  it('says to stop the server when the embedded database is in use', async () => {
    // Hold the data folder's lock the way a running server does (platform/db/embedded.ts),
    // without paying for a PGlite start.
    const dataDir = path.join(dir, 'busy');
    fs.mkdirSync(dataDir);
    const release = lockDataDir(dataDir);
    try {
      let err = '';
      const code = await runCli(['directory', 'export'], {
        out: () => {},
        err: (t) => void (err += t),
        env: { DATA_DIR: dataDir },
        cwd: dir,
      });
      expect(code).toBe(1);
      expect(err).toContain('is in use by another Schutznetz process');
      expect(err).toContain('stop the Schutznetz server');
    } finally {
      release();
    }
  });
});
