/**
 * The helplines as the public pages show them: name, what it offers, when it
 * is reachable, a call (or open) button of at least 44 × 44 px, and when the
 * coordination office last checked it. Numbers never wrap (non-breaking
 * spaces and the stylesheet's `number` class), so "116 016" is never split over two lines.
 */
import { translator } from '../i18n/index.ts';
import type { Locale } from '../i18n/locales.ts';
import { formatDay } from '../time/dates.ts';
import { helplineText, langOf, telHref, type Helpline, type LocalText } from './helplines.ts';

const NBSP = '\u00a0';

/** A phone number in running text: at least two groups of digits. */
const PHONE_IN_TEXT = /(\+?\d+(?:[\u00a0 /-]\d+)+)/;

/**
 * `text` with each phone number in it as a left-to-right isolate, so that
 * "0800 111 0 550" keeps its order inside an Arabic or Persian sentence.
 */
function withLtrNumbers(text: string) {
  const parts = text.split(PHONE_IN_TEXT);
  if (parts.length === 1) return text;
  return parts.map((part, i) => (i % 2 === 1 ? <span dir="ltr">{part}</span> : part));
}

/** A message with `{{hours}}` in it, the hours marked with their language when it is not the page's. */
function withHours(message: (hours: string) => string, hours: LocalText, locale: Locale) {
  const lang = langOf(hours, locale);
  if (!lang) return message(hours.text);
  // A private-use character cannot occur in a message: split there and put the marked hours in between.
  const [before = '', after = ''] = message('\ue000').split('\ue000');
  return (
    <>
      {before}
      <span lang={lang}>{hours.text}</span>
      {after}
    </>
  );
}

type Props = {
  list: readonly Helpline[];
  locale: Locale;
  /** The id of the heading, unique on the page. */
  id?: string;
  /** The heading; default "Help right now". */
  title?: string;
};

export function HelplineList({ list, locale, id = 'helplines-list-title', title }: Props) {
  const t = translator(locale, 'helplines');
  if (list.length === 0) return null;
  return (
    <section class="helpline-section" aria-labelledby={id}>
      <h2 id={id}>{title ?? t('title')}</h2>
      <ul class="helpline-list">
        {list.map((h) => {
          const name = helplineText(h, 'name', locale);
          const description = helplineText(h, 'description', locale);
          return (
            <li class={h.emergency ? 'helpline emergency' : 'helpline'}>
              <p class="helpline-name" lang={langOf(name, locale)}>
                {name.text}
              </p>
              {description.text ? (
                <p class="helpline-description" lang={langOf(description, locale)}>
                  {/* The office's text may name a number: kept left to right on right-to-left pages. */}
                  {withLtrNumbers(description.text)}
                </p>
              ) : null}
              <p class="helpline-hours">
                {h.aroundTheClock
                  ? t('aroundTheClock')
                  : withHours((hours) => t('hours', { hours }), helplineText(h, 'hours', locale), locale)}
              </p>
              {h.kind === 'phone' ? (
                <a class="call-button" href={telHref(h.contact)}>
                  {t('call')}{' '}
                  <span class="number" dir="ltr">
                    {h.contact.replaceAll(' ', NBSP)}
                  </span>
                </a>
              ) : (
                <a class="call-button" href={h.contact} rel="noreferrer">
                  {t(h.kind === 'chat' ? 'openChat' : 'openOnline')}
                </a>
              )}
              <p class="hint">{t('checked', { date: formatDay(h.checkedOn, locale) })}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
