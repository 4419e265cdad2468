/**
 * The frame of every staff page: the public Layout (quick exit included —
 * staff may be at risk too) plus an account bar with the sign-out button.
 * Sign-out is a POST form with the CSRF token, never a link: a GET must not
 * change state, and a third-party page must not be able to sign anyone out.
 */
import type { ComponentChildren } from 'preact';
import { translator } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/layout/context.ts';
import { Layout } from '../../platform/layout/Layout.tsx';

type Props = {
  ctx: PageContext;
  title: string;
  /** The session's CSRF token (csrfToken(req)); without one no account bar is shown. */
  csrf?: string;
  scripts?: string[];
  children: ComponentChildren;
};

export function StaffFrame({ ctx, title, csrf, scripts, children }: Props) {
  const t = translator(ctx.locale, 'auth');
  const base = `/${ctx.locale}/staff`;
  return (
    <Layout ctx={ctx} title={title} {...(scripts ? { scripts } : {})}>
      {csrf ? (
        <nav class="account-bar" aria-label={t('nav.label')}>
          <a href={base}>{t('nav.home')}</a>
          <a href={`${base}/sessions`}>{t('nav.sessions')}</a>
          <form method="post" action={`${base}/sign-out`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="link-button">
              {t('nav.signOut')}
            </button>
          </form>
        </nav>
      ) : null}
      {children}
    </Layout>
  );
}
