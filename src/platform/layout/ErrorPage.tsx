import { translator } from '../i18n/index.ts';
import type { PageContext } from './context.ts';
import { Layout } from './Layout.tsx';

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
  const key = [400, 403, 404, 429].includes(status) ? status : status >= 500 ? 500 : 400;
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
