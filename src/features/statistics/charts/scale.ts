/**
 * The value axis of a trend chart: a round top value and evenly spaced
 * ticks, so the grid lines fall on numbers people read at a glance
 * (0, 50, 100, 150 rather than 0, 47, 94, 141).
 */

/** The smallest "nice" number (1, 2 or 5 times a power of ten) at or above `x`: whole for counts. */
function niceStep(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * power >= x) return m * power;
  return 10 * power;
}

/**
 * Ticks from 0 to a round maximum at or above `max`, about `count`
 * intervals. Counts are whole numbers, so a step is never below 1; an empty
 * chart still gets an axis from 0 to `count`.
 */
export function valueTicks(max: number, count = 4): number[] {
  const step = Math.max(1, niceStep(Math.max(max, 1) / count));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return ticks;
}
