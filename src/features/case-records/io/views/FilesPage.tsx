/**
 * The centre's page for files of its own records: what the import takes
 * (every column documented, with a template to download), the upload form,
 * the outcome of an import — every problem with its row, column and reason
 * — and the exports.
 */
import { dynamicKey, intlLocale, translator } from '../../../../platform/i18n/index.ts';
import type { PageContext } from '../../../../platform/layout/context.ts';
import { DataTable } from '../../../../platform/layout/TableScroll.tsx';
import { StaffPage } from '../../../../platform/staff/StaffPage.tsx';
import { ErrorSummary } from '../../../../platform/staff/forms.tsx';
import { VALUE_FIELDS, type ValueField } from '../../schema.ts';
import { MULTI_CHOICE, SINGLE_CHOICE, type MultiChoiceField, type SingleChoiceField } from '../../vocabulary.ts';
import { ID_COLUMN, kindOf, LIST_SEPARATOR, RELEASED_COLUMN, STATUS_COLUMN } from '../columns.ts';
import { FILE_FIELD } from '../../../../platform/http/upload.ts';

/** A problem as the page shows it: already in the reader's language. */
export type ShownProblem = { row: number; column: string; reason: string };

export type FilesModel = {
  csrf: string;
  maxRows: number;
  /** A finished import's counts. */
  imported: { created: number; updated: number } | null;
  /** Why the last upload was refused as a whole (already in the reader's language). */
  refusal: string | null;
  /** Every problem of the last upload's rows (at most `shownProblems`), and how many there were. */
  problems: { shown: readonly ShownProblem[]; total: number };
};

type ColumnDoc = { column: string; meaning: string; values: string };

function columnDocs(locale: PageContext['locale']): ColumnDoc[] {
  const t = translator(locale, 'caseRecordFiles');
  const labels = translator(locale, 'caseRecords');
  const label = (f: ValueField) => labels(dynamicKey('caseRecords', `field.${f}.label`), { defaultValue: f });
  const codes = (f: ValueField) => {
    const list = (SINGLE_CHOICE[f as SingleChoiceField] ??
      MULTI_CHOICE[f as MultiChoiceField] ??
      []) as readonly string[];
    return list.join(', ');
  };
  const values = (f: ValueField): string => {
    const kind = kindOf(f);
    if (kind === 'multi') return t('columns.multi', { codes: codes(f).replaceAll(', ', ` ${LIST_SEPARATOR} `) });
    if (kind === 'single') return t('columns.single', { codes: codes(f) });
    return t(`columns.${kind}`);
  };
  return [
    { column: ID_COLUMN, meaning: t('columns.id'), values: t('columns.idValues') },
    { column: STATUS_COLUMN, meaning: t('columns.status'), values: t('columns.statusValues') },
    ...VALUE_FIELDS.map((f) => ({ column: f, meaning: label(f), values: values(f) })),
    { column: RELEASED_COLUMN, meaning: t('columns.released_at'), values: t('columns.date') },
  ];
}

export function FilesPage({ ctx, model }: { ctx: PageContext; model: FilesModel }) {
  const t = translator(ctx.locale, 'caseRecordFiles');
  const base = `/${ctx.locale}/staff/cases/files`;
  const failed = model.refusal !== null || model.problems.total > 0;
  return (
    <StaffPage ctx={ctx} title={t('page.title')}>
      <p>
        <a href={`/${ctx.locale}/staff/cases`}>{t('page.back')}</a>
      </p>
      {model.imported ? (
        <div class="notice" role="status">
          <p>{t('result.imported', { count: model.imported.created + model.imported.updated })}</p>
          <p>{t('result.split', model.imported)}</p>
        </div>
      ) : null}
      {failed ? (
        <ErrorSummary
          title={t('result.failedTitle')}
          items={[
            {
              href: model.problems.total > 0 ? '#problems' : `#f-${FILE_FIELD}`,
              text: model.refusal ?? t('result.failed'),
            },
          ]}
        />
      ) : null}
      {model.problems.total > 0 ? (
        <section id="problems" aria-labelledby="problems-title">
          <h2 id="problems-title">{t('result.problemsLabel')}</h2>
          <DataTable
            label={t('result.problemsLabel')}
            columns={[t('result.row'), t('result.column'), t('result.reason')]}
            items={model.problems.shown}
            row={(p) => (
              <>
                <td class="number">{p.row}</td>
                <td>
                  <code>{p.column}</code>
                </td>
                <td>{p.reason}</td>
              </>
            )}
          />
          {model.problems.total > model.problems.shown.length ? (
            <p>{t('result.more', { count: model.problems.total - model.problems.shown.length })}</p>
          ) : null}
        </section>
      ) : null}
      <p class="lead">{t('page.lead')}</p>
      <section aria-labelledby="import-title">
        <h2 id="import-title">{t('import.title')}</h2>
        <p>{t('import.text', { rows: new Intl.NumberFormat(intlLocale(ctx.locale)).format(model.maxRows) })}</p>
        <p>{t('import.idHint')}</p>
        <form method="post" action={`${base}/import`} enctype="multipart/form-data" class="staff-form">
          <input type="hidden" name="_csrf" value={model.csrf} />
          <div class={model.refusal ? 'field has-error' : 'field'}>
            <label for={`f-${FILE_FIELD}`}>{t('import.file')}</label>
            <p class="hint" id={`f-${FILE_FIELD}-hint`}>
              {t('import.fileHint')}
            </p>
            {model.refusal ? (
              <p class="field-error" id={`f-${FILE_FIELD}-error`}>
                {model.refusal}
              </p>
            ) : null}
            <input
              type="file"
              id={`f-${FILE_FIELD}`}
              name={FILE_FIELD}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={model.refusal ? `f-${FILE_FIELD}-hint f-${FILE_FIELD}-error` : `f-${FILE_FIELD}-hint`}
              aria-invalid={model.refusal ? 'true' : undefined}
              required
            />
          </div>
          <button type="submit">{t('import.submit')}</button>
        </form>
        <p>
          {t('import.template')} <a href={`${base}/template?format=csv`}>{t('import.templateCsv')}</a> ·{' '}
          <a href={`${base}/template?format=xlsx`}>{t('import.templateXlsx')}</a>
        </p>
      </section>
      <section aria-labelledby="columns-title">
        <h2 id="columns-title">{t('columns.title')}</h2>
        <DataTable
          label={t('columns.label')}
          columns={[t('columns.column'), t('columns.meaning'), t('columns.values')]}
          items={columnDocs(ctx.locale)}
          row={(c) => (
            <>
              <th scope="row">
                <code>{c.column}</code>
              </th>
              <td>{c.meaning}</td>
              <td>{c.values}</td>
            </>
          )}
        />
      </section>
      <section aria-labelledby="export-title">
        <h2 id="export-title">{t('export.title')}</h2>
        <p>{t('export.text')}</p>
        <ul>
          <li>
            <a href={`${base}/export?format=csv`}>{t('export.csv')}</a>
          </li>
          <li>
            <a href={`${base}/export?format=xlsx`}>{t('export.xlsx')}</a>
          </li>
        </ul>
        <p>{t('export.htcds')}</p>
        <ul>
          <li>
            <a href={`${base}/export?format=csv&standard=htcds`}>{t('export.htcdsCsv')}</a>
          </li>
          <li>
            <a href={`${base}/export?format=xlsx&standard=htcds`}>{t('export.htcdsXlsx')}</a>
          </li>
        </ul>
      </section>
    </StaffPage>
  );
}
