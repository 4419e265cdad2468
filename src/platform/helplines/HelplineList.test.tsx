import { render } from 'preact-render-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerMessages } from '../../app.ts';
import { HelplineList } from './HelplineList.tsx';
import type { Locale } from '../i18n/locales.ts';
import { firstScreenHelplines, helplineText, telHref, type Helpline } from './helplines.ts';

beforeAll(() => {
  registerMessages();
});

const line = (over: Partial<Helpline>): Helpline => ({
  id: '00000000-0000-4000-8000-000000000001',
  contact: '116 016',
  kind: 'phone',
  name: { de: 'Hilfetelefon', en: 'Helpline' },
  description: { de: '', en: '' },
  aroundTheClock: true,
  hours: { de: '', en: '' },
  emergency: false,
  firstScreen: false,
  sortOrder: 0,
  checkedOn: '2026-12-07',
  ...over,
});

describe('HelplineList', () => {
  it('renders a call button whose number never wraps, and the date last checked', () => {
    const html = render(<HelplineList list={[line({})]} locale="de" />);
    expect(html).toContain(
      '<a class="call-button" href="tel:116016">Anrufen: <span class="number" dir="ltr">116\u00a0016</span></a>',
    );
    expect(html).toContain('Rund um die Uhr erreichbar');
    expect(html).toContain('Zuletzt geprüft am 7. Dezember 2026');
    expect(html).not.toContain('style=');
  });

  it('shows the hours of a line that is not around the clock, and never says "around the clock" of it', () => {
    const html = render(
      <HelplineList
        list={[line({ aroundTheClock: false, hours: { de: 'Mo–Sa 14–20 Uhr', en: 'Mon–Sat 2–8 pm' } })]}
        locale="en"
      />,
    );
    expect(html).toContain('Available: Mon–Sat 2–8 pm');
    expect(html).not.toContain('around the clock');
  });

  it('links a chat instead of calling it', () => {
    const html = render(
      <HelplineList list={[line({ kind: 'chat', contact: 'https://example.org/chat' })]} locale="en" />,
    );
    expect(html).toContain('<a class="call-button" href="https://example.org/chat" rel="noreferrer">Open the chat</a>');
    expect(html).not.toContain('tel:');
  });

  it('renders nothing for an empty list', () => {
    expect(render(<HelplineList list={[]} locale="de" />)).toBe('');
  });
});

describe('helpline helpers', () => {
  it('dials digits and a leading plus only', () => {
    expect(telHref('0800 22 55 530')).toBe('tel:08002255530');
    expect(telHref('+49 30 123')).toBe('tel:+4930123');
  });

  it('gives the first screen the marked phone lines, two at most, in order', () => {
    const list = [
      line({ contact: '110', firstScreen: true }),
      line({ contact: 'https://x.example', kind: 'chat', firstScreen: true }),
      line({ contact: '112' }),
      line({ contact: '116 016', firstScreen: true }),
      line({ contact: '116 111', firstScreen: true }),
    ];
    expect(firstScreenHelplines(list).map((h) => h.contact)).toEqual(['110', '116 016']);
  });
});

describe('helplineText: the reader’s language, else English, else German, and which one it is', () => {
  const ar = 'ar' as Locale;
  const h = line({
    name: { de: 'Polizei', en: 'Police' },
    description: { de: 'Bei Gefahr.', en: '' },
    hours: { de: 'Mo 9–12 Uhr', en: 'Mon 9 am–12 noon' },
    translations: {
      ar: { name: 'الشرطة', description: '', hours: 'الاثنين 9–12', hoursSource: 'Mo 9–12 Uhr' },
      ti: { name: 'ፖሊስ', description: '', hours: 'ሰኑይ 9–11', hoursSource: 'Mo 9–11 Uhr' },
    },
  });

  it('takes the translation where there is one, and says it is in the reader’s language', () => {
    expect(helplineText(h, 'name', ar)).toEqual({ text: 'الشرطة', lang: 'ar' });
  });

  it('falls back to English, then German, and says so', () => {
    expect(helplineText(h, 'name', 'fa' as Locale)).toEqual({ text: 'Police', lang: 'en' });
    expect(helplineText(h, 'description', ar)).toEqual({ text: 'Bei Gefahr.', lang: 'de' });
    expect(helplineText(h, 'hours', 'fa' as Locale)).toEqual({ text: 'Mon 9 am–12 noon', lang: 'en' });
    expect(helplineText(h, 'hours', ar)).toEqual({ text: 'الاثنين 9–12', lang: 'ar' });
    // Translated from hours the office has since changed: English until translated again.
    expect(helplineText(h, 'hours', 'ti' as Locale)).toEqual({ text: 'Mon 9 am–12 noon', lang: 'en' });
    expect(helplineText(h, 'name', 'ti' as Locale)).toEqual({ text: 'ፖሊስ', lang: 'ti' });
  });

  it('gives German readers German and English readers English, as before', () => {
    expect(helplineText(h, 'name', 'de')).toEqual({ text: 'Polizei', lang: 'de' });
    expect(helplineText(h, 'name', 'en')).toEqual({ text: 'Police', lang: 'en' });
    expect(helplineText(h, 'description', 'en')).toEqual({ text: 'Bei Gefahr.', lang: 'de' });
  });

  it('marks a fallen-back name, description and hours with their language in the list', () => {
    const html = render(
      <HelplineList list={[{ ...h, aroundTheClock: false, translations: {} }]} locale={'ti' as Locale} />,
    );
    expect(html).toContain('<p class="helpline-name" lang="en">Police</p>');
    expect(html).toContain('<p class="helpline-description" lang="de">Bei Gefahr.</p>');
    expect(html).toMatch(/<p class="helpline-hours">[^<]*<span lang="en">Mon 9 am–12 noon<\/span>/);
  });
});
