/** Pages of the sign-in flow: password, second factor, re-authentication. */
import type { VNode } from 'preact';
import { translator } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/layout/context.ts';
import { StaffFrame } from '../../platform/staff/StaffFrame.tsx';

export type FlowNotice = { kind: 'failed' | 'throttled' | 'signedOut' | 'passkeyAdded'; minutes?: number } | null;

function Notice({
  ctx,
  section,
  notice,
}: {
  ctx: PageContext;
  section: 'signIn' | 'secondFactor' | 'reauth';
  notice: FlowNotice;
}) {
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
    notice.kind === 'throttled' ? t('signIn.throttled', { minutes: notice.minutes ?? 15 }) : t(`${section}.failed`);
  return (
    <p class="notice warn" role="alert">
      {text}
    </p>
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
    <StaffFrame ctx={ctx} title={t('signIn.title')}>
      <h1>{t('signIn.title')}</h1>
      <p>
        {t('signIn.intro')} <a href={`/${ctx.locale}/`}>{t('signIn.findHelp')}</a>
      </p>
      <Notice ctx={ctx} section="signIn" notice={notice} />
      <form method="post" action={`/${ctx.locale}/staff/sign-in`} class="stack">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <div>
          <label for="email">{t('signIn.email')}</label>
          <input id="email" name="email" type="email" autocomplete="username" required maxLength={254} value={email} />
        </div>
        <div>
          <label for="password">{t('signIn.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxLength={1024}
          />
        </div>
        <div>
          <button type="submit">{t('signIn.submit')}</button>
        </div>
      </form>
      <p>
        <a href={`/${ctx.locale}/staff/password-reset`}>{t('signIn.forgot')}</a>
      </p>
      <p class="hint">{t('signIn.secondFactorNote')}</p>
    </StaffFrame>
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
  const hidden = (
    <>
      <input type="hidden" name="_csrf" value={csrf} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
    </>
  );
  return (
    <StaffFrame ctx={ctx} title={t('secondFactor.title')} {...(scripts ? { scripts } : {})}>
      <h1>{t('secondFactor.title')}</h1>
      <p>{t('secondFactor.intro')}</p>
      <Notice ctx={ctx} section="secondFactor" notice={notice} />
      {passkeyRequired ? <p class="notice">{t('secondFactor.passkeyRequired')}</p> : null}
      {passkey ?? null}
      {hasTotp ? (
        <form method="post" action={action} class="stack">
          {hidden}
          <input type="hidden" name="method" value="totp" />
          <div>
            <label for="code">{t('secondFactor.code')}</label>
            <input
              id="code"
              name="code"
              type="text"
              inputMode="numeric"
              autocomplete="one-time-code"
              pattern="[0-9 ]{6,7}"
              maxLength={7}
              required
              aria-describedby="code-hint"
            />
            <p class="hint" id="code-hint">
              {t('secondFactor.codeHint')}
            </p>
          </div>
          <div>
            <button type="submit">{t('secondFactor.submit')}</button>
          </div>
        </form>
      ) : null}
      <details class="recovery">
        <summary>{t('secondFactor.recoveryLegend')}</summary>
        <form method="post" action={action} class="stack">
          {hidden}
          <input type="hidden" name="method" value="recovery" />
          <div>
            <label for="recovery-code">{t('secondFactor.recoveryCode')}</label>
            <input
              id="recovery-code"
              name="code"
              type="text"
              autocomplete="off"
              spellcheck={false}
              maxLength={64}
              required
              aria-describedby="recovery-hint"
            />
            <p class="hint" id="recovery-hint">
              {t('secondFactor.recoveryHint')}
            </p>
          </div>
          <div>
            <button type="submit">{t('secondFactor.recoverySubmit')}</button>
          </div>
        </form>
      </details>
      <p>
        <a href={`/${ctx.locale}/staff/sign-in`}>{t('secondFactor.restart')}</a>
      </p>
    </StaffFrame>
  );
}

export function ReauthPage({
  ctx,
  csrf,
  next,
  hasTotp,
  notice,
}: {
  ctx: PageContext;
  csrf: string;
  next: string;
  hasTotp: boolean;
  notice: FlowNotice;
}) {
  const t = translator(ctx.locale, 'auth');
  return (
    <StaffFrame ctx={ctx} title={t('reauth.title')}>
      <h1>{t('reauth.title')}</h1>
      <p>{t('reauth.intro')}</p>
      <Notice ctx={ctx} section="reauth" notice={notice} />
      <form method="post" action={`/${ctx.locale}/staff/reauth`} class="stack">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="next" value={next} />
        <div>
          <label for="password">{t('signIn.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxLength={1024}
          />
        </div>
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
        <div>
          <label for="code">{t('reauth.code')}</label>
          <input
            id="code"
            name="code"
            type="text"
            autocomplete="one-time-code"
            spellcheck={false}
            maxLength={64}
            required
          />
        </div>
        <div>
          <button type="submit">{t('reauth.submit')}</button>
        </div>
      </form>
    </StaffFrame>
  );
}
