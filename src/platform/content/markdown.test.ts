import { describe, expect, it } from 'vitest';
import { changed, revisionDiff } from './diff.ts';
import { markdownText, renderMarkdown } from './markdown.ts';

/** Nothing that can run script or load anything survives, whatever the payload. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script|<img|<iframe|<svg|<object|<style|<form|<input/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
  expect(html).not.toMatch(/<a [^>]*href\s*=\s*"\s*(javascript|data|vbscript):/i);
  expect(html).not.toMatch(/<a [^>]*href="\/\//);
}

describe('office Markdown to safe HTML', () => {
  it('renders headings (below the page h1), paragraphs, lists, emphasis, quotes, code and tables', () => {
    const html = renderMarkdown(
      '# Titel\n\nText mit **fett** und *kursiv*.\n\n- a\n- b\n\n1. eins\n\n> Zitat\n\n`code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    );
    expect(html).toContain('<h2>Titel</h2>');
    expect(html).not.toContain('<h1');
    expect(html).toContain('<strong>fett</strong>');
    expect(html).toContain('<em>kursiv</em>');
    expect(html).toContain('<ul>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<td>2</td>');
  });

  it('keeps links to this site and mailto, and marks external links noopener noreferrer', () => {
    const html = renderMarkdown('[a](/de/news) [b](https://example.org/x) [c](mailto:buero@example.org)');
    expect(html).toContain('<a href="/de/news">a</a>');
    expect(html).toContain('<a href="https://example.org/x" rel="noopener noreferrer">b</a>');
    expect(html).toContain('<a href="mailto:buero@example.org">c</a>');
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](java\tscript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '[x](//evil.example/)',
    '![x](https://evil.example/pixel.png)',
    '![x](/own.png)',
    '<a href="javascript:alert(1)">x</a>',
    '- <b onmouseover=alert(1)>x</b>\n  > <iframe src=//evil.example>',
    '<style>body{display:none}</style>',
    '[x](https://example.org/" onclick="alert(1))',
    '<details open ontoggle=alert(1)>',
  ])('leaves nothing active of %s', (payload) => {
    expectInert(renderMarkdown(payload));
  });

  it('shows typed HTML as text instead of dropping it silently', () => {
    expect(renderMarkdown('<b>x</b>')).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('drops a link it refuses but keeps its label', () => {
    expect(renderMarkdown('[Label](//evil.example/)')).toContain('Label');
    expect(renderMarkdown('[Label](//evil.example/)')).not.toContain('<a');
  });

  it('gives plain text for summaries', () => {
    expect(markdownText('## Kopf\n\n**a** [b](/x) <script>c</script>')).toBe(
      'Kopf a b <script>c</script>'.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    );
  });
});

describe('revision diff', () => {
  it('marks added and removed words and keeps the rest', () => {
    const parts = revisionDiff('Die Beratung ist kostenlos.', 'Die Beratung ist vertraulich und kostenlos.');
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['vertraulich und']);
    expect(parts.filter((p) => p.kind === 'removed')).toEqual([]);
    expect(parts.map((p) => (p.kind === 'removed' ? '' : p.text)).join('')).toBe(
      'Die Beratung ist vertraulich und kostenlos.',
    );
    expect(changed(parts)).toBe(true);
  });

  it('finds nothing between equal texts', () => {
    expect(changed(revisionDiff('gleich', 'gleich'))).toBe(false);
  });

  it('reconstructs both texts from its parts', () => {
    const a = 'Eins zwei drei.\n\nVier fünf.';
    const b = 'Eins drei.\n\nVier fünf sechs.';
    const parts = revisionDiff(a, b);
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(a);
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(b);
  });
});
