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

  it('keeps referrals for the periods it is given: reminder, automatic closing, deletion after closing', () => {
    expect(loadConfig({}).referrals).toEqual({ remindAfterDays: 7, autoCloseAfterDays: 60, deleteAfterDays: 30 });
    expect(
      loadConfig({
        REFERRAL_REMIND_AFTER_DAYS: '3',
        REFERRAL_AUTO_CLOSE_AFTER_DAYS: '30',
        REFERRAL_DELETE_AFTER_DAYS: '14',
      }).referrals,
    ).toEqual({ remindAfterDays: 3, autoCloseAfterDays: 30, deleteAfterDays: 14 });
    expect(() => loadConfig({ REFERRAL_DELETE_AFTER_DAYS: '0' })).toThrow(/REFERRAL_DELETE_AFTER_DAYS="0"/);
    expect(() => loadConfig({ REFERRAL_DELETE_AFTER_DAYS: '3650' })).toThrow(/REFERRAL_DELETE_AFTER_DAYS/);
    expect(() => loadConfig({ REFERRAL_REMIND_AFTER_DAYS: '30', REFERRAL_AUTO_CLOSE_AFTER_DAYS: '20' })).toThrow(
      /REFERRAL_REMIND_AFTER_DAYS=30: must be less than REFERRAL_AUTO_CLOSE_AFTER_DAYS/,
    );
  });

  it('keeps case records ten years after their reporting year closed unless told otherwise', () => {
    expect(loadConfig({}).cases).toEqual({ retentionYears: 10 });
    expect(loadConfig({ CASE_RETENTION_YEARS: '3' }).cases).toEqual({ retentionYears: 3 });
    expect(() => loadConfig({ CASE_RETENTION_YEARS: '0' })).toThrow(/CASE_RETENTION_YEARS="0"/);
    expect(() => loadConfig({ CASE_RETENTION_YEARS: 'ten' })).toThrow(/CASE_RETENTION_YEARS/);
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('trusts no proxy unless told, and takes the proxies by address, range or named range', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1,2001:db8::/32' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.0.1.0/24',
      '::1',
      '2001:db8::/32',
    ]);
  });

  it.each([
    ['true', /trusting every proxy hop lets any client choose its own address/],
    ['TRUE', /trusting every proxy hop/],
    ['yes', /trusting every proxy hop/],
    ['1', /trusting every proxy hop/],
    ['*', /trusting every proxy hop/],
    ['2', /a number of proxies cannot tell a proxy from a client that connects directly/],
    ['hops:1', /a number of proxies cannot tell a proxy from a client/],
    ['0.0.0.0/0', /"0\.0\.0\.0\/0" trusts every address/],
    ['10.0.0.5,::/0', /"::\/0" trusts every address/],
    ['10.0.0', /"10\.0\.0" is not an IP address/],
    ['10.0.0.5,', /"" is not an IP address/],
    ['10.0.0.0/33', /has no valid prefix length/],
    ['proxy.example.org', /is not an IP address, a CIDR range or loopback/],
  ])('refuses TRUST_PROXY=%s at start-up and says what to set instead', (value, reason) => {
    let err: unknown;
    try {
      loadConfig({ TRUST_PROXY: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as ConfigError).message;
    expect(msg).toContain(`TRUST_PROXY=${JSON.stringify(value)}`);
    expect(msg).toMatch(reason);
    expect(msg).toContain('TRUST_PROXY=127.0.0.1');
    expect(msg).toContain('docs/deployment.md');
  });

  it('lets only the embedded demo — the default data folder, not production — create keys by itself', () => {
    expect(loadConfig({}, '/srv/app').keys).toEqual({ dir: '/srv/app/.data-keys', createIfMissing: true });
    expect(loadConfig({ DATA_DIR: '.data' }, '/srv/app').keys.createIfMissing).toBe(true);
    expect(loadConfig({ DATA_DIR: '/var/lib/sn' }, '/srv/app').keys).toEqual({
      dir: '/var/lib/sn-keys',
      createIfMissing: false,
    });
    expect(loadConfig({ NODE_ENV: 'production' }, '/srv/app').keys.createIfMissing).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x' }, '/srv/app').keys).toEqual({
      dir: '/srv/app/.data-keys',
      createIfMissing: false,
    });
    expect(loadConfig({ SERVER_KEYS: 'k1:abc' }, '/srv/app').keys.server).toBe('k1:abc');
  });
});
