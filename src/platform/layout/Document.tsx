/**
 * The part of every page, public or staff, that keeps a person safe: the
 * document head (no third-party anything, see the CSP), the skip links, the
 * quick exit first in the tab order, and the demo banner while fictional
 * entries are shown. The public Layout and the staff frame fill in the rest.
 * Works without JavaScript; quick-exit.js only adds the Shift×3 shortcut and
 * the blank-then-replace behaviour.
 */
import type { ComponentChildren } from 'preact';
import { localeInfo, type Locale, type LocaleInfo } from '../i18n/index.ts';
import { escapeAttr, escapeText } from './markup.ts';
import type { PageContext } from './context.ts';

type Props = {
  ctx: PageContext;
  title: string;
  description?: string | undefined;
  /** Extra scripts (asset names) this page enhances itself with. */
  scripts?: string[] | undefined;
  /** A class on <body>, e.g. 'staff' for the staff frame. */
  bodyClass?: string | undefined;
  /**
   * What shares the quick-exit bar, shown on its start side (the public pages
   * put the brand there): on a phone every row above the search field costs help.
   */
  barStart?: ComponentChildren;
  /**
   * Page-specific elements at the end of <head>: metadata only (Dublin Core
   * `<meta>`, a JSON-LD data block, an alternate feed link) — never a
   * script that runs or a style, which the CSP refuses anyway.
   */
  head?: ComponentChildren;
  children: ComponentChildren;
};

export function Document({ ctx, title, description, scripts = [], bodyClass, barStart, head, children }: Props) {
  const { t, locale } = ctx;
  const info = localeInfo(locale);
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
        {head}
      </head>
      <body class={bodyClass}>
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
          {/* Hidden until quick-exit.js runs: without JavaScript the shortcut does not exist; the
              stylesheet also hides it where there is no keyboard to press Shift on. */}
          <span class="exit-hint" id="quick-exit-hint" hidden>
            {t('quickExitHint')}
          </span>
          <span
            class="exit-progress"
            role="status"
            aria-live="polite"
            data-progress-template={t('quickExitProgress', { n: '{n}' })}
          />
          {/* After the exit in the tab order, which stays the first stop; the stylesheet shows it first. */}
          {barStart}
        </div>
        {ctx.demo ? (
          <p class="demo-banner" role="note">
            {t('demoBanner')}
          </p>
        ) : null}
        {children}
      </body>
    </html>
  );
}

/**
 * The language picker: a globe and the current language's own name, which
 * someone who cannot read the page still recognises; it opens (a native
 * <details>, so without JavaScript) a list of this page in every offered
 * language, each named in itself and marked with its language, so a screen
 * reader speaks it in the right voice. `only` narrows the list (the staff
 * area offers the languages it is complete in); the current one is always
 * listed and marked.
 */
/**
 * Every page lists every language: the list's markup is made once per list
 * and current language, and only the page's path (escaped once) goes in per
 * request. Same markup as the JSX it replaces.
 */
const pickerParts = new Map<string, readonly (readonly [string, string])[]>();

function pickerItems(listed: readonly Locale[], current: Locale, path: string): string {
  const id = `${current}\u0000${listed.join(' ')}`;
  let parts = pickerParts.get(id);
  if (!parts) {
    parts = listed.map((l) => {
      const info = localeInfo(l);
      const lang = escapeAttr(info.htmlLang);
      return [
        `<li><a href="/${escapeAttr(l)}`,
        `" hreflang="${lang}" lang="${lang}"${l === current ? ' aria-current="true"' : ''}>${escapeText(info.name)}</a></li>`,
      ] as const;
    });
    pickerParts.set(id, parts);
  }
  const href = escapeAttr(path);
  let html = '';
  for (const [before, after] of parts) html += before + href + after;
  return html;
}

export function LanguagePicker({ ctx, only }: { ctx: PageContext; only?: (info: LocaleInfo) => boolean }) {
  const { t, locale } = ctx;
  const current = localeInfo(locale);
  const listed = ctx.locales.filter((l) => l === locale || !only || only(localeInfo(l)));
  return (
    <nav aria-label={t('languagePicker.label')} class="lang">
      <details>
        <summary>
          <svg class="globe" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="10" />
            <path d="M2 12h20M12 2c-5 5-5 15 0 20M12 2c5 5 5 15 0 20" />
          </svg>
          <span lang={current.htmlLang}>{current.name}</span>
          <span class="visually-hidden"> – {t('languagePicker.label')}</span>
        </summary>
        <ul
          aria-label={t('languagePicker.list')}
          dangerouslySetInnerHTML={{ __html: pickerItems(listed, locale, ctx.pathInLocale) }}
        />
      </details>
    </nav>
  );
}
