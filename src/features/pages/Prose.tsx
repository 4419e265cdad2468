/**
 * Text pages are Markdown files per language (messages/<locale>/pages/*.md,
 * parsed at start-up by the kernel's prose reader) rendered by one component,
 * so every page gets the same structure: one h1, a lead paragraph, h2
 * sections (h3 subsections), paragraphs and lists. Translators edit text
 * only; nobody can skip a heading level by accident.
 *
 * Inline markup in a text: [label](target) for a link, **words** for
 * emphasis. A target is another page of this site by its path segment
 * ("privacy"), a root path ("/api/hsds/"), tel:/mailto:, or an https
 * address, which becomes an external link without referrer.
 */
import type { ComponentChildren, VNode } from 'preact';
import { proseDocumentIn, type Locale } from '../../platform/i18n/index.ts';
import type { ProseBlock, ProseDocument, ProseSection } from '../../platform/i18n/prose.ts';

type Block = ProseBlock;
type Section = ProseSection;
type ProseText = ProseDocument;

/**
 * The structured text of page `key` in `locale`, read from its Markdown file
 * at start-up, and the language it is written in: German where a language
 * has no translation of the page (a network page).
 */
export function proseTextIn(locale: Locale, key: string): { doc: ProseText; lang: Locale } {
  return proseDocumentIn(locale, 'pages', key);
}

const INLINE = /\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*/g;

function Link({ href, locale, children }: { href: string; locale: Locale; children: ComponentChildren }) {
  if (href.startsWith('https://')) {
    return (
      <a href={href} rel="noreferrer">
        {children}
      </a>
    );
  }
  if (href.startsWith('/') || href.startsWith('tel:') || href.startsWith('mailto:'))
    return <a href={href}>{children}</a>;
  if (/^[a-z-]+$/.test(href)) return <a href={`/${locale}/${href}`}>{children}</a>;
  // Anything else (http:, javascript:, typos) is shown as text, never as a link.
  return <>{children}</>;
}

/** A text with its inline links and emphasis. */
export function Rich({ text, locale }: { text: string; locale: Locale }) {
  const out: (string | VNode)[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[3] !== undefined) out.push(<strong>{m[3]}</strong>);
    else
      out.push(
        <Link href={m[2]!} locale={locale}>
          {m[1]}
        </Link>,
      );
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return <>{out}</>;
}

function BlockView({ block, locale }: { block: Block; locale: Locale }) {
  if (typeof block === 'string') {
    return (
      <p>
        <Rich text={block} locale={locale} />
      </p>
    );
  }
  const items = 'ul' in block ? block.ul : block.ol;
  const lis = items.map((i) => (
    <li>
      <Rich text={i} locale={locale} />
    </li>
  ));
  return 'ul' in block ? <ul>{lis}</ul> : <ol>{lis}</ol>;
}

export type Extras = Record<string, VNode | null>;

function SectionView({ s, level, locale, extras }: { s: Section; level: 2 | 3; locale: Locale; extras: Extras }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <section>
      <H>{s.h}</H>
      {s.body.map((b) => (
        <BlockView block={b} locale={locale} />
      ))}
      {s.id ? extras[s.id] : null}
      {(s.sub ?? []).map((x) => (
        <SectionView s={x} level={3} locale={locale} extras={extras} />
      ))}
    </section>
  );
}

/**
 * The body of a text page. `extras` puts computed content (contact details,
 * dates) at the end of the section whose `id` matches.
 */
export function Prose({
  text,
  locale,
  extras = {},
  variant,
}: {
  text: ProseText;
  locale: Locale;
  extras?: Extras;
  variant?: string | undefined;
}) {
  return (
    <article class={variant ? `prose ${variant}` : 'prose'}>
      <h1>{text.title}</h1>
      <p class="lead">
        <Rich text={text.lead} locale={locale} />
      </p>
      {text.sections.map((s) => (
        <SectionView s={s} level={2} locale={locale} extras={extras} />
      ))}
    </article>
  );
}
