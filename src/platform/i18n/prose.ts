/**
 * Text pages as Markdown files translators can edit, read once at start-up
 * into a fixed structure: a title and a description (front matter), one lead
 * paragraph, then `##` sections with paragraphs and lists and `###`
 * subsections. Anything else Markdown allows (more heading levels, quotes,
 * code, tables, HTML, nested lists) is refused with the file and line, so a
 * page can never skip a heading level or smuggle in markup.
 *
 * Inline text is kept as written: the page renderer knows exactly two inline
 * forms, `[label](target)` and `**words**`, which read the same in Markdown.
 * A heading may end in `{#name}`: the renderer puts computed content (contact
 * details, dates) at the end of that section.
 */
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export type ProseBlock = string | { ul: string[] } | { ol: string[] };
export type ProseSection = { h: string; id?: string; body: ProseBlock[]; sub?: ProseSection[] };
export type ProseDocument = { title: string; description: string; lead: string; sections: ProseSection[] };

// No HTML, no bare-link detection, no typographic replacements: what the file says is what the page shows.
const md = new MarkdownIt('commonmark', { html: false });

const frontMatterSchema = z.strictObject({ title: z.string().min(1), description: z.string().min(1) });
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;
const ANCHOR = /\s*\{#([a-z][a-z0-9-]*)\}$/;

class ProseError extends Error {
  constructor(file: string, line: number | undefined, problem: string) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${problem}`);
    this.name = 'ProseError';
  }
}

/** One line of text: translators may wrap long paragraphs in the file. */
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

/** Parse one page; `file` names it in errors. */
export function parseProse(source: string, file: string): ProseDocument {
  const fm = FRONT_MATTER.exec(source);
  if (!fm) throw new ProseError(file, 1, 'starts without front matter (--- title, description ---)');
  const meta = frontMatterSchema.safeParse(parseYaml(fm[1]!));
  if (!meta.success) throw new ProseError(file, 1, `front matter: ${z.prettifyError(meta.error)}`);
  const bodyStart = fm[0].split('\n').length - 1;

  const tokens = md.parse(source.slice(fm[0].length), {});
  const line = (i: number) => {
    const map = tokens[i]?.map;
    return map ? map[0] + 1 + bodyStart : undefined;
  };
  let lead: string | undefined;
  const sections: ProseSection[] = [];
  let current: ProseSection | undefined;

  const body = (i: number): ProseBlock[] => {
    const target = current?.sub?.at(-1) ?? current;
    if (!target) throw new ProseError(file, line(i), 'only one lead paragraph may come before the first ## heading');
    return target.body;
  };

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.type === 'heading_open' && (tok.tag === 'h2' || tok.tag === 'h3')) {
      const raw = oneLine(tokens[i + 1]!.content);
      const anchor = ANCHOR.exec(raw);
      const section: ProseSection = { h: anchor ? raw.slice(0, anchor.index) : raw, body: [] };
      if (anchor) section.id = anchor[1]!;
      if (tok.tag === 'h2') {
        sections.push(section);
        current = section;
      } else if (current) {
        (current.sub ??= []).push(section);
      } else {
        throw new ProseError(file, line(i), '### heading before the first ## heading');
      }
      i += 2;
    } else if (tok.type === 'paragraph_open') {
      const text = oneLine(tokens[i + 1]!.content);
      if (!current && lead === undefined) lead = text;
      else body(i).push(text);
      i += 2;
    } else if (tok.type === 'bullet_list_open' || tok.type === 'ordered_list_open') {
      const close = tok.type.replace('_open', '_close');
      const items: string[] = [];
      const start = i;
      let awaitingText = false;
      for (i++; tokens[i]!.type !== close; i++) {
        const t = tokens[i]!;
        if (t.type === 'list_item_open') {
          awaitingText = true;
        } else if (t.type === 'inline' && awaitingText) {
          items.push(oneLine(t.content));
          awaitingText = false;
        } else if (t.type === 'list_item_close') {
          if (awaitingText) items.push('');
          awaitingText = false;
        } else if (!/^paragraph_(open|close)$/.test(t.type)) {
          throw new ProseError(file, line(i), 'a list item holds one paragraph of text (no nested lists)');
        }
      }
      body(start).push(tok.type === 'bullet_list_open' ? { ul: items } : { ol: items });
    } else {
      throw new ProseError(
        file,
        line(i),
        `unsupported Markdown (${tok.type}${tok.tag ? ` ${tok.tag}` : ''}): use ## and ### headings, paragraphs and lists`,
      );
    }
  }
  if (lead === undefined) throw new ProseError(file, undefined, 'has no lead paragraph before the first ## heading');
  return { ...meta.data, lead, sections };
}
