/** Rows to records and back, and the HTCDS columns, without a database. */
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../queries.ts';
import { completeRecord } from '../test-fixtures.ts';
import { EXPORT_COLUMNS, IMPORT_COLUMNS } from './columns.ts';
import { HTCDS_COLUMNS, htcdsRow } from './htcds.ts';
import { exportRow, readRows } from './records.ts';
import { recordCells } from './test-support.ts';

const now = new Date('2026-03-02T09:00:00Z');
const sheetOf = (rows: Record<string, string>[], header: readonly string[] = IMPORT_COLUMNS) => ({
  format: 'csv' as const,
  header: [...header],
  rows: rows.map((r, i) => ({ row: i + 2, cells: header.map((c) => r[c] ?? '') })),
});

describe('reading rows', () => {
  it('reads yes/no answers in either language, lists split at |, and ignores the export’s release column', () => {
    const { rows, problems } = readRows(
      sheetOf(
        [
          recordCells(2025, {
            consent_statistics: 'Ja',
            age_unknown: 'nein',
            exploitation_forms: ' sexual | labour ',
            labour_sector: 'C',
          }),
        ],
        [...IMPORT_COLUMNS, 'released_at'],
      ),
      now,
    );
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      row: 2,
      id: null,
      status: 'complete',
      values: {
        consent_statistics: true,
        age_unknown: false,
        exploitation_forms: ['sexual', 'labour'],
        labour_sector: 'C',
      },
    });
  });

  it('refuses a header it does not know, a repeated column, a missing status column', () => {
    const unknown = readRows(sheetOf([], [...IMPORT_COLUMNS, 'vorname']), now).problems;
    expect(unknown.map((p) => [p.row, p.column])).toEqual([[1, 'vorname']]);
    const repeated = readRows(sheetOf([], [...IMPORT_COLUMNS, 'gender']), now).problems;
    expect(repeated.map((p) => [p.row, p.column])).toEqual([[1, 'gender']]);
    const noStatus = readRows(sheetOf([], ['id', 'gender']), now).problems;
    expect(noStatus.map((p) => p.column)).toEqual(['status']);
  });

  it('names the row and column of every problem, a repeated id and a bad yes/no included', () => {
    const id = '0b7c3f0e-5a41-4d7e-9a4c-1f6e2d8b9a01';
    const { rows, problems } = readRows(
      sheetOf([
        recordCells(2025, { id }),
        recordCells(2025, { id: id.toUpperCase(), age_unknown: 'vielleicht', consent_statistics: 'vielleicht' }),
        recordCells(2025, { id: 'x' }),
      ]),
      now,
    );
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(problems.map((p) => [p.row, p.column, p.meaning.ref])).toEqual([
      [3, 'id', 'caseRecordFiles:problem.repeatedId'],
      [3, 'age_unknown', 'caseRecordFiles:problem.yesNo'],
      [3, 'consent_statistics', 'caseRecords:problem.option'],
      [4, 'id', 'caseRecordFiles:problem.id'],
    ]);
  });
});

describe('writing rows', () => {
  it('writes a record under the export’s columns, readable by the import', () => {
    const r = completeRecord('00000000-0000-4000-8000-000000000001', 2025, {
      released_at: new Date('2026-02-01T10:00:00Z'),
    }) as CaseRecord;
    const cells = exportRow(r);
    const byColumn = Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, cells[i]]));
    expect(byColumn).toMatchObject({
      id: r.id,
      status: 'complete',
      released_at: '2026-02-01',
      first_contact_year: 2025,
      consent_statistics: 'yes',
      age_unknown: 'no',
      country_of_exploitation: 'DE',
      means_of_control: 'debt_bondage|spiritual_coercion',
      labour_sector: '',
    });
    const back = readRows(
      sheetOf([Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, String(cells[i])]))], EXPORT_COLUMNS),
      now,
    );
    expect(back.problems).toEqual([]);
    expect(back.rows[0]!.values).toMatchObject({
      means_of_control: ['debt_bondage', 'spiritual_coercion'],
      age_at_first_contact: 24,
    });
  });

  it('maps to the HTCDS, leaving codes the standard lacks empty', () => {
    const r = completeRecord('00000000-0000-4000-8000-000000000001', 2025, {
      gender: 'trans',
      trafficking_status: 'court',
      exploitation_forms: ['criminality', 'other', 'unclear'],
    }) as CaseRecord;
    const row = Object.fromEntries(HTCDS_COLUMNS.map((c, i) => [c, htcdsRow(r)[i]]));
    expect(row).toMatchObject({
      prs_Gender: '',
      vic_TraffickingStatus: 'ActualVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'CourtOrProsecution',
      vic_TypeOfExploitation: 'Other',
      first_contact_year: 2025,
    });
    expect(HTCDS_COLUMNS).toContain('hte_Country (hte_Type=Recruitment)');
    expect(new Set(HTCDS_COLUMNS).size).toBe(HTCDS_COLUMNS.length);
  });
});
