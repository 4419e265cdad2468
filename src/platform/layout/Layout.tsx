/**
 * The frame of every public page: the safety shell (Document.tsx: quick
 * exit, skip links, demo banner), a header with the language switch and the
 * finder's navigation, main, and a footer with the national helplines.
 */
import type { ComponentChildren } from 'preact';
import type { PageContext } from './context.ts';
import { Document, LanguageSwitch } from './Document.tsx';

type Props = {
  ctx: PageContext;
  title: string;
  description?: string;
  /** Extra scripts (asset names) this page enhances itself with. */
  scripts?: string[];
  children: ComponentChildren;
};

export function Layout({ ctx, title, description, scripts = [], children }: Props) {
  const { t, locale } = ctx;
  const home = `/${locale}/`;
  return (
    <Document ctx={ctx} title={title} description={description} scripts={scripts}>
      <header class="site-header">
        <a class="brand" href={home}>
          <span class="brand-name">{t('siteName')}</span>
          <span class="brand-tagline">{t('tagline')}</span>
        </a>
        <LanguageSwitch ctx={ctx} />
        <nav aria-label={t('mainNav')} class="main-nav">
          <ul>
            <li>
              <a href={home}>{t('nav.find')}</a>
            </li>
            <li>
              <a href={`/${locale}/states`}>{t('nav.states')}</a>
            </li>
            <li>
              <a href={`/${locale}/safety`}>{t('nav.safety')}</a>
            </li>
            <li>
              <a href={`/${locale}/leichte-sprache`}>{t('nav.easy')}</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer" aria-label={t('footer.label')}>
        <section aria-labelledby="helplines-title" class="helplines">
          <h2 id="helplines-title">{t('footer.helplinesTitle')}</h2>
          <ul>
            <li>
              {t('footer.police')}: <a href="tel:110">110</a>
            </li>
            <li>
              {t('footer.hilfetelefon')}: <a href="tel:116016">116 016</a>
            </li>
            <li>
              {t('footer.kids')}: <a href="tel:116111">116 111</a>
            </li>
          </ul>
        </section>
        <ul class="footer-links">
          <li>
            <a href={`/${locale}/about`}>{t('footer.about')}</a>
          </li>
          <li>
            <a href={`/${locale}/safety`}>{t('footer.safety')}</a>
          </li>
          <li>
            <a href={`/${locale}/accessibility`}>{t('footer.accessibility')}</a>
          </li>
          <li>
            <a href={`/${locale}/privacy`}>{t('footer.privacy')}</a>
          </li>
          <li>
            <a href="/api/hsds/">{t('footer.api')}</a>
          </li>
        </ul>
        <p class="attribution">{t('footer.attribution')}</p>
      </footer>
    </Document>
  );
}
