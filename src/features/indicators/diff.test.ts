/** The changes a reviewer reads: changed texts and sources, added, removed and moved indicators. */
import { describe, expect, it } from 'vitest';
import type { IndicatorContent } from './content.ts';
import { diffContent } from './diff.ts';

const indicator = (key: string, de: string) => ({
  key,
  text: { de, en: `${de} (en)` },
  explanation: { de: `Erklärung ${key}`, en: `Explanation ${key}` },
  source: 'ILO (2012)',
});
const before: IndicatorContent = {
  framing: { de: 'Hinweise, keine Beweise.', en: 'Hints, not proof.' },
  groups: [
    {
      key: 'control',
      title: { de: 'Kontrolle', en: 'Control' },
      indicators: [indicator('a', 'A'), indicator('b', 'B')],
    },
    { key: 'money', title: { de: 'Geld', en: 'Money' }, indicators: [indicator('c', 'C')] },
  ],
};

describe('diffContent', () => {
  it('finds nothing between equal versions, whatever the order of the languages', () => {
    const same = structuredClone(before);
    same.framing = { en: 'Hints, not proof.', de: 'Hinweise, keine Beweise.' };
    expect(diffContent(before, same)).toEqual([]);
  });

  it('names each change', () => {
    const after = structuredClone(before);
    after.framing.de = 'Anhaltspunkte, keine Beweise.';
    after.groups[0]!.indicators[0]!.text.en = 'A, changed';
    after.groups[0]!.indicators[0]!.source = 'UNODC';
    after.groups[1]!.indicators.push(after.groups[0]!.indicators.pop()!); // b moves to money
    after.groups[1]!.indicators.push(indicator('d', 'D'));
    after.groups[1]!.indicators.splice(0, 1); // c removed
    after.groups[1]!.title.fr = 'Argent';
    const changes = diffContent(before, after);
    expect(changes.map((c) => (c.kind === 'indicator' ? `${c.indicator}:${c.parts.join('+')}` : c.kind))).toEqual([
      'framing',
      'a:text+source',
      'title',
      'b:moved',
      'd:added',
      'c:removed',
    ]);
  });
});
