/**
 * `schutznetz i18n …` (npm run i18n -- …): the translation workflow for
 * volunteers (ADR 030). It works on the catalogue files in the source tree,
 * not on the database: export a language as XLIFF 2.0, import a translated
 * file, report each language's state, stamp a language's state file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURES } from '../../app.ts';
import { readCatalogues } from '../../platform/i18n/catalogues.ts';
import { DEFAULT_LOCALE, LOCALES } from '../../platform/i18n/locales.ts';
import {
  readStateFile,
  stampLanguage,
  stateFileOf,
  unitOrder,
  writeStateFile,
} from '../../platform/i18n/translation-state.ts';
import {
  exportXliff,
  formatReport,
  ImportRefused,
  importXliff,
  reportLanguages,
  WorkflowError,
  type Workspace,
} from '../../platform/i18n/xliff.ts';
import { KERNEL_NAMESPACES } from '../../platform/messages.ts';
import { EXIT, UsageError, type CliIo, type Command, type CommandGroup } from '../types.ts';

/** Every namespace of the kernel and the features, in the offered languages, read from the files. */
function sourceWorkspace(): Workspace {
  const namespaces = [...KERNEL_NAMESPACES, ...FEATURES.flatMap((f) => f.messages ?? [])];
  return { catalogues: readCatalogues(namespaces, LOCALES), locales: LOCALES };
}

/** Writing into dist/ would be lost at the next build: translations are source files. */
function requireSourceTree(): void {
  const dir = fileURLToPath(KERNEL_NAMESPACES[0]!.dir);
  if (dir.split(path.sep).includes('dist'))
    throw new UsageError('Run this from a source checkout (npm run i18n -- …): it writes the catalogue files in src/.');
}

const relative = (io: CliIo, file: string) => path.relative(io.cwd, file) || file;

function localesArg(ws: Workspace, positionals: string[]): string[] {
  for (const l of positionals)
    if (!Object.hasOwn(ws.locales, l) || l === DEFAULT_LOCALE)
      throw new UsageError(`"${l}" is not an offered language other than German.`);
  return positionals;
}

/** Commands over `workspace` (tests pass their own). */
export function makeI18nCommands(
  workspace: () => Workspace = sourceWorkspace,
  guard = requireSourceTree,
): CommandGroup {
  const exportCommand: Command = {
    name: 'export',
    summary: 'Write a language as an XLIFF 2.0 file for a translation tool',
    usage: '<locale> [--out file.xlf] [--all]',
    help:
      '  --out FILE  write to FILE (default: standard output)\n' +
      '  --all       also the units the language may leave in German (staff area, network pages)\n' +
      'Each unit carries its state (initial, translated, reviewed) and the hash of its German source.',
    options: { out: { type: 'string', short: 'o' }, all: { type: 'boolean' } },
    async run({ positionals, values }, io) {
      const [locale, ...rest] = positionals;
      if (!locale || rest.length) throw new UsageError('Name exactly one language.');
      const ws = workspace();
      const xml = await exportXliff(ws, locale, { all: values.all === true });
      if (typeof values.out === 'string') {
        const file = path.resolve(io.cwd, values.out);
        fs.writeFileSync(file, xml);
        io.err(`Wrote ${relative(io, file)}.\n`);
      } else io.out(xml);
      return EXIT.ok;
    },
  };

  const importCommand: Command = {
    name: 'import',
    summary: 'Read a translated XLIFF 2.0 file into the catalogues (all or nothing)',
    usage: '<file.xlf>',
    help:
      'Refuses the whole file, listing each unit and reason, for: unknown keys, plural forms the language\n' +
      'does not have, broken, missing or extra {{placeholders}}, pages that do not parse or whose headings\n' +
      'and anchors differ from German. Otherwise writes the catalogue files and the state file.',
    options: {},
    async run({ positionals }, io) {
      const [file, ...rest] = positionals;
      if (!file || rest.length) throw new UsageError('Name exactly one file.');
      guard();
      const xml = fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
      try {
        const r = await importXliff(workspace(), xml);
        io.out(
          `${r.locale}: ${r.imported} units imported (${r.reviewed} reviewed), ${r.skipped} left as they were.\n` +
            r.files.map((f) => `  wrote ${relative(io, f)}\n`).join(''),
        );
        if (r.outdated.length)
          io.err(
            `${r.outdated.length} units were translated from a German text that has changed since the export; they stay marked outdated:\n` +
              r.outdated.map((id) => `  ${id}\n`).join(''),
          );
        return EXIT.ok;
      } catch (err) {
        if (err instanceof ImportRefused) {
          io.err(`${err.message}\n`);
          return EXIT.invalid;
        }
        throw err;
      }
    },
  };

  const reportCommand: Command = {
    name: 'report',
    summary: 'Per language: missing, outdated and unreviewed units',
    usage: '[locale…] [--strict] [--full]',
    help:
      '  --strict  exit with 1 unless every language named is complete and reviewed\n' +
      '  --full    list every unit (lists are cut at 20 otherwise)',
    options: { strict: { type: 'boolean' }, full: { type: 'boolean' } },
    async run({ positionals, values }, io) {
      const ws = workspace();
      const reports = reportLanguages(ws, positionals.length ? localesArg(ws, positionals) : undefined);
      io.out(formatReport(reports, ws, values.full ? Infinity : 20));
      const incomplete = reports.some((r) => !r.complete || r.unrecorded.length > 0 || r.stale.length > 0);
      return values.strict && incomplete ? EXIT.invalid : EXIT.ok;
    },
  };

  const stampCommand: Command = {
    name: 'stamp',
    summary: 'Record every unit a language has as translated from today’s German',
    usage: '<locale…>',
    help:
      'Writes the state file (src/platform/i18n/state/<locale>.json): each unit present, marked translated\n' +
      'with the hash of the current German text. Reviews stay where neither German nor the translation\n' +
      'changed since. Run it after catalogue files were written by hand.',
    options: {},
    async run({ positionals }, io) {
      if (positionals.length === 0) throw new UsageError('Name at least one language.');
      guard();
      const ws = workspace();
      for (const locale of localesArg(ws, positionals)) {
        const info = ws.locales[locale]!;
        const file = stateFileOf(locale, info, ws.stateDir);
        const state = stampLanguage(ws.catalogues, locale, info, readStateFile(file));
        writeStateFile(file, state, unitOrder(ws.catalogues, locale, info));
        const reviewed = Object.values(state).filter((e) => e.state === 'reviewed').length;
        io.out(
          `${locale}: ${Object.keys(state).length} units recorded (${reviewed} reviewed) in ${relative(io, file)}\n`,
        );
      }
      return EXIT.ok;
    },
  };

  return {
    name: 'i18n',
    summary: 'Translation workflow: export, import, report, stamp',
    commands: [exportCommand, importCommand, reportCommand, stampCommand].map((c) => ({
      ...c,
      // A workflow mistake (unknown language, German named) is a usage mistake.
      run: async (args, io) => {
        try {
          return await c.run(args, io);
        } catch (err) {
          if (err instanceof WorkflowError) throw new UsageError(err.message);
          throw err;
        }
      },
    })),
  };
}

export const i18nCommands = makeI18nCommands();
