/**
 * Validation of a whole file: every draft through the entry schema, then the
 * rules that span rows (unique ids, one organisation = one set of fields).
 * Collects every problem of every row instead of stopping at the first, so a
 * person fixes a spreadsheet in one pass.
 */
import type { DirectoryEntry } from '../directory/entry.ts';
import type { Draft, FieldMapper, ParsedFile } from './draft.ts';
import { entrySchema } from './entry-schema.ts';
import type { ImportNote, ImportProblem } from './problems.ts';
import { sortProblems } from './problems.ts';

export type ValidatedFile = {
  entries: { row: number; entry: DirectoryEntry }[];
  problems: ImportProblem[];
  notes: ImportNote[];
};

const present = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');

function notesFor(row: number, draft: Draft, e: DirectoryEntry, field: FieldMapper): ImportNote[] {
  const notes: ImportNote[] = [];
  const add = (path: PropertyKey[], note: string) => notes.push({ row, field: field(path).field, note });
  if (!present(draft.service.id))
    add(['service', 'id'], `none given: ${e.service.id} derived from the organisation and service names`);
  if (!present(draft.organization.id))
    add(['organization', 'id'], `none given: ${e.organization.id} derived from the organisation name`);
  const l = e.location;
  const d = draft.location;
  if (l && d) {
    if (l.address_protected) {
      if (present(d.address.address_1))
        add(['location', 'address', 'address_1'], 'not stored: the address is protected');
      if (present(d.transportation))
        add(['location', 'transportation'], 'not stored: it would lead to a protected address');
      if (present(d.latitude) && (d.latitude !== l.latitude || d.longitude !== l.longitude)) {
        add(['location', 'latitude'], 'replaced by the postcode centre: the address is protected');
      }
    } else if (!present(d.latitude) && !present(d.longitude)) {
      add(['location', 'latitude'], `none given: the centre of postcode ${l.address.postal_code} is used`);
    }
  }
  return notes;
}

function sameOrganization(a: DirectoryEntry['organization'], b: DirectoryEntry['organization']): string | undefined {
  for (const k of ['name', 'description', 'email', 'website', 'legal_status', 'is_demo'] as const) {
    if (a[k] !== b[k]) return k;
  }
  return undefined;
}

/** Validate parsed drafts; problems use the file format's field names (`field`). */
export function validateDrafts(parsed: ParsedFile, field: FieldMapper): ValidatedFile {
  const problems: ImportProblem[] = [...parsed.problems];
  const notes: ImportNote[] = [];
  const entries: ValidatedFile['entries'] = [];
  const failedRows = new Set(parsed.problems.map((p) => p.row));

  for (const { row, draft } of parsed.drafts) {
    const result = entrySchema.safeParse(draft);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const { field: name, prefix } = field(issue.path);
        problems.push({ row, field: name, reason: `${prefix}${issue.message}` });
      }
      continue;
    }
    if (failedRows.has(row)) continue;
    entries.push({ row, entry: result.data });
    notes.push(...notesFor(row, draft, result.data, field));
  }

  // Ids are primary keys across the whole directory: a second use in the file would overwrite the first.
  const firstUse = new Map<string, number>();
  const claim = (kind: string, id: string, row: number, path: PropertyKey[]) => {
    const key = `${kind}:${id}`;
    const first = firstUse.get(key);
    if (first === undefined) firstUse.set(key, row);
    else
      problems.push({
        row,
        field: field(path).field,
        reason: `${id} is already used in ${first === row ? 'this row' : `row ${first}`}`,
      });
  };
  const orgs = new Map<string, { row: number; org: DirectoryEntry['organization'] }>();
  for (const { row, entry: e } of entries) {
    claim('service', e.service.id, row, ['service', 'id']);
    if (e.location) claim('location', e.location.id, row, ['location', 'id']);
    e.phones.forEach((p, i) => claim('phone', p.id, row, ['phones', i, 'id']));
    e.schedules.forEach((s, i) => claim('schedule', s.id, row, ['schedules', i, 'id']));
    const known = orgs.get(e.organization.id);
    if (!known) orgs.set(e.organization.id, { row, org: e.organization });
    else {
      const differs = sameOrganization(known.org, e.organization);
      if (differs) {
        problems.push({
          row,
          field: field(['organization', differs]).field,
          reason: `differs from row ${known.row} for the same organisation ${e.organization.id}; an organisation's fields must be the same in all its rows`,
        });
      }
    }
  }
  return { entries, problems: sortProblems(problems), notes: sortProblems(notes) };
}
