/**
 * The competent centres for the guide's result: the help finder's own place
 * resolution and search (the same code as the finder's result page, so the
 * guide never disagrees with it), cut down to a short list, plus the path of
 * the full finder results with the same place and filters.
 */
import type { DirectoryEntry } from '../directory/entry.ts';
import type { ExploitationForm, TargetGroup } from '../directory/taxonomies.ts';
import { resolveWhere, toSearchQuery } from '../finder/resolve.ts';
import { toSearchParams, type FinderQuery } from '../finder/schema.ts';
import { finderIndex } from '../finder/search-index.ts';
import type { GuideKind } from './result.ts';

/** Centres near the place shown on the result page; the finder link has the rest. */
const LOCAL_SHOWN = 5;
/** Services reachable from anywhere (phone, online, responsible for the state) shown after them. */
const REMOTE_SHOWN = 2;

type CompactCentre = {
  id: string;
  name: string;
  /** The town, or null for a service without a place (phone, online). */
  town: string | null;
  phone: string | null;
  /** Reachable from anywhere rather than near the place. */
  remote: boolean;
};

export type CentresForPlace = {
  /** origin: searched near `label`; ambiguous or unknown: the finder link lets the reader choose; none: no place given. */
  where: 'origin' | 'ambiguous' | 'unknown' | 'none';
  label: string | null;
  centres: CompactCentre[];
  /** Path and query of the full finder results with the same place and filters (without the language). */
  finderPath: string;
};

export function centresFor(
  entries: readonly DirectoryEntry[],
  input: { place: string; form: ExploitationForm | undefined; guide: GuideKind },
): CentresForPlace {
  const tg: TargetGroup[] = input.guide === 'minors' ? ['minors'] : [];
  const ex: ExploitationForm[] = input.form ? [input.form] : [];
  const query: FinderQuery = { q: input.place, state: undefined, tg, ex, lang: [], acc: [], page: 1, group: undefined };
  const finderPath = `/search?${toSearchParams(query)}`;
  const where = resolveWhere(query);
  if (where.kind !== 'origin') {
    const kind = where.kind === 'state' ? 'none' : where.kind;
    return { where: kind, label: null, centres: [], finderPath };
  }
  const found = finderIndex(entries).search(toSearchQuery(query, where), {
    remote: { from: 0, count: REMOTE_SHOWN },
    local: { from: 0, count: LOCAL_SHOWN },
  });
  const compact =
    (remote: boolean) =>
    (hit: { entry: DirectoryEntry }): CompactCentre => {
      const e = hit.entry;
      const voice = e.phones.find((p) => p.type === 'voice') ?? null;
      return {
        id: e.service.id,
        name: e.service.name,
        town: e.location?.address.city ?? null,
        phone: voice?.number ?? null,
        remote,
      };
    };
  return {
    where: 'origin',
    label: where.origin.label,
    centres: [...found.local.hits.map(compact(false)), ...found.remote.hits.map(compact(true))],
    finderPath,
  };
}
