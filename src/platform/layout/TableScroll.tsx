/**
 * The frame for a data table that can be wider than a small screen.
 *
 * WCAG 1.4.10 Reflow wants a page usable at 320 CSS px without sideways
 * scrolling, but lets data tables scroll in two directions: their columns
 * only make sense side by side. So the page stays narrow and only the table
 * scrolls, inside this region (`.table-scroll` in app.css). It is a named
 * landmark a screen reader can announce, and takes keyboard focus so people
 * without a mouse or touch screen can scroll it with the arrow keys; a
 * scrollable area no keyboard can reach fails WCAG 2.1.1.
 */
import type { ComponentChildren } from 'preact';

/** `label`: the table's caption, or the page heading when the table has none. */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * A data table in its scroll region: one heading per column (null leaves
 * the column out) and one row per item, whose cells `row` gives. With
 * `empty`, a list without items is that sentence instead of a table.
 */
export function DataTable<T>({
  label,
  class: cls = 'list-table',
  caption,
  columns,
  items,
  row,
  empty,
}: {
  label: string;
  class?: string;
  caption?: string;
  columns: ComponentChildren[];
  items: readonly T[];
  row: (item: T) => ComponentChildren;
  empty?: string;
}) {
  if (items.length === 0 && empty !== undefined) return <p>{empty}</p>;
  return (
    <TableScroll label={label}>
      <table class={cls}>
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            {columns
              .filter((c) => c !== null)
              .map((c) => (
                <th scope="col">{c}</th>
              ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr>{row(item)}</tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
