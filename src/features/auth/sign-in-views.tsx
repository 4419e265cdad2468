/** Pages of the sign-in flow: password, second factor, re-authentication. */
import type { ComponentChildren, JSX, VNode } from 'preact';
import { translator } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/layout/context.ts';
import { StaffFrame } from '../../platform/staff/StaffFrame.tsx';

export type FlowNotice = {
  kind: 'failed' | 'throttled' | 'signedOut' | 'passkeyAdded' | 'passkeyOnly';
  minutes?: number;
} | null;

type Section = 'signIn' | 'secondFactor' | 'reauth';

function Notice({ ctx, section, notice }: { ctx: PageContext; section: Section; notice: FlowNotice }) {
  if (!notice) return null;
  const t = translator(ctx.locale, 'auth');
  if (notice.kind === 'signedOut' || notice.kind === 'passkeyAdded') {
    return (
      <p class="notice" role="status">
        {t(`signIn.${notice.kind}`)}
      </p>
    );
  }
  const text =
    notice.kind === 'throttled'
      ? t('signIn.throttled', { minutes: notice.minutes ?? 15 })
      : notice.kind === 'passkeyOnly'
        ? t('secondFactor.codeRefused')
        : t(`${section}.failed`);
  return (
    <p class="notice warn" role="alert">
      {text}
    </p>
  );
}

/** A step of the flow in the staff frame: its title, introduction and the outcome of the last attempt. */
function Step({
  ctx,
  section,
  intro,
  notice,
  scripts,
  children,
}: {
  ctx: PageContext;
  section: Section;
  intro: ComponentChildren;
  notice: FlowNotice;
  scripts?: string[] | undefined;
  children: ComponentChildren;
}) {
  const title = translator(ctx.locale, 'auth')(`${section}.title`);
  return (
    <StaffFrame ctx={ctx} title={title} {...(scripts ? { scripts } : {})}>
      <h1>{title}</h1>
      <p>{intro}</p>
      <Notice ctx={ctx} section={section} notice={notice} />
      {children}
    </StaffFrame>
  );
}

/** A labelled input in its own block, with an optional hint the input points to. */
function Labelled({
  label,
  hint,
  id,
  ...input
}: { label: string; hint?: { id: string; text: string }; id: string } & Omit<
  JSX.InputHTMLAttributes<HTMLInputElement>,
  'id' | 'aria-describedby'
>) {
  return (
    <div>
      <label for={id}>{label}</label>
      <input id={id} {...input} aria-describedby={hint?.id} />
      {hint ? (
        <p class="hint" id={hint.id}>
          {hint.text}
        </p>
      ) : null}
    </div>
  );
}

/** The password field of the sign-in and the re-authentication. */
const currentPassword = (label: string) => (
  <Labelled
    label={label}
    id="password"
    name="password"
    type="password"
    autocomplete="current-password"
    required
    maxLength={1024}
  />
);

function Submit({ label }: { label: string }) {
  return (
    <div>
      <button type="submit">{label}</button>
    </div>
  );
}

export function SignInPage({
  ctx,
  next,
  email,
  notice,
}: {
  ctx: PageContext;
  next: string | null;
  email: string;
  notice: FlowNotice;
}) {
  const t = translator(ctx.locale, 'auth');
  return (
    <Step
      ctx={ctx}
      section="signIn"
      intro={
        <>
          {t('signIn.intro')} <a href={`/${ctx.locale}/`}>{t('signIn.findHelp')}</a>
        </>
      }
      notice={notice}
    >
      <form method="post" action={`/${ctx.locale}/staff/sign-in`} class="stack">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <Labelled
          label={t('signIn.email')}
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          required
          maxLength={254}
          value={email}
        />
        {currentPassword(t('signIn.password'))}
        <Submit label={t('signIn.submit')} />
      </form>
      <p>
        <a href={`/${ctx.locale}/staff/password-reset`}>{t('signIn.forgot')}</a>
      </p>
      <p class="hint">{t('signIn.secondFactorNote')}</p>
    </Step>
  );
}

export function SecondFactorPage({
  ctx,
  csrf,
  next,
  hasTotp,
  passkeyRequired = false,
  passkey,
  scripts,
  notice,
}: {
  ctx: PageContext;
  csrf: string;
  next: string | null;
  hasTotp: boolean;
  /** The account's role must sign in with a passkey (policy.ts): say what a code still allows. */
  passkeyRequired?: boolean;
  /** The passkey button (features/account), when the user has a passkey. */
  passkey?: VNode | null;
  /** Scripts that button needs. */
  scripts?: string[];
  notice: FlowNotice;
}) {
  const t = translator(ctx.locale, 'auth');
  const action = `/${ctx.locale}/staff/second-factor`;
  // Two forms, one per kind of code, with the same hidden fields.
  const codeForm = (
    method: 'totp' | 'recovery',
    field: { label: string; hint: { id: string; text: string }; id: string },
    input: Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby'>,
    submit: string,
  ) => (
    <form method="post" action={action} class="stack">
      <input type="hidden" name="_csrf" value={csrf} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <input type="hidden" name="method" value={method} />
      <Labelled {...field} name="code" type="text" {...input} required />
      <Submit label={submit} />
    </form>
  );
  if (passkeyRequired) {
    // Administrators: the passkey or nothing. No code form, so nobody is
    // invited to type a phished code into it.
    return (
      <Step
        ctx={ctx}
        section="secondFactor"
        intro={t('secondFactor.passkeyRequired')}
        notice={notice}
        scripts={scripts}
      >
        {passkey ? (
          <div>
            {passkey}
            <p class="hint" data-passkey-fallback="">
              {t('secondFactor.passkeyNeedsScript')}
            </p>
          </div>
        ) : (
          <p class="notice warn">{t('secondFactor.noPasskey')}</p>
        )}
        <p>
          <a href={`/${ctx.locale}/staff/sign-in`}>{t('secondFactor.restart')}</a>
        </p>
      </Step>
    );
  }
  return (
    <Step ctx={ctx} section="secondFactor" intro={t('secondFactor.intro')} notice={notice} scripts={scripts}>
      {passkey ?? null}
      {hasTotp
        ? codeForm(
            'totp',
            { label: t('secondFactor.code'), hint: { id: 'code-hint', text: t('secondFactor.codeHint') }, id: 'code' },
            { inputMode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9 ]{6,7}', maxLength: 7 },
            t('secondFactor.submit'),
          )
        : null}
      <details class="recovery">
        <summary>{t('secondFactor.recoveryLegend')}</summary>
        {codeForm(
          'recovery',
          {
            label: t('secondFactor.recoveryCode'),
            hint: { id: 'recovery-hint', text: t('secondFactor.recoveryHint') },
            id: 'recovery-code',
          },
          { autocomplete: 'off', spellcheck: false, maxLength: 64 },
          t('secondFactor.recoverySubmit'),
        )}
      </details>
      <p>
        <a href={`/${ctx.locale}/staff/sign-in`}>{t('secondFactor.restart')}</a>
      </p>
    </Step>
  );
}

export function ReauthPage({
  ctx,
  csrf,
  next,
  hasTotp,
  passkeyOnly = false,
  passkeyStepUp,
  scripts,
  notice,
}: {
  ctx: PageContext;
  csrf: string;
  next: string;
  hasTotp: boolean;
  /** The role confirms only with a passkey (policy.ts): no password and code form. */
  passkeyOnly?: boolean;
  /** The passkey button (platform/staff PasskeySignIn), when the account has a passkey. */
  passkeyStepUp?: VNode | undefined;
  scripts?: string[] | undefined;
  notice: FlowNotice;
}) {
  const t = translator(ctx.locale, 'auth');
  if (passkeyOnly) {
    return (
      <Step ctx={ctx} section="reauth" intro={t('reauth.introPasskey')} notice={notice} scripts={scripts}>
        {passkeyStepUp ? (
          <div>
            {passkeyStepUp}
            <p class="hint" data-passkey-fallback="">
              {t('secondFactor.passkeyNeedsScript')}
            </p>
          </div>
        ) : (
          <p class="notice warn">{t('secondFactor.noPasskey')}</p>
        )}
      </Step>
    );
  }
  return (
    <Step ctx={ctx} section="reauth" intro={t('reauth.intro')} notice={notice} scripts={scripts}>
      {passkeyStepUp ? <div>{passkeyStepUp}</div> : null}
      <form method="post" action={`/${ctx.locale}/staff/reauth`} class="stack">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="next" value={next} />
        {currentPassword(t('signIn.password'))}
        <fieldset>
          <legend>{t('reauth.method')}</legend>
          <div class="checks">
            {hasTotp ? (
              <label>
                <input type="radio" name="method" value="totp" checked /> {t('reauth.methodTotp')}
              </label>
            ) : null}
            <label>
              <input type="radio" name="method" value="recovery" checked={!hasTotp} /> {t('reauth.methodRecovery')}
            </label>
          </div>
        </fieldset>
        <Labelled
          label={t('reauth.code')}
          id="code"
          name="code"
          type="text"
          autocomplete="one-time-code"
          spellcheck={false}
          maxLength={64}
          required
        />
        <Submit label={t('reauth.submit')} />
      </form>
    </Step>
  );
}
