import { describe, expect, it } from 'vitest';
import { parseProse } from './prose.ts';

const FRONT = '---\ntitle: Sicher surfen\ndescription: "Schnellausstieg: wie er wirkt"\n---\n\n';

describe('text pages from Markdown', () => {
  it('reads the front matter, the lead, sections, subsections, lists and anchors', () => {
    const doc = parseProse(
      `${FRONT}Ein **wichtiger**\nHinweis.\n\n## Erstens {#first}\n\nText mit [Link](privacy).\n\n- a\n- b\n\n### Unterpunkt\n\n1. eins\n2. zwei\n\n## Zweitens\n\nEnde.\n`,
      'safety.md',
    );
    expect(doc).toEqual({
      title: 'Sicher surfen',
      description: 'Schnellausstieg: wie er wirkt',
      lead: 'Ein **wichtiger** Hinweis.',
      sections: [
        {
          h: 'Erstens',
          id: 'first',
          body: ['Text mit [Link](privacy).', { ul: ['a', 'b'] }],
          sub: [{ h: 'Unterpunkt', body: [{ ol: ['eins', 'zwei'] }] }],
        },
        { h: 'Zweitens', body: ['Ende.'] },
      ],
    });
  });

  it.each([
    ['no front matter', 'Lead.\n', /front matter/],
    ['a front matter without description', '---\ntitle: T\n---\n\nLead.\n', /description/],
    ['a top-level heading', `${FRONT}Lead.\n\n# Titel\n`, /safety\.md:8: unsupported Markdown \(heading_open h1\)/],
    ['a fourth heading level', `${FRONT}Lead.\n\n## A\n\n#### B\n`, /heading_open h4/],
    ['a quotation', `${FRONT}Lead.\n\n## A\n\n> zitiert\n`, /blockquote/],
    ['code', `${FRONT}Lead.\n\n## A\n\n    code\n`, /code_block/],
    ['a nested list', `${FRONT}Lead.\n\n## A\n\n- a\n  - b\n`, /no nested lists/],
    ['a second paragraph before the first section', `${FRONT}Lead.\n\nMehr.\n`, /only one lead paragraph/],
    ['a subsection before any section', `${FRONT}Lead.\n\n### A\n`, /### heading before/],
    ['no lead', `${FRONT}## A\n\nText.\n`, /no lead paragraph/],
  ])('refuses %s, naming the file', (_, source, problem) => {
    expect(() => parseProse(source, 'safety.md')).toThrow(problem);
  });
});
