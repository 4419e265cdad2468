import { translator } from '../i18n/index.ts';
import type { PageContext } from './context.ts';
import { Layout } from './Layout.tsx';

/** The kinds of error page; every other status shows as 400 (client) or 500 (server). */
export function errorKind(status: number): 400 | 403 | 404 | 429 | 500 {
  if (status === 400 || status === 403 || status === 404 || status === 429) return status;
  return status >= 500 ? 500 : 400;
}

export type ErrorPageProps = { ctx: PageContext; status: number; message?: string | undefined };

/**
 * What an error page says, in either frame: the heading, what happened
 * (the detail of a refused request, never of a missing page or a fault
 * of ours) and the way back. The staff area words "not found" its own way.
 */
export function ErrorMessage({
  ctx,
  status,
  message,
  title,
  notFound,
  back,
}: ErrorPageProps & { title: string; notFound: string; back: { href: string; label: string } }) {
  const t = translator(ctx.locale, 'errors');
  const key = errorKind(status);
  return (
    <>
      <h1>{title}</h1>
      {key === 404 ? <p>{notFound}</p> : null}
      {key === 500 ? <p>{t('body_500')}</p> : null}
      {message && key !== 404 && key !== 500 ? (
        <div class="notice warn">
          <p>{t('detail')}</p>
          <p>{message}</p>
        </div>
      ) : null}
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </>
  );
}

export function ErrorPage(props: ErrorPageProps) {
  const { ctx } = props;
  const t = translator(ctx.locale, 'errors');
  const title = t(`title_${errorKind(props.status)}`);
  return (
    <Layout ctx={ctx} title={title}>
      <ErrorMessage
        {...props}
        title={title}
        notFound={t('body_404')}
        back={{ href: `/${ctx.locale}/`, label: t('back') }}
      />
    </Layout>
  );
}
