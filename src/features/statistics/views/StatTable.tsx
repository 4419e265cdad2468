/**
 * One statistics table as HTML: caption (its title), the note on what
 * counts, a header row, a row per category with its row header, the total
 * row last. A secret cell shows the marker — never a blank — and says
 * "kept secret" to screen readers instead of reading out the symbol.
 */
import { TableScroll } from '../../../platform/layout/TableScroll.tsx';
import type { Report, ReportCell, ReportTable } from '../report.ts';

function Cell({
  cell,
  report,
  secret,
}: {
  cell: ReportCell;
  report: Pick<Report, 'format' | 'marker'>;
  secret: string;
}) {
  if (cell.kind === 'value') return <td>{report.format(cell.value)}</td>;
  return (
    <td class="secret">
      <span aria-hidden="true">{report.marker}</span>
      <span class="visually-hidden">{secret}</span>
    </td>
  );
}

/** The id of a table's heading, for links to it from a list of contents. */
export function tableAnchor(id: string): string {
  return `table-${id.replace(/[^a-z0-9_-]/gi, '-')}`;
}

export function StatTable({
  table,
  report,
  secret,
  headingLevel = 3,
}: {
  table: ReportTable;
  report: Pick<Report, 'format' | 'marker'>;
  /** "kept secret", read instead of the marker. */
  secret: string;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = tableAnchor(table.id);
  return (
    <section class="stat-section" aria-labelledby={id}>
      <Heading id={id}>{table.title}</Heading>
      {table.note ? <p class="stat-note">{table.note}</p> : null}
      <TableScroll label={table.title}>
        <table class="stat-table">
          <caption class="visually-hidden">{table.title}</caption>
          <thead>
            <tr>
              <th scope="col">{table.rowHeader}</th>
              {table.columns.map((c) => (
                <th scope="col">{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr class={row.code === 'total' ? 'total' : undefined}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell) => (
                  <Cell cell={cell} report={report} secret={secret} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
