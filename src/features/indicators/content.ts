/**
 * The content of one version of an indicator set: what the identification
 * guide shows, as the coordination office wrote it (ADR 033). Stored as jsonb
 * in `indicator_set_version.content`; this schema checks it on every read and
 * every save, so a page never renders a shape it does not know.
 *
 * Texts are maps per language. German is the source and always present;
 * English is required before a version is published (`publishProblems`);
 * every other offered language is optional, and readers see the German text
 * where one is missing (`localise`), marked as such.
 */
import { z } from 'zod';
import { issueMessage } from '../../platform/http/validation.ts';
import { LOCALES, type Locale } from '../../platform/i18n/index.ts';

/** The languages a text may be given in: the offered ones (German first). */
type ContentLocale = keyof typeof LOCALES;
const CONTENT_LOCALES = Object.keys(LOCALES) as ContentLocale[];

/** A text in German and any of the other offered languages. */
export type LocalText = { de: string } & Partial<Record<Exclude<ContentLocale, 'de'>, string>>;

export const TEXT_LIMITS = { title: 200, text: 300, explanation: 1000, framing: 3000, source: 300 } as const;

/** Stable identifiers: a referral or a link may name an indicator by its key, in every version. */
const KEY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const key = z
  .string()
  .min(1)
  .max(60)
  .refine((s) => KEY_PATTERN.test(s), {
    message: 'must be lower-case letters, digits and hyphens',
    params: issueMessage('indicatorEditor', 'problem.key'),
  });

/** Text without control characters other than line breaks, trimmed, not empty. */
const cleanText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !/(?!\n)\p{Cc}/u.test(s), {
      message: 'contains a control character',
      params: issueMessage('validation', 'controlCharacter'),
    })
    .refine((s) => s.trim() === s, { message: 'must not start or end with spaces' });

function localText(max: number): z.ZodType<LocalText> {
  const shape: Record<string, z.ZodType> = {};
  for (const l of CONTENT_LOCALES) shape[l] = l === 'de' ? cleanText(max) : cleanText(max).optional();
  // The shape is built from the locale list, so its inferred type is the generic record: LocalText names it.
  return z.strictObject(shape) as unknown as z.ZodType<LocalText>;
}

const indicatorSchema = z.strictObject({
  key,
  text: localText(TEXT_LIMITS.text),
  explanation: localText(TEXT_LIMITS.explanation),
  /** A citation ("ILO, Indicators of Forced Labour (2012): deception"); not translated. */
  source: cleanText(TEXT_LIMITS.source),
});

const groupSchema = z.strictObject({
  key,
  title: localText(TEXT_LIMITS.title),
  indicators: z.array(indicatorSchema).min(1).max(40),
});

const MAX_GROUPS = 12;
const duplicate = {
  code: 'custom',
  message: 'duplicate key',
  params: issueMessage('indicatorEditor', 'problem.duplicateKey'),
} as const;

export const indicatorContentSchema = z
  .strictObject({
    /** What the guide says before the indicators: hints, not proof. */
    framing: localText(TEXT_LIMITS.framing),
    groups: z.array(groupSchema).min(1).max(MAX_GROUPS),
  })
  .superRefine((c, ctx) => {
    // Keys are unique across the whole set, so an indicator's key alone names it.
    const groups = new Set<string>();
    const indicators = new Set<string>();
    c.groups.forEach((g, gi) => {
      if (groups.has(g.key)) ctx.addIssue({ ...duplicate, path: ['groups', gi, 'key'] });
      groups.add(g.key);
      g.indicators.forEach((ind, ii) => {
        if (indicators.has(ind.key)) ctx.addIssue({ ...duplicate, path: ['groups', gi, 'indicators', ii, 'key'] });
        indicators.add(ind.key);
      });
    });
  });

export type IndicatorContent = z.infer<typeof indicatorContentSchema>;

/** Parses stored content; content that does not fit is a fault of the data, not of the reader. */
export function parseContent(stored: unknown): IndicatorContent {
  return indicatorContentSchema.parse(stored);
}

/** Where a text sits in the content, for problems and for the diff. */
export type TextPath =
  | { kind: 'framing' }
  | { kind: 'title'; group: string }
  | { kind: 'text' | 'explanation'; group: string; indicator: string };

/** Every translatable text of the content, in reading order. */
export function textsOf(c: IndicatorContent): { path: TextPath; text: LocalText }[] {
  const out: { path: TextPath; text: LocalText }[] = [{ path: { kind: 'framing' }, text: c.framing }];
  for (const g of c.groups) {
    out.push({ path: { kind: 'title', group: g.key }, text: g.title });
    for (const i of g.indicators) {
      out.push({ path: { kind: 'text', group: g.key, indicator: i.key }, text: i.text });
      out.push({ path: { kind: 'explanation', group: g.key, indicator: i.key }, text: i.explanation });
    }
  }
  return out;
}

/** The texts that still lack English: a version is published only when there are none. */
export function publishProblems(c: IndicatorContent): TextPath[] {
  return textsOf(c)
    .filter((t) => !t.text.en)
    .map((t) => t.path);
}

/** A text as a reader gets it: in their language, or in German when it lacks one. */
type ShownText = { text: string; lang: ContentLocale; fellBack: boolean };

type LocalisedIndicator = { key: string; text: ShownText; explanation: ShownText; source: string };
export type LocalisedContent = {
  framing: ShownText;
  groups: { key: string; title: ShownText; indicators: LocalisedIndicator[] }[];
  /** Whether any text is shown in German for want of a translation (the page says so once). */
  anyFallback: boolean;
};

function pick(t: LocalText, locale: Locale): ShownText {
  const own = (t as Partial<Record<string, string>>)[locale];
  if (own) return { text: own, lang: locale as ContentLocale, fellBack: false };
  return { text: t.de, lang: 'de', fellBack: locale !== 'de' };
}

/** The texts of `c` in `locale`, each falling back to German where that language has none. */
export function localise(c: IndicatorContent, locale: Locale): LocalisedContent {
  let anyFallback = false;
  const shown = (t: LocalText) => {
    const s = pick(t, locale);
    anyFallback ||= s.fellBack;
    return s;
  };
  const framing = shown(c.framing);
  const groups = c.groups.map((g) => ({
    key: g.key,
    title: shown(g.title),
    indicators: g.indicators.map((i) => ({
      key: i.key,
      text: shown(i.text),
      explanation: shown(i.explanation),
      source: i.source,
    })),
  }));
  return { framing, groups, anyFallback };
}
