/**
 * The frame of every staff page: the safety shell (quick exit included —
 * staff may be at risk too, Document.tsx), the staff area's own header with
 * who is signed in, the menu of what their role may open, and sign-out. No
 * public finder navigation. Sign-out is a POST form with the CSRF token,
 * never a link: a GET must not change state, and a third-party page must
 * not be able to sign anyone out.
 *
 * Pages of the sign-in flows (no complete session yet) get the same frame
 * without the account bar and the menu.
 */
import type { ComponentChildren } from 'preact';
import { CSRF_FIELD } from '../auth/csrf.ts';
import { translator } from '../i18n/index.ts';
import type { PageContext } from '../layout/context.ts';
import { Document, LanguagePicker } from '../layout/Document.tsx';

type Props = {
  ctx: PageContext;
  title: string;
  scripts?: string[];
  children: ComponentChildren;
};

export function StaffFrame({ ctx, title, scripts, children }: Props) {
  const t = translator(ctx.locale, 'staff');
  const base = `/${ctx.locale}/staff`;
  const staff = ctx.staff;
  return (
    <Document ctx={ctx} title={title} scripts={scripts} bodyClass="staff">
      <header class="site-header staff-header">
        <a class="brand" href={base}>
          <span class="brand-name">{ctx.t('siteName')}</span>
          <span class="brand-tagline">{t('area')}</span>
        </a>
        <LanguagePicker ctx={ctx} only={(info) => info.complete === 'all'} />
        {staff ? (
          <div class="account-bar">
            <p class="signed-in">
              {staff.name
                ? t('signedInAs', { name: staff.name, role: t(`roles.${staff.role}`) })
                : t('signedInAsRole', { role: t(`roles.${staff.role}`) })}
            </p>
            <form method="post" action={`${base}/sign-out`}>
              <input type="hidden" name={CSRF_FIELD} value={staff.csrf} />
              <button type="submit" class="link-button">
                {t('nav.signOut')}
              </button>
            </form>
          </div>
        ) : null}
        {staff ? (
          <nav aria-label={t('nav.menu')} class="staff-menu">
            <ul>
              <li>
                <a href={base}>{t('nav.home')}</a>
              </li>
              {staff.links.map((l) => (
                <li>
                  <a href={l.href}>{l.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer staff-footer" aria-label={ctx.t('footer.label')}>
        <p>
          <a href={`/${ctx.locale}/`}>{t('publicSite')}</a>
        </p>
      </footer>
    </Document>
  );
}
