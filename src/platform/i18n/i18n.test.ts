import { describe, expect, it } from 'vitest';
import { registerMessages } from '../../app.ts';
import { LOCALES, formatList, negotiateLocale, translator, type Locale } from './index.ts';

registerMessages();

describe('negotiateLocale', () => {
  it('honours quality values and falls back to German', () => {
    expect(negotiateLocale('en-GB,en;q=0.9,de;q=0.8')).toBe('en');
    expect(negotiateLocale('fr-FR,de;q=0.5,en;q=0.7')).toBe('en');
    expect(negotiateLocale('ar,fa;q=0.9')).toBe('de');
    expect(negotiateLocale(undefined)).toBe('de');
    expect(negotiateLocale('garbage;;;q=x,,')).toBe('de');
  });
});

describe('translations', () => {
  it('pluralises through i18next', () => {
    const t = translator('en', 'finder');
    expect(t('results.count', { count: 1 })).toBe('1 counselling centre found.');
    expect(t('results.count', { count: 3 })).toBe('3 counselling centres found.');
    expect(translator('de', 'finder')('results.count', { count: 1 })).toBe('1 Beratungsstelle gefunden.');
  });

  it('every locale declares its writing direction', () => {
    for (const info of Object.values(LOCALES)) expect(['ltr', 'rtl']).toContain(info.dir);
  });
});

describe('formatList', () => {
  it('joins a list as the reader’s language does, not always with a Latin comma', () => {
    expect(formatList(['Arabisch', 'Englisch', 'Farsi'], 'de')).toBe('Arabisch, Englisch und Farsi');
    expect(formatList(['Arabic', 'English'], 'en')).toBe('Arabic and English');
    expect(formatList(['أ', 'ب', 'ج'], 'ar' as Locale)).toBe('أ وب وج');
    expect(formatList(['a', 'b', 'c'], 'fa' as Locale)).toContain('،');
    expect(formatList(['甲', '乙', '丙'], 'zh' as Locale)).toContain('、');
    expect(formatList(['one'], 'de')).toBe('one');
  });
});
