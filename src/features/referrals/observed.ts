/**
 * The indicators a referral carries, in the words the professional ticked:
 * a referral names the guide version and the indicator keys only, and the
 * published (or since superseded) version still holds their texts, which
 * never change (migrations/0022). The centre reads them, grouped as the
 * guide groups them, in its language or in German where a text has none.
 */
import type { Locale } from '../../platform/i18n/index.ts';
import { localise } from '../indicators/content.ts';
import type { PublishedGuide } from '../indicators/queries.ts';

type ObservedIndicator = {
  key: string;
  /** null: the key is not in the version (a version the network never published, or a damaged record). */
  text: { text: string; lang: string } | null;
  group: { text: string; lang: string } | null;
};

export type ObservedWording = { version: number | null; items: ObservedIndicator[] };

/** `keys` in the guide's order (unknown keys last, as sent), with their texts from `version`. */
export function observedWording(
  version: PublishedGuide | undefined,
  keys: readonly string[],
  locale: Locale,
): ObservedWording {
  const wanted = new Set(keys);
  const items: ObservedIndicator[] = [];
  if (version) {
    for (const g of localise(version.content, locale).groups)
      for (const i of g.indicators)
        if (wanted.delete(i.key))
          items.push({
            key: i.key,
            text: { text: i.text.text, lang: i.text.lang },
            group: { text: g.title.text, lang: g.title.lang },
          });
  }
  for (const key of wanted) items.push({ key, text: null, group: null });
  return { version: version?.version ?? null, items };
}
