/**
 * Validation problems in the reader's language, from what zod knows about
 * each issue (its code and parameters: the limit, the format, the allowed
 * values) rather than from its English text. Schemas keep their English
 * messages: import reports, the command line and the JSON API show those.
 *
 * A rule zod has no code for (a `refine`, a `superRefine`) names its message
 * in the issue's params: `issueMessage('directory', 'problem.postcodeUnknown')`.
 * A custom issue without one is shown in its English words, which are still
 * correct, only not translated.
 */
import type { z } from 'zod';
import { messageRef, translateRef, type Locale, type MessageKey, type Namespace } from '../i18n/index.ts';

type Values = Record<string, string | number>;

/** What an issue means, as a message of some namespace and the values it needs. */
export type IssueMeaning = { readonly ref: string; readonly values: Values };

/** What a schema rule puts in a custom issue's params so it can be shown in any language. */
type IssueMessageParams = { readonly message: string; readonly values?: Values };

/** Params for `refine(…, { params })` or `ctx.addIssue({ params })`: the message the rule means. */
export function issueMessage<N extends Namespace>(
  namespace: N,
  key: MessageKey<N>,
  values?: Values,
): IssueMessageParams {
  return values ? { message: messageRef(namespace, key), values } : { message: messageRef(namespace, key) };
}

const v = (key: MessageKey<'validation'>, values: Values = {}): IssueMeaning => ({
  ref: messageRef('validation', key),
  values,
});

/** A value from the input, short enough to repeat in a message. */
function shown(input: unknown): string {
  const s = typeof input === 'string' ? input : typeof input === 'number' ? String(input) : '';
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

const TYPES: Partial<Record<string, MessageKey<'validation'>>> = {
  string: 'text',
  number: 'number',
  int: 'wholeNumber',
  boolean: 'flag',
  array: 'list',
};

const FORMATS: Partial<Record<string, MessageKey<'validation'>>> = {
  email: 'email',
  url: 'url',
  date: 'date',
  time: 'time',
  uuid: 'uuid',
};

function isMessageParams(p: unknown): p is IssueMessageParams {
  return typeof p === 'object' && p !== null && typeof (p as { message?: unknown }).message === 'string';
}

/**
 * The meaning of one zod issue (null: a custom issue naming no message). Parse with `{ reportInput: true }` so a
 * missing value can be told from a wrong one and a refused option can be
 * named.
 */
export function issueMeaning(issue: z.core.$ZodIssue): IssueMeaning | null {
  switch (issue.code) {
    case 'invalid_type':
      if ('input' in issue && issue.input === undefined) return v('required');
      return v(TYPES[issue.expected] ?? 'type');
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min === 1 ? v('required') : v('tooShort', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return min === 1 ? v('chooseOne') : v('tooFew', { min });
      return issue.inclusive === false ? v('above', { min }) : v('min', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return v('tooLong', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return v('tooMany', { max });
      return issue.inclusive === false ? v('below', { max }) : v('max', { max });
    }
    case 'invalid_format':
      return v(FORMATS[issue.format] ?? 'format');
    case 'invalid_value': {
      const value = shown(issue.input);
      return value ? v('unknownOption', { value }) : v('option');
    }
    case 'unrecognized_keys':
      return v('unknownField', { keys: issue.keys.join(', ') });
    case 'custom':
      if (isMessageParams(issue.params))
        return { ref: issue.params.message, values: { value: shown(issue.input), ...issue.params.values } };
      return null;
    default:
      return v('invalid');
  }
}

/** One issue in `locale`; a custom issue that names no message keeps its English text. */
export function explainIssue(locale: Locale, meaning: IssueMeaning | null, english: string): string {
  return meaning ? translateRef(locale, meaning.ref, meaning.values) : english;
}
