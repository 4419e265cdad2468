/** The five text pages: each is its Markdown text rendered by Prose, plus computed extras. */
import { translator } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/layout/context.ts';
import { Layout } from '../../platform/layout/Layout.tsx';
import { GermanFallback } from '../../platform/layout/TranslationNote.tsx';
import { ContactBlock } from './ContactBlock.tsx';
import type { ResolvedPagesOptions } from './options.ts';
import { Prose, proseTextIn } from './Prose.tsx';

type PageName = 'safety' | 'about' | 'easy' | 'accessibility' | 'privacy';

type Props = { ctx: PageContext; options: ResolvedPagesOptions };

/**
 * 2026-11-28 → "28. November 2026" / "28 November 2026"; UTC so the day never
 * shifts. British order for English: day before month, as readers in Germany expect.
 */
export function formatDate(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function TextPage({
  ctx,
  page,
  extras,
  variant,
}: {
  ctx: PageContext;
  page: PageName;
  extras?: Parameters<typeof Prose>[0]['extras'];
  variant?: string;
}) {
  // A network page (about) may have no translation: then German, marked and announced.
  const { doc: text, lang } = proseTextIn(ctx.locale, page);
  return (
    <Layout ctx={ctx} title={text.title} description={text.description}>
      <GermanFallback ctx={ctx} lang={lang}>
        <Prose text={text} locale={ctx.locale} extras={extras ?? {}} variant={variant} />
      </GermanFallback>
    </Layout>
  );
}

export const SafetyPage = ({ ctx }: Props) => <TextPage ctx={ctx} page="safety" />;
export const AboutPage = ({ ctx }: Props) => <TextPage ctx={ctx} page="about" />;
export const EasyReadPage = ({ ctx }: Props) => <TextPage ctx={ctx} page="easy" variant="easy" />;

export function AccessibilityPage({ ctx, options }: Props) {
  const t = translator(ctx.locale, 'pages');
  return (
    <TextPage
      ctx={ctx}
      page="accessibility"
      extras={{
        prepared: (
          <p>{t('accessibility.preparedOn', { date: formatDate(options.accessibilityStatementDate, ctx.locale) })}</p>
        ),
        feedback: (
          <ContactBlock
            contact={options.accessibilityContact}
            fallbackName={t('accessibility.contactFallback')}
            t={t}
          />
        ),
      }}
    />
  );
}

export function PrivacyPage({ ctx, options }: Props) {
  const t = translator(ctx.locale, 'pages');
  const op = options.operator;
  return (
    <TextPage
      ctx={ctx}
      page="privacy"
      extras={{
        controller: <ContactBlock contact={op} fallbackName={t('privacy.controllerFallback')} t={t} />,
        logs: (
          <>
            {op.logRetention ? <p>{t('privacy.logRetention', { retention: op.logRetention })}</p> : null}
            {op.hosting ? <p>{op.hosting}</p> : null}
          </>
        ),
        exit: <p>{t('privacy.exitTarget', { host: hostOf(ctx.quickExitUrl) })}</p>,
        rights: op.dataProtectionOfficer ? <p>{t('privacy.dpo', { dpo: op.dataProtectionOfficer })}</p> : null,
      }}
    />
  );
}
