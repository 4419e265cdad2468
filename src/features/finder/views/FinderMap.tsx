/**
 * The finder's map of Germany: the reader's language, clusters that lead to
 * a search for their town, and a legend. The list beside it stays the
 * primary way; the map only shows where the same entries are.
 */
import { translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { GermanyMap, type ClusterLinks, type MapMarker } from '../../geo/GermanyMap.tsx';
import type { StateCode, StateInfo } from '../../geo/states.ts';
import type { DirectoryEntry } from '../../directory/entry.ts';
import type { SearchHit } from '../search.ts';
import { stateName } from './ResultCard.tsx';

const ft = (ctx: PageContext) => translator(ctx.locale, 'finder');

/** A marker for every entry with a place, linking to its centre page. */
export function markers(ctx: PageContext, entries: readonly DirectoryEntry[]): MapMarker[] {
  return entries.flatMap((e) =>
    e.location
      ? [
          {
            id: e.service.id,
            lat: e.location.latitude,
            lon: e.location.longitude,
            label: `${e.service.name}, ${e.location.address.city}`,
            href: `/${ctx.locale}/centres/${e.service.id}`,
            place: e.location.address.city,
          },
        ]
      : [],
  );
}

/** The town most members share: a cluster is named after it and searches there. */
function mainPlace(members: readonly MapMarker[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  for (const m of members) {
    if (!m.place) continue;
    const n = (counts.get(m.place) ?? 0) + 1;
    counts.set(m.place, n);
    if (!best || n > counts.get(best)!) best = m.place;
  }
  return best;
}

function clusterLinks(ctx: PageContext): ClusterLinks {
  const t = ft(ctx);
  return {
    label: (members) => {
      const place = mainPlace(members);
      return place
        ? t('map.clusterNear', { count: members.length, place })
        : t('map.cluster', { count: members.length });
    },
    href: (members) => {
      const place = mainPlace(members);
      return place ? `/${ctx.locale}/search?q=${encodeURIComponent(place)}` : members[0]!.href;
    },
  };
}

const stateHref = (ctx: PageContext) => (s: StateInfo) => `/${ctx.locale}/states/${s.slug}`;

/** What the map's shapes mean, for those who do not guess it. */
function Legend({ ctx, highlight }: { ctx: PageContext; highlight: boolean }) {
  const t = ft(ctx);
  return (
    <ul class="map-legend" aria-label={t('map.legend')}>
      <li>
        <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="10" cy="10" r="6" class="swatch-marker" />
        </svg>
        <span>{t('map.legendCentre')}</span>
      </li>
      <li>
        <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="10" cy="10" r="9" class="swatch-marker" />
          <text x="10" y="10" dy="0.35em" text-anchor="middle" fill="#fff" font-size="10" font-weight="700">
            3
          </text>
        </svg>
        <span>{t('map.legendCluster')}</span>
      </li>
      {highlight ? (
        <li>
          <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <rect x="2" y="4" width="16" height="12" class="swatch-state" />
          </svg>
          <span>{t('map.legendState')}</span>
        </li>
      ) : null}
    </ul>
  );
}

/** The map of Germany in the reader's language with `markers`; with `linkStates`, each state leads to its page. */
export function FinderMap({
  ctx,
  title,
  description,
  markers,
  highlight,
  linkStates = false,
}: {
  ctx: PageContext;
  title: string;
  description: string;
  markers: MapMarker[];
  highlight?: StateCode | undefined;
  linkStates?: boolean;
}) {
  return (
    <div class="map">
      <GermanyMap
        stateLabel={(s) => stateName(s.code, ctx.locale)}
        title={title}
        description={description}
        markers={markers}
        highlight={highlight}
        clusters={clusterLinks(ctx)}
        {...(linkStates ? { stateHref: stateHref(ctx) } : {})}
      />
      {markers.length > 0 ? <Legend ctx={ctx} highlight={!!highlight} /> : null}
    </div>
  );
}

/** The map beside a list of results: their places, with the state in focus highlighted. */
export function ResultsMap({
  ctx,
  hits,
  highlight,
  linkStates = false,
}: {
  ctx: PageContext;
  hits: readonly SearchHit[];
  highlight: StateCode | undefined;
  linkStates?: boolean;
}) {
  const t = ft(ctx);
  return (
    <FinderMap
      ctx={ctx}
      title={t('results.mapTitle')}
      description={t('results.mapDesc')}
      markers={markers(
        ctx,
        hits.map((h) => h.entry),
      )}
      highlight={highlight}
      linkStates={linkStates}
    />
  );
}
