import { describe, expect, it } from 'vitest';
import { missingKeys, translator } from '../../platform/i18n/index.ts';
import { registerMessages } from '../../app.ts';
import { explainProblem, PROBLEM_KEYS } from './explain.ts';

registerMessages();

describe('explaining schema problems in the reader’s language', () => {
  const de = translator('de', 'centreEntry');
  const en = translator('en', 'centreEntry');

  it('has a German and an English text for every rule, and English has every German key', () => {
    for (const key of PROBLEM_KEYS) {
      expect(de(`problem.${key}`)).not.toBe(`problem.${key}`);
      expect(en(`problem.${key}`)).not.toBe(`problem.${key}`);
    }
    expect(missingKeys('centreEntry', 'en')).toEqual([]);
  });

  it('translates known messages with their values', () => {
    expect(explainProblem('99999 is not a German postcode', de)).toBe('99999 ist keine deutsche Postleitzahl');
    expect(explainProblem('closes at 09:00, not after it opens at 18:00', de)).toBe(
      'Ende 09:00 liegt nicht nach dem Beginn 18:00',
    );
    expect(explainProblem('is longer than 300 characters', en)).toBe('is longer than 300 characters');
    expect(explainProblem('20 is below minimum_age 30', de)).toBe('20 ist kleiner als das Mindestalter 30');
  });

  it('shows an unknown message unchanged rather than hiding it', () => {
    expect(explainProblem('something new the schema says', de)).toBe('something new the schema says');
  });
});
