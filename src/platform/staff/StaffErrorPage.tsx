/**
 * Error pages of the staff area, in the staff frame and in staff words. A
 * refused page and a page that does not exist look exactly the same: "not
 * found, or your account has no access" — nobody learns what exists.
 */
import { translator } from '../i18n/index.ts';
import { errorKind } from '../layout/ErrorPage.tsx';
import type { PageContext } from '../layout/context.ts';
import { StaffFrame } from './StaffFrame.tsx';

export function StaffErrorPage({
  ctx,
  status,
  message,
}: {
  ctx: PageContext;
  status: number;
  message?: string | undefined;
}) {
  const t = translator(ctx.locale, 'staff');
  const te = translator(ctx.locale, 'errors');
  const key = errorKind(status);
  const title = key === 404 ? t('notFound.title') : te(`title_${key}`);
  return (
    <StaffFrame ctx={ctx} title={title}>
      <h1>{title}</h1>
      {key === 404 ? <p>{t('notFound.body')}</p> : null}
      {key === 500 ? <p>{te('body_500')}</p> : null}
      {message && key !== 404 && key !== 500 ? (
        <div class="notice warn">
          <p>{te('detail')}</p>
          <p>{message}</p>
        </div>
      ) : null}
      <p>
        <a href={`/${ctx.locale}/staff`}>{t('notFound.back')}</a>
      </p>
    </StaffFrame>
  );
}
