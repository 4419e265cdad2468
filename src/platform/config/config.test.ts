import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database in ./.data on port 3000', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: '/srv/app/.data' });
    expect(c.publicOrigin).toBe('http://localhost:3000');
    expect(c.demoContent).toBe('auto');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/x' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/x',
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it('names every bad variable in one clear message and never echoes the database URL', () => {
    let err: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DEMO_CONTENT: 'maybe',
        DATABASE_URL: 'mysql://secret@x/y',
        QUICK_EXIT_URL: 'http://insecure.example',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as ConfigError).message;
    expect(msg).toMatch(/PORT="eighty"/);
    expect(msg).toMatch(/DEMO_CONTENT="maybe"/);
    expect(msg).toMatch(/DATABASE_URL=\(hidden\): must start with postgres/);
    expect(msg).toMatch(/QUICK_EXIT_URL/);
    expect(msg).not.toContain('secret');
    expect((err as ConfigError).problems).toHaveLength(4);
  });

  it('applies migrations at start unless MIGRATE_ON_START says otherwise', () => {
    expect(loadConfig({}).migrateOnStart).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false);
    expect(loadConfig({ MIGRATE_ON_START: '0' }).migrateOnStart).toBe(false);
    expect(loadConfig({ MIGRATE_ON_START: 'true' }).migrateOnStart).toBe(true);
    expect(() => loadConfig({ MIGRATE_ON_START: 'off' })).toThrow(/MIGRATE_ON_START="off"/);
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
