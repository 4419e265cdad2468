/**
 * The helplines as the public pages show them: name, what it offers, when it
 * is reachable, a call (or open) button of at least 44 × 44 px, and when the
 * coordination office last checked it. Numbers never wrap (non-breaking
 * spaces and the stylesheet's `number` class), so "116 016" is never split over two lines.
 */
import { translator } from '../i18n/index.ts';
import type { Locale } from '../i18n/locales.ts';
import { formatDay } from '../time/dates.ts';
import { telHref, textIn, type Helpline } from './helplines.ts';

const NBSP = '\u00a0';

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
          const name = textIn(h.name, locale);
          const description = textIn(h.description, locale);
          return (
            <li class={h.emergency ? 'helpline emergency' : 'helpline'}>
              <p class="helpline-name">{name}</p>
              {/* The office's text may be in another script than the page: isolated, so a number in it keeps its order. */}
              {description ? (
                <p class="helpline-description">
                  <bdi>{description}</bdi>
                </p>
              ) : null}
              <p class="helpline-hours">
                {h.aroundTheClock ? t('aroundTheClock') : t('hours', { hours: textIn(h.hours, locale) })}
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
