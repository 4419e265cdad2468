/** `schutznetz audit …`: check the tamper-evident audit log. */
import { verifyAuditLog, type AuditChainResult } from '../../platform/audit/verify.ts';
import { serverKeysFor, withDatabase } from '../database.ts';
import { EXIT, UsageError, type Command, type CommandGroup } from '../types.ts';

const HEAD = /^([A-Za-z0-9-]{1,64})=(\d{1,15}):([0-9a-f]{64})$/;

/** `--expect chain=seq:hash` (repeatable): heads the operator recorded from an earlier run. */
function knownHeads(value: unknown): Map<string, { seq: number; hash: string }> {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const heads = new Map<string, { seq: number; hash: string }>();
  for (const item of list) {
    const m = typeof item === 'string' ? HEAD.exec(item) : null;
    if (!m || Number(m[2]) < 1)
      throw new UsageError(`--expect must look like <chain>=<seq>:<64 hex characters>, not ${String(item)}`);
    heads.set(m[1]!, { seq: Number(m[2]), hash: m[3]! });
  }
  return heads;
}

function batchSize(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d{1,7}$/.test(value) || n < 1)
    throw new UsageError('--batch-size must be a whole number from 1 to 9999999');
  return n;
}

function describe(r: AuditChainResult): string {
  const head = r.head ? `, head ${r.head.seq}:${r.head.hash}` : '';
  if (r.ok) return `chain ${r.chain}: ok, ${r.count} ${r.count === 1 ? 'row' : 'rows'}${head}\n`;
  return `chain ${r.chain}: broken at row ${r.brokenAt} (${r.reason}); ${r.count} rows verified before it\n`;
}

const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check every audit chain and name the first broken row',
  usage: '[--expect <chain>=<seq>:<hash> …] [--batch-size n]',
  help: [
    '  --expect chain=seq:hash  a head printed by an earlier run (repeatable): the row must still',
    '                           be in the chain. Keep the printed heads outside the database: they',
    '                           reveal deleted newest rows even when the head table was rewritten.',
    '  --batch-size n           rows read per query (default 2000)',
    '',
    '  Needs the audit key ring the server uses (AUDIT_KEYS, or the development key file).',
    '  Reads as the application role in the admin scope, whichever role DATABASE_URL names.',
    '  Exit code 1 when any chain is broken.',
  ].join('\n'),
  options: {
    expect: { type: 'string', multiple: true },
    'batch-size': { type: 'string' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError('verify takes no arguments');
    const expected = knownHeads(values.expect);
    const size = batchSize(values['batch-size']);
    const ring = serverKeysFor(io).audit;
    const results = await withDatabase(io, (database) =>
      verifyAuditLog(database.db, ring, { knownHeads: expected, ...(size ? { batchSize: size } : {}) }),
    );
    if (results.length === 0) {
      io.out('The audit log is empty.\n');
      return EXIT.ok;
    }
    for (const r of results) io.out(describe(r));
    const broken = results.filter((r) => !r.ok);
    if (broken.length > 0) {
      io.err(
        `\n${broken.length} of ${results.length} chains broken. Keep this output; the rows named were changed, removed or written without the key.\n`,
      );
      return EXIT.invalid;
    }
    io.err(`\nAll ${results.length} chains intact.\n`);
    return EXIT.ok;
  },
};

export const auditCommands: CommandGroup = {
  name: 'audit',
  summary: 'The tamper-evident audit log',
  commands: [verifyCommand],
};
