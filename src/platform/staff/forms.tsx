/**
 * Form building blocks for staff pages, with the GOV.UK error pattern: a
 * summary at the top whose links lead to the fields, and each error next to
 * its field, tied to it by aria-describedby and marked aria-invalid. Works
 * without JavaScript.
 *
 * Two shapes: `InputField` + `FieldErrorSummary` for short forms with one
 * message per field (account pages), and `Field`/`FieldGroup`/`CheckboxGroup`
 * + `ErrorSummary` for long forms whose fields can carry several problems
 * (the directory entry form, the review's comment).
 */
import type { ComponentChildren } from 'preact';
import { CSRF_FIELD } from '../auth/csrf.ts';

/** A field-level problem shown next to its input, by field name. */
export type FieldErrors = Partial<Record<string, string>>;

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((e) => e !== undefined);
}

/** Errors by field name (already in the reader's language). */
export type Errors = ReadonlyMap<string, readonly string[]>;

/** The id of a field's input (or, for a group, its first option). */
export const inputId = (name: string, option?: string) => (option === undefined ? `f-${name}` : `f-${name}-${option}`);
const errorId = (name: string) => `f-${name}-error`;
const hintId = (name: string) => `f-${name}-hint`;

/** aria-describedby for a field with an optional hint. */
function describedBy(name: string, errors: Errors, hint: boolean): string | undefined {
  const ids = [hint ? hintId(name) : null, errors.has(name) ? errorId(name) : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export type SummaryItem = { href: string | null; text: string };

/** The list of every problem at the top of the page, each linking to its field. */
export function ErrorSummary({ title, items }: { title: string; items: SummaryItem[] }) {
  if (items.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {items.map((i) => (
          <li>{i.href ? <a href={i.href}>{i.text}</a> : i.text}</li>
        ))}
      </ul>
    </div>
  );
}

/** A field's hint, referenced by the control's aria-describedby. */
export function Hint({ name, text }: { name: string; text?: string | undefined }) {
  return text ? (
    <p class="hint" id={hintId(name)}>
      {text}
    </p>
  ) : null;
}

/** A field's error(s) right above the control, referenced by its aria-describedby. */
export function FieldError({ name, errors, prefix }: { name: string; errors: Errors; prefix: string }) {
  const list = errors.get(name);
  if (!list || list.length === 0) return null;
  return (
    <p class="field-error" id={errorId(name)}>
      <span class="visually-hidden">{prefix} </span>
      {list.join(' · ')}
    </p>
  );
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string | undefined;
  errors: Errors;
  errorPrefix: string;
  children: ComponentChildren;
};

/** Label, hint, error and the control (which sets its own id/aria attributes through `control`). */
export function Field({ name, label, hint, errors, errorPrefix, children }: FieldProps) {
  return (
    <div class={errors.has(name) ? 'field has-error' : 'field'}>
      <label for={inputId(name)}>{label}</label>
      <Hint name={name} text={hint} />
      <FieldError name={name} errors={errors} prefix={errorPrefix} />
      {children}
    </div>
  );
}

/** The attributes that tie a control to its hint and error. */
export function control(name: string, errors: Errors, hint: boolean) {
  return {
    id: inputId(name),
    name,
    'aria-describedby': describedBy(name, errors, hint),
    'aria-invalid': errors.has(name) ? ('true' as const) : undefined,
  };
}

type FieldGroupProps = {
  name: string;
  legend: string;
  hint?: string | undefined;
  errors: Errors;
  errorPrefix: string;
  children: ComponentChildren;
};

/**
 * A group of controls answering one question (options, several selects): a
 * fieldset with its legend, hint and error, which belong to the group and
 * are tied to it rather than to one control. The controls' ids are the
 * caller's; the first one is where the error summary links to.
 */
export function FieldGroup({ name, legend, hint, errors, errorPrefix, children }: FieldGroupProps) {
  return (
    <fieldset
      class={errors.has(name) ? 'field has-error' : 'field'}
      aria-describedby={describedBy(name, errors, Boolean(hint))}
    >
      <legend>{legend}</legend>
      <Hint name={name} text={hint} />
      <FieldError name={name} errors={errors} prefix={errorPrefix} />
      {children}
    </fieldset>
  );
}

type CheckboxGroupProps = Omit<FieldGroupProps, 'children'> & {
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
};

/** A fieldset of checkboxes sharing one name; the error belongs to the group. */
export function CheckboxGroup({ options, checked, ...group }: CheckboxGroupProps) {
  const on = new Set(checked);
  return (
    <FieldGroup {...group}>
      <div class="checks">
        {options.map((o) => (
          <label>
            <input
              type="checkbox"
              id={inputId(group.name, o.value)}
              name={group.name}
              value={o.value}
              checked={on.has(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </FieldGroup>
  );
}

type InputFieldProps = {
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

export function InputField({
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
}: InputFieldProps) {
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
export function FieldErrorSummary({ title, errors }: { title: string; errors: FieldErrors }) {
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
