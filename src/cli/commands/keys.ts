/**
 * `schutznetz keys rewrap` (below): after a rotation of ENCRYPTION_KEYS,
 * re-wrap the centres' referral keys under the new KEK.
 *
 * `schutznetz keys init`: create the three key rings once, before the first
 * start of an installation — the server creates keys by itself only for
 * the embedded demo (security/server-keys.ts). Either as the files the
 * server reads (`<key folder>/schutznetz-secrets/*.keys`), or, with `--env`,
 * printed as the three variables for the environment or a secret store
 * (what production needs). Never replaces a key: new keys would leave the
 * TOTP secrets undecryptable and the audit chains unverifiable.
 */
import fs from 'node:fs';
import { rewrapCentreKeys } from '../../features/referrals/rewrap.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { DecryptionError } from '../../platform/security/field-encryption.ts';
import { createKeyFile, generateKeyRingEntry, keyFileFolder, keyFilePath } from '../../platform/security/keys.ts';
import { KEY_RINGS } from '../../platform/security/server-keys.ts';
import { serverKeysFor, withDatabase } from '../database.ts';
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

const list = (ids: string[]) => (ids.length === 0 ? 'none' : ids.join(', '));

const rewrapCommand: Command = {
  name: 'rewrap',
  summary: 'After appending a key to ENCRYPTION_KEYS: re-wrap the centres’ referral keys under it',
  usage: '',
  help: [
    '  Every centre’s referral key that names an older ENCRYPTION_KEYS entry is unwrapped with that entry and',
    '  wrapped again under the current (last) one, all in one transaction; the referrals themselves are not',
    '  touched. Safe to run again: keys already under the current entry are left as they are.',
    '  Prints which entry ids are still named (centre keys, TOTP secrets): an entry may leave the ring only',
    '  when nothing names it (docs/security.md, section 11). Exit code 1, with nothing changed, when a',
    '  centre key names an entry that is no longer in the ring.',
  ].join('\n'),
  options: {},
  async run({ positionals }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const keys = serverKeysFor(io);
    let report;
    try {
      report = await withDatabase(io, (database) =>
        rewrapCentreKeys(database.db, keys.encryption, keys.audit, new Date()),
      );
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      io.err(
        `\nA centre key could not be opened (${err.reason}); nothing was changed. ` +
          (err.reason === 'unknown_key'
            ? 'It names an ENCRYPTION_KEYS entry that is not in the ring: put that entry back, run the command again, and remove it only afterwards.\n\n'
            : 'The stored key does not match its centre and version: restore it from a backup.\n\n'),
      );
      return EXIT.invalid;
    }
    const { currentKekId, rewrapped, alreadyCurrent, referenced } = report;
    io.out(
      `Centre keys re-wrapped under ${currentKekId}: ${rewrapped}; already under it: ${alreadyCurrent}.\n` +
        `ENCRYPTION_KEYS entries still named: centre keys ${list(referenced.centreKeys)}; ` +
        `TOTP secrets ${list(referenced.totpSecrets)}.\n` +
        'An older entry may leave the ring once neither names it (TOTP secrets move to the current entry at their\n' +
        'owner’s next sign-in).\n',
    );
    return EXIT.ok;
  },
};

export const keysCommands: CommandGroup = {
  name: 'keys',
  summary: 'The server keys: create them for a new installation, re-wrap referral keys after a rotation',
  commands: [initCommand, rewrapCommand],
};
