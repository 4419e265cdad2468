/**
 * Error pages of the staff area, in the staff frame and in staff words. A
 * refused page and a page that does not exist look exactly the same: "not
 * found, or your account has no access" — nobody learns what exists.
 */
import { translator } from '../i18n/index.ts';
import { ErrorMessage, errorKind, type ErrorPageProps } from '../layout/ErrorPage.tsx';
import { StaffFrame } from './StaffFrame.tsx';

export function StaffErrorPage(props: ErrorPageProps) {
  const { ctx } = props;
  const t = translator(ctx.locale, 'staff');
  const key = errorKind(props.status);
  const title = key === 404 ? t('notFound.title') : translator(ctx.locale, 'errors')(`title_${key}`);
  const back = { href: `/${ctx.locale}/staff`, label: t('notFound.back') };
  return (
    <StaffFrame ctx={ctx} title={title}>
      <ErrorMessage {...props} title={title} notFound={t('notFound.body')} back={back} />
    </StaffFrame>
  );
}
