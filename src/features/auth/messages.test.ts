import { describe, expect, it } from 'vitest';
import { addMessages, missingKeys } from '../../platform/i18n/index.ts';
import { authMessages } from './messages.ts';

addMessages('auth', authMessages);

describe('auth messages', () => {
  it('exist in German and English alike', () => {
    expect(missingKeys('auth', 'en', 'de')).toEqual([]);
    expect(missingKeys('auth', 'de', 'en')).toEqual([]);
  });
});
