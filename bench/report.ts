/** Plain-text tables for the terminal. */

export type Cell = string | number | null | undefined;

/** Columns padded to their widest cell; numbers right-aligned. */
export function table(headers: string[], rows: Cell[][]): string {
  const text = (c: Cell) => (c === null || c === undefined ? '–' : String(c));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => text(r[i]).length)));
  const line = (cells: Cell[], header = false) =>
    cells
      .map((c, i) => (typeof c === 'number' && !header ? text(c).padStart(widths[i]!) : text(c).padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers, true), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(r))].join('\n');
}

/** Bytes as "12,345 B (12.1 KB)" with 1 KB = 1,000 bytes. */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

export const yesNo = (ok: boolean) => (ok ? 'met' : 'MISSED');
