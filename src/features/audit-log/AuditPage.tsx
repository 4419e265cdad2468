/**
 * The audit log page: a GET filter form (works without JavaScript, the
 * filters live in the address so a view can be bookmarked or passed on),
 * a table newest first, and a cursor link to older entries. Only
 * allow-listed detail fields are shown, each with a label; ids stay ids.
 */
import { translator, type Translate } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/layout/context.ts';
import { DataTable } from '../../platform/layout/TableScroll.tsx';
import { StaffFrame } from '../../platform/staff/StaffFrame.tsx';
import { encodeCursor, type AuditQuery, type Cursor } from './filters.ts';
import { eventKey, KNOWN_EVENTS, objectKey, SHOWN_DETAILS } from './messages.ts';
import type { AuditRow, Option } from './queries.ts';

export type AuditPageModel = {
  query: AuditQuery;
  rows: AuditRow[];
  next: Cursor | null;
  people: Option[];
  /** Centres for the area filter; null for centre roles, who see their own chain only. */
  centres: Option[] | null;
  csrf: string;
};

type Filters = Omit<AuditQuery, 'before'>;

/** The page's address with these filters (and an optional cursor). */
function auditHref(locale: string, f: Partial<Filters>, before?: Cursor): string {
  const p = new URLSearchParams();
  for (const k of ['chain', 'actor', 'event', 'from', 'to'] as const) {
    const v = f[k];
    if (v) p.set(k, v);
  }
  if (before) p.set('before', encodeCursor(before));
  const qs = p.toString();
  return `/${locale}/staff/audit${qs ? `?${qs}` : ''}`;
}

function eventLabel(t: Translate<'auditLog'>, event: string): string {
  return t(eventKey(event), { defaultValue: event });
}

function formatAt(at: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Europe/Berlin',
  }).format(at);
}

function detailValue(t: Translate<'auditLog'>, v: unknown): string | null {
  if (v === null) return t('none');
  if (typeof v === 'boolean') return v ? t('yes') : t('no');
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return String(v);
  return null; // not a scalar: never written by audit(), never shown
}

function Details({ t, details }: { t: Translate<'auditLog'>; details: unknown }) {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return null;
  const d = details as Record<string, unknown>;
  const shown = SHOWN_DETAILS.flatMap((k) => {
    if (!Object.hasOwn(d, k)) return [];
    const v = detailValue(t, d[k]);
    return v === null ? [] : [[k, v] as const];
  });
  if (shown.length === 0) return null;
  return (
    <ul class="audit-details">
      {shown.map(([k, v]) => (
        <li>
          {t(`detail.${k}`)}: <code>{v}</code>
        </li>
      ))}
    </ul>
  );
}

export function AuditPage({ ctx, model }: { ctx: PageContext; model: AuditPageModel }) {
  const t = translator(ctx.locale, 'auditLog');
  const { query: q, rows, people, centres } = model;
  const filters: Filters = { chain: q.chain, actor: q.actor, event: q.event, from: q.from, to: q.to };
  const centreName = new Map((centres ?? []).map((c) => [c.id, c.name]));
  const areaOf = (r: AuditRow) => (r.centreId ? (centreName.get(r.centreId) ?? r.centreId) : t('filters.network'));
  // An actor id from the address that is not in the list still filters; show it as chosen.
  const peopleOptions =
    q.actor && !people.some((p) => p.id === q.actor) ? [...people, { id: q.actor, name: q.actor }] : people;
  const eventOptions: string[] =
    q.event && !(KNOWN_EVENTS as readonly string[]).includes(q.event) ? [...KNOWN_EVENTS, q.event] : [...KNOWN_EVENTS];
  return (
    <StaffFrame ctx={ctx} title={t('title')}>
      <h1>{t('title')}</h1>
      <p class="lead">{centres ? t('lead') : `${t('leadCentre')} ${t('lead')}`}</p>
      <form method="get" action={`/${ctx.locale}/staff/audit`} class="audit-filters">
        <fieldset>
          <legend>{t('filters.legend')}</legend>
          {centres ? (
            <label>
              {t('filters.chain')}
              <select name="chain">
                <option value="">{t('filters.allChains')}</option>
                <option value="network" selected={q.chain === 'network'}>
                  {t('filters.network')}
                </option>
                {centres.map((c) => (
                  <option value={c.id} selected={q.chain === c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            {t('filters.person')}
            <select name="actor">
              <option value="">{t('filters.anyPerson')}</option>
              {peopleOptions.map((p) => (
                <option value={p.id} selected={q.actor === p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('filters.event')}
            <select name="event">
              <option value="">{t('filters.anyEvent')}</option>
              {eventOptions.map((e) => (
                <option value={e} selected={q.event === e}>
                  {eventLabel(t, e)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('filters.from')}
            <input type="date" name="from" value={q.from ?? ''} aria-describedby="audit-date-hint" />
          </label>
          <label>
            {t('filters.to')}
            <input type="date" name="to" value={q.to ?? ''} aria-describedby="audit-date-hint" />
          </label>
          <p class="hint" id="audit-date-hint">
            {t('filters.dateHint')}
          </p>
          <p>
            <button type="submit">{t('filters.apply')}</button>{' '}
            <a href={auditHref(ctx.locale, {})}>{t('filters.reset')}</a>
          </p>
        </fieldset>
      </form>
      <DataTable
        label={t('table.caption')}
        class="list-table audit-table"
        caption={t('table.caption')}
        columns={[
          t('table.at'),
          centres ? t('table.chain') : null,
          t('table.person'),
          t('table.event'),
          t('table.object'),
          t('table.details'),
        ]}
        items={rows}
        empty={t('table.empty')}
        row={(r) => (
          <>
            <td>
              <time datetime={r.at.toISOString()}>{formatAt(r.at, ctx.locale)}</time>
            </td>
            {centres ? <td>{areaOf(r)}</td> : null}
            <td>
              {r.actorId && r.actorName !== null ? (
                <a href={auditHref(ctx.locale, { ...filters, actor: r.actorId })} title={t('table.showPerson')}>
                  {r.actorName}
                </a>
              ) : r.actorId ? (
                t('table.unknownPerson')
              ) : (
                t('table.system')
              )}
            </td>
            <td>{eventLabel(t, r.event)}</td>
            <td>
              {r.objectType ? `${t(objectKey(r.objectType), { defaultValue: r.objectType })} ` : null}
              {r.objectId ? <code>{r.objectId}</code> : null}
            </td>
            <td>
              <Details t={t} details={r.details} />
            </td>
          </>
        )}
      />
      {model.next || q.before ? (
        <nav class="pager" aria-label={t('table.caption')}>
          {q.before ? <a href={auditHref(ctx.locale, filters)}>{t('pager.newest')}</a> : null}
          {model.next ? (
            <a href={auditHref(ctx.locale, filters, model.next)} rel="next">
              {t('pager.older')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </StaffFrame>
  );
}
