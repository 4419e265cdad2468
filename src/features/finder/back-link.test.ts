import { describe, expect, it } from 'vitest';
import { backToResults, centreHref } from './back-link.ts';

describe('the way back to the results', () => {
  it('rebuilds a finder search in the page’s language with the validated parameters', () => {
    expect(backToResults('/de/search?q=04109&tg=minors&tg=women&page=2', 'de')).toBe(
      '/de/search?q=04109&tg=minors&tg=women&page=2',
    );
    expect(backToResults('/de/search?q=Leipzig', 'en')).toBe('/en/search?q=Leipzig');
    expect(backToResults('/de/search?state=DE-SN&utm_source=x', 'de')).toBe('/de/search?state=DE-SN');
    expect(backToResults('/de/search', 'de')).toBe('/de/search');
    expect(backToResults('/de/search?q=M%C3%BCnchen', 'de')).toBe('/de/search?q=M%C3%BCnchen');
  });

  it('accepts a state page by a known slug', () => {
    expect(backToResults('/de/states/sachsen', 'en')).toBe('/en/states/sachsen');
    expect(backToResults('/de/states/atlantis', 'de')).toBeNull();
  });

  it('round-trips through the link on a result card', () => {
    const href = centreHref('de', '00000000-0000-4000-8000-000000000001', '/de/search?q=04109&tg=minors');
    const from = new URL(href, 'https://x.example').searchParams.get('from');
    expect(backToResults(from, 'de')).toBe('/de/search?q=04109&tg=minors');
    expect(centreHref('de', 'abc')).toBe('/de/centres/abc');
  });

  // The value as the query parser hands it over, i.e. already decoded once.
  it.each([
    '//evil.example',
    '//evil.example/de/search',
    'https://evil',
    'https://evil.example/de/search?q=1',
    'http:/de/search',
    '/\\evil.example',
    '/\\/evil.example/de/search',
    '\\\\evil.example',
    'javascript:alert(1)',
    'JavaScript:alert(1)//de/search',
    ' /de/search',
    '/de/search\n?q=1',
    '/de/search\u0000',
    '%2F%2Fevil.example',
    '%2f%2fevil.example%2fde%2fsearch',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    '/de/%2e%2e/search',
    '/de/search/../../evil',
    '/de/staff/users',
    '/de/centres/1',
    '/de/search?tg=unknown-group',
    '/de/search?page=-1',
    `/de/search?q=${'x'.repeat(1200)}`,
    '',
  ])('ignores %j', (raw) => {
    expect(backToResults(raw, 'de')).toBeNull();
  });

  it('ignores what is not a string', () => {
    expect(backToResults(undefined, 'de')).toBeNull();
    expect(backToResults(['/de/search'], 'de')).toBeNull();
    expect(backToResults({ toString: () => '/de/search' }, 'de')).toBeNull();
  });
});
