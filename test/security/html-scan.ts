/**
 * A minimal HTML tag scanner for the output-encoding suite (no HTML parser
 * ships with the project): finds markup the way a browser's tokenizer would,
 * so text that merely looks like markup (escaped) is not mistaken for it.
 */
type Tag = { name: string; attrs: { name: string; value: string }[]; raw: string };

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  colon: ':',
  tab: '\t',
  newline: '\n',
};

/** Decode character references the way a browser does inside attribute values (enough for scheme checks). */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[ref.toLowerCase()] ?? m;
  });
}

/**
 * Every start tag with its attributes, tokenised like the HTML standard's
 * tokenizer (quoted, unquoted and bare attributes). Text inside <title> and
 * <textarea> is skipped as RCDATA, comments as comments: only real markup
 * counts.
 */
function scanTags(html: string): Tag[] {
  const tags: Tag[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const m = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 40));
    if (!m) {
      i = lt + 1;
      continue;
    }
    const name = m[1]!.toLowerCase();
    let j = lt + m[0].length;
    const attrs: Tag['attrs'] = [];
    for (;;) {
      while (j < html.length && /[\s/]/.test(html[j]!)) j++;
      if (j >= html.length || html[j] === '>') break;
      const an = /^[^\s"'>/=]+/.exec(html.slice(j));
      if (!an) {
        j++;
        continue;
      }
      j += an[0].length;
      while (j < html.length && /\s/.test(html[j]!)) j++;
      let value = '';
      if (html[j] === '=') {
        j++;
        while (j < html.length && /\s/.test(html[j]!)) j++;
        const q = html[j];
        if (q === '"' || q === "'") {
          const end = html.indexOf(q, j + 1);
          value = html.slice(j + 1, end < 0 ? html.length : end);
          j = end < 0 ? html.length : end + 1;
        } else {
          const uv = /^[^\s>]*/.exec(html.slice(j))![0];
          value = uv;
          j += uv.length;
        }
      }
      attrs.push({ name: an[0].toLowerCase(), value: decodeEntities(value) });
    }
    tags.push({ name, attrs, raw: html.slice(lt, j + 1) });
    i = j + 1;
    if (name === 'title' || name === 'textarea' || name === 'script' || name === 'style') {
      const close = html.toLowerCase().indexOf(`</${name}`, i);
      i = close < 0 ? html.length : close;
    }
  }
  return tags;
}

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'srcset', 'xlink:href', 'poster', 'data']);

/**
 * Markup problems that injected text could have caused: script elements
 * other than the page's own assets, event-handler attributes, `style`
 * attributes (CSP forbids them), and script-capable URL schemes.
 */
export function markupProblems(html: string): string[] {
  const problems: string[] = [];
  for (const tag of scanTags(html)) {
    if (tag.name === 'script' && !tag.attrs.some((a) => a.name === 'src' && a.value.startsWith('/assets/')))
      problems.push(`script element: ${tag.raw}`);
    if (
      ['iframe', 'object', 'embed', 'base', 'frame', 'frameset', 'img'].includes(tag.name) &&
      !tag.attrs.every((a) => a.name !== 'src' || a.value.startsWith('/assets/'))
    ) {
      problems.push(`foreign ${tag.name}: ${tag.raw}`);
    }
    if (tag.name === 'style') problems.push(`style element: ${tag.raw}`);
    for (const a of tag.attrs) {
      if (a.name.startsWith('on')) problems.push(`event handler attribute ${a.name} in ${tag.raw}`);
      if (a.name === 'style') problems.push(`style attribute in ${tag.raw}`);
      if (URL_ATTRS.has(a.name)) {
        // Browsers strip ASCII whitespace and control characters before reading the scheme.
        // eslint-disable-next-line no-control-regex -- exactly the characters browsers strip
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(a.value.replace(/[\u0000-\u0020\u007f]/g, ''))?.[1]?.toLowerCase();
        if (scheme && !['https', 'http', 'mailto', 'tel'].includes(scheme))
          problems.push(`${scheme}: URL in ${a.name} of ${tag.raw}`);
      }
    }
  }
  return problems;
}
