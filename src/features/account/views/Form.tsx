/**
 * Form building blocks for the account pages: every error sits next to its
 * field (and is tied to it with aria-describedby), and a summary at the top
 * links to each, so screen-reader and keyboard users find them too.
 */
import type { ComponentChildren } from 'preact';
import { CSRF_FIELD } from '../../../platform/auth/csrf.ts';
import type { FieldErrors } from '../http.ts';

type FieldProps = {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  error?: string | undefined;
  hint?: string;
  autocomplete?: string;
  inputMode?: 'numeric' | 'email' | 'text';
  maxLength?: number;
  required?: boolean;
};

export function Field({
  name,
  label,
  type = 'text',
  value,
  error,
  hint,
  autocomplete,
  inputMode,
  maxLength,
  required = true,
}: FieldProps) {
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        value={type === 'password' ? undefined : value}
        autocomplete={autocomplete}
        inputMode={inputMode}
        maxLength={maxLength}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
    </div>
  );
}

/** The list of problems at the top of a form that was sent back. */
export function ErrorSummary({ title, errors }: { title: string; errors: FieldErrors }) {
  const entries = Object.entries(errors).filter((e): e is [string, string] => e[1] !== undefined);
  if (entries.length === 0) return null;
  return (
    <div class="notice warn error-summary" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#f-${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A POST form with the session's CSRF token (empty before a session exists). */
export function PostForm({
  action,
  csrf,
  children,
  class: cls,
}: {
  action: string;
  csrf?: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <form method="post" action={action} class={cls ?? 'staff-form'} novalidate>
      {csrf ? <input type="hidden" name={CSRF_FIELD} value={csrf} /> : null}
      {children}
    </form>
  );
}
