/**
 * The office's forms. The draft form names its fields after the stable keys
 * of groups and indicators (`text_de.documents-withheld`), so it works
 * without JavaScript and a field keeps its meaning when indicators are
 * added or removed. Two steps, like every form: the shape (known fields
 * only, bounded: a forged request is a 400), then the content rules
 * (content.ts), each problem shown next to its field.
 */
import { z } from 'zod';
import { csrfField } from '../../platform/auth/csrf.ts';
import { issueMeaning, issueMessage, type IssueMeaning } from '../../platform/http/validation.ts';
import { indicatorContentSchema, type IndicatorContent, type LocalText } from './content.ts';

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const FIELD_NAME = new RegExp(
  `^(?:framing_(?:de|en)|title_(?:de|en)\\.${SLUG}|(?:text_(?:de|en)|explanation_(?:de|en)|source|remove)\\.${SLUG}|new_(?:key|text_de|text_en|explanation_de|explanation_en|source)\\.${SLUG})$`,
);
const MAX_FIELDS = 1000;

/** Any draft form's shape, before the draft is loaded: field names of the known patterns, bounded values. */
export const draftFormShape = z
  .record(z.union([z.literal('_csrf'), z.string().max(120).regex(FIELD_NAME)]), z.string().max(5000))
  .refine((f) => Object.keys(f).length <= MAX_FIELDS, { message: `at most ${MAX_FIELDS} fields` });

/** The fields the form for `c` has, in page order (the error summary lists them so). */
function draftFields(c: IndicatorContent): string[] {
  const out = ['framing_de', 'framing_en'];
  for (const g of c.groups) {
    out.push(`title_de.${g.key}`, `title_en.${g.key}`);
    for (const i of g.indicators)
      out.push(
        `text_de.${i.key}`,
        `text_en.${i.key}`,
        `explanation_de.${i.key}`,
        `explanation_en.${i.key}`,
        `source.${i.key}`,
        `remove.${i.key}`,
      );
    for (const f of NEW_FIELDS) out.push(`${f}.${g.key}`);
  }
  return out;
}
const NEW_FIELDS = ['new_key', 'new_text_de', 'new_text_en', 'new_explanation_de', 'new_explanation_en', 'new_source'];

/** The exact shape of the form for `c`: a field of another draft (or none) is a 400. */
export function exactDraftForm(c: IndicatorContent) {
  return z.strictObject({
    ...csrfField,
    ...Object.fromEntries(draftFields(c).map((f) => [f, z.string().max(5000).optional()])),
  });
}

/** The form's values for `c` as stored (what the page shows before any change). */
export function valuesOf(c: IndicatorContent): Record<string, string> {
  const v: Record<string, string> = { framing_de: c.framing.de, framing_en: c.framing.en ?? '' };
  for (const g of c.groups) {
    v[`title_de.${g.key}`] = g.title.de;
    v[`title_en.${g.key}`] = g.title.en ?? '';
    for (const i of g.indicators) {
      v[`text_de.${i.key}`] = i.text.de;
      v[`text_en.${i.key}`] = i.text.en ?? '';
      v[`explanation_de.${i.key}`] = i.explanation.de;
      v[`explanation_en.${i.key}`] = i.explanation.en ?? '';
      v[`source.${i.key}`] = i.source;
    }
  }
  return v;
}

/** A typed value: line breaks as the browser sends them become \n, spaces around are dropped. */
const typed = (s: string | undefined) => (s ?? '').replace(/\r\n?/g, '\n').trim();

/**
 * German and English from the form; the other languages as they were. An
 * empty English field removes the English text (publishing then waits for
 * it); an empty German one is left empty for the rules to refuse.
 */
function withTexts(old: LocalText, de: string, en: string): LocalText {
  const { en: _oldEn, ...rest } = old;
  return en ? { ...rest, de, en } : { ...rest, de };
}

export type DraftResult = { ok: true; content: IndicatorContent } | { ok: false; problems: Map<string, Problem[]> };
/** A problem of one field, explained in the reader's language by the route. */
type Problem = { meaning: IssueMeaning | null; message: string };

/**
 * The content the form makes of the draft `c`: texts replaced, indicators
 * marked for removal left out, a filled-in new indicator appended to its
 * group. Problems come back by field name.
 */
export function contentFromForm(c: IndicatorContent, form: Record<string, string | undefined>): DraftResult {
  const problems = new Map<string, Problem[]>();
  const add = (field: string, p: Problem) => problems.set(field, [...(problems.get(field) ?? []), p]);
  const custom = (field: string, message: string, params: { message: string }) =>
    add(field, { message, meaning: { ref: params.message, values: {} } });
  // Which field each position of the candidate came from, to put a rule's problem next to it.
  const fieldAt = new Map<string, string>();
  const at = (path: readonly PropertyKey[]) => path.map(String).join('/');

  const candidate: IndicatorContent = {
    framing: withTexts(c.framing, typed(form.framing_de), typed(form.framing_en)),
    groups: [],
  };
  fieldAt.set(at(['framing', 'de']), 'framing_de');
  fieldAt.set(at(['framing', 'en']), 'framing_en');
  c.groups.forEach((g, gi) => {
    const kept = g.indicators.filter((i) => form[`remove.${i.key}`] !== 'on');
    if (kept.length === 0 && !typed(form[`new_key.${g.key}`])) {
      custom(
        `remove.${g.indicators[0]!.key}`,
        'a group needs at least one indicator',
        issueMessage('indicatorEditor', 'problem.lastIndicator'),
      );
    }
    const indicators = kept.map((i, ii) => {
      for (const [part, lang] of [
        ['text', 'de'],
        ['text', 'en'],
        ['explanation', 'de'],
        ['explanation', 'en'],
      ] as const)
        fieldAt.set(at(['groups', gi, 'indicators', ii, part, lang]), `${part}_${lang}.${i.key}`);
      fieldAt.set(at(['groups', gi, 'indicators', ii, 'source']), `source.${i.key}`);
      return {
        key: i.key,
        text: withTexts(i.text, typed(form[`text_de.${i.key}`]), typed(form[`text_en.${i.key}`])),
        explanation: withTexts(
          i.explanation,
          typed(form[`explanation_de.${i.key}`]),
          typed(form[`explanation_en.${i.key}`]),
        ),
        source: typed(form[`source.${i.key}`]),
      };
    });
    const fresh = Object.fromEntries(NEW_FIELDS.map((f) => [f, typed(form[`${f}.${g.key}`])]));
    if (Object.values(fresh).some((v) => v !== '')) {
      const ii = indicators.length;
      fieldAt.set(at(['groups', gi, 'indicators', ii, 'key']), `new_key.${g.key}`);
      for (const [part, lang] of [
        ['text', 'de'],
        ['text', 'en'],
        ['explanation', 'de'],
        ['explanation', 'en'],
      ] as const)
        fieldAt.set(at(['groups', gi, 'indicators', ii, part, lang]), `new_${part}_${lang}.${g.key}`);
      fieldAt.set(at(['groups', gi, 'indicators', ii, 'source']), `new_source.${g.key}`);
      const text = (de: string, en: string): LocalText => (en ? { de, en } : { de });
      indicators.push({
        key: fresh.new_key!,
        text: text(fresh.new_text_de!, fresh.new_text_en!),
        explanation: text(fresh.new_explanation_de!, fresh.new_explanation_en!),
        source: fresh.new_source!,
      });
    }
    fieldAt.set(at(['groups', gi, 'title', 'de']), `title_de.${g.key}`);
    fieldAt.set(at(['groups', gi, 'title', 'en']), `title_en.${g.key}`);
    candidate.groups.push({
      key: g.key,
      title: withTexts(g.title, typed(form[`title_de.${g.key}`]), typed(form[`title_en.${g.key}`])),
      indicators,
    });
  });

  const r = indicatorContentSchema.safeParse(candidate, { reportInput: true });
  if (!r.success)
    for (const issue of r.error.issues) {
      // An issue about a whole indicator or group sits at the first field found above it.
      let field: string | undefined;
      for (let n = issue.path.length; n >= 0 && !field; n--) {
        const prefix = at(issue.path.slice(0, n));
        field = fieldAt.get(prefix) ?? [...fieldAt].find(([k]) => k.startsWith(`${prefix}/`))?.[1];
      }
      add(field ?? '', { message: issue.message, meaning: issueMeaning(issue) });
    }
  if (problems.size > 0) return { ok: false, problems };
  return { ok: true, content: r.data! };
}

/** The form that starts a new version: which guide. */
export const createDraftForm = z.strictObject({ ...csrfField, guide: z.enum(['adults', 'minors']) });

/** The step forms carry nothing but the CSRF token. */
export const stepForm = z.strictObject({ ...csrfField });
