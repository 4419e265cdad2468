import { translator } from '../i18n/index.ts';
import type { PageContext } from './context.ts';
import { Layout } from './Layout.tsx';

/** The kinds of error page; every other status shows as 400 (client) or 500 (server). */
export function errorKind(status: number): 400 | 403 | 404 | 429 | 500 {
  if (status === 400 || status === 403 || status === 404 || status === 429) return status;
  return status >= 500 ? 500 : 400;
}

export function ErrorPage({
  ctx,
  status,
  message,
}: {
  ctx: PageContext;
  status: number;
  message?: string | undefined;
}) {
  const t = translator(ctx.locale, 'errors');
  const key = errorKind(status);
  return (
    <Layout ctx={ctx} title={t(`title_${key}`)}>
      <h1>{t(`title_${key}`)}</h1>
      {key === 404 ? <p>{t('body_404')}</p> : null}
      {key === 500 ? <p>{t('body_500')}</p> : null}
      {message && key !== 404 && key !== 500 ? (
        <div class="notice warn">
          <p>{t('detail')}</p>
          <p>{message}</p>
        </div>
      ) : null}
      <p>
        <a href={`/${ctx.locale}/`}>{t('back')}</a>
      </p>
    </Layout>
  );
}
