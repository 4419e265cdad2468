/**
 * Trend charts drawn on the server as inline SVG, with the same numbers in
 * a data table beside each (the table is the accessible, printable and
 * copyable form; the chart is its picture).
 *
 * - No script, no inline style attribute (the CSP has no 'unsafe-inline'
 *   for styles): geometry and colours are presentation attributes, the
 *   stylesheet only places the figure (`.trend` in app.css).
 * - Each chart is one image for assistive technology: `role="img"`, named
 *   by its `<title>` and described by its `<desc>` (what it shows, the
 *   years, the highest value, where values are kept secret); the text
 *   inside the picture is hidden from them, the table beside says it all.
 * - A value kept secret (suppressed) is never drawn as a bar or a point:
 *   a stacked bar with a secret part is not drawn at all (a partial bar
 *   would look like a small value) and the suppression marker stands at its
 *   place; a line breaks there. The table shows the marker in that cell.
 * - Colours: dark enough for 3:1 against white (WCAG 1.4.11), told apart
 *   by shape too (lines have a different point symbol per series).
 * - Years run left to right in every language (like a map, a chart is not
 *   mirrored on right-to-left pages).
 */
import { useId } from 'preact/hooks';
import { TableScroll } from '../../../platform/layout/TableScroll.tsx';
import { valueTicks } from './scale.ts';

/** One series: a value per year of the chart (null: kept secret). */
type TrendSeries = { key: string; label: string; values: readonly (number | null)[] };

export type TrendModel = {
  title: string;
  /** What the chart shows, in words, for its `<desc>` (the figures themselves are in the table). */
  description: string;
  years: readonly number[];
  /** 'stacked': one bar per year, the series stacked; 'lines': one line per series. */
  kind: 'stacked' | 'lines';
  series: readonly TrendSeries[];
  /** A short text above each year's bar (e.g. a share), null where there is none; stacked charts only. */
  notes?: readonly (string | null)[];
  /** The symbol of a value kept secret. */
  marker: string;
  /** Numbers as the reader writes them. */
  format: (n: number) => string;
};

/** Extra columns of the data table (e.g. the share), one text per year; null shows the marker. */
export type TrendColumn = { label: string; values: readonly (string | null)[] };

/** Colours with at least 3:1 contrast to white, in order of use. */
const SERIES_COLOURS = ['#0b5f73', '#b34700', '#2b3f8c', '#1d7a3e', '#8e2c6e', '#5a5a5a', '#a3361a', '#005a9c'];

const W = 440;
const H = 280;
const M = { left: 52, right: 12, top: 30, bottom: 36 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const TEXT = '#1b1b1b';
const GRID = '#c8c8c8';

const colour = (i: number) => SERIES_COLOURS[i % SERIES_COLOURS.length]!;

/** The highest value the chart must reach: stacked bars add up their (fully known) parts. */
function maxValue(model: TrendModel): number {
  if (model.kind === 'stacked') {
    return Math.max(0, ...model.years.map((_, i) => stackOf(model, i) ?? 0));
  }
  return Math.max(0, ...model.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
}

/** The year's stacked total, or null when any part is kept secret. */
function stackOf(model: TrendModel, i: number): number | null {
  let total = 0;
  for (const s of model.series) {
    const v = s.values[i];
    if (v === null || v === undefined) return null;
    total += v;
  }
  return total;
}

/** A point symbol per series, so lines are told apart without colour. */
function PointSymbol({
  shape,
  x,
  y,
  fill,
  attrs,
}: {
  shape: number;
  x: number;
  y: number;
  fill: string;
  attrs: object;
}) {
  const r = 4.5;
  switch (shape % 4) {
    case 0:
      return <circle cx={x} cy={y} r={r} fill={fill} {...attrs} />;
    case 1:
      return <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={fill} {...attrs} />;
    case 2:
      return <path d={`M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z`} fill={fill} {...attrs} />;
    default:
      return (
        <path d={`M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z`} fill={fill} {...attrs} />
      );
  }
}

const fix = (n: number) => Math.round(n * 100) / 100;

/** The chart alone: an SVG image with its title and description. */
export function TrendChart({ model }: { model: TrendModel }) {
  const id = useId();
  const titleId = `${id}-t`;
  const descId = `${id}-d`;
  const ticks = valueTicks(maxValue(model));
  const top = ticks[ticks.length - 1]!;
  const y = (v: number) => fix(M.top + PLOT_H - (v / top) * PLOT_H);
  const band = PLOT_W / Math.max(1, model.years.length);
  const xMid = (i: number) => fix(M.left + band * i + band / 2);
  const barW = fix(Math.min(48, band * 0.6));
  const baseline = y(0);
  const yearStep = Math.ceil(model.years.length / 10);
  return (
    <svg
      class="trend-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      font-family="system-ui, sans-serif"
    >
      <title id={titleId}>{model.title}</title>
      <desc id={descId}>{model.description}</desc>
      <g class="trend-grid" stroke={GRID} stroke-width="1">
        {ticks.map((t) => (
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
        ))}
      </g>
      <g class="trend-axis" fill={TEXT} font-size="13" aria-hidden="true">
        {ticks.map((t) => (
          <text x={M.left - 6} y={y(t)} dy="0.35em" text-anchor="end">
            {model.format(t)}
          </text>
        ))}
        {model.years.map((year, i) =>
          // More than ten years: every other label, so they never overlap.
          i % yearStep === 0 ? (
            <text x={xMid(i)} y={H - M.bottom + 20} text-anchor="middle">
              {String(year)}
            </text>
          ) : null,
        )}
      </g>
      <line
        class="trend-baseline"
        x1={M.left}
        x2={W - M.right}
        y1={baseline}
        y2={baseline}
        stroke={TEXT}
        stroke-width="1.5"
      />
      {model.kind === 'stacked' ? (
        <Stacks model={model} y={y} xMid={xMid} barW={barW} />
      ) : (
        <Lines model={model} y={y} xMid={xMid} />
      )}
    </svg>
  );
}

type Geometry = { model: TrendModel; y: (v: number) => number; xMid: (i: number) => number };

function Stacks({ model, y, xMid, barW }: Geometry & { barW: number }) {
  return (
    <g class="trend-bars" aria-hidden="true">
      {model.years.map((year, i) => {
        const total = stackOf(model, i);
        const x = fix(xMid(i) - barW / 2);
        if (total === null) {
          return (
            <text
              class="trend-secret"
              x={xMid(i)}
              y={y(0) - 6}
              text-anchor="middle"
              font-size="13"
              fill={TEXT}
              data-year={year}
            >
              {model.marker}
            </text>
          );
        }
        let below = 0;
        const note = model.notes?.[i] ?? null;
        return (
          <g data-year={year}>
            {model.series.map((s, k) => {
              const v = s.values[i] ?? 0;
              const rect = (
                <rect
                  x={x}
                  y={y(below + v)}
                  width={barW}
                  height={fix(y(below) - y(below + v))}
                  fill={colour(k)}
                  stroke="#fff"
                  stroke-width="1"
                  data-series={s.key}
                  data-value={v}
                />
              );
              below += v;
              return rect;
            })}
            {note !== null ? (
              <text x={xMid(i)} y={y(total) - 6} text-anchor="middle" font-size="13" fill={TEXT}>
                {note}
              </text>
            ) : null}
          </g>
        );
      })}
    </g>
  );
}

function Lines({ model, y, xMid }: Geometry) {
  return (
    <g class="trend-lines" aria-hidden="true">
      {model.series.map((s, k) => {
        // A secret value breaks the line: each run of known values is its own segment.
        let d = '';
        let drawing = false;
        s.values.forEach((v, i) => {
          if (v === null) {
            drawing = false;
            return;
          }
          d += `${drawing ? 'L' : 'M'}${xMid(i)} ${y(v)}`;
          drawing = true;
        });
        return (
          <g data-series={s.key}>
            {d ? <path d={d} fill="none" stroke={colour(k)} stroke-width="2.5" stroke-linejoin="round" /> : null}
            {s.values.map((v, i) =>
              v === null ? null : (
                <PointSymbol
                  shape={k}
                  x={xMid(i)}
                  y={y(v)}
                  fill={colour(k)}
                  attrs={{ 'data-year': model.years[i], 'data-value': v }}
                />
              ),
            )}
          </g>
        );
      })}
    </g>
  );
}

/** The legend under a chart: one swatch per series, in the chart's colours (hidden from assistive technology: the table names the series). */
function Legend({ model }: { model: TrendModel }) {
  if (model.series.length < 2) return null;
  return (
    <ul class="trend-legend" aria-hidden="true">
      {model.series.map((s, k) => (
        <li>
          <svg viewBox="0 0 14 14" width="14" height="14" focusable="false">
            {model.kind === 'lines' ? (
              <PointSymbol shape={k} x={7} y={7} fill={colour(k)} attrs={{}} />
            ) : (
              <rect x="0" y="0" width="14" height="14" fill={colour(k)} />
            )}
          </svg>{' '}
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** The chart's numbers as a table: a row per year, a column per series, then the extra columns. */
function TrendTable({
  model,
  yearHeader,
  columns = [],
}: {
  model: TrendModel;
  yearHeader: string;
  columns?: readonly TrendColumn[];
}) {
  const cell = (text: string | null) =>
    text === null ? <td class="num secret">{model.marker}</td> : <td class="num">{text}</td>;
  return (
    <TableScroll label={model.title}>
      <table class="trend-table">
        <caption>{model.title}</caption>
        <thead>
          <tr>
            <th scope="col">{yearHeader}</th>
            {model.series.map((s) => (
              <th scope="col">{s.label}</th>
            ))}
            {columns.map((c) => (
              <th scope="col">{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.years.map((year, i) => (
            <tr>
              <th scope="row">{String(year)}</th>
              {model.series.map((s) => {
                const v = s.values[i];
                return cell(v === null || v === undefined ? null : model.format(v));
              })}
              {columns.map((c) => cell(c.values[i] ?? null))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * A chart with its legend and, beside it (below it on a narrow screen),
 * its data table: one figure, captioned by its heading.
 */
export function TrendFigure({
  model,
  heading,
  yearHeader,
  columns,
  note,
}: {
  model: TrendModel;
  /** The heading that names the figure (h2 or h3 text). */
  heading: { level: 2 | 3; text: string; id: string };
  yearHeader: string;
  columns?: readonly TrendColumn[];
  /** A sentence under the heading: what counts. */
  note?: string | undefined;
}) {
  const Heading = heading.level === 2 ? 'h2' : 'h3';
  return (
    <figure class="trend" aria-labelledby={heading.id}>
      <figcaption>
        <Heading id={heading.id}>{heading.text}</Heading>
        {note ? <p class="trend-note">{note}</p> : null}
      </figcaption>
      <div class="trend-body">
        <div class="trend-picture">
          <TrendChart model={model} />
          <Legend model={model} />
        </div>
        <TrendTable model={model} yearHeader={yearHeader} columns={columns ?? []} />
      </div>
    </figure>
  );
}
