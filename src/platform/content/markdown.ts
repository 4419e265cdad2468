/**
 * The one way text the coordination office writes becomes HTML on a public
 * page (news, the office's pages, and later publications and projects).
 *
 * Two layers, so one mistake is not enough: markdown-it renders with raw HTML
 * switched off (anything typed as a tag stays text), and sanitize-html then
 * keeps only an allow-list of elements and attributes. Links may point to
 * http(s), mailto or a path on this site; a link to another origin gets
 * rel="noopener noreferrer". Images are dropped: a picture from another
 * origin would break the public pages' promise of no foreign request, and
 * the office's own uploads are not part of this format yet.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).enable('table');

/** Heading levels start at 2: the page's own title is the only h1. */
const ALLOWED_TAGS = [
  'h2',
  'h3',
  'h4',
  'p',
  'br',
  'hr',
  'ul',
  'ol',
  'li',
  'em',
  'strong',
  'blockquote',
  'code',
  'pre',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

/** A link target on this site: a path, never a protocol-relative `//host`. */
const SAME_SITE = /^\/(?!\/)/;

function isExternal(href: string): boolean {
  return /^https?:/i.test(href);
}

const options: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'rel'], th: ['scope'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Whatever is dropped is dropped with its text when it is a script or style.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object'],
  transformTags: {
    // markdown-it turns `#` headings into h1; the page already has one.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = (attribs.href ?? '').trim();
      if (!(isExternal(href) || /^mailto:/i.test(href) || SAME_SITE.test(href) || href.startsWith('#')))
        return { tagName: 'span', attribs: {} };
      const attrs: sanitizeHtml.Attributes = isExternal(href) ? { href, rel: 'noopener noreferrer' } : { href };
      return { tagName, attribs: attrs };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'span' && frame.text.trim() === '',
};

/** HTML that went through renderMarkdown, the only kind a view may insert unescaped. */
export type SafeHtml = string & { readonly __safeHtml: true };

/** Markdown written by the office as HTML safe to put in a page as it is. */
export function renderMarkdown(source: string): SafeHtml {
  return sanitizeHtml(md.render(source), { ...options, allowedTags: [...ALLOWED_TAGS, 'span'] }) as SafeHtml;
}

/** The plain text of Markdown (summaries, the feed's fallback): no markup at all. */
export function markdownText(source: string): string {
  return sanitizeHtml(md.render(source), { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}
