/** `schutznetz directory …`: import, export and clear the demo content of the help-finder directory. */
import fs from 'node:fs';
import path from 'node:path';
import { clearDemo } from '../../features/directory-io/queries/clear-demo.ts';
import { exportDirectory } from '../../features/directory-io/export.ts';
import { formatFromFileName, importDirectory, type ImportReport } from '../../features/directory-io/import.ts';
import { formatNote, formatProblem, type ImportFormat } from '../../features/directory-io/problems.ts';
import { withDatabase } from '../database.ts';
import { EXIT, UsageError, type CliIo, type Command, type CommandGroup } from '../types.ts';
import { serviceCount } from '../../features/directory/queries.ts';

function formatOption(value: unknown): ImportFormat | undefined {
  if (value === undefined) return undefined;
  if (value === 'csv' || value === 'hsds') return value;
  throw new UsageError(`--format must be csv or hsds, not ${JSON.stringify(value)}`);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function printReport(report: ImportReport, file: string, dryRun: boolean, io: CliIo): number {
  for (const n of report.notes) io.out(`note: ${formatNote(n, report.format)}\n`);
  if (!report.ok) {
    for (const p of report.problems) io.err(`${formatProblem(p, report.format)}\n`);
    io.err(
      `\n${file}: ${plural(report.problems.length, 'problem', 'problems')}. Nothing was imported; fix the file and run the import again.\n`,
    );
    return EXIT.invalid;
  }
  const c = report.counts;
  const what = `${c.created} new, ${c.updated} changed, ${c.unchanged} unchanged, ${c.deleted} deleted`;
  io.out(
    dryRun
      ? `${file} is valid (${plural(c.services, 'service', 'services')}). A real import would make: ${what}. Nothing was written (--dry-run).\n`
      : `Imported ${file}: ${plural(c.services, 'service', 'services')} (${what}).\n`,
  );
  return EXIT.ok;
}

const importCommand: Command = {
  name: 'import',
  summary: 'Import services from a CSV or HSDS JSON file (all or nothing)',
  usage: '<file> [--format csv|hsds] [--replace] [--dry-run]',
  help: [
    '  --format csv|hsds  file format; by default from the extension (.csv, .json)',
    '  --replace          delete every stored service that is not in the file',
    '  --dry-run          check the file and show what would change, write nothing',
    '',
    '  Every row is checked first. If any row has a problem, every problem is listed',
    '  (row, column, reason) and nothing is written. See docs/hsds.md for the columns.',
  ].join('\n'),
  options: {
    format: { type: 'string' },
    replace: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one file to import');
    const file = positionals[0]!;
    const format = formatOption(values.format) ?? formatFromFileName(file);
    if (!format)
      throw new UsageError(`cannot tell the format of ${file} from its name: add --format csv or --format hsds`);
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
    } catch (err) {
      io.err(`Cannot read ${file}: ${(err as Error).message}\n`);
      return EXIT.invalid;
    }
    const dryRun = values['dry-run'] === true;
    const report = await withDatabase(io, (database) =>
      importDirectory(database.db, text, { format, replace: values.replace === true, dryRun }),
    );
    return printReport(report, file, dryRun, io);
  },
};

const exportCommand: Command = {
  name: 'export',
  summary: 'Export the whole directory as CSV or HSDS JSON',
  usage: '[--format csv|hsds] [--out file]',
  help: [
    '  --format csv|hsds  default: from the --out extension, else csv',
    '  --out file         write to this file instead of standard output',
  ].join('\n'),
  options: { format: { type: 'string' }, out: { type: 'string' } },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const out = typeof values.out === 'string' ? values.out : undefined;
    const format = formatOption(values.format) ?? (out ? formatFromFileName(out) : undefined) ?? 'csv';
    const { text, count } = await withDatabase(io, (database) => exportDirectory(database.db, format));
    if (!out) {
      io.out(text);
      return EXIT.ok;
    }
    fs.writeFileSync(path.resolve(io.cwd, out), text);
    io.err(`Exported ${plural(count, 'service', 'services')} to ${out}.\n`);
    return EXIT.ok;
  },
};

/**
 * Why a demo centre stays, from the table whose rows the database found
 * still referring to it. Accounts are disabled, never deleted, and the audit
 * log is append-only, so a centre anyone worked in stays for good.
 */
function keptBecause(table: string): string {
  switch (table) {
    case 'app_user':
    case 'user_session':
    case 'webauthn_credential':
    case 'recovery_code':
    case 'password_reset':
    case 'email_change':
      return 'staff accounts belong to it, and accounts are never deleted';
    case 'invitation':
      return 'invitations to it refer to it';
    case 'audit_log':
    case 'audit_chain_head':
      return 'its audit history refers to it, and the audit log is never deleted';
    case 'directory_draft':
      return 'drafts of its directory entry refer to it';
    case 'case_record':
      return 'case records belong to it';
    case 'referral':
      return 'referrals to it refer to it';
    default:
      return 'other data refers to it';
  }
}

const clearDemoCommand: Command = {
  name: 'clear-demo',
  summary: 'Remove the demo (fictional) services, organisations and demo centres',
  usage: '',
  options: {},
  async run({ positionals }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const { result, remaining, kind } = await withDatabase(io, async (database) => {
      const result = await clearDemo(database.db);
      return { result, remaining: await serviceCount(database.db), kind: database.kind };
    });
    io.out(
      `Removed ${plural(result.services, 'demo service', 'demo services')} and ${plural(result.organizations, 'demo organisation', 'demo organisations')}.\n`,
    );
    for (const o of result.keptOrganizations) {
      io.out(`Kept demo organisation "${o.name}" (${o.id}): it has services that are not demo content.\n`);
    }
    io.out(`Removed ${plural(result.centres, 'demo centre', 'demo centres')} of the demo network.\n`);
    if (result.caseRecords > 0)
      io.out(
        `Removed ${plural(result.caseRecords, 'synthetic case record', 'synthetic case records')} of demo centres.\n`,
      );
    for (const c of result.keptCentres) {
      const records =
        c.caseRecords > 0
          ? ` Its ${plural(c.caseRecords, 'case record', 'case records')} stay with it: staff have accounts there and may have entered them.`
          : '';
      io.out(
        `Kept demo centre "${c.name}" (${c.id}): ${keptBecause(c.referencedFrom)} (${c.referencedFrom}).${records}\n`,
      );
    }
    if (result.publishedYears.length > 0) {
      io.out(
        `The published statistics of ${result.publishedYears.join(', ')} stay: a publication is never changed or deleted. ` +
          'If they came from the demo, the public statistics page shows invented figures as the network’s: ' +
          'start the real installation from a fresh data folder or database instead.\n',
      );
    }
    if (remaining === 0 && kind === 'pglite') {
      io.out(
        'The directory is now empty. While it is, npm start loads the demo again unless DEMO_CONTENT=false is set: import your data first.\n',
      );
    }
    return EXIT.ok;
  },
};

export const directoryCommands: CommandGroup = {
  name: 'directory',
  summary: 'The help-finder directory: import, export, clear-demo',
  commands: [importCommand, exportCommand, clearDemoCommand],
};
