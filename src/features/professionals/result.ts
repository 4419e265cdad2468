/**
 * What the indicator guide answers, computed from the guide as shown and the
 * keys a professional ticked. Pure: nothing here stores, logs or sends
 * anything, and nothing depends on more than its arguments.
 *
 * The answer is never a verdict or a score. Indicators are hints, not proof;
 * what the guide says is worded from how many groups hold a tick and whether
 * a group holds one tick or several ("several indicators of control"), which
 * a professional can check against what they saw. For minors a single
 * indicator is reason enough to act: no coercion or deception needs to be
 * shown (Directive 2011/36/EU, Art. 2(5)).
 */
import type { Locale } from '../../platform/i18n/index.ts';

export type GuideKind = 'adults' | 'minors';
export const GUIDE_KINDS = ['adults', 'minors'] as const satisfies readonly GuideKind[];

/** A text as the reader gets it, and the language it is written in (German where a translation is missing). */
export type Shown = { text: string; lang: Locale };
/** One indicator as the page shows it. The source is a citation, never translated. */
export type IndicatorView = { key: string; text: Shown; explanation: Shown; source: string };
/** A group of indicators ("Control and coercion") with its indicators in the guide's order. */
type GroupView = { key: string; title: Shown; indicators: IndicatorView[] };
/** The published version of one guide, localised. */
export type GuideView = {
  guide: GuideKind;
  /** The published version's id: a referral names the version the indicators came from. */
  versionId: string;
  /** What the guide says before the indicators, as the network wrote it. */
  framing: Shown;
  groups: GroupView[];
};

/** How much one group holds: one indicator, or several. */
type Extent = 'one' | 'several';

/** What the observations suggest, one line each; the view words them. */
export type Suggestion =
  /** Nothing was ticked: that does not rule anything out. */
  | { kind: 'nothing' }
  /** One group holds one or several ticks. */
  | { kind: 'group'; group: string; extent: Extent }
  /** Ticks in two or more groups: signs from different sides of the person's situation. */
  | { kind: 'acrossGroups'; groups: number }
  /** A minor with at least one tick: act now with the Jugendamt and a specialised centre. */
  | { kind: 'minorAct' };

export type Assessment = {
  guide: GuideKind;
  versionId: string;
  /** The ticked indicators, grouped, in the guide's order; groups without a tick are left out. */
  observed: { group: GroupView; indicators: IndicatorView[] }[];
  /** Every group with each indicator and whether it was ticked (the printable checklist). */
  checklist: { group: GroupView; items: { indicator: IndicatorView; ticked: boolean }[] }[];
  /** The ticked keys in the guide's order (what a referral carries, if the professional makes one). */
  keys: string[];
  suggestions: Suggestion[];
};

/** The answer for `ticked` (the form's schema has refused keys the guide does not have). */
export function assess(guide: GuideView, ticked: readonly string[]): Assessment {
  const chosen = new Set(ticked);
  const observed: Assessment['observed'] = [];
  const checklist: Assessment['checklist'] = [];
  const keys: string[] = [];
  for (const group of guide.groups) {
    const items = group.indicators.map((indicator) => ({ indicator, ticked: chosen.has(indicator.key) }));
    checklist.push({ group, items });
    const hits = items.filter((i) => i.ticked).map((i) => i.indicator);
    if (hits.length > 0) observed.push({ group, indicators: hits });
    keys.push(...hits.map((i) => i.key));
  }
  return {
    guide: guide.guide,
    versionId: guide.versionId,
    observed,
    checklist,
    keys,
    suggestions: suggest(guide.guide, observed),
  };
}

function suggest(kind: GuideKind, observed: Assessment['observed']): Suggestion[] {
  if (observed.length === 0) return [{ kind: 'nothing' }];
  const out: Suggestion[] = observed.map(({ group, indicators }) => ({
    kind: 'group',
    group: group.key,
    extent: indicators.length > 1 ? 'several' : 'one',
  }));
  if (observed.length > 1) out.push({ kind: 'acrossGroups', groups: observed.length });
  if (kind === 'minors') out.push({ kind: 'minorAct' });
  return out;
}
