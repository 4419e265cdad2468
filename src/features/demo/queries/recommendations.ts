/** The demo recommendations' rows (demo/recommendations.ts holds their content). */
import { setScopeSettings, type Tx } from '../../../platform/db/tenant.ts';
import type { AddresseeKind, AffectedGroup, SourceKind, Strength, Theme } from '../../recommendations/vocabulary.ts';

type DemoStatus = [track: 'addressee' | 'assessment', status: string, statedOn: string, source: string, note?: string];
type DemoEvidence =
  | { kind: 'external'; title: string; reference: string; support: string }
  | { kind: 'statistics_table'; table: string; support: string }
  | { kind: 'publication'; publicationId: string; support: string };

export type DemoRecommendation = {
  n: number;
  slug: string;
  title: string;
  challenge: string;
  body: string;
  addressee: [AddresseeKind, string];
  themes: Theme[];
  groups: AffectedGroup[];
  sources: [SourceKind, Strength, string, string, string][];
  statuses: DemoStatus[];
  evidence: DemoEvidence[];
  published?: boolean;
  /** The project the recommendation came out of. */
  projectId?: string;
};

/** Fixed ids per recommendation and part, so that installations agree and a second run is a no-op. */
const id = (n: number, part: number, i = 0) =>
  `5e0c0000-0000-4000-8000-${String(n).padStart(4, '0')}${String(part).padStart(2, '0')}${String(i).padStart(6, '0')}`;

/**
 * Write the demo recommendations in the coordination scope (nothing when
 * they are there already); the fifth and sixth are the merged pair.
 */
export async function insertDemoRecommendations(
  trx: Tx,
  recommendations: readonly DemoRecommendation[],
  now: Date,
  statisticsYear: number,
): Promise<void> {
  await setScopeSettings(trx, { kind: 'coordination' });
  const first = id(1, 0);
  if (await trx.selectFrom('recommendation').select('id').where('id', '=', first).executeTakeFirst()) return;
  for (const r of recommendations) {
    await trx
      .insertInto('recommendation')
      .values({
        id: id(r.n, 0),
        slug: r.slug,
        title: r.title,
        challenge: r.challenge,
        body: r.body,
        addressee_kind: r.addressee[0],
        addressee_name: r.addressee[1],
        themes: r.themes,
        affected_groups: r.groups,
        published: r.published ?? true,
        project_id: r.projectId ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const [i, [kind, strength, title, reference, issued]] of r.sources.entries())
      await trx
        .insertInto('recommendation_source')
        .values({
          id: id(r.n, 1, i),
          recommendation_id: id(r.n, 0),
          source_kind: kind,
          strength,
          title,
          reference,
          issued_on: issued,
          created_at: now,
        })
        .execute();
    for (const [i, [track, status, statedOn, source, note]] of r.statuses.entries())
      await trx
        .insertInto('recommendation_status')
        .values({
          id: id(r.n, 2, i),
          recommendation_id: id(r.n, 0),
          track,
          status,
          stated_on: statedOn,
          source,
          note: note ?? '',
          recorded_at: new Date(now.getTime() + i),
        })
        .execute();
    for (const [i, e] of r.evidence.entries())
      await trx
        .insertInto('recommendation_evidence')
        .values({
          id: id(r.n, 3, i),
          recommendation_id: id(r.n, 0),
          kind: e.kind,
          support: e.support,
          ...(e.kind === 'external'
            ? { external_title: e.title, external_reference: e.reference }
            : e.kind === 'publication'
              ? { publication_id: e.publicationId }
              : { statistics_year: statisticsYear, statistics_table: e.table }),
          created_at: now,
        })
        .execute();
  }
  // The merged pair: the second demand's source moves to the first, which keeps its own strengths.
  await trx
    .updateTable('recommendation_source')
    .set({ recommendation_id: id(5, 0) })
    .where('recommendation_id', '=', id(6, 0))
    .execute();
  await trx
    .updateTable('recommendation')
    .set({ merged_into: id(5, 0) })
    .where('id', '=', id(6, 0))
    .execute();
}
