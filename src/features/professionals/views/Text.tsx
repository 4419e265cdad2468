/**
 * The page for professionals is a Markdown text page (messages/<locale>/professionals/overview.md,
 * parsed at start-up by the kernel's prose reader). Its inline forms are the
 * prose reader's two: [label](target) and **words**. A target is a path of
 * this site without its language ("professionals/guide/minors", which gets
 * the reader's language), tel:, or an https address (an external link
 * without referrer; the print stylesheet shows its address on paper).
 */
import type { VNode } from 'preact';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { ProseBlock, ProseDocument, ProseSection } from '../../../platform/i18n/prose.ts';

const INLINE = /\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*/g;
const SITE_PATH = /^[a-z-]+(\/[a-z-]+)*$/;

function link(label: string, href: string, locale: Locale): VNode | string {
  if (href.startsWith('https://'))
    return (
      <a href={href} rel="noreferrer">
        {label}
      </a>
    );
  if (href.startsWith('tel:')) return <a href={href}>{label}</a>;
  if (SITE_PATH.test(href)) return <a href={`/${locale}/${href}`}>{label}</a>;
  // Anything else (http:, javascript:, typos) is shown as text, never as a link.
  return label;
}

function Rich({ text, locale }: { text: string; locale: Locale }) {
  const out: (string | VNode)[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[3] !== undefined ? <strong>{m[3]}</strong> : link(m[1]!, m[2]!, locale));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return <>{out}</>;
}

function Block({ block, locale }: { block: ProseBlock; locale: Locale }) {
  if (typeof block === 'string')
    return (
      <p>
        <Rich text={block} locale={locale} />
      </p>
    );
  const items = ('ul' in block ? block.ul : block.ol).map((i) => (
    <li>
      <Rich text={i} locale={locale} />
    </li>
  ));
  return 'ul' in block ? <ul>{items}</ul> : <ol>{items}</ol>;
}

function Section({ s, level, locale }: { s: ProseSection; level: 2 | 3; locale: Locale }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <section id={s.id}>
      <H>{s.h}</H>
      {s.body.map((b) => (
        <Block block={b} locale={locale} />
      ))}
      {(s.sub ?? []).map((x) => (
        <Section s={x} level={3} locale={locale} />
      ))}
    </section>
  );
}

/** The page's text; `locale` is the reader's language, which the site's own links keep. */
export function TextBody({ doc, locale }: { doc: ProseDocument; locale: Locale }) {
  return (
    <>
      <h1>{doc.title}</h1>
      <p class="lead">
        <Rich text={doc.lead} locale={locale} />
      </p>
      {doc.sections.map((s) => (
        <Section s={s} level={2} locale={locale} />
      ))}
    </>
  );
}
