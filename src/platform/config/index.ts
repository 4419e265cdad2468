/**
 * Configuration comes only from environment variables, validated once at
 * start. A bad value stops the process with a message that names the variable,
 * so an operator never runs with a silently ignored setting.
 */
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** Where an embedded database lives unless DATA_DIR says otherwise: the demo's folder. */
const DEFAULT_DATA_DIR = '.data';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  DEMO_CONTENT: z.enum(['auto', 'true', 'false']).default('auto'),
  MIGRATE_ON_START: boolish.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default('false'),
  QUICK_EXIT_URL: z.url({ protocol: /^https$/ }).default('https://www.dwd.de/'),
  SERVER_KEYS: z.string().optional(),
  AUDIT_KEYS: z.string().optional(),
  ENCRYPTION_KEYS: z.string().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Schutznetz <no-reply@localhost>'),
  SEARCH_INDEX_TTL_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  REFERRAL_REMIND_AFTER_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  REFERRAL_AUTO_CLOSE_AFTER_DAYS: z.coerce.number().int().min(2).max(365).default(60),
  REFERRAL_DELETE_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CASE_RETENTION_YEARS: z.coerce.number().int().min(1).max(50).default(10),
  RECOMMENDATION_ASSESSMENT_DUE_DAYS: z.coerce.number().int().min(7).max(1825).default(180),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicOrigin: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  demoContent: 'auto' | 'always' | 'never';
  /**
   * Apply pending migrations at start (needs the owner role). false: only
   * check that none is pending, so the application can log in as the
   * restricted role and the operator runs `schutznetz migrate` as the owner.
   */
  migrateOnStart: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /**
   * Which reverse proxies may say who the client is (X-Forwarded-For):
   * false: none, the connecting address is the client; else the proxies'
   * addresses or CIDR ranges (also proxy-addr's `loopback`, `linklocal`,
   * `uniquelocal`). Handed to Fastify's `trustProxy` as it is: the client is
   * the right-most X-Forwarded-For address that is not a trusted proxy.
   */
  trustProxy: TrustProxy;
  searchIndexTtlMs: number;
  /**
   * Key rings as `id:base64,id:base64` (the last is current), from the
   * environment; a ring not set there is read from its file in `dir`
   * (`schutznetz keys init` writes them). Only the embedded demo
   * (`createIfMissing`) creates missing files by itself; production takes
   * keys from the environment only (security/server-keys.ts).
   */
  keys: {
    server?: string;
    audit?: string;
    encryption?: string;
    /** The folder of the key files: beside the embedded data folder, or `./.data-keys` for PostgreSQL. */
    dir: string;
    /** The embedded demo: PGlite in the default data folder, not production. */
    createIfMissing: boolean;
  };
  /** SMTP server for invitations and resets; unset: mails go to the outbox table. */
  smtpUrl?: string;
  mailFrom: string;
  /** Where the quick exit leads: a neutral site without personalised content. */
  quickExitUrl: string;
  /**
   * How long a referral waits before its centre is reminded (once), when an
   * unclosed referral is closed by itself, and how long a closed one is
   * kept before it is deleted with its key and history (days).
   */
  referrals: { remindAfterDays: number; autoCloseAfterDays: number; deleteAfterDays: number };
  /**
   * How many years case records are kept after their reporting year was
   * (last) closed: then the retention job deletes them; the published
   * aggregates stay.
   */
  cases: { retentionYears: number };
  /**
   * After how many days without a new assessment a published recommendation
   * is listed as due on the office's start page.
   */
  recommendations: { assessmentDueDays: number };
};

type TrustProxy = false | string[];

/** proxy-addr's named ranges (loopback: 127.0.0.1/8 and ::1; linklocal; uniquelocal: private networks). */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const TRUST_PROXY_HELP =
  'name the proxies in front of Schutznetz instead, by address or range: TRUST_PROXY=127.0.0.1 ' +
  '(a proxy on the same machine; TRUST_PROXY=loopback also covers ::1), TRUST_PROXY=10.0.0.5,10.0.1.0/24; ' +
  'docs/deployment.md shows the proxy settings that go with it';

/**
 * TRUST_PROXY: `false` (none), or a comma-separated list of addresses, CIDR
 * ranges and named ranges. `true` and the other yes-words used to trust
 * every hop, so that a client-written X-Forwarded-For became the client's
 * address: refused with what to write instead. A hop count is refused too:
 * it cannot tell a proxy from a client that connects directly and writes the
 * header itself (Fastify 5 ignores hop counts for that reason), and a bare
 * `1` used to mean "trust every hop".
 * @returns the value for Fastify, or the problem in words
 */
function parseTrustProxy(raw: string): { value: TrustProxy } | { problem: string } {
  const v = raw.trim();
  if (/^(false|no|off|0)$/i.test(v)) return { value: false };
  if (/^(true|yes|on|1|all|\*)$/i.test(v))
    return {
      problem: `trusting every proxy hop lets any client choose its own address (and escape the sign-in limit per address) by sending X-Forwarded-For; ${TRUST_PROXY_HELP}`,
    };
  if (/^(hops:)?\d+$/i.test(v))
    return {
      problem: `a number of proxies cannot tell a proxy from a client that connects directly and writes X-Forwarded-For itself; ${TRUST_PROXY_HELP}`,
    };
  const entries = v.split(',').map((e) => e.trim());
  for (const e of entries) {
    const wrong = proxyEntryProblem(e);
    if (wrong) return { problem: `${JSON.stringify(e)} ${wrong}; ${TRUST_PROXY_HELP}` };
  }
  return { value: entries };
}

/** Why `entry` is not a proxy address, range or named range; null when it is one. */
function proxyEntryProblem(entry: string): string | null {
  if (NAMED_RANGES.has(entry)) return null;
  const [address = '', prefix, ...more] = entry.split('/');
  if (more.length > 0) return 'is not an address or range';
  const v4 = ipaddr.IPv4.isValidFourPartDecimal(address);
  if (!v4 && !ipaddr.IPv6.isValid(address))
    return 'is not an IP address, a CIDR range or loopback/linklocal/uniquelocal';
  if (prefix === undefined) return null;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (v4 ? 32 : 128)) return 'has no valid prefix length';
  if (Number(prefix) === 0) return 'trusts every address, which is the same as trusting every hop';
  return null;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse and validate the environment. Throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // Empty strings count as unset: `PORT= npm start` should mean the default.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '');
        const shown = /URL|KEYS/.test(key) ? '(hidden)' : JSON.stringify(cleaned[key]);
        return `${key}=${shown}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  const trust = parseTrustProxy(e.TRUST_PROXY);
  if ('problem' in trust) throw new ConfigError([`TRUST_PROXY=${JSON.stringify(e.TRUST_PROXY)}: ${trust.problem}`]);
  if (e.REFERRAL_REMIND_AFTER_DAYS >= e.REFERRAL_AUTO_CLOSE_AFTER_DAYS)
    throw new ConfigError([
      `REFERRAL_REMIND_AFTER_DAYS=${e.REFERRAL_REMIND_AFTER_DAYS}: must be less than REFERRAL_AUTO_CLOSE_AFTER_DAYS (${e.REFERRAL_AUTO_CLOSE_AFTER_DAYS}), or the reminder would come after the referral closed`,
    ]);
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicOrigin: (e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir },
    demoContent: e.DEMO_CONTENT === 'true' ? 'always' : e.DEMO_CONTENT === 'false' ? 'never' : 'auto',
    migrateOnStart: e.MIGRATE_ON_START,
    logLevel: e.LOG_LEVEL,
    trustProxy: trust.value,
    searchIndexTtlMs: e.SEARCH_INDEX_TTL_MS,
    quickExitUrl: e.QUICK_EXIT_URL,
    keys: {
      ...(e.SERVER_KEYS ? { server: e.SERVER_KEYS } : {}),
      ...(e.AUDIT_KEYS ? { audit: e.AUDIT_KEYS } : {}),
      ...(e.ENCRYPTION_KEYS ? { encryption: e.ENCRYPTION_KEYS } : {}),
      dir: e.DATABASE_URL ? path.resolve(cwd, '.data-keys') : `${dataDir}-keys`,
      createIfMissing:
        !e.DATABASE_URL && e.NODE_ENV !== 'production' && dataDir === path.resolve(cwd, DEFAULT_DATA_DIR),
    },
    ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}),
    mailFrom: e.MAIL_FROM,
    referrals: {
      remindAfterDays: e.REFERRAL_REMIND_AFTER_DAYS,
      autoCloseAfterDays: e.REFERRAL_AUTO_CLOSE_AFTER_DAYS,
      deleteAfterDays: e.REFERRAL_DELETE_AFTER_DAYS,
    },
    cases: { retentionYears: e.CASE_RETENTION_YEARS },
    recommendations: { assessmentDueDays: e.RECOMMENDATION_ASSESSMENT_DUE_DAYS },
  };
}
