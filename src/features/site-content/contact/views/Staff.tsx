/** The office's inbox of contact messages: open ones first, then handled ones until they are deleted. */
import { translator } from '../../../../platform/i18n/index.ts';
import type { PageContext } from '../../../../platform/layout/context.ts';
import { DataTable } from '../../../../platform/layout/TableScroll.tsx';
import { StaffFrame } from '../../../../platform/staff/StaffFrame.tsx';
import { formatDay } from '../../../../platform/time/dates.ts';
import type { InboxRow, MessageRow } from '../queries.ts';

const DAY = 24 * 60 * 60_000;

export function InboxPage({
  ctx,
  model,
}: {
  ctx: PageContext;
  model: { rows: InboxRow[]; keptDays: number; done: boolean };
}) {
  const t = translator(ctx.locale, 'siteContent');
  const open = model.rows.filter((r) => !r.handledAt);
  const handled = model.rows.filter((r) => r.handledAt);
  const columns = [t('contact.subject'), t('contact.project'), t('contact.from'), t('contact.received')];
  const row = (r: InboxRow) => (
    <>
      <th scope="row">
        <a href={`/${ctx.locale}/staff/contact/${r.id}`}>{r.subject}</a>
      </th>
      <td lang="de">{r.project ?? '—'}</td>
      <td>{r.name ?? '—'}</td>
      <td>{formatDay(r.receivedAt, ctx.locale)}</td>
    </>
  );
  return (
    <StaffFrame ctx={ctx} title={t('contact.title')}>
      <h1>{t('contact.title')}</h1>
      {model.done ? (
        <p class="notice" role="status">
          {t('contact.done')}
        </p>
      ) : null}
      <p class="lead">{t('contact.lead', { days: model.keptDays })}</p>
      <h2>{t('contact.open')}</h2>
      <DataTable label={t('contact.open')} columns={columns} items={open} empty={t('contact.noneOpen')} row={row} />
      <h2>{t('contact.handled')}</h2>
      <DataTable
        label={t('contact.handled')}
        columns={[...columns, t('contact.deletedOn')]}
        items={handled}
        empty={t('contact.noneHandled')}
        row={(r) => (
          <>
            {row(r)}
            <td>{formatDay(new Date(r.handledAt!.getTime() + model.keptDays * DAY), ctx.locale)}</td>
          </>
        )}
      />
    </StaffFrame>
  );
}

export function MessagePage({
  ctx,
  model,
}: {
  ctx: PageContext;
  model: { message: MessageRow; csrf: string; keptDays: number };
}) {
  const t = translator(ctx.locale, 'siteContent');
  const m = model.message;
  return (
    <StaffFrame ctx={ctx} title={m.subject}>
      <p>
        <a href={`/${ctx.locale}/staff/contact`}>{t('contact.back')}</a>
      </p>
      <h1>{m.subject}</h1>
      <dl class="facts">
        <dt>{t('contact.received')}</dt>
        <dd>{formatDay(m.receivedAt, ctx.locale)}</dd>
        <dt>{t('contact.from')}</dt>
        <dd>{m.name ?? '—'}</dd>
        <dt>{t('contact.replyTo')}</dt>
        <dd>{m.replyTo ?? t('contact.noReply')}</dd>
        {m.project ? (
          <>
            <dt>{t('contact.project')}</dt>
            <dd lang="de">{m.project}</dd>
          </>
        ) : null}
      </dl>
      <div class="message-text">
        {m.message.split('\n').map((l) => (
          <>
            {l}
            <br />
          </>
        ))}
      </div>
      {m.handledAt ? (
        <p class="notice" role="status">
          {t('contact.handledOn', {
            date: formatDay(m.handledAt, ctx.locale),
            who: m.handledBy ?? '—',
            deleted: formatDay(new Date(m.handledAt.getTime() + model.keptDays * DAY), ctx.locale),
          })}
        </p>
      ) : (
        <form method="post" action={`/${ctx.locale}/staff/contact/${m.id}/handled`}>
          <input type="hidden" name="_csrf" value={model.csrf} />
          <button type="submit">{t('contact.markHandled')}</button>
        </form>
      )}
    </StaffFrame>
  );
}
