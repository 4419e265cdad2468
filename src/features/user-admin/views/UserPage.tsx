/**
 * One account as administrators and centre leads see it: the facts, then
 * what the viewer may do with it (disable; for administrators, change the
 * role). Plain forms: everything works without JavaScript.
 */
import { translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { FieldErrorSummary, PostForm } from '../../../platform/staff/forms.tsx';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import type { AccountSummary } from '../accounts.ts';
import { USER_ADMIN_NS } from '../messages.ts';
import type { DisableCheck, RoleOffer } from '../rules.ts';
import type { Done } from '../schema.ts';

export type UserPageModel = {
  account: AccountSummary;
  openSessions: number;
  disable: DisableCheck;
  role: RoleOffer;
  done?: Done | undefined;
  /** Set when the disable form came back without the confirmation. */
  confirmError?: string | undefined;
};

function formatDate(locale: string, d: Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(d);
}

export function UserPage({ ctx, csrf, model }: { ctx: PageContext; csrf: string; model: UserPageModel }) {
  const t = translator(ctx.locale, USER_ADMIN_NS);
  // Role names and the list's labels are the account feature's; one wording everywhere.
  const ta = translator(ctx.locale, 'staff');
  const { account } = model;
  const base = `/${ctx.locale}/staff/users`;
  const status = account.disabled ? t('status.disabled') : account.enrolled ? t('status.active') : t('status.noFactor');
  return (
    <StaffFrame ctx={ctx} title={t('title', { name: account.displayName })}>
      <p>
        <a href={base}>{t('back')}</a>
      </p>
      <h1>{t('title', { name: account.displayName })}</h1>
      {model.done ? (
        <p class="notice" role="status">
          {t(`done.${model.done}`)}
        </p>
      ) : null}
      <FieldErrorSummary
        title={t('form.errorsTitle')}
        errors={model.confirmError ? { confirm: model.confirmError } : {}}
      />
      {account.disabled ? (
        <div class="notice warn">
          <p>
            <strong>{t('disabledNotice')}</strong>
          </p>
          <p>{t('noEnable')}</p>
        </div>
      ) : null}

      <dl class="facts">
        <dt>{t('facts.name')}</dt>
        <dd>{account.displayName}</dd>
        <dt>{t('facts.email')}</dt>
        <dd>{account.email}</dd>
        <dt>{t('facts.role')}</dt>
        <dd>{ta(`roles.${account.role}`)}</dd>
        <dt>{t('facts.centre')}</dt>
        <dd>{account.centreName ?? t('facts.noCentre')}</dd>
        <dt>{t('facts.status')}</dt>
        <dd>{status}</dd>
        <dt>{t('facts.created')}</dt>
        <dd>{formatDate(ctx.locale, account.createdAt)}</dd>
        <dt>{t('facts.sessions')}</dt>
        <dd>{model.openSessions}</dd>
      </dl>

      {model.role ? <RoleSection ctx={ctx} csrf={csrf} account={account} offer={model.role} /> : null}
      {account.disabled ? null : (
        <DisableSection
          ctx={ctx}
          csrf={csrf}
          account={account}
          check={model.disable}
          confirmError={model.confirmError}
        />
      )}
    </StaffFrame>
  );
}

function RoleSection({
  ctx,
  csrf,
  account,
  offer,
}: {
  ctx: PageContext;
  csrf: string;
  account: AccountSummary;
  offer: NonNullable<RoleOffer>;
}) {
  const t = translator(ctx.locale, USER_ADMIN_NS);
  const ta = translator(ctx.locale, 'staff');
  return (
    <section aria-labelledby="role-title">
      <h2 id="role-title">{t('role.title')}</h2>
      {offer.kind === 'not_centre_role' ? <p>{t('role.notCentreRole')}</p> : null}
      {offer.kind === 'disabled' ? <p>{t('role.disabled')}</p> : null}
      {offer.kind === 'offer' ? (
        <>
          <p>{t('role.intro', { centre: account.centreName ?? '' })}</p>
          <PostForm action={`/${ctx.locale}/staff/users/${account.id}/role`} csrf={csrf}>
            <input type="hidden" name="role" value={offer.to} />
            <button type="submit" class="secondary">
              {t('role.submit', { role: ta(`roles.${offer.to}`) })}
            </button>
          </PostForm>
        </>
      ) : null}
    </section>
  );
}

function DisableSection(props: {
  ctx: PageContext;
  csrf: string;
  account: AccountSummary;
  check: DisableCheck;
  confirmError?: string | undefined;
}) {
  const { ctx, csrf, account, check, confirmError } = props;
  const t = translator(ctx.locale, USER_ADMIN_NS);
  return (
    <section aria-labelledby="disable-title">
      <h2 id="disable-title">{t('disable.title')}</h2>
      {check === 'own_account' ? <p>{t('disable.ownAccount')}</p> : null}
      {check === 'refused' ? <p>{t('disable.notYours')}</p> : null}
      {check === 'allowed' ? (
        <>
          <p>{t('disable.intro')}</p>
          <ul>
            <li>{t('disable.effects.signIn')}</li>
            <li>{t('disable.effects.sessions')}</li>
            <li>{t('disable.effects.links')}</li>
            <li>{t('disable.effects.kept')}</li>
          </ul>
          <p>{t('noEnable')}</p>
          <PostForm action={`/${ctx.locale}/staff/users/${account.id}/disable`} csrf={csrf}>
            <div class={confirmError ? 'field field-invalid' : 'field'}>
              {confirmError ? (
                <p class="field-error" id="f-confirm-error">
                  {confirmError}
                </p>
              ) : null}
              <div class="checks">
                <label>
                  <input
                    type="checkbox"
                    id="f-confirm"
                    name="confirm"
                    value="yes"
                    required
                    aria-invalid={confirmError ? 'true' : undefined}
                    aria-describedby={confirmError ? 'f-confirm-error' : undefined}
                  />
                  {t('disable.confirm')}
                </label>
              </div>
            </div>
            <button type="submit">{t('disable.submit', { name: account.displayName })}</button>
          </PostForm>
        </>
      ) : null}
    </section>
  );
}
