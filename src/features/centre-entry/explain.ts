/**
 * The import's entry schema explains its problems in English (they end up in
 * import reports and the command line). A centre lead reads them next to a
 * form field in their own language: each problem carries what zod knows about
 * it (code, limits, or the message a custom rule names), and that is
 * translated. A custom rule that names no message is shown as the schema
 * wrote it, which is still correct, only not translated.
 */
import { explainIssue } from '../../platform/http/validation.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { FieldProblem } from './form-model.ts';

/** The problem in `locale`, with its place in the entry when the form has no field for it. */
export function explainProblem(problem: FieldProblem, locale: Locale): string {
  if (!problem.meaning) return problem.message;
  const text = explainIssue(locale, problem.meaning, problem.message);
  return problem.place ? `${problem.place}: ${text}` : text;
}
