import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { registerMessages } from '../../app.ts';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/layout/context.ts';
import { telHref } from './ContactBlock.tsx';
import { resolvePagesOptions, type PagesOptions } from './options.ts';
import { Rich } from './Prose.tsx';
import { AccessibilityPage, formatDate, PrivacyPage } from './views.tsx';

registerMessages();

function ctx(locale: Locale): PageContext {
  return {
    locale,
    locales: ['de', 'en'],
    pathInLocale: '/privacy',
    demo: false,
    assets: { url: (n) => `/assets/${n}`, all: () => new Map() },
    quickExitUrl: 'https://neutral.example.net/weather',
    t: translator(locale, 'layout'),
    staff: null,
    helplines: [],
    officeContact: null,
  };
}

const rich = (text: string, locale: Locale = 'de') => renderToString(<Rich text={text} locale={locale} />);

describe('inline markup', () => {
  it('links to pages of this site in the current language', () => {
    expect(rich('Siehe [Datenschutz](privacy).')).toBe('Siehe <a href="/de/privacy">Datenschutz</a>.');
    expect(rich('See [privacy](privacy)', 'en')).toBe('See <a href="/en/privacy">privacy</a>');
    expect(rich('[API](/api/hsds/)')).toBe('<a href="/api/hsds/">API</a>');
    expect(rich('[110](tel:110)')).toBe('<a href="tel:110">110</a>');
  });

  it('sends no referrer to other sites and never links anything else', () => {
    expect(rich('[X](https://example.org/a)')).toBe('<a href="https://example.org/a" rel="noreferrer">X</a>');
    expect(rich('[X](http://example.org/)')).toBe('X');
    expect(rich('[X](javascript:alert(1))')).not.toContain('<a');
  });

  it('emphasises and escapes', () => {
    expect(rich('a **b** c')).toBe('a <strong>b</strong> c');
    expect(rich('<script>')).toBe('&lt;script>');
  });
});

describe('options', () => {
  it('defaults to no contact details and the release date', () => {
    const o = resolvePagesOptions();
    expect(o.accessibilityContact).toEqual({});
    expect(o.operator).toEqual({});
    expect(o.accessibilityStatementDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('rejects bad values at start-up', () => {
    const bad: PagesOptions[] = [
      { accessibilityContact: { email: 'not-an-address' } },
      { accessibilityContact: { url: 'http://insecure.example.org/' } },
      { operator: { phone: 'call me maybe' } },
      { accessibilityStatementDate: '28.11.2026' },
    ];
    for (const b of bad) expect(() => resolvePagesOptions(b)).toThrow();
  });

  it('keeps only digits and a leading + in tel: links', () => {
    expect(telHref('+49 (30) 123-45/6')).toBe('tel:+4930123456');
    expect(telHref('030 1234')).toBe('tel:0301234');
  });

  it('formats dates in the page language without shifting the day', () => {
    expect(formatDate('2026-01-01', 'de')).toBe('1. Januar 2026');
    expect(formatDate('2026-01-01', 'en')).toBe('1 January 2026');
  });
});

describe('configured contact details', () => {
  const options = resolvePagesOptions({
    accessibilityContact: {
      name: 'Koordinierungsstelle Musternetz e.V.',
      email: 'barrierefrei@example.org',
      phone: '+49 30 1234567',
      url: 'https://example.org/kontakt',
      postalAddress: ['Beispielweg 1', '10117 Berlin'],
    },
    operator: {
      name: 'Musternetz e.V.',
      email: 'datenschutz@example.org',
      dataProtectionOfficer: 'Datenschutz GmbH, dsb@example.org',
      logRetention: '7 Tage',
      hosting: 'Der Hosting-Anbieter speichert keine Protokolle.',
    },
    accessibilityStatementDate: '2026-03-01',
  });

  it('shows the feedback channel and the statement date', () => {
    const html = renderToString(<AccessibilityPage ctx={ctx('de')} options={options} />);
    expect(html).toContain('<strong>Koordinierungsstelle Musternetz e.V.</strong><br/>Beispielweg 1<br/>10117 Berlin');
    expect(html).toContain('href="mailto:barrierefrei@example.org"');
    expect(html).toContain('href="tel:+49301234567"');
    expect(html).toContain('<a href="https://example.org/kontakt" rel="noreferrer">example.org/kontakt</a>');
    expect(html).toContain('am 1. März 2026 erstellt');
  });

  it('names the controller, data protection officer, log retention, hosting and exit target', () => {
    const html = renderToString(<PrivacyPage ctx={ctx('de')} options={options} />);
    expect(html).toContain('<strong>Musternetz e.V.</strong>');
    expect(html).toContain('Datenschutz GmbH, dsb@example.org');
    expect(html).toContain('Aufbewahrung der Protokolle: 7 Tage');
    expect(html).toContain('Der Hosting-Anbieter speichert keine Protokolle.');
    expect(html).toContain('neutral.example.net');
  });

  it('falls back to naming the coordination office without placeholders', () => {
    const html = renderToString(<PrivacyPage ctx={ctx('en')} options={resolvePagesOptions()} />);
    expect(html).toContain('<strong>The coordination office of the network');
    expect(html).not.toMatch(/mailto:|tel:\+|undefined|\{\{/);
  });
});
