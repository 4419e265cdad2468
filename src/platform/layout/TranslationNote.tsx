/**
 * What a page says about its own language (ADR 030): in a language that is
 * not complete and reviewed, one line on every page that the translation is
 * machine-assisted and awaiting review, with the same page in German; and
 * where a page's text has no translation (a network page), that text in
 * German, marked `lang="de"`, under a note in the reader's language.
 */
import type { ComponentChildren } from 'preact';
import { DEFAULT_LOCALE, localeInfo, translationState, type Locale } from '../i18n/index.ts';
import type { PageContext } from './context.ts';

/** The line on every page of a language awaiting review; nothing in German, English or a reviewed language. */
export function TranslationNote({ ctx }: { ctx: PageContext }) {
  if (translationState(ctx.locale) !== 'machine') return null;
  const { t } = ctx;
  return (
    <p class="translation-state" role="note">
      {t('translationState.machine')}{' '}
      <a href={`/${DEFAULT_LOCALE}${ctx.pathInLocale}`} hreflang={localeInfo(DEFAULT_LOCALE).htmlLang}>
        {t('translationState.germanVersion')}
      </a>
    </p>
  );
}

/**
 * `children` written in `lang`: where that is not the page's language
 * (German standing in for a missing translation), the note `fallback.german`
 * in the reader's language, and the text marked with its language so screen
 * readers switch voice.
 */
export function GermanFallback({
  ctx,
  lang,
  children,
}: {
  ctx: PageContext;
  lang: Locale;
  children: ComponentChildren;
}) {
  if (lang === ctx.locale) return <>{children}</>;
  return (
    <>
      <p class="fallback-note" role="note">
        {ctx.t('fallback.german')}
      </p>
      <div lang={localeInfo(lang).htmlLang} dir={localeInfo(lang).dir}>
        {children}
      </div>
    </>
  );
}
