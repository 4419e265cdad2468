import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEYS } from '../../../test/support/app.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { appendEntries, createCentres, tamper } from '../../platform/audit/test-fixtures.ts';
import type { Database } from '../../platform/db/index.ts';
import { runCollecting } from '../test-support.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const cli = (...argv: string[]) => runCollecting(argv, { env: { ...TEST_KEYS }, cwd: process.cwd(), database });

describe('schutznetz audit verify', () => {
  it('says so when the log is empty', async () => {
    const r = await cli('audit', 'verify');
    expect(r).toMatchObject({ code: 0, out: 'The audit log is empty.\n' });
  });

  let a = '';
  let b = '';
  it('prints every chain with its row count and head, exit 0', async () => {
    [a, b] = (await createCentres(database.db, 2)) as [string, string];
    await appendEntries(database.db, null, 2);
    await appendEntries(database.db, a, 40);
    await appendEntries(database.db, b, 3);
    const r = await cli('audit', 'verify', '--batch-size', '7');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`chain ${a}: ok, 40 rows, head 40:`);
    expect(r.out).toMatch(/^chain network: ok, 2 rows, head 2:[0-9a-f]{64}$/m);
    expect(r.err).toContain('All 3 chains intact.');
  });

  it('names the first broken row and exits 1', async () => {
    const before = await cli('audit', 'verify');
    const recordedB = new RegExp(`^chain ${b}: ok, 3 rows, head (3:[0-9a-f]{64})$`, 'm').exec(before.out)![1]!;
    await tamper(database.db, (trx) =>
      sql`UPDATE audit_log SET details = '{"n": 1000}' WHERE chain = ${a} AND seq = 37`.execute(trx),
    );
    const r = await cli('audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`chain ${a}: broken at row 37 (hash_mismatch); 36 rows verified before it\n`);
    expect(r.out).toContain(`chain ${b}: ok, 3 rows`);
    expect(r.err).toContain('1 of 3 chains broken');

    // Deleting b's newest row AND rewriting its head: only the recorded head reveals it.
    await tamper(database.db, async (trx) => {
      await sql`DELETE FROM audit_log WHERE chain = ${b} AND seq = 3`.execute(trx);
      await sql`UPDATE audit_chain_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE chain = ${b} AND seq = 2) WHERE chain = ${b}`.execute(
        trx,
      );
    });
    expect((await cli('audit', 'verify')).out).toContain(`chain ${b}: ok, 2 rows`);
    const withRecord = await cli('audit', 'verify', '--expect', `${b}=${recordedB}`);
    expect(withRecord.code).toBe(1);
    expect(withRecord.out).toContain(`chain ${b}: broken at row 3 (known_head_mismatch)`);
  });

  it('rejects bad options with usage help (exit 2)', async () => {
    expect((await cli('audit', 'verify', '--expect', 'network=1:xyz')).code).toBe(2);
    expect((await cli('audit', 'verify', '--batch-size', '0')).code).toBe(2);
    expect((await cli('audit', 'verify', 'extra')).code).toBe(2);
    const help = await cli('help', 'audit', 'verify');
    expect(help.code).toBe(0);
    expect(help.out).toContain('schutznetz audit verify');
  });
});
