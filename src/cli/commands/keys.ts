/**
 * `schutznetz keys init`: create the three key rings once, before the first
 * start of an installation — the server creates keys by itself only for
 * the embedded demo (security/server-keys.ts). Either as the files the
 * server reads (`<key folder>/schutznetz-secrets/*.keys`), or, with `--env`,
 * printed as the three variables for the environment or a secret store
 * (what production needs). Never replaces a key: new keys would leave the
 * TOTP secrets undecryptable and the audit chains unverifiable.
 */
import fs from 'node:fs';
import { loadConfig } from '../../platform/config/index.ts';
import { createKeyFile, generateKeyRingEntry, keyFileFolder, keyFilePath } from '../../platform/security/keys.ts';
import { KEY_RINGS } from '../../platform/security/server-keys.ts';
import { EXIT, UsageError, type Command, type CommandGroup } from '../types.ts';

/** Id of the first key of each ring; a rotation appends the next (k2, …). */
const FIRST_KEY_ID = 'k1';

const ROTATE =
  'keys init never replaces keys: what was encrypted or signed with them (TOTP secrets, the audit chains) would be ' +
  'lost. To rotate a key, append a new entry to its ring (docs/security.md, section 11).';

const initCommand: Command = {
  name: 'init',
  summary: 'Create the server keys (SERVER_KEYS, AUDIT_KEYS, ENCRYPTION_KEYS) once',
  usage: '[--env]',
  help: [
    '  Without --env: writes server.keys, audit.keys and encryption.keys (mode 0600, folder 0700) where the',
    '  server reads them: beside the data folder for the embedded database (<DATA_DIR>-keys/schutznetz-secrets/),',
    '  ./.data-keys/schutznetz-secrets/ for PostgreSQL (DATABASE_URL). Run it from the folder the server',
    '  starts in, with the same DATABASE_URL or DATA_DIR. Back the files up apart from the database.',
    '  --env  writes nothing; prints SERVER_KEYS=…, AUDIT_KEYS=… and ENCRYPTION_KEYS=… for the environment',
    '         or a secret store. Production (NODE_ENV=production) reads keys from the environment only.',
    '  Refuses (exit code 1) when any key exists already, as a variable or as a file.',
  ].join('\n'),
  options: { env: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const config = loadConfig(io.env, io.cwd);
    const set = KEY_RINGS.filter((r) => config.keys[r.name]).map((r) => `${r.variable} is set`);
    const files = KEY_RINGS.map((r) => keyFilePath(config.keys.dir, r.name)).filter((f) => fs.existsSync(f));
    const existing = [...set, ...files.map((f) => `${f} exists`)];
    if (existing.length > 0) {
      io.err(`\nKeys exist already (${existing.join('; ')}).\n${ROTATE}\n\n`);
      return EXIT.invalid;
    }
    if (values.env) {
      for (const r of KEY_RINGS) io.out(`${r.variable}=${generateKeyRingEntry(FIRST_KEY_ID)}\n`);
      io.err(
        '\nThese are the only copies: keep them in your secret store and pass them to every instance and to the\n' +
          'schutznetz commands. Never put them in the data folder, a backup of the database or the repository.\n\n',
      );
      return EXIT.ok;
    }
    if (config.env === 'production') {
      io.err(
        '\nIn production the server reads keys from the environment only; key files would not be used.\n' +
          'Run `schutznetz keys init --env` and keep what it prints in your secret store.\n\n',
      );
      return EXIT.invalid;
    }
    for (const r of KEY_RINGS) {
      if (!createKeyFile(config.keys.dir, r.name, FIRST_KEY_ID)) {
        // Another process wrote it between the check and now: keep its key.
        io.err(`\n${keyFilePath(config.keys.dir, r.name)} appeared meanwhile and was kept.\n${ROTATE}\n\n`);
        return EXIT.invalid;
      }
    }
    io.out(
      `Created the server keys in ${keyFileFolder(config.keys.dir)}: ${KEY_RINGS.map((r) => `${r.name}.keys`).join(', ')}.\n` +
        'The server reads them when SERVER_KEYS, AUDIT_KEYS and ENCRYPTION_KEYS are not set. Back them up apart\n' +
        'from the database: without them the TOTP secrets cannot be decrypted nor the audit chains verified.\n',
    );
    return EXIT.ok;
  },
};

export const keysCommands: CommandGroup = {
  name: 'keys',
  summary: 'The server keys: create them for a new installation',
  commands: [initCommand],
};
