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
 * marker's circle. The focus indicator comes from the stylesheet
 * (`.map a:focus .state`, `.map a:focus .marker`): Chromium draws none of
 * its own on SVG links.
 */
import { useId } from 'preact/hooks';
import { loadMapFile } from './mapData.ts';
import { MAP_VIEWBOX, project } from './projection.ts';
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
};

/** Marker radius in viewBox units (the map is 600 wide): large enough to hit on a phone-sized map. */
const MARKER_RADIUS = 7;

/** Server-rendered SVG map of Germany; see the module comment for what the caller must add. */
export function GermanyMap({
  title,
  description,
  markers,
  highlight,
  stateHref,
  stateLabel = (s) => s.nameDe,
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
      <g fill="#dfe9ec" stroke="#fff" stroke-width="1" stroke-linejoin="round" fill-rule="evenodd">
        {states.map((s) => {
          const current = s.code === highlight;
          const path = <path d={s.d} class={current ? 'state on' : 'state'} fill={current ? '#9cc3cd' : undefined} />;
          return stateHref ? (
            <a key={s.code} href={stateHref(s)}>
              <title>{stateLabel(s)}</title>
              {path}
            </a>
          ) : (
            path
          );
        })}
      </g>
      {markers.length > 0 ? (
        <g fill="#b3261e" stroke="#fff" stroke-width="1.5">
          {markers
            .filter((m) => Number.isFinite(m.lat) && Number.isFinite(m.lon))
            .map((m) => {
              const { x, y } = project(m.lat, m.lon);
              return (
                <a key={m.id} href={m.href}>
                  <title>{m.label}</title>
                  <circle cx={x} cy={y} r={MARKER_RADIUS} class="marker" />
                </a>
              );
            })}
        </g>
      ) : null}
    </svg>
  );
}
