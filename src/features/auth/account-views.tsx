/** Signed-in pages of the auth feature: the staff start page and the session list. */
import { translator } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/layout/context.ts';
import { DataTable } from '../../platform/layout/TableScroll.tsx';
import { StaffFrame } from '../../platform/staff/StaffFrame.tsx';
import type { ShownPanel } from '../../platform/staff/start-panels.ts';

function panelText(p: ShownPanel) {
  return p.href ? <a href={p.href}>{p.text}</a> : p.text;
}

export function StaffHomePage({
  ctx,
  links,
  panels = [],
}: {
  ctx: PageContext;
  links: { href: string; label: string }[];
  /** What features say waits for the reader (platform/staff/start-panels.ts). */
  panels?: ShownPanel[];
}) {
  const t = translator(ctx.locale, 'auth');
  return (
    <StaffFrame ctx={ctx} title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      {panels.length > 0 ? (
        <ul class="staff-panels">
          {panels.map((p) => (
            <li>{p.attention ? <strong>{panelText(p)}</strong> : panelText(p)}</li>
          ))}
        </ul>
      ) : null}
      <p>{t('home.intro')}</p>
      <ul class="staff-links">
        {links.map((l) => (
          <li>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
    </StaffFrame>
  );
}

export type SessionView = {
  /** Opaque id for the "end" form (never the token or its hash). */
  id: string;
  device: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  /** 'restricted': an administrator's sign-in without a passkey, which may only add one. */
  stage: 'password' | 'full' | 'restricted';
  current: boolean;
};

function formatTime(d: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(d);
}

export function SessionsPage({
  ctx,
  csrf,
  sessions,
  ended,
}: {
  ctx: PageContext;
  csrf: string;
  sessions: SessionView[];
  ended: number | null;
}) {
  const t = translator(ctx.locale, 'auth');
  const action = `/${ctx.locale}/staff/sessions`;
  const others = sessions.filter((s) => !s.current).length;
  return (
    <StaffFrame ctx={ctx} title={t('sessions.title')}>
      <h1>{t('sessions.title')}</h1>
      <p>{t('sessions.intro')}</p>
      {ended !== null ? (
        <p class="notice" role="status">
          {t('sessions.ended', { count: ended })}
        </p>
      ) : null}
      <DataTable
        label={t('sessions.title')}
        class="sessions"
        columns={[
          t('sessions.device'),
          t('sessions.created'),
          t('sessions.lastSeen'),
          t('sessions.state'),
          <span class="visually-hidden">{t('sessions.end')}</span>,
        ]}
        items={sessions}
        row={(s) => (
          <>
            <td>
              {s.device ?? t('sessions.unknownDevice')}
              {s.current ? <strong> ({t('sessions.current')})</strong> : null}
            </td>
            <td>{formatTime(s.createdAt, ctx.locale)}</td>
            <td>{formatTime(s.lastSeenAt, ctx.locale)}</td>
            <td>
              {s.stage === 'full'
                ? t('sessions.stageFull')
                : s.stage === 'restricted'
                  ? t('sessions.stageRestricted')
                  : t('sessions.stagePassword')}
            </td>
            <td>
              {s.current ? null : (
                <form method="post" action={`${action}/end`}>
                  <input type="hidden" name="_csrf" value={csrf} />
                  <input type="hidden" name="session" value={s.id} />
                  <button
                    type="submit"
                    aria-label={`${t('sessions.end')}: ${s.device ?? t('sessions.unknownDevice')}, ${formatTime(s.createdAt, ctx.locale)}`}
                  >
                    {t('sessions.end')}
                  </button>
                </form>
              )}
            </td>
          </>
        )}
      />
      {others > 0 ? (
        <form method="post" action={`${action}/end-others`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit">{t('sessions.endOthers')}</button>
        </form>
      ) : (
        <p>{t('sessions.none')}</p>
      )}
    </StaffFrame>
  );
}
