/**
 * A project's activities and outputs, collected from wherever they are
 * kept: each kind of output is one collector that reads its own table in
 * the public scope and answers plain items; the page shows the items
 * merged, newest first, and knows nothing of their tables. The library's
 * works and the tracker's recommendations carry a project reference
 * (migrations/0037); their SQL lives in this feature's query module. Adding
 * a kind (events, later) is adding a collector to OUTPUT_COLLECTORS — the
 * view stays as it is.
 */
import type { Tx } from '../../platform/db/tenant.ts';
import { publishedRecommendationsOf, publishedWorksOf, shownMeasures } from './queries.ts';
import type { MeasureKind } from './vocabulary.ts';

/** One activity or output as the project page lists it. */
export type OutputItem = {
  /** What it is: names the label the page shows ('measure', later 'publication', …). */
  kind: 'measure' | 'publication' | 'recommendation';
  title: string;
  /** The day it happened or began (ISO date), for the order and the page. */
  date: string;
  /** Where to read more, or null when the page itself says all there is. */
  href: string | null;
  /** A short line of context (for a measure: its kind and place), already in plain words' codes. */
  detail: { measureKind: MeasureKind; region: string; description: string; endsOn: string | null } | null;
};

/** Reads one kind of output of a project. */
type OutputCollector = (trx: Tx, project: ProjectRef) => Promise<OutputItem[]>;

/** The project, and the page's locale (for the addresses and the titles of other pages). */
type ProjectRef = { id: string; slug: string; locale: string };

/** The centres' measures the office accepted and chose to show on the project. */
const measuresShown: OutputCollector = async (trx, project) =>
  (await shownMeasures(trx, project.id)).map((m) => ({
    kind: 'measure',
    title: m.title,
    date: m.startsOn,
    href: null,
    detail: { measureKind: m.kind, region: m.region, description: m.description, endsOn: m.endsOn },
  }));

/** The library's published works of the project that have a public edition, linked to their public page. */
const publications: OutputCollector = async (trx, project) =>
  (await publishedWorksOf(trx, project.id, project.locale)).map((w) => ({
    kind: 'publication',
    title: w.title,
    date: w.issued,
    href: `/${project.locale}/publications/${w.slug}`,
    detail: null,
  }));

/** The project's published recommendations, linked to their public page. */
const recommendations: OutputCollector = async (trx, project) =>
  (await publishedRecommendationsOf(trx, project.id)).map((r) => ({
    kind: 'recommendation',
    title: r.title,
    date: r.since,
    href: `/${project.locale}/recommendations/${r.slug}`,
    detail: null,
  }));

const OUTPUT_COLLECTORS: readonly OutputCollector[] = [measuresShown, publications, recommendations];

/** Everything the project brought about, newest first. */
export async function projectOutputs(trx: Tx, project: ProjectRef): Promise<OutputItem[]> {
  const lists = [];
  for (const collect of OUTPUT_COLLECTORS) lists.push(await collect(trx, project));
  return lists.flat().sort((a, b) => (a.date === b.date ? a.title.localeCompare(b.title) : a.date < b.date ? 1 : -1));
}
