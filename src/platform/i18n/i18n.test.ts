import { describe, expect, it } from 'vitest';
import { registerMessages } from '../../app.ts';
import { formatDay } from '../time/dates.ts';
import { bidiIsolate, LOCALES, formatList, negotiateLocale, translator } from './index.ts';

registerMessages();

describe('negotiateLocale', () => {
  it('honours quality values and falls back to German', () => {
    expect(negotiateLocale('en-GB,en;q=0.9,de;q=0.8')).toBe('en');
    expect(negotiateLocale('fr-FR,de;q=0.5,en;q=0.7')).toBe('fr');
    expect(negotiateLocale('nl-NL,de;q=0.5,en;q=0.7')).toBe('en');
    expect(negotiateLocale('xx,yy;q=0.9')).toBe('de');
    expect(negotiateLocale(undefined)).toBe('de');
    expect(negotiateLocale('garbage;;;q=x,,')).toBe('de');
  });

  it('finds each of the fourteen languages by its first subtag or an alias', () => {
    expect(negotiateLocale('ar-SY,ar;q=0.9')).toBe('ar');
    expect(negotiateLocale('fa-AF')).toBe('fa');
    expect(negotiateLocale('fa-IR,en;q=0.5')).toBe('fa');
    expect(negotiateLocale('prs')).toBe('fa');
    expect(negotiateLocale('prs-AF,de;q=0.8')).toBe('fa');
    expect(negotiateLocale('zh-CN,zh;q=0.9')).toBe('zh');
    expect(negotiateLocale('zh-Hans')).toBe('zh');
    expect(negotiateLocale('zh-Hans-CN')).toBe('zh');
    expect(negotiateLocale('ti-ER')).toBe('ti');
    expect(negotiateLocale('uk-UA,ru;q=0.8')).toBe('uk');
    expect(negotiateLocale('ru-RU')).toBe('ru');
    expect(negotiateLocale('ro-MD')).toBe('ro');
    expect(negotiateLocale('mo')).toBe('ro');
    expect(negotiateLocale('bg')).toBe('bg');
    expect(negotiateLocale('hu-HU')).toBe('hu');
    expect(negotiateLocale('vi-VN')).toBe('vi');
    expect(negotiateLocale('tr-TR')).toBe('tr');
    expect(negotiateLocale('fr-CA,fr;q=0.9')).toBe('fr');
    // An unknown first choice does not win over a known second one; an alias is not a prototype key.
    expect(negotiateLocale('tig,ti;q=0.8')).toBe('ti');
    expect(negotiateLocale('constructor,toString;q=0.5')).toBe('de');
  });

  it('names every language in itself, with its direction and html lang', () => {
    expect(Object.keys(LOCALES)).toHaveLength(14);
    expect(LOCALES.ar).toMatchObject({ dir: 'rtl', htmlLang: 'ar', name: 'العربية' });
    expect(LOCALES.fa).toMatchObject({ dir: 'rtl', htmlLang: 'fa' });
    expect(LOCALES.zh).toMatchObject({ dir: 'ltr', htmlLang: 'zh-Hans' });
    for (const [code, info] of Object.entries(LOCALES)) {
      if (code !== 'ar' && code !== 'fa') expect(info.dir, code).toBe('ltr');
      expect(info.complete, code).toBe(code === 'de' || code === 'en' ? 'all' : 'public');
    }
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

describe('right to left and dates', () => {
  it('isolates a value in a sentence on right-to-left pages only', () => {
    expect(bidiIsolate('ar', '04109 Leipzig')).toBe('\u206804109 Leipzig\u2069');
    expect(bidiIsolate('fa', '9–17')).toBe('\u20689–17\u2069');
    expect(bidiIsolate('de', '04109 Leipzig')).toBe('04109 Leipzig');
  });

  it('gives Dari/Farsi Gregorian dates (the month names both read), in the Latin digits of the rest of the page', () => {
    const day = formatDay('2026-12-07', 'fa');
    expect(day).toContain('دسامبر');
    expect(day).toContain('2026');
    expect(day).not.toMatch(/[۰-۹]/);
    expect(formatDay('2026-12-07', 'de')).toBe('7. Dezember 2026');
  });
});

describe('formatList', () => {
  it('joins a list as the reader’s language does, not always with a Latin comma', () => {
    expect(formatList(['Arabisch', 'Englisch', 'Farsi'], 'de')).toBe('Arabisch, Englisch und Farsi');
    expect(formatList(['Arabic', 'English'], 'en')).toBe('Arabic and English');
    expect(formatList(['أ', 'ب', 'ج'], 'ar')).toBe('أ وب وج');
    expect(formatList(['a', 'b', 'c'], 'fa')).toContain('،');
    expect(formatList(['甲', '乙', '丙'], 'zh')).toContain('、');
    expect(formatList(['one'], 'de')).toBe('one');
  });
});
