/** The users list and the invitation form. */
import { translator, type Translate } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { DataTable } from '../../../platform/layout/TableScroll.tsx';
import type { Role } from '../../../platform/db/schema.ts';
import { FieldErrorSummary, InputField, PostForm, type FieldErrors } from '../../../platform/staff/forms.tsx';

type Base = { ctx: PageContext; t: Translate<'userAdmin'> };

export type UserRow = {
  id: string;
  displayName: string;
  email: string;
  role: Role;
  centreName: string | null;
  disabled: boolean;
  enrolled: boolean;
};

export function UsersPage({ ctx, t, users, canInvite }: Base & { users: UserRow[]; canInvite: boolean }) {
  return (
    <StaffFrame ctx={ctx} title={t('users.title')}>
      <h1>{t('users.title')}</h1>
      {canInvite ? (
        <p>
          <a class="button" href={`/${ctx.locale}/staff/users/invite`}>
            {t('users.invite')}
          </a>
        </p>
      ) : null}
      <DataTable
        label={t('users.title')}
        columns={[t('users.name'), t('users.email'), t('users.role'), t('users.centre'), t('users.status')]}
        items={users}
        empty={t('users.empty')}
        row={(u) => (
          <>
            <td>
              <a href={`/${ctx.locale}/staff/users/${u.id}`}>{u.displayName}</a>
            </td>
            <td class="email">{u.email}</td>
            <td>{translator(ctx.locale, 'staff')(`roles.${u.role}`)}</td>
            <td>{u.centreName ?? '–'}</td>
            <td>{u.disabled ? t('users.disabled') : u.enrolled ? t('users.active') : t('users.noFactor')}</td>
          </>
        )}
      />
    </StaffFrame>
  );
}

export type InviteFormValues = { email: string; display_name: string; role: string; centre_id: string };

type InviteProps = Base & {
  csrf: string;
  /** Roles this actor may invite, in display order. */
  roles: Role[];
  /** Centres an administrator may choose from; empty for centre leads (their own centre is implied). */
  centres: { id: string; name: string }[];
  values?: Partial<InviteFormValues>;
  errors?: FieldErrors;
  sent?: boolean;
  /** Administrators invite network staff and leads; centre leads their counsellors. */
  network: boolean;
};

export function InvitePage({
  ctx,
  t,
  csrf,
  roles,
  centres,
  values = {},
  errors = {},
  sent = false,
  network,
}: InviteProps) {
  return (
    <StaffFrame ctx={ctx} title={t('invite.title')}>
      <h1>{t('invite.title')}</h1>
      {sent ? (
        <p class="notice" role="status">
          {t('invite.sent')}
        </p>
      ) : null}
      <FieldErrorSummary title={t('form.errorsTitle')} errors={errors} />
      <p>{network ? t('invite.leadAdmin') : t('invite.leadCentre')}</p>
      <PostForm action={`/${ctx.locale}/staff/users/invite`} csrf={csrf}>
        <InputField
          name="email"
          type="email"
          label={t('invite.email')}
          value={values.email ?? ''}
          error={errors.email}
          autocomplete="off"
          maxLength={254}
        />
        <InputField
          name="display_name"
          label={t('invite.name')}
          hint={t('invite.nameHint')}
          value={values.display_name ?? ''}
          error={errors.display_name}
          autocomplete="off"
          maxLength={200}
          required={false}
        />
        {roles.length === 1 ? (
          <input type="hidden" name="role" value={roles[0]} />
        ) : (
          <fieldset id="f-role" aria-describedby={errors.role ? 'f-role-error' : undefined}>
            <legend>{t('invite.role')}</legend>
            {errors.role ? (
              <p class="field-error" id="f-role-error">
                {errors.role}
              </p>
            ) : null}
            <div class="checks">
              {roles.map((r) => (
                <label>
                  <input type="radio" name="role" value={r} checked={values.role === r} />
                  {translator(ctx.locale, 'staff')(`roles.${r}`)}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {centres.length > 0 ? (
          <div class={errors.centre_id ? 'field field-invalid' : 'field'}>
            <label for="f-centre_id">{t('invite.centre')}</label>
            {errors.centre_id ? (
              <p class="field-error" id="f-centre_id-error">
                {errors.centre_id}
              </p>
            ) : null}
            <select
              id="f-centre_id"
              name="centre_id"
              aria-invalid={errors.centre_id ? 'true' : undefined}
              aria-describedby={errors.centre_id ? 'f-centre_id-error' : undefined}
            >
              <option value="">{t('invite.chooseCentre')}</option>
              {centres.map((c) => (
                <option value={c.id} selected={values.centre_id === c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit">{t('invite.submit')}</button>
      </PostForm>
    </StaffFrame>
  );
}
