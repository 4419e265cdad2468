import { describe, expect, it } from 'vitest';
import { assess, type GuideView } from './result.ts';

const de = (text: string) => ({ text, lang: 'de' as const });
const ind = (key: string) => ({ key, text: de(`Text ${key}`), explanation: de(`Erklärung ${key}`), source: 'ILO' });

const adults: GuideView = {
  guide: 'adults',
  versionId: '00000000-0000-4000-8000-000000000001',
  framing: de('Hinweise, kein Beweis.'),
  groups: [
    { key: 'deception', title: de('Täuschung'), indicators: [ind('deceived'), ind('lover')] },
    { key: 'control', title: de('Kontrolle'), indicators: [ind('documents'), ind('movement'), ind('threats')] },
    { key: 'economic', title: de('Wirtschaft'), indicators: [ind('debt')] },
  ],
};
const minors: GuideView = { ...adults, guide: 'minors' };

describe('the guide’s evaluation', () => {
  it('lists the ticked indicators by group in the guide’s order, leaving out groups without a tick', () => {
    const a = assess(adults, ['threats', 'debt', 'documents']);
    expect(a.observed.map((o) => [o.group.key, o.indicators.map((i) => i.key)])).toEqual([
      ['control', ['documents', 'threats']],
      ['economic', ['debt']],
    ]);
    expect(a.keys).toEqual(['documents', 'threats', 'debt']);
    expect(a.versionId).toBe(adults.versionId);
  });

  it('words each group by one or several ticks, never by a score', () => {
    const a = assess(adults, ['documents', 'movement']);
    expect(a.suggestions).toEqual([{ kind: 'group', group: 'control', extent: 'several' }]);
    const b = assess(adults, ['lover']);
    expect(b.suggestions).toEqual([{ kind: 'group', group: 'deception', extent: 'one' }]);
  });

  it('says when the observations span several groups', () => {
    const a = assess(adults, ['lover', 'documents', 'debt']);
    expect(a.suggestions).toContainEqual({ kind: 'acrossGroups', groups: 3 });
    expect(a.suggestions.filter((s) => s.kind === 'group')).toHaveLength(3);
  });

  it('with nothing ticked says that nothing can be derived, and offers no verdict either way', () => {
    const a = assess(adults, []);
    expect(a.observed).toEqual([]);
    expect(a.suggestions).toEqual([{ kind: 'nothing' }]);
  });

  it('for a minor, a single tick is reason to act; for an adult it is not worded that way', () => {
    expect(assess(minors, ['debt']).suggestions).toContainEqual({ kind: 'minorAct' });
    expect(assess(adults, ['debt']).suggestions).not.toContainEqual({ kind: 'minorAct' });
    expect(assess(minors, []).suggestions).toEqual([{ kind: 'nothing' }]);
  });

  it('keeps every indicator in the checklist, ticked or not', () => {
    const a = assess(adults, ['movement']);
    const flat = a.checklist.flatMap((g) => g.items.map((i) => [i.indicator.key, i.ticked]));
    expect(flat).toEqual([
      ['deceived', false],
      ['lover', false],
      ['documents', false],
      ['movement', true],
      ['threats', false],
      ['debt', false],
    ]);
  });

  it('ticking the same key twice counts it once', () => {
    const a = assess(adults, ['documents', 'documents']);
    expect(a.keys).toEqual(['documents']);
    expect(a.suggestions).toEqual([{ kind: 'group', group: 'control', extent: 'one' }]);
  });
});
