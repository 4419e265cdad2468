/** The centre's entry page: what is published, and where its proposal stands. */
import { translator } from '../../../platform/i18n/index.ts';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import type { PageContext } from '../../../platform/layout/context.ts';
import type { DirectoryEntry } from '../../directory/entry.ts';
import { diffEntries } from '../../directory/drafts/diff.ts';
import { formatDay } from '../../../platform/time/dates.ts';
import { DiffTable, Lines } from '../../directory/drafts/DiffTable.tsx';
import type { Draft } from '../../directory/drafts/queries.ts';
import { applyEdits } from '../../directory/drafts/editable.ts';
import { displayValue, ENTRY_FIELDS } from '../../directory/drafts/entry-fields.ts';

export type EntryPageModel = {
  centreName: string;
  published: DirectoryEntry | null;
  pending?: Draft | undefined;
  lastDecided?: Draft | undefined;
  done?: 'submitted' | 'withdrawn' | undefined;
  csrf: string;
};

/** The published entry with its verification date, and the state of the centre's latest proposal. */
export function EntryPage({ ctx, model }: { ctx: PageContext; model: EntryPageModel }) {
  const t = translator(ctx.locale, 'centreEntry');
  const dt = translator(ctx.locale, 'directory');
  const { published, pending, lastDecided } = model;
  const base = `/${ctx.locale}/staff/entry`;
  // A return comment matters until the centre has sent a newer proposal.
  const returned = lastDecided?.status === 'returned' && !pending ? lastDecided : undefined;
  const accepted = lastDecided?.status === 'accepted' && !pending ? lastDecided : undefined;
  return (
    <StaffFrame ctx={ctx} title={t('page.title')}>
      <h1>
        {t('page.title')}: {model.centreName}
      </h1>
      {model.done ? (
        <p class="notice" role="status">
          {t(model.done === 'submitted' ? 'page.submitted' : 'page.withdrawn')}
        </p>
      ) : null}
      <p class="lead">{t('page.lead')}</p>
      {!published ? <p class="notice warn">{t('page.noEntry')}</p> : null}

      {returned ? (
        <section class="notice warn" aria-labelledby="returned-title">
          <h2 id="returned-title">{t('page.returnedTitle')}</h2>
          <p>{t('page.returnedText', { date: formatDay(returned.submittedAt, ctx.locale) })}</p>
          <blockquote class="review-comment">{returned.reviewComment}</blockquote>
          {published ? (
            <p>
              <a class="button" href={`${base}/edit`}>
                {t('page.fixReturned')}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
      {accepted?.reviewedAt ? (
        <p class="notice">{t('page.acceptedText', { date: formatDay(accepted.reviewedAt, ctx.locale) })}</p>
      ) : null}

      {pending && published ? (
        <section aria-labelledby="pending-title" class="pending">
          <h2 id="pending-title">{t('page.pendingTitle')}</h2>
          <p>{t('page.pendingText', { date: formatDay(pending.submittedAt, ctx.locale) })}</p>
          <DiffTable
            diff={diffEntries(published, applyEdits(published, pending.entry), ctx.locale)}
            locale={ctx.locale}
          />
          <div class="actions">
            <a class="button" href={`${base}/edit`}>
              {t('page.editAgain')}
            </a>
            <form method="post" action={`${base}/withdraw`} class="inline">
              <input type="hidden" name="_csrf" value={model.csrf} />
              <input type="hidden" name="draft" value={pending.id} />
              <button type="submit" class="secondary">
                {t('page.withdraw')}
              </button>
            </form>
          </div>
        </section>
      ) : null}

      {published ? (
        <section aria-labelledby="published-title">
          <h2 id="published-title">{t('page.published')}</h2>
          <p class="meta">
            {published.service.assured_date
              ? t('page.lastVerified', { date: formatDay(published.service.assured_date, ctx.locale) })
              : t('page.neverVerified')}
            {' · '}
            <a href={`/${ctx.locale}/centres/${published.service.id}`}>{t('page.viewPublic')}</a>
          </p>
          <dl class="facts">
            {ENTRY_FIELDS.map((f) => (
              <>
                <dt>{dt(`field.${f}`)}</dt>
                <dd>
                  <Lines lines={displayValue(published, f, ctx.locale)} />
                </dd>
              </>
            ))}
          </dl>
          {!pending ? (
            <p>
              <a class="button" href={`${base}/edit`}>
                {t('page.edit')}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
    </StaffFrame>
  );
}
