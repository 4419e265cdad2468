import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollecting } from './test-support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Run the CLI in-process; these cases never reach the database. */
const cli = (...argv: string[]) => runCollecting(argv, { env: {}, cwd: dir });

const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

describe('usage', () => {
  it('prints help and exits 0 when asked, 2 when the command is missing or wrong', async () => {
    const help = await cli('help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('directory import');
    expect((await cli('help', 'directory', 'import')).out).toContain('--dry-run');
    expect((await cli('directory', 'export', '--help')).code).toBe(0);
    expect((await cli()).code).toBe(2);
    expect((await cli('users')).code).toBe(2);
    expect((await cli('directory')).code).toBe(2);
    expect((await cli('directory', 'frobnicate')).code).toBe(2);
    const unknownOption = await cli('directory', 'import', 'a.csv', '--force');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toContain("Unknown option '--force'");
    expect((await cli('directory', 'import')).code).toBe(2);
    expect((await cli('directory', 'import', 'file.txt')).err).toContain('add --format csv or --format hsds');
    expect((await cli('directory', 'export', '--format', 'xml')).code).toBe(2);
  });
});

describe('as a process', () => {
  it('runs with node --import tsx, reads DATA_DIR and exits with the code', () => {
    write('bad-process.csv', 'name,organization_name,postal_code\nX,Y,99999\n');
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, 'process-data') };
    delete env.DATABASE_URL;
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'directory', 'import', path.join(dir, 'bad-process.csv')],
      {
        cwd: ROOT,
        env,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(res.stderr).toContain('row 2, postal_code: 99999 is not a German postcode');
    expect(res.status).toBe(1);
  }, 150_000);
});
