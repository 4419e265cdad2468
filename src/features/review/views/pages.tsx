/** The coordination office's review pages: the queue, one proposal, overdue entries. */
import { translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { DataTable } from '../../../platform/layout/TableScroll.tsx';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { ErrorSummary, FieldError, control, Hint, inputId } from '../../../platform/staff/forms.tsx';
import type { DirectoryEntry } from '../../directory/entry.ts';
import { formatDay } from '../../../platform/time/dates.ts';
import type { FieldDiff } from '../../directory/drafts/diff.ts';
import type { DraftWithContext, QueueItem } from '../queries.ts';
import { DiffTable } from '../../directory/drafts/DiffTable.tsx';

/** Pending proposals, oldest first. */
export function QueuePage({
  ctx,
  items,
  done,
}: {
  ctx: PageContext;
  items: QueueItem[];
  done?: 'accepted' | 'returned' | undefined;
}) {
  const t = translator(ctx.locale, 'review');
  const base = `/${ctx.locale}/staff/review`;
  return (
    <StaffFrame ctx={ctx} title={t('queue.title')}>
      <h1>{t('queue.title')}</h1>
      {done ? (
        <p class="notice" role="status">
          {t(`queue.${done}`)}
        </p>
      ) : null}
      <p class="lead">{t('queue.lead')}</p>
      <DataTable
        label={t('queue.title')}
        columns={[t('queue.centre'), t('queue.submittedAt'), t('queue.submittedBy')]}
        items={items}
        empty={t('queue.empty')}
        row={(i) => (
          <>
            <th scope="row">
              <a href={`${base}/${i.id}`}>{i.centreName}</a>
            </th>
            <td>{formatDay(i.submittedAt, ctx.locale)}</td>
            <td>{i.submittedByName}</td>
          </>
        )}
      />
      <p>
        <a href={`${base}/overdue`}>{t('queue.overdueLink')}</a>
      </p>
    </StaffFrame>
  );
}

export type DraftPageModel = {
  draft: DraftWithContext;
  /** Null when the entry is no longer published. */
  diff: FieldDiff[] | null;
  comment: string;
  commentError?: string | undefined;
  csrf: string;
};

/** One proposal: the difference to the published entry, and the two decisions while it is pending. */
export function DraftPage({ ctx, model }: { ctx: PageContext; model: DraftPageModel }) {
  const t = translator(ctx.locale, 'review');
  const ct = translator(ctx.locale, 'centreEntry');
  const { draft, diff } = model;
  const base = `/${ctx.locale}/staff/review`;
  const action = `${base}/${draft.id}`;
  const pending = draft.status === 'pending';
  const errors = new Map<string, string[]>(model.commentError ? [['comment', [model.commentError]]] : []);
  const title = t('draft.title', { centre: draft.centreName });
  return (
    <StaffFrame ctx={ctx} title={model.commentError ? `${t('draft.errorPrefix')} ${title}` : title}>
      <ErrorSummary
        title={t('draft.errorTitle')}
        items={model.commentError ? [{ href: `#${inputId('comment')}`, text: model.commentError }] : []}
      />
      <p>
        <a href={base}>{t('draft.back')}</a>
      </p>
      <h1>{title}</h1>
      <p class="meta">
        {t('draft.meta', { date: formatDay(draft.submittedAt, ctx.locale), name: draft.submittedByName })}{' '}
        {t('draft.status', { status: ct(`status.${draft.status}`) })}
      </p>
      {!pending ? (
        <div class="notice">
          <p>{t('draft.notPending')}</p>
          {draft.reviewedAt ? (
            <p>
              {t('draft.reviewed', { date: formatDay(draft.reviewedAt, ctx.locale), name: draft.reviewedByName ?? '' })}
            </p>
          ) : null}
          {draft.reviewComment ? (
            <>
              <h2>{t('draft.comment')}</h2>
              <blockquote class="review-comment">{draft.reviewComment}</blockquote>
            </>
          ) : null}
        </div>
      ) : null}
      {pending && diff === null ? <p class="notice warn">{t('draft.noPublished')}</p> : null}
      {pending && diff ? (
        <>
          {diff.every((d) => !d.changed) ? <p class="notice">{t('draft.noChanges')}</p> : null}
          <DiffTable diff={diff} locale={ctx.locale} />
          <section aria-labelledby="accept-title" class="decision">
            <h2 id="accept-title">{t('draft.acceptTitle')}</h2>
            <p>{t('draft.acceptText')}</p>
            <form method="post" action={`${action}/accept`}>
              <input type="hidden" name="_csrf" value={model.csrf} />
              <button type="submit">{t('draft.accept')}</button>
            </form>
          </section>
        </>
      ) : null}
      {pending ? (
        <section aria-labelledby="return-title" class="decision">
          <h2 id="return-title">{t('draft.returnTitle')}</h2>
          <form method="post" action={`${action}/return`} novalidate>
            <input type="hidden" name="_csrf" value={model.csrf} />
            <div class={errors.size ? 'field has-error' : 'field'}>
              <label for={inputId('comment')}>{t('draft.returnLabel')}</label>
              <Hint name="comment" text={t('draft.returnHint')} />
              <FieldError name="comment" errors={errors} prefix={t('draft.errorPrefix')} />
              <textarea {...control('comment', errors, true)} rows={5}>
                {model.comment}
              </textarea>
            </div>
            <button type="submit" class="secondary">
              {t('draft.return')}
            </button>
          </form>
        </section>
      ) : null}
    </StaffFrame>
  );
}

/** Entries not verified for 12 months, oldest first. */
export function OverduePage({ ctx, entries }: { ctx: PageContext; entries: DirectoryEntry[] }) {
  const t = translator(ctx.locale, 'review');
  return (
    <StaffFrame ctx={ctx} title={t('overdue.title')}>
      <p>
        <a href={`/${ctx.locale}/staff/review`}>{t('draft.back')}</a>
      </p>
      <h1>{t('overdue.title')}</h1>
      <p class="lead">{t('overdue.lead')}</p>
      <DataTable
        label={t('overdue.title')}
        caption={t('overdue.count', { count: entries.length })}
        columns={[t('overdue.entry'), t('overdue.lastVerified')]}
        items={entries}
        empty={t('overdue.empty')}
        row={(e) => (
          <>
            <th scope="row">
              <a href={`/${ctx.locale}/centres/${e.service.id}`}>{e.service.name}</a>
            </th>
            <td>{e.service.assured_date ? formatDay(e.service.assured_date, ctx.locale) : t('overdue.never')}</td>
          </>
        )}
      />
    </StaffFrame>
  );
}
