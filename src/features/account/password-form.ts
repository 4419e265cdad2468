/**
 * Checking a new password typed twice (invitation, reset, change): the
 * project's password policy (security/password.ts — length, common
 * passwords, not the own name or address), with its message in the page's
 * language next to the field, and the repetition.
 */
import type { Locale, Translate } from '../../platform/i18n/index.ts';
import { checkPasswordPolicy } from '../../platform/security/password.ts';
import type { FieldErrors } from '../../platform/staff/forms.tsx';

/** Bound on what a password field may carry before the policy check even looks (argon2 refuses more anyway). */
export const PASSWORD_FIELD_MAX = 1024;

export function newPasswordErrors(
  t: Translate<'account'>,
  locale: Locale,
  input: { password: string; repeat: string },
  identity: { email?: string; name?: string },
): FieldErrors {
  const policy = checkPasswordPolicy(input.password, identity);
  if (!policy.ok) return { password: locale === 'de' ? policy.message_de : policy.message_en };
  if (input.password !== input.repeat) return { password_repeat: t('accept.errors.repeat') };
  return {};
}
