/** The content schema and the German fallback, without a database. */
import { describe, expect, it } from 'vitest';
import { indicatorContentSchema, localise, publishProblems, type IndicatorContent } from './content.ts';

const content = (): IndicatorContent => ({
  framing: { de: 'Hinweise, keine Beweise.', en: 'Hints, not proof.' },
  groups: [
    {
      key: 'control-coercion',
      title: { de: 'Kontrolle', en: 'Control', fr: 'Contrôle' },
      indicators: [
        {
          key: 'documents-withheld',
          text: { de: 'Papiere bei anderen', en: 'Documents held by others', fr: 'Papiers retenus' },
          explanation: { de: 'Der Pass liegt beim Arbeitgeber.', en: 'The employer has the passport.' },
          source: 'ILO, Indicators of Forced Labour (2012): retention of identity documents',
        },
      ],
    },
  ],
});

describe('indicatorContentSchema', () => {
  it('accepts German-only texts but refuses a missing German one, unknown languages and fields', () => {
    expect(indicatorContentSchema.safeParse(content()).success).toBe(true);
    const noGerman = content() as unknown as { framing: Record<string, string> };
    delete noGerman.framing.de;
    expect(indicatorContentSchema.safeParse(noGerman).success).toBe(false);
    const unknownLanguage = content();
    (unknownLanguage.framing as Record<string, string>).xx = 'x';
    expect(indicatorContentSchema.safeParse(unknownLanguage).success).toBe(false);
    expect(indicatorContentSchema.safeParse({ ...content(), ticks: 3 }).success).toBe(false);
  });

  it('refuses keys that are not slugs or appear twice, empty groups and untrimmed texts', () => {
    const bad = (change: (c: IndicatorContent) => void) => {
      const c = content();
      change(c);
      return indicatorContentSchema.safeParse(c).success;
    };
    expect(bad((c) => (c.groups[0]!.indicators[0]!.key = 'Documents withheld'))).toBe(false);
    expect(bad((c) => c.groups[0]!.indicators.push(structuredClone(c.groups[0]!.indicators[0]!)))).toBe(false);
    expect(bad((c) => c.groups.push({ ...structuredClone(c.groups[0]!), indicators: [] }))).toBe(false);
    expect(bad((c) => (c.groups[0]!.title.de = ' Kontrolle'))).toBe(false);
    expect(bad((c) => (c.groups[0]!.title.en = ''))).toBe(false);
  });
});

describe('publishProblems', () => {
  it('names every text without English', () => {
    expect(publishProblems(content())).toEqual([]);
    const c = content();
    delete c.groups[0]!.indicators[0]!.explanation.en;
    expect(publishProblems(c)).toEqual([
      { kind: 'explanation', group: 'control-coercion', indicator: 'documents-withheld' },
    ]);
  });
});

describe('localise', () => {
  it('shows a language where it has the text and German, marked, where it has not', () => {
    const fr = localise(content(), 'fr');
    expect(fr.groups[0]!.title).toEqual({ text: 'Contrôle', lang: 'fr', fellBack: false });
    expect(fr.groups[0]!.indicators[0]!.explanation).toEqual({
      text: 'Der Pass liegt beim Arbeitgeber.',
      lang: 'de',
      fellBack: true,
    });
    expect(fr.anyFallback).toBe(true);
    const de = localise(content(), 'de');
    expect(de.anyFallback).toBe(false);
    expect(de.framing).toEqual({ text: 'Hinweise, keine Beweise.', lang: 'de', fellBack: false });
  });
});
