/**
 * The frame of every public page: quick exit first, skip links, demo banner,
 * header with language switch, main, footer with the national helplines.
 * Works without JavaScript; quick-exit.js only adds the Shift×3 shortcut and
 * the blank-then-replace behaviour.
 */
import type { ComponentChildren } from 'preact';
import { LOCALES, localeInfo, type Locale } from '../i18n/index.ts';
import type { PageContext } from './context.ts';

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
  const info = localeInfo(locale);
  const home = `/${locale}/`;
  return (
    <html lang={info.htmlLang} dir={info.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noarchive" />
        <title>{`${title} – ${t('siteName')}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="stylesheet" href={ctx.assets.url('app.css')} />
        <link rel="icon" href={ctx.assets.url('favicon.svg')} type="image/svg+xml" />
        <script src={ctx.assets.url('quick-exit.js')} defer />
        {scripts.map((s) => (
          <script src={ctx.assets.url(s)} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#quick-exit">
          {t('skipToExit')}
        </a>
        <a class="skip" href="#main">
          {t('skipToContent')}
        </a>
        <div class="exit-bar">
          <a
            id="quick-exit"
            class="quick-exit"
            href={ctx.quickExitUrl}
            rel="nofollow noreferrer"
            data-quick-exit=""
            aria-describedby="quick-exit-hint"
          >
            {t('quickExit')}
          </a>
          {/* Hidden until quick-exit.js runs: without JavaScript the shortcut does not exist. */}
          <span class="exit-hint" id="quick-exit-hint" hidden>
            {t('quickExitHint')}
          </span>
          <span
            class="exit-progress"
            role="status"
            aria-live="polite"
            data-progress-template={t('quickExitProgress', { n: '{n}' })}
          />
        </div>
        {ctx.demo ? (
          <p class="demo-banner" role="note">
            {t('demoBanner')}
          </p>
        ) : null}
        <header class="site-header">
          <a class="brand" href={home}>
            <span class="brand-name">{t('siteName')}</span>
            <span class="brand-tagline">{t('tagline')}</span>
          </a>
          <nav aria-label={t('language')} class="lang">
            <ul>
              {(Object.keys(LOCALES) as Locale[]).map((l) => (
                <li>
                  <a
                    href={`/${l}${ctx.pathInLocale}`}
                    hreflang={LOCALES[l].htmlLang}
                    lang={LOCALES[l].htmlLang}
                    aria-current={l === locale ? 'true' : undefined}
                  >
                    {LOCALES[l].name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
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
      </body>
    </html>
  );
}
