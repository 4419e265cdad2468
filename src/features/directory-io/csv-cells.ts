/**
 * The in-cell syntax of multi-valued CSV columns (see docs/hsds.md):
 *
 * - code lists:  `de|en|ar`
 * - phones:      `+49 30 1234567 (voice, de|en): Beratung; 030 7654321 (fax)`
 * - schedules:   `MO,TU,TH 09:00-16:00; WE 13:00-18:00: Abendsprechstunde`
 *
 * Items are separated by `;`. A `;` or `\` inside a description is written
 * `\;` or `\\`. Plus the spreadsheet-safety prefix for every cell.
 */
import type { DirectoryEntry } from '../directory/entry.ts';
import { PHONE_TYPES } from '../directory/entry.ts';

/** Split `a; b\; c` into ['a', 'b; c'] (unescaping), trimming items and dropping empty ones. */
export function splitItems(cell: string): string[] {
  const items: string[] = [];
  let cur = '';
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i]!;
    if (ch === '\\' && i + 1 < cell.length) {
      cur += cell[++i];
    } else if (ch === ';') {
      items.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  items.push(cur);
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

const escape = (s: string) => s.replace(/[\\;]/g, (c) => `\\${c}`);

/** `a|b|c` → ['a','b','c'] */
export function splitCodes(cell: string): string[] {
  return cell
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function joinCodes(codes: readonly string[]): string {
  return codes.join('|');
}

type Phone = DirectoryEntry['phones'][number];
type Schedule = DirectoryEntry['schedules'][number];

export function formatPhones(phones: readonly Phone[]): string {
  return phones
    .map((p) => {
      const langs = p.languages.length ? `, ${joinCodes(p.languages)}` : '';
      return `${escape(p.number)} (${p.type}${langs})${p.description ? `: ${escape(p.description)}` : ''}`;
    })
    .join('; ');
}

const PHONE_ITEM = new RegExp(`^(.+?) \\((${PHONE_TYPES.join('|')})(?:,\\s*([^)]*))?\\)(?::\\s*([\\s\\S]*))?$`, 'i');

/** One phone item as a draft (unvalidated); a bare number is a voice line. */
export function parsePhone(item: string): {
  number: string;
  type: string;
  languages: string[];
  description: string | null;
} {
  const m = PHONE_ITEM.exec(item);
  if (!m) return { number: item, type: 'voice', languages: [], description: null };
  return {
    number: m[1]!.trim(),
    type: m[2]!.toLowerCase(),
    languages: splitCodes(m[3] ?? ''),
    description: m[4]?.trim() || null,
  };
}

export function formatSchedules(schedules: readonly Schedule[]): string {
  return schedules
    .map((s) => `${s.byday.join(',')} ${s.opens_at}-${s.closes_at}${s.description ? `: ${escape(s.description)}` : ''}`)
    .join('; ');
}

export const SCHEDULE_SYNTAX = 'expected DAYS HH:MM-HH:MM: DESCRIPTION, e.g. "MO,TU,TH 09:00-16:00"';

const SCHEDULE_ITEM =
  /^([A-Za-z]{2}(?:\s*,\s*[A-Za-z]{2})*)\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})(?::\s*([\s\S]*))?$/;

/** One schedule item as a draft, or undefined when it does not follow the syntax. */
export function parseSchedule(
  item: string,
): { byday: string[]; opens_at: string; closes_at: string; description: string | null } | undefined {
  const m = SCHEDULE_ITEM.exec(item);
  if (!m) return undefined;
  const pad = (t: string) => t.padStart(5, '0');
  return {
    byday: m[1]!.split(',').map((d) => d.trim().toUpperCase()),
    opens_at: pad(m[2]!),
    closes_at: pad(m[3]!),
    description: m[4]?.trim() || null,
  };
}

// The spreadsheet guard is the platform's (CSV and XLSX files of other features use it too).
export { fromSpreadsheetSafe, spreadsheetSafe } from '../../platform/security/spreadsheet-safe.ts';
