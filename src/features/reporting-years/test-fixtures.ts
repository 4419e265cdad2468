/** Case records written straight into a centre's scope, for the reporting-year tests. */
import type { App } from '../../app.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { completeRecord, type CaseRecordRow } from '../case-records/test-fixtures.ts';

/** Store records of `centreId` (each a complete, consented, unreleased record unless overridden); returns their ids. */
export async function storeRecords(
  app: App,
  centreId: string,
  year: number,
  overrides: readonly Partial<CaseRecordRow>[],
): Promise<string[]> {
  const rows = overrides.map((o) => completeRecord(centreId, year, o));
  await withScope(app.database.db, { kind: 'centre', centreId }, (trx) =>
    trx.insertInto('case_record').values(rows).execute(),
  );
  return rows.map((r) => r.id);
}

/** A draft whose person consented but which lacks mandatory answers. */
export const UNANSWERED_DRAFT: Partial<CaseRecordRow> = { status: 'draft', gender: null, support_provided: null };
/** A draft with every answer given, not yet marked complete. */
export const ANSWERED_DRAFT: Partial<CaseRecordRow> = { status: 'draft' };
/** A complete record whose person consented, not released. */
export const UNRELEASED: Partial<CaseRecordRow> = {};
/** A complete, released record: nothing missing. */
export const released = (at: Date): Partial<CaseRecordRow> => ({ released_at: at });
/** A complete record without consent: nothing to release, nothing missing. */
export const NO_CONSENT: Partial<CaseRecordRow> = { consent_statistics: false };
