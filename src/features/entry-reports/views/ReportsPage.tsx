/** The staff list of readers' error reports: open ones to handle, handled ones until they are deleted. */
import { translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { DataTable } from '../../../platform/layout/TableScroll.tsx';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import type { StaffReport } from '../queries.ts';

export type ReportsModel = {
  open: StaffReport[];
  handled: StaffReport[];
  keptDays: number;
  csrf: string;
  done: boolean;
};

const DAY = 24 * 60 * 60_000;

export function ReportsPage({ ctx, model }: { ctx: PageContext; model: ReportsModel }) {
  const t = translator(ctx.locale, 'entryReports');
  const entryLink = (r: StaffReport) => (
    <a href={`/${ctx.locale}/centres/${r.serviceId}`} lang="de">
      {r.serviceName}
    </a>
  );
  return (
    <StaffFrame ctx={ctx} title={t('staff.title')}>
      <h1>{t('staff.title')}</h1>
      {model.done ? (
        <p class="notice" role="status">
          {t('staff.done')}
        </p>
      ) : null}
      <p class="lead">{t('staff.lead', { days: model.keptDays })}</p>
      <h2>{t('staff.open')}</h2>
      <DataTable
        label={t('staff.open')}
        columns={[t('staff.entry'), t('staff.kind'), t('staff.message'), t('staff.received'), t('staff.action')]}
        items={model.open}
        empty={t('staff.noneOpen')}
        row={(r) => (
          <>
            <th scope="row">{entryLink(r)}</th>
            <td>{t(`kind.${r.kind}`)}</td>
            <td class="report-text" lang={r.locale}>
              {r.message || '—'}
            </td>
            <td>{formatDay(r.createdAt, ctx.locale)}</td>
            <td>
              <form method="post" action={`/${ctx.locale}/staff/reports/${r.id}/handled`}>
                <input type="hidden" name="_csrf" value={model.csrf} />
                <button type="submit" class="secondary">
                  {t('staff.markHandled')}
                </button>
              </form>
            </td>
          </>
        )}
      />
      <h2>{t('staff.handled')}</h2>
      <DataTable
        label={t('staff.handled')}
        columns={[t('staff.entry'), t('staff.kind'), t('staff.message'), t('staff.handledBy'), t('staff.deletedOn')]}
        items={model.handled}
        empty={t('staff.noneHandled')}
        row={(r) => (
          <>
            <th scope="row">{entryLink(r)}</th>
            <td>{t(`kind.${r.kind}`)}</td>
            <td class="report-text" lang={r.locale}>
              {r.message || '—'}
            </td>
            <td>
              {formatDay(r.handledAt!, ctx.locale)}
              {r.handledByName ? ` · ${r.handledByName}` : ''}
            </td>
            <td>{formatDay(new Date(r.handledAt!.getTime() + model.keptDays * DAY), ctx.locale)}</td>
          </>
        )}
      />
    </StaffFrame>
  );
}
