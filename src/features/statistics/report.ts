/**
 * A publication as people read it: every table with its title, its note on
 * what counts, its row and column labels in the reader's language, and
 * each cell a number or the marker of a value kept secret. The page, the
 * CSV, the XLSX workbook and the PDF report are all drawn from this one
 * model (present.ts builds it), so they cannot disagree.
 */

/** A cell: a published count, or a value kept secret (suppressed; shown as the marker, never blank). */
export type ReportCell = { kind: 'value'; value: number } | { kind: 'secret' };

export type ReportRow = { code: string; label: string; cells: readonly ReportCell[] };

export type ReportTable = {
  /** The catalogue's stable id (e.g. 'gender'). */
  id: string;
  title: string;
  /** What counts in this table. */
  note: string;
  /** The heading of the row labels' column. */
  rowHeader: string;
  columns: readonly { code: string; label: string }[];
  rows: readonly ReportRow[];
};

export type Report = {
  year: number;
  audience: 'public' | 'internal';
  version: number;
  /** The report's heading, e.g. "Statistik 2024". */
  title: string;
  /** Sentences before the tables: what is counted, how it was protected, when it was published. */
  intro: readonly string[];
  /**
   * Set while the publication's year is reopened for corrections: these are
   * the figures as published, new ones follow when the year is closed again.
   */
  correction?: { label: string; text: string };
  /** The symbol of a value kept secret, and its explanation. */
  marker: string;
  legend: string;
  tables: readonly ReportTable[];
  /** Numbers as the reader writes them (grouping). */
  format: (n: number) => string;
  /** Words the files need besides the tables. */
  words: {
    /** The name of the workbook's first sheet. */
    about: string;
    /** "Page {{page}} of {{pages}}" with both filled in. */
    page: (page: number, pages: number) => string;
  };
  /** Where the report was made, for the files' metadata. */
  generator: string;
};

/** The text a cell shows: the number, or the marker. */
export function cellText(report: Pick<Report, 'format' | 'marker'>, cell: ReportCell): string {
  return cell.kind === 'value' ? report.format(cell.value) : report.marker;
}

/** File names: the network's name, the year, the version and the audience; ASCII only. */
export function fileName(report: Pick<Report, 'year' | 'version' | 'audience'>, ext: string, table?: string): string {
  const who = report.audience === 'public' ? '' : '-intern';
  const part = table ? `-${table.replace(/[^a-z0-9_-]/gi, '')}` : '';
  return `schutznetz-statistik-${report.year}-v${report.version}${who}${part}.${ext}`;
}
