/**
 * Configuration comes only from environment variables, validated once at
 * start. A bad value stops the process with a message that names the variable,
 * so an operator never runs with a silently ignored setting.
 */
import path from 'node:path';
import { z } from 'zod';

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
  DATA_DIR: z.string().min(1).default('.data'),
  DEMO_CONTENT: z.enum(['auto', 'true', 'false']).default('auto'),
  MIGRATE_ON_START: boolish.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: boolish.default(false),
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
  trustProxy: boolean;
  searchIndexTtlMs: number;
  /**
   * Key rings as `id:base64,id:base64` (the last is current). Unset on the
   * embedded database: generated into the data folder (see keys.ts — that
   * is NOT outside the database's reach). Required in production.
   */
  keys: { server?: string; audit?: string; encryption?: string };
  /** SMTP server for invitations and resets; unset: mails go to the outbox table. */
  smtpUrl?: string;
  mailFrom: string;
  /** Where the quick exit leads: a neutral site without personalised content. */
  quickExitUrl: string;
};

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
  if (e.NODE_ENV === 'production') {
    const missing = (['SERVER_KEYS', 'AUDIT_KEYS', 'ENCRYPTION_KEYS'] as const).filter((k) => !e[k]);
    if (missing.length)
      throw new ConfigError(missing.map((k) => `${k}: required in production (keys must live outside the database)`));
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicOrigin: (e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(cwd, e.DATA_DIR) },
    demoContent: e.DEMO_CONTENT === 'true' ? 'always' : e.DEMO_CONTENT === 'false' ? 'never' : 'auto',
    migrateOnStart: e.MIGRATE_ON_START,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    searchIndexTtlMs: e.SEARCH_INDEX_TTL_MS,
    quickExitUrl: e.QUICK_EXIT_URL,
    keys: {
      ...(e.SERVER_KEYS ? { server: e.SERVER_KEYS } : {}),
      ...(e.AUDIT_KEYS ? { audit: e.AUDIT_KEYS } : {}),
      ...(e.ENCRYPTION_KEYS ? { encryption: e.ENCRYPTION_KEYS } : {}),
    },
    ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}),
    mailFrom: e.MAIL_FROM,
  };
}
