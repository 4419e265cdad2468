/** One search hit: what a person needs to decide whether to get in touch. */
import { formatList, translator, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import { stateByCode, type StateCode } from '../../geo/states.ts';

type StateSuffix = StateCode extends `DE-${infer S}` ? S : never;
import type { SearchHit } from '../search.ts';
import type { DirectoryEntry } from '../../directory/entry.ts';
import { formatKm, languageNames, telHref } from '../../directory/format.ts';
import { centreHref } from '../back-link.ts';

/**
 * A state's name in the reader's language. The names are in the finder's
 * catalogue (not in the state table) so that translators give them with the
 * rest of the page: "Bavaria", "Bavière", "بافاريا".
 */
export function stateName(code: string, locale: Locale): string {
  const s = stateByCode(code);
  if (!s) return code;
  return translator(locale, 'finder')(`stateNames.${s.code.slice(3) as StateSuffix}`);
}

/**
 * A card's target groups and languages as joined text, per entry and
 * language. Every result page shows the same entries again, and naming,
 * sorting and joining the lists was a tenth of a card's cost. Entries are
 * replaced, not changed, when the directory changes, so a WeakMap forgets
 * them with the old index.
 */
type CardLists = { offers: string; languages: string };
const listsMemo = new WeakMap<DirectoryEntry, Map<Locale, CardLists>>();

function cardLists(entry: DirectoryEntry, locale: Locale, t: Translate<'finder'>) {
  let byLocale = listsMemo.get(entry);
  if (!byLocale) listsMemo.set(entry, (byLocale = new Map<Locale, CardLists>()));
  let lists = byLocale.get(locale);
  if (!lists) {
    lists = {
      offers: formatList(
        entry.targetGroups.map((g) => t(`tg.${g}`)),
        locale,
      ),
      languages: formatList(languageNames(entry.languages, locale), locale),
    };
    byLocale.set(locale, lists);
  }
  return lists;
}

export function ResultCard({
  hit,
  locale,
  t,
  areaState,
  from,
}: {
  hit: SearchHit;
  locale: Locale;
  t: Translate<'finder'>;
  areaState?: string | undefined;
  /** The list's own path, for the centre page's way back (back-link.ts). */
  from?: string | undefined;
}) {
  const { entry, distanceKm } = hit;
  const s = entry.service;
  const loc = entry.location;
  const href = centreHref(locale, s.id, from);
  const voice = entry.phones.find((p) => p.type === 'voice') ?? entry.phones[0];
  const nationwide = entry.areas.includes('DE');
  const lists = cardLists(entry, locale, t);
  return (
    <li class="card">
      <h3>
        <a href={href}>{s.name}</a>
        {s.is_demo ? <span class="badge-demo">{t('card.demo')}</span> : null}
      </h3>
      <p class="meta">
        {entry.organization.name}
        {loc ? (
          <>
            {' · '}
            <span dir="ltr">{loc.address.postal_code}</span> {loc.address.city}
          </>
        ) : (
          ''
        )}
        {distanceKm !== null
          ? // Never "0 km away": under a kilometre is said as such.
            ` · ${distanceKm < 1 ? t('list.kmUnder1') : t('card.km', { km: formatKm(distanceKm, locale) })}`
          : ''}
      </p>
      {hit.coversArea && !nationwide && areaState ? (
        <p>{t('card.coversState', { state: stateName(areaState, locale) })}</p>
      ) : null}
      {nationwide ? <p>{t('card.coversNation')}</p> : null}
      {!loc ? <p>{t('card.online')}</p> : loc.address_protected ? <p>{t('card.protected')}</p> : null}
      {entry.targetGroups.length > 0 ? (
        <p>
          {t('card.offers')}: {lists.offers}
        </p>
      ) : null}
      {entry.languages.length > 0 ? (
        <p>
          {t('card.languages')}: {lists.languages}
        </p>
      ) : null}
      {voice || s.email ? (
        <p class="contact">
          {voice ? (
            <a class="call-button" href={telHref(voice.number)}>
              {t('contact.call')}:{' '}
              <span class="number" dir="ltr">
                {voice.number}
              </span>
            </a>
          ) : null}
          {voice && s.email ? ' ' : null}
          {s.email ? (
            <a href={`mailto:${s.email}`} dir="ltr">
              {s.email}
            </a>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}
