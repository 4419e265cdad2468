/**
 * The export in the IOM Human Trafficking Case Data Standard (HTCDS): each
 * answer under the standard's field name with the standard's codes, as
 * vocabulary.ts maps them (HTCDS). An answer the standard splits in two
 * (the trafficking status and who decided it) fills two columns; the
 * countries of recruitment and exploitation are both historic trafficking
 * events' `hte_Country`, told apart by `hte_Type` in the column name. A code
 * the standard has no value for is left empty; answers the standard lacks
 * keep the network's column name and codes. Several values of a
 * multi-select field are separated by `;`, as the standard's picklists are.
 */
import type { CaseRecord } from '../queries.ts';
import { VALUE_FIELDS, type ValueField } from '../schema.ts';
import { HTCDS, type HtcdsTarget } from '../vocabulary.ts';
import { ID_COLUMN, STATUS_COLUMN } from './columns.ts';

const MULTI_SEPARATOR = ';';

type Column = { name: string; cell: (r: CaseRecord) => string | number };

/** A stored value as the standard writes it: mapped codes (dropping those it lacks), checkboxes as true/false. */
function mapped(value: unknown, target: HtcdsTarget): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return value;
  const codes = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
  const out = codes.map((c) => (target.values ? (target.values[c] ?? null) : c)).filter((c): c is string => c !== null);
  return [...new Set(out)].join(MULTI_SEPARATOR);
}

function columnsOf(field: ValueField): Column[] {
  const targets = HTCDS[field];
  if (!targets) {
    return [
      {
        name: field,
        cell: (r) => {
          const v = r[field];
          if (v === null || v === undefined) return '';
          if (typeof v === 'boolean') return v ? 'true' : 'false';
          if (Array.isArray(v)) return v.join(MULTI_SEPARATOR);
          return typeof v === 'number' ? v : String(v);
        },
      },
    ];
  }
  return targets.map((t) => ({
    name: t.qualifier ? `${t.field} (hte_Type=${t.qualifier})` : t.field,
    cell: (r) => mapped(r[field], t),
  }));
}

const COLUMNS: readonly Column[] = [
  { name: ID_COLUMN, cell: (r) => r.id },
  { name: STATUS_COLUMN, cell: (r) => r.status },
  ...VALUE_FIELDS.flatMap(columnsOf),
];

export const HTCDS_COLUMNS: readonly string[] = COLUMNS.map((c) => c.name);

export function htcdsRow(r: CaseRecord): (string | number)[] {
  return COLUMNS.map((c) => c.cell(r));
}
