/**
 * The import's entry schema explains its problems in English (they end up in
 * import reports and the command line). A centre lead reads them next to a
 * form field in their own language, so the known messages are recognised
 * here and translated; anything unrecognised is shown as the schema wrote it,
 * which is still correct, only not translated.
 */
import type { Translate } from '../../platform/i18n/index.ts';

type Rule = { pattern: RegExp; key: string; params?: (m: RegExpMatchArray) => Record<string, string> };

const RULES: Rule[] = [
  { pattern: /^is longer than (\d+) characters$/, key: 'tooLong', params: (m) => ({ max: m[1]! }) },
  { pattern: /^contains a NUL character$/, key: 'nul' },
  { pattern: /^must be text$/, key: 'text' },
  { pattern: /^is not an e-mail address$/, key: 'email' },
  { pattern: /^must be a web address/, key: 'url' },
  { pattern: /^must be a whole number$/, key: 'wholeNumber' },
  { pattern: /^must be 0 or more$/, key: 'min0' },
  { pattern: /^must be 120 or less$/, key: 'max120' },
  { pattern: /^(\d+) is below minimum_age (\d+)$/, key: 'ageOrder', params: (m) => ({ max: m[1]!, min: m[2]! }) },
  { pattern: /^must be a time/, key: 'time' },
  {
    pattern: /^closes at (\S+), not after it opens at (\S+)$/,
    key: 'closesBeforeOpens',
    params: (m) => ({ closes: m[1]!, opens: m[2]! }),
  },
  { pattern: /^needs at least one weekday$/, key: 'weekdayMissing' },
  { pattern: /^a weekday is listed twice$/, key: 'weekdayTwice' },
  { pattern: /^(.+) is not a weekday/, key: 'weekdayUnknown', params: (m) => ({ value: m[1]! }) },
  { pattern: /^phone number is required$/, key: 'phoneMissing' },
  { pattern: /^is not a phone number/, key: 'phone' },
  { pattern: /^(.+) is not a phone type/, key: 'phoneType', params: (m) => ({ value: m[1]! }) },
  { pattern: /^is required for a service with a place$/, key: 'postcodeMissing' },
  { pattern: /^must be a German postcode of five digits$/, key: 'postcodeShape' },
  { pattern: /^(\d{5}) is not a German postcode$/, key: 'postcodeUnknown', params: (m) => ({ value: m[1]! }) },
  {
    pattern: /^(.+) is not a known (?:language code|target group|form of exploitation|accessibility feature) /,
    key: 'unknownOption',
    params: (m) => ({ value: m[1]! }),
  },
  { pattern: /^(.+) is listed twice$/, key: 'listedTwice', params: (m) => ({ value: m[1]! }) },
  { pattern: /^must be true or false$/, key: 'flag' },
  { pattern: /^more than (\d+) /, key: 'tooMany', params: (m) => ({ max: m[1]! }) },
];

/**
 * The message in the reader's language. `t` is the centre-entry translator;
 * its `problem.*` keys hold the translations.
 */
export function explainProblem(message: string, t: Translate): string {
  for (const rule of RULES) {
    const m = message.match(rule.pattern);
    if (m) return t(`problem.${rule.key}`, rule.params?.(m) ?? {});
  }
  return message;
}

/** The rule keys, for the test that every one has a translation. */
export const PROBLEM_KEYS = RULES.map((r) => r.key);
