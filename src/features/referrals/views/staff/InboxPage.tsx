/**
 * The centre's incoming referrals: the short random id, when it came, how
 * urgent, its status and age — never anything of its content, which is
 * decrypted only on the referral's own page after re-authentication.
 */
import { translator } from '../../../../platform/i18n/index.ts';
import type { PageContext } from '../../../../platform/layout/context.ts';
import { DataTable } from '../../../../platform/layout/TableScroll.tsx';
import { StaffPage } from '../../../../platform/staff/StaffPage.tsx';
import { formatDay } from '../../../../platform/time/dates.ts';
import type { ReferralStatus } from '../../../../platform/db/schema.ts';
import type { Urgency } from '../../schema.ts';

type InboxItem = {
  id: string;
  /** The first characters of the random id, to name it on the phone. */
  shortId: string;
  status: ReferralStatus;
  urgency: Urgency;
  createdAt: Date;
  /** Whole days since it was received. */
  ageDays: number;
};

export type InboxModel = {
  items: InboxItem[];
  periods: { remind: number; autoClose: number; delete: number };
  /** Just forwarded one (it is no longer listed). */
  forwarded: boolean;
};

export function InboxPage({ ctx, model }: { ctx: PageContext; model: InboxModel }) {
  const t = translator(ctx.locale, 'referralsStaff');
  return (
    <StaffPage ctx={ctx} title={t('inbox.title')}>
      {model.forwarded ? (
        <p class="notice" role="status">
          {t('forwarded.message')}
        </p>
      ) : null}
      <p class="lead">{t('inbox.lead')}</p>
      <p>
        {t('inbox.retention', {
          remind: model.periods.remind,
          autoClose: model.periods.autoClose,
          delete: model.periods.delete,
        })}
      </p>
      <DataTable
        label={t('inbox.label')}
        columns={[t('inbox.id'), t('inbox.received'), t('inbox.urgency'), t('inbox.status'), t('inbox.age')]}
        items={model.items}
        empty={t('inbox.none')}
        row={(r) => (
          <>
            <th scope="row">
              <a href={`/${ctx.locale}/staff/referrals/${r.id}`}>
                <code>{r.shortId}</code>
              </a>
            </th>
            <td>{formatDay(r.createdAt, ctx.locale)}</td>
            <td>
              {r.urgency === 'immediate' ? <strong>{t(`urgency.${r.urgency}`)}</strong> : t(`urgency.${r.urgency}`)}
            </td>
            <td>{t(`status.${r.status}`)}</td>
            <td>{r.ageDays === 0 ? t('inbox.today') : t('inbox.age', { count: r.ageDays })}</td>
          </>
        )}
      />
    </StaffPage>
  );
}
