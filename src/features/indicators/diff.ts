/**
 * What a draft changes against the published version: each text, source and
 * indicator that differs, so the reviewer reads the changes rather than the
 * whole set again.
 */
import type { IndicatorContent, LocalText } from './content.ts';

export type Change =
  | { kind: 'framing'; before: LocalText; after: LocalText }
  | { kind: 'title'; group: string; before: LocalText | null; after: LocalText | null }
  | {
      kind: 'indicator';
      group: string;
      indicator: string;
      /** Which parts differ ('added' and 'removed': the whole indicator). */
      parts: readonly ('text' | 'explanation' | 'source' | 'added' | 'removed' | 'moved')[];
      before: { text: LocalText; explanation: LocalText; source: string } | null;
      after: { text: LocalText; explanation: LocalText; source: string } | null;
    };

const same = (a: LocalText, b: LocalText) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const sorted = (t: LocalText) => Object.fromEntries(Object.entries(t).sort(([a], [b]) => a.localeCompare(b)));

/** The changes from `before` to `after`, in the reading order of `after` (removed ones where they stood). */
export function diffContent(before: IndicatorContent, after: IndicatorContent): Change[] {
  const out: Change[] = [];
  if (!same(before.framing, after.framing)) out.push({ kind: 'framing', before: before.framing, after: after.framing });
  const oldGroups = new Map(before.groups.map((g) => [g.key, g]));
  const oldIndicators = new Map(
    before.groups.flatMap((g) => g.indicators.map((i) => [i.key, { group: g.key, indicator: i }] as const)),
  );
  const seen = new Set<string>();
  for (const g of after.groups) {
    const old = oldGroups.get(g.key);
    if (!old || !same(old.title, g.title))
      out.push({ kind: 'title', group: g.key, before: old?.title ?? null, after: g.title });
    for (const i of g.indicators) {
      seen.add(i.key);
      const was = oldIndicators.get(i.key);
      const now = { text: i.text, explanation: i.explanation, source: i.source };
      if (!was) {
        out.push({ kind: 'indicator', group: g.key, indicator: i.key, parts: ['added'], before: null, after: now });
        continue;
      }
      const parts: ('text' | 'explanation' | 'source' | 'moved')[] = [];
      if (!same(was.indicator.text, i.text)) parts.push('text');
      if (!same(was.indicator.explanation, i.explanation)) parts.push('explanation');
      if (was.indicator.source !== i.source) parts.push('source');
      if (was.group !== g.key) parts.push('moved');
      if (parts.length)
        out.push({
          kind: 'indicator',
          group: g.key,
          indicator: i.key,
          parts,
          before: { text: was.indicator.text, explanation: was.indicator.explanation, source: was.indicator.source },
          after: now,
        });
    }
  }
  for (const [key, was] of oldIndicators)
    if (!seen.has(key))
      out.push({
        kind: 'indicator',
        group: was.group,
        indicator: key,
        parts: ['removed'],
        before: { text: was.indicator.text, explanation: was.indicator.explanation, source: was.indicator.source },
        after: null,
      });
  for (const g of before.groups)
    if (!after.groups.some((x) => x.key === g.key))
      out.push({ kind: 'title', group: g.key, before: g.title, after: null });
  return out;
}
