import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { escapeAttr, escapeText } from './markup.ts';

describe('markup escaping', () => {
  const tricky = ['Beratung <Mitte> & "Co"', "l'été", '</title><script>x</script>', 'a&amp;b'];

  it('keeps text and attribute values from becoming markup', () => {
    for (const v of tricky) {
      expect(escapeText(v)).not.toMatch(/<|>/);
      expect(escapeAttr(v)).not.toMatch(/[<>"]/);
    }
  });

  it('reads back as the same text in a browser as what preact renders', () => {
    const decode = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    for (const v of tricky) {
      const own = `<a title="${escapeAttr(v)}">${escapeText(v)}</a>`;
      const preact = renderToString(<a title={v}>{v}</a>);
      expect(decode(own)).toBe(decode(preact));
      expect(decode(own)).toBe(`<a title="${v}">${v}</a>`);
    }
  });
});
