import type { SafeHtml } from './markdown.ts';

/** Sanitised Markdown in a page (the only unescaped text a content view inserts). */
export function MarkdownBody({ html, lang }: { html: SafeHtml; lang?: string }) {
  return <div class="content-body" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}
