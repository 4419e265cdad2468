/**
 * An inline SVG map of Germany's 16 states with optional markers, rendered on
 * the server: no tiles, no scripts, no requests to anyone.
 *
 * It enhances a list, it does not replace one: the caller renders the same
 * markers (and state links) as an ordinary list too, which is what screen
 * reader and keyboard users will mostly use. The map is still fully usable:
 * every state link and marker is a focusable link with a name.
 *
 * Styling hooks, matching public/app.css (the CSP allows no inline styles,
 * so there are only classes and presentation attributes; the attributes give
 * a usable look without the stylesheet, which overrides them): `.state` on
 * each state's path, `.state.on` on the highlighted one, `.marker` on each
 * marker's circle, `.cluster` on a cluster's, `.hit` on the transparent
 * circle that gives each marker a 24 px target on a phone. The focus
 * indicator comes from the stylesheet (`.map a:focus .state`, `.map a:focus
 * .marker`): Chromium draws none of its own on SVG links.
 *
 * Markers that would overlap are drawn as one cluster with their number
 * (mapClusters.ts); the cluster is a link the caller chooses, e.g. a search
 * for that town, named by the caller too.
 */
import { useId } from 'preact/hooks';
import { escapeAttr, escapeText } from '../../platform/layout/markup.ts';
import { HIT_RADIUS, clusterMarkers } from './mapClusters.ts';
import { loadMapFile } from './mapData.ts';
import { MAP_VIEWBOX } from './projection.ts';
import type { StateCode, StateInfo } from './states.ts';

/** A point on the map that links somewhere, e.g. a counselling centre. */
export type MapMarker = {
  /** Stable identity (used as the render key, not as an HTML id: the caller's list may use that). */
  id: string;
  lat: number;
  lon: number;
  /** Accessible name and tooltip, e.g. the centre's name and town. */
  label: string;
  href: string;
  /** The town, to name and link a cluster of several markers. */
  place?: string;
};

/** How a group of markers drawn as one is named and where it leads. */
export type ClusterLinks = {
  label: (members: readonly MapMarker[]) => string;
  href: (members: readonly MapMarker[]) => string;
};

/** Props of {@link GermanyMap}. */
export type GermanyMapProps = {
  /** Accessible name of the whole map, e.g. "Counselling centres near 10115 Berlin". */
  title: string;
  /** Longer accessible description, e.g. how many centres are shown. */
  description?: string;
  markers: MapMarker[];
  /** State drawn in the accent colour, e.g. the searched place's state. */
  highlight?: StateCode;
  /** When given, each state is a link to this URL (its state page). */
  stateHref?: (state: StateInfo) => string;
  /** Accessible name of a state link in the page's language; default: the German name. */
  stateLabel?: (state: StateInfo) => string;
  /** Naming and link of clusters; without it a cluster leads to its first marker's page. */
  clusters?: ClusterLinks;
};

/** Drawn radius of a marker and of a cluster in viewBox units; the hit area is larger (HIT_RADIUS). */
const MARKER_RADIUS = 10;
const CLUSTER_RADIUS = 16;
/** Not the quick exit's red: a marker must never look like the way out. */
const MARKER_FILL = '#2b3f8c';

/**
 * Each state's outline as markup, plain and highlighted, made once per
 * process. The outlines are half of a result page's HTML; rendering their
 * path data element by element on every request was the largest single cost
 * of a search page. Built from the vendored file alone, so nothing here
 * depends on a request (no memo of what anyone searched, ADR 025).
 */
const outlines: ReadonlyMap<StateCode, { plain: string; highlighted: string }> = new Map(
  loadMapFile().states.map((s) => {
    const d = escapeAttr(s.d);
    return [
      s.code,
      {
        plain: `<path d="${d}" class="state"></path>`,
        highlighted: `<path d="${d}" class="state on" fill="#9cc3cd"></path>`,
      },
    ];
  }),
);

/** The 16 states, each a link with its name when `stateHref` is given. */
function statesMarkup(
  states: readonly StateInfo[],
  highlight: StateCode | undefined,
  stateHref: ((s: StateInfo) => string) | undefined,
  stateLabel: (s: StateInfo) => string,
): string {
  let html = '';
  for (const s of states) {
    const o = outlines.get(s.code)!;
    const path = s.code === highlight ? o.highlighted : o.plain;
    html += stateHref
      ? `<a href="${escapeAttr(stateHref(s))}"><title>${escapeText(stateLabel(s))}</title>${path}</a>`
      : path;
  }
  return html;
}

/** Server-rendered SVG map of Germany; see the module comment for what the caller must add. */
export function GermanyMap({
  title,
  description,
  markers,
  highlight,
  stateHref,
  stateLabel = (s) => s.nameDe,
  clusters = { label: (ms) => ms.map((m) => m.label).join('; '), href: (ms) => ms[0]!.href },
}: GermanyMapProps) {
  const id = useId();
  const titleId = `${id}-t`;
  const descId = `${id}-d`;
  const interactive = !!stateHref || markers.length > 0;
  const { states } = loadMapFile();
  return (
    <svg
      viewBox={MAP_VIEWBOX}
      // A picture when it only shows; a group of links when it can be used, since role=img would hide the links.
      role={interactive ? 'group' : 'img'}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
    >
      <title id={titleId}>{title}</title>
      {description ? <desc id={descId}>{description}</desc> : null}
      <g
        fill="#dfe9ec"
        stroke="#fff"
        stroke-width="1"
        stroke-linejoin="round"
        fill-rule="evenodd"
        dangerouslySetInnerHTML={{ __html: statesMarkup(states, highlight, stateHref, stateLabel) }}
      />
      {markers.length > 0 ? (
        <g fill={MARKER_FILL} stroke="#fff" stroke-width="2">
          {clusterMarkers(markers).map(({ at: { x, y }, members }) => {
            const single = members.length === 1 ? members[0]! : undefined;
            return (
              <a key={members[0]!.id} href={single ? single.href : clusters.href(members)}>
                <title>{single ? single.label : clusters.label(members)}</title>
                <circle cx={x} cy={y} r={HIT_RADIUS} class="hit" fill="transparent" stroke="none" />
                {single ? (
                  <circle cx={x} cy={y} r={MARKER_RADIUS} class="marker" />
                ) : (
                  <>
                    <circle cx={x} cy={y} r={CLUSTER_RADIUS} class="marker cluster" />
                    <text
                      x={x}
                      y={y}
                      dy="0.35em"
                      text-anchor="middle"
                      class="count"
                      fill="#fff"
                      stroke="none"
                      font-size="15"
                      font-weight="700"
                      aria-hidden="true"
                    >
                      {members.length}
                    </text>
                  </>
                )}
              </a>
            );
          })}
        </g>
      ) : null}
    </svg>
  );
}
