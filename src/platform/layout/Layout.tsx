/**
 * The frame of every public page: the safety shell (Document.tsx: quick
 * exit, skip links, demo banner), a header with the language switch, the
 * main navigation (the finder's pages, safety, easy read, the page for
 * professionals), the two emergency numbers as call buttons and, where
 * the page has no search form of its own near the top, a one-field search;
 * main; and a footer with the national helplines, the links to the
 * pages about the platform and the network (its statistics among them),
 * and the coordination office's news and pages with the legal notice.
 *
 * The order is the order of need on a 360 × 640 phone: leave, call, search.
 * Everything up to the search field fits the first screen (a browser test
 * measures it), so the brand shares the exit bar and the tagline shows only
 * where there is room.
 */
import type { ComponentChildren } from 'preact';
import type { PageContext } from './context.ts';
import { firstScreenHelplines, helplineText, langOf, telHref } from '../helplines/helplines.ts';
import { bidiIsolate } from '../i18n/index.ts';
import { Document, LanguagePicker } from './Document.tsx';
import { TranslationNote } from './TranslationNote.tsx';
import type { OfficeContact } from '../office-contact/office-contact.ts';

/** The network's work and the coordination office's pages (the legal notice must be one step from every page). */
const NETWORK_LINKS = [
  'projects',
  'publications',
  'recommendations',
  'news',
  'network',
  'contact',
  'support',
  'funders',
  'imprint',
] as const;

type Props = {
  ctx: PageContext;
  title: string;
  description?: string;
  /** Extra scripts (asset names) this page enhances itself with. */
  scripts?: string[];
  /**
   * Whether the header carries the one-field search. Pages whose own search
   * form starts the main content (home, results) leave it out: two search
   * fields on one screen would only be a second thing to read.
   */
  headerSearch?: boolean;
  /** Metadata elements for the document head (Document.tsx). */
  head?: ComponentChildren;
  children: ComponentChildren;
};

export function Layout({ ctx, title, description, scripts = [], headerSearch = true, head, children }: Props) {
  const { t, locale } = ctx;
  const home = `/${locale}/`;
  const brand = (
    <a class="brand" href={home}>
      <span class="brand-name">{t('siteName')}</span>
      <span class="brand-tagline">{t('tagline')}</span>
    </a>
  );
  return (
    <Document ctx={ctx} title={title} description={description} scripts={scripts} barStart={brand} head={head}>
      <header class="site-header">
        <LanguagePicker ctx={ctx} />
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
            <li>
              <a href={`/${locale}/professionals`}>{t('nav.professionals')}</a>
            </li>
          </ul>
        </nav>
        <CallLine ctx={ctx} />
        {headerSearch ? <HeaderSearch ctx={ctx} /> : null}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer" aria-label={t('footer.label')}>
        <TranslationNote ctx={ctx} />
        <FooterHelplines ctx={ctx} />
        <ul class="footer-links">
          <li>
            <a href={`/${locale}/about`}>{t('footer.about')}</a>
          </li>
          <li>
            <a href={`/${locale}/statistics`}>{t('footer.statistics')}</a>
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
        <ul class="footer-links">
          {NETWORK_LINKS.map((k) => (
            <li>
              <a href={`/${locale}/${k}`}>{t(`footer.${k}`)}</a>
            </li>
          ))}
        </ul>
        {ctx.officeContact ? <OfficeContactBlock ctx={ctx} contact={ctx.officeContact} /> : null}
        <p class="attribution">{t('footer.attribution')}</p>
      </footer>
    </Document>
  );
}

/**
 * The first-screen numbers the office chose (110 and 116 016 as delivered) as
 * call buttons, one line on a phone. The button says what kind of number it
 * is in two words; the footer and the helplines list give the full names.
 */
function CallLine({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const numbers = firstScreenHelplines(ctx.helplines);
  if (numbers.length === 0) return null;
  return (
    <ul class="call-line" aria-label={t('callLine.label')}>
      {numbers.map((h) => (
        <li>
          <a class="call" href={telHref(h.contact)}>
            {h.emergency ? t('callLine.police') : t('callLine.hilfetelefon')}{' '}
            <span class="number" dir="ltr">
              {h.contact}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Every phone helpline in one short list: name, number, and the hours where it is not around the clock. */
function FooterHelplines({ ctx }: { ctx: PageContext }) {
  const { t, locale } = ctx;
  const phones = ctx.helplines.filter((h) => h.kind === 'phone');
  if (phones.length === 0) return null;
  return (
    <section aria-labelledby="helplines-title" class="helplines">
      <h2 id="helplines-title">{t('footer.helplinesTitle')}</h2>
      <ul>
        {phones.map((h) => {
          // A name or hours the office has not translated show in English (or German), marked as such.
          const name = helplineText(h, 'name', locale);
          const hours = helplineText(h, 'hours', locale);
          return (
            <li>
              {langOf(name, locale) ? <span lang={langOf(name, locale)}>{name.text}</span> : name.text}:{' '}
              <a class="number" dir="ltr" href={telHref(h.contact)}>
                {h.contact}
              </a>
              {h.aroundTheClock ? null : (
                <>
                  {' ('}
                  {langOf(hours, locale) ? (
                    <span lang={langOf(hours, locale)}>{bidiIsolate(locale, hours.text)}</span>
                  ) : (
                    bidiIsolate(locale, hours.text)
                  )}
                  {')'}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** One field and a button: search from any page without scrolling to a form. */
function HeaderSearch({ ctx }: { ctx: PageContext }) {
  const { t, locale } = ctx;
  return (
    <form
      class="header-search"
      method="get"
      action={`/${locale}/search`}
      role="search"
      aria-label={t('headerSearch.label')}
    >
      <label for="header-q">{t('headerSearch.field')}</label>
      <div class="field-row">
        <input type="search" id="header-q" name="q" autocomplete="off" maxLength={100} inputMode="search" />
        <button type="submit">{t('headerSearch.submit')}</button>
      </div>
    </form>
  );
}

/**
 * The coordination office as it chose to be named in the footer: its name,
 * its postal address and a phone number, and the contact form instead of an
 * e-mail address a harvester could read off every page.
 */
function OfficeContactBlock({ ctx, contact }: { ctx: PageContext; contact: OfficeContact }) {
  const { t, locale } = ctx;
  // Lines of text with inline links (WCAG 2.5.8's inline exception), like the helplines above.
  return (
    <address class="office-contact" aria-label={t('footer.office')}>
      <p>
        <strong>{contact.name}</strong>
        {contact.addressLines.map((line) => (
          <>
            <br />
            {line}
          </>
        ))}
      </p>
      <p>
        {contact.phone ? (
          <>
            {t('footer.officePhone')}:{' '}
            <a href={telHref(contact.phone)} dir="ltr">
              {contact.phone}
            </a>
            <br />
          </>
        ) : null}
        <a href={`/${locale}/contact`}>{t('footer.writeToOffice')}</a>
      </p>
    </address>
  );
}
