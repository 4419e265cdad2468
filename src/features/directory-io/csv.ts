/**
 * The directory as CSV: one row per service, columns named after HSDS fields
 * (see docs/hsds.md for the columns and the in-cell syntax). Meant for people
 * who keep the directory in a spreadsheet, so reading is forgiving about what
 * spreadsheets do (BOM, `;` as delimiter, decimal commas, German dates, ja/nein)
 * and writing protects them from formula injection.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { SERVICE_DETAIL_FIELDS, type DirectoryEntry } from '../directory/entry.ts';
import {
  formatPhones,
  formatSchedules,
  fromSpreadsheetSafe,
  joinCodes,
  parsePhone,
  parseSchedule,
  SCHEDULE_SYNTAX,
  splitCodes,
  splitItems,
  spreadsheetSafe,
} from './csv-cells.ts';
import type { Draft, ParsedFile } from './draft.ts';
import type { ImportProblem } from './problems.ts';

/** The place's columns: any of them filled means the row has a place (address_protected alone does not). */
const PLACE_COLUMNS = [
  'location_id',
  'location_name',
  'address_1',
  'postal_code',
  'city',
  'state_province',
  'latitude',
  'longitude',
] as const;
const WAY_THERE_COLUMNS = ['transportation', 'location_accessibility'] as const;

const CSV_COLUMNS = [
  'id',
  'name',
  'description',
  'status',
  'url',
  'email',
  ...SERVICE_DETAIL_FIELDS,
  'is_demo',
  'organization_id',
  'organization_name',
  'organization_description',
  'organization_email',
  'organization_website',
  'organization_legal_status',
  'organization_is_demo',
  ...PLACE_COLUMNS,
  'address_protected',
  ...WAY_THERE_COLUMNS,
  'phones',
  'phone_ids',
  'languages',
  'schedules',
  'schedule_ids',
  'service_areas',
  'target_groups',
  'exploitation',
  'accessibility',
] as const;

type CsvColumn = (typeof CSV_COLUMNS)[number];

const LOCATION_COLUMNS: CsvColumn[] = [...PLACE_COLUMNS, ...WAY_THERE_COLUMNS];

const text = (v: string | null) => v ?? '';
const bool = (v: boolean) => (v ? 'true' : 'false');
const num = (v: number | null) => (v === null ? '' : String(v));

function toRow(e: DirectoryEntry): Record<CsvColumn, string> {
  const s = e.service;
  const o = e.organization;
  const l = e.location;
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    status: s.status,
    url: text(s.url),
    email: text(s.email),
    interpretation_services: text(s.interpretation_services),
    application_process: text(s.application_process),
    fees_description: text(s.fees_description),
    eligibility_description: text(s.eligibility_description),
    minimum_age: num(s.minimum_age),
    maximum_age: num(s.maximum_age),
    assured_date: text(s.assured_date),
    alert: text(s.alert),
    is_demo: bool(s.is_demo),
    organization_id: o.id,
    organization_name: o.name,
    organization_description: o.description,
    organization_email: text(o.email),
    organization_website: text(o.website),
    organization_legal_status: text(o.legal_status),
    organization_is_demo: bool(o.is_demo),
    location_id: l?.id ?? '',
    location_name: text(l?.name ?? null),
    address_1: l && !l.address_protected ? text(l.address.address_1) : '',
    postal_code: l?.address.postal_code ?? '',
    city: l?.address.city ?? '',
    state_province: l?.address.state_province ?? '',
    latitude: l ? String(l.latitude) : '',
    longitude: l ? String(l.longitude) : '',
    address_protected: l ? bool(l.address_protected) : '',
    transportation: text(l?.transportation ?? null),
    location_accessibility: text(l?.accessibility ?? null),
    phones: formatPhones(e.phones),
    phone_ids: joinCodes(e.phones.map((p) => p.id)),
    languages: joinCodes(e.languages),
    schedules: formatSchedules(e.schedules),
    schedule_ids: joinCodes(e.schedules.map((x) => x.id)),
    service_areas: joinCodes(e.areas),
    target_groups: joinCodes(e.targetGroups),
    exploitation: joinCodes(e.exploitation),
    accessibility: joinCodes(e.accessibility),
  };
}

/**
 * The entries as CSV text: UTF-8 with a byte order mark (so that Excel shows
 * umlauts), `,` as delimiter, ids always written.
 */
export function exportCsv(entries: readonly DirectoryEntry[]): string {
  const records = entries.map((e) => {
    const row = toRow(e);
    return CSV_COLUMNS.map((c) => spreadsheetSafe(row[c]));
  });
  return stringify(records, { header: true, columns: [...CSV_COLUMNS], bom: true });
}

// ---------------------------------------------------------------- reading

const TRUE = new Set(['true', 'yes', 'ja', 'wahr', '1', 'x']);
const FALSE = new Set(['false', 'no', 'nein', 'falsch', '0']);

/** 'true'/'ja'/… → boolean; '' → undefined; anything else stays text for the schema to reject. */
function cellBool(v: string): boolean | string | undefined {
  const k = v.trim().toLowerCase();
  if (k === '') return undefined;
  if (TRUE.has(k)) return true;
  if (FALSE.has(k)) return false;
  return v;
}

/** '52,52' (decimal comma) and '52.52' → number; '' → null; anything else stays text. */
function cellNumber(v: string): number | string | null {
  const t = v.trim();
  if (t === '') return null;
  if (/^-?\d+([.,]\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  return t;
}

/** 'YYYY-MM-DD' as is; German 'D.M.YYYY' (what spreadsheets save) → ISO. */
function cellDate(v: string): string {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : v.trim();
}

function detectDelimiter(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

function toDraft(get: (c: CsvColumn) => string, problem: (field: CsvColumn, reason: string) => void): Draft {
  const hasLocation = LOCATION_COLUMNS.some((c) => get(c).trim() !== '');
  if (!hasLocation && cellBool(get('address_protected')) === true) {
    problem('address_protected', 'is set, but the row has no place: give postal_code (and city) too');
  }
  const phoneIds = splitCodes(get('phone_ids'));
  const phones = splitItems(get('phones')).map(parsePhone);
  if (phoneIds.length > 0 && phoneIds.length !== phones.length) {
    problem(
      'phone_ids',
      `${phoneIds.length} ids for ${phones.length} phones: give one id per phone, in the same order, or none`,
    );
  }
  const scheduleIds = splitCodes(get('schedule_ids'));
  const scheduleItems = splitItems(get('schedules'));
  const schedules = scheduleItems.map((item, i) => {
    const parsed = parseSchedule(item);
    if (parsed) return parsed;
    problem('schedules', `item ${i + 1} "${item}": ${SCHEDULE_SYNTAX}`);
    // A stand-in keeps the later items' numbers right in further messages; the row is rejected anyway.
    return { byday: ['MO'], opens_at: '00:00', closes_at: '00:01', description: null };
  });
  if (scheduleIds.length > 0 && scheduleIds.length !== scheduleItems.length) {
    problem(
      'schedule_ids',
      `${scheduleIds.length} ids for ${scheduleItems.length} opening times: give one id per opening time, in the same order, or none`,
    );
  }
  return {
    organization: {
      id: get('organization_id'),
      name: get('organization_name'),
      description: get('organization_description'),
      email: get('organization_email'),
      website: get('organization_website'),
      legal_status: get('organization_legal_status'),
      is_demo: cellBool(get('organization_is_demo')),
    },
    service: {
      id: get('id'),
      name: get('name'),
      description: get('description'),
      url: get('url'),
      email: get('email'),
      status: get('status').trim().toLowerCase(),
      interpretation_services: get('interpretation_services'),
      application_process: get('application_process'),
      fees_description: get('fees_description'),
      eligibility_description: get('eligibility_description'),
      minimum_age: cellNumber(get('minimum_age')),
      maximum_age: cellNumber(get('maximum_age')),
      assured_date: cellDate(get('assured_date')),
      alert: get('alert'),
      is_demo: cellBool(get('is_demo')),
    },
    location: hasLocation
      ? {
          id: get('location_id'),
          name: get('location_name'),
          latitude: cellNumber(get('latitude')),
          longitude: cellNumber(get('longitude')),
          transportation: get('transportation'),
          address_protected: cellBool(get('address_protected')),
          accessibility: get('location_accessibility'),
          address: {
            address_1: get('address_1'),
            postal_code: get('postal_code'),
            city: get('city'),
            state_province: get('state_province').trim().toUpperCase(),
            country: 'DE',
          },
        }
      : null,
    phones: phones.map((p, i) => ({ id: phoneIds[i] ?? null, ...p })),
    languages: splitCodes(get('languages')).map((c) => c.toLowerCase()),
    schedules: schedules.map((s, i) => ({ id: scheduleIds[i] ?? null, ...s })),
    areas: splitCodes(get('service_areas')).map((c) => c.toUpperCase()),
    targetGroups: splitCodes(get('target_groups')).map((c) => c.toLowerCase()),
    exploitation: splitCodes(get('exploitation')).map((c) => c.toLowerCase()),
    accessibility: splitCodes(get('accessibility')).map((c) => c.toLowerCase()),
  };
}

/**
 * Read CSV text into drafts, one per non-empty row, numbered as a spreadsheet
 * numbers them. Problems of the cell syntax and of the header are reported
 * here; everything else is the schema's job.
 */
export function parseCsv(input: string): ParsedFile {
  const problems: ImportProblem[] = [];
  let records: string[][];
  try {
    records = parse(input, {
      bom: true,
      delimiter: detectDelimiter(input),
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return {
      drafts: [],
      problems: [{ row: line ?? 1, field: '(file)', reason: `not readable as CSV: ${(err as Error).message}` }],
    };
  }
  const [header, ...rows] = records;
  if (!header) return { drafts: [], problems: [{ row: 1, field: '(file)', reason: 'the file is empty' }] };
  const names = header.map((h) => h.trim().toLowerCase());
  const index = new Map<CsvColumn, number>();
  names.forEach((n, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(n))
      problems.push({ row: 1, field: n || `column ${i + 1}`, reason: 'unknown column' });
    else if (index.has(n as CsvColumn)) problems.push({ row: 1, field: n, reason: 'column appears twice' });
    else index.set(n as CsvColumn, i);
  });
  for (const required of ['name', 'organization_name'] as const) {
    if (!index.has(required)) problems.push({ row: 1, field: required, reason: 'required column is missing' });
  }
  if (problems.length > 0) return { drafts: [], problems };

  const drafts: ParsedFile['drafts'] = [];
  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.length > names.length) {
      problems.push({
        row,
        field: '(row)',
        reason: `${cells.length} cells, but the header has ${names.length} columns`,
      });
      return;
    }
    const get = (c: CsvColumn) => {
      const at = index.get(c);
      return at === undefined ? '' : fromSpreadsheetSafe(cells[at] ?? '');
    };
    drafts.push({ row, draft: toDraft(get, (field, reason) => problems.push({ row, field, reason })) });
  });
  return { drafts, problems };
}

/** Where in a CSV row a draft field lives: its column, and for list items the item number. */
export function csvField(path: readonly PropertyKey[]): { field: string; prefix: string } {
  const [head, a, b] = path.map(String);
  const item = (n: string | undefined) => (n !== undefined && /^\d+$/.test(n) ? `item ${Number(n) + 1}: ` : '');
  switch (head) {
    case 'service':
      return { field: a ?? 'id', prefix: '' };
    case 'organization':
      return { field: a === undefined ? 'organization_name' : `organization_${a === 'id' ? 'id' : a}`, prefix: '' };
    case 'location': {
      if (a === 'address') return { field: b ?? 'postal_code', prefix: '' };
      const map: Record<string, string> = {
        id: 'location_id',
        name: 'location_name',
        accessibility: 'location_accessibility',
      };
      return { field: a === undefined ? 'postal_code' : (map[a] ?? a), prefix: '' };
    }
    case 'phones':
      return { field: b === 'id' ? 'phone_ids' : 'phones', prefix: item(a) };
    case 'schedules':
      return { field: b === 'id' ? 'schedule_ids' : 'schedules', prefix: item(a) };
    case 'areas':
      return { field: 'service_areas', prefix: item(a) };
    case 'targetGroups':
      return { field: 'target_groups', prefix: '' };
    default:
      return { field: head ?? '(row)', prefix: '' };
  }
}
