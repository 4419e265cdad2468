/**
 * The published version of a guide, as the pages show it: read from the
 * indicator sets (published versions are readable without a scope) and
 * localised, each text in the reader's language or in German where it has
 * no translation.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { localise } from '../indicators/content.ts';
import { publishedGuide } from '../indicators/queries.ts';
import type { GuideKind, GuideView } from './result.ts';

export async function guideView(db: Kysely<DB>, kind: GuideKind, locale: Locale): Promise<GuideView | undefined> {
  const published = await publishedGuide(db, kind);
  if (!published) return undefined;
  const c = localise(published.content, locale);
  return { guide: kind, versionId: published.id, framing: c.framing, groups: c.groups };
}
