/** Building multipart uploads and record files for the import's tests (and the security suite's). */
import { randomBytes } from 'node:crypto';
import { IMPORT_COLUMNS } from './columns.ts';
import { FILE_FIELD } from '../../../platform/http/upload.ts';

/** A multipart/form-data body with text fields and (optionally) files, as a browser sends it. */
export function multipartBody(
  fields: Record<string, string>,
  files: { field?: string; name: string; type: string; data: Buffer }[] = [],
): { headers: Record<string, string>; payload: Buffer } {
  const boundary = `----schutznetz${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? FILE_FIELD}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) };
}

/** A complete record's cells by column (the template's columns), overridable. */
export function recordCells(year: number, o: Record<string, string> = {}): Record<string, string> {
  return {
    id: '',
    status: 'complete',
    first_contact_year: String(year),
    first_contact_quarter: '1',
    consent_statistics: 'yes',
    possibly_counted_elsewhere: 'no',
    trafficking_status: 'presumed',
    gender: 'female',
    age_at_first_contact: '24',
    age_unknown: 'no',
    minor_at_exploitation: 'no',
    unaccompanied_minor: '',
    citizenship: 'NG',
    country_of_recruitment: 'NG',
    country_of_exploitation: 'DE|IT',
    exploitation_forms: 'sexual',
    labour_sector: '',
    means_of_control: 'debt_bondage|spiritual_coercion',
    recruiter_relation: 'intimate_partner',
    first_contact_online: 'no',
    exploitation_timing: 'during_flight|during_asylum',
    asylum_stage: 'pending',
    residence_status_first: 'gestattung',
    residence_status_end: 'gestattung',
    referral_source: 'reception_centre',
    criminal_proceedings: 'none',
    support_provided: 'psychosocial|asylum_support',
    ...o,
  };
}

/** CSV text of rows (cells by column) under the template's header; cells are plain codes, so no quoting is needed. */
export function recordsCsv(rows: Record<string, string>[], columns: readonly string[] = IMPORT_COLUMNS): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\r\n') + '\r\n';
}
