/**
 * A centre's page, built for getting in touch: the contact card (call,
 * write, messenger, website, and whether it is open now) comes right after
 * the name, before anything to read. The centre's own texts are German; on
 * a page in another language they carry `lang="de"` so screen readers and
 * translation tools treat them as such.
 */
import type { ComponentChildren } from 'preact';
import { dynamicKey, formatList, translator, type Translate } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { Layout } from '../../../platform/layout/Layout.tsx';
import type { DirectoryEntry } from '../../directory/entry.ts';
import { formatDate, languageNames } from '../../directory/format.ts';
import { contactKind } from '../contact-links.ts';
import { formatHours, openStateText, type OpenState } from '../hours.ts';
import { stateName } from './ResultCard.tsx';

/** The language the centres write their entries in. */
const ENTRY_LANGUAGE = 'de';

export type CentreModel = {
  entry: DirectoryEntry;
  /** Open now or when next, from the schedules at the request's time; null without hours or when not active. */
  openState: OpenState | null;
  /** The validated list this visitor came from (back-link.ts), or null: then "back" is the home page. */
  backTo: string | null;
};

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The centre's own words, marked with their language where the page is in another. */
function EntryText({
  ctx,
  as: Tag = 'span',
  class: cls,
  children,
}: {
  ctx: PageContext;
  as?: 'span' | 'p';
  class?: string;
  children: ComponentChildren;
}) {
  return (
    <Tag class={cls} lang={ctx.locale === ENTRY_LANGUAGE ? undefined : ENTRY_LANGUAGE}>
      {children}
    </Tag>
  );
}

function agesText(s: DirectoryEntry['service'], t: Translate<'finder'>): string | null {
  if (s.minimum_age !== null && s.maximum_age !== null)
    return t('centre.agesRange', { min: s.minimum_age, max: s.maximum_age });
  if (s.minimum_age !== null) return t('centre.agesMin', { min: s.minimum_age });
  if (s.maximum_age !== null) return t('centre.agesMax', { max: s.maximum_age });
  return null;
}

function ContactCard({ ctx, model, t }: { ctx: PageContext; model: CentreModel; t: Translate<'finder'> }) {
  const { entry, openState } = model;
  const s = entry.service;
  const website = s.url && /^https?:\/\//i.test(s.url) ? s.url : null;
  const phones = entry.phones.map((p) => {
    const kind = contactKind(p.type);
    return { ...p, kind, href: kind.href(p.number) };
  });
  const order = { call: 0, write: 1, messenger: 2, read: 3 } as const;
  const buttons = phones.filter((p) => p.href !== null).sort((a, b) => order[a.kind.action] - order[b.kind.action]);
  const plain = phones.filter((p) => p.href === null);
  const hasMessenger = buttons.some((p) => p.kind.action === 'messenger');
  const hours = formatHours(entry.schedules, ctx.locale, t);
  return (
    <section class="contact-card" aria-labelledby="contact-title">
      <h2 id="contact-title">{t('contact.title')}</h2>
      {openState ? (
        <p class={openState.open ? 'open-state open' : 'open-state'}>{openStateText(openState, t)}</p>
      ) : null}
      <ul class="contact-actions">
        {buttons.map((p) => (
          <li>
            <a
              class={`contact-button ${p.kind.action}`}
              href={p.href!}
              {...(p.kind.action === 'messenger' ? { rel: 'noreferrer nofollow' } : {})}
            >
              <span class="contact-kind">
                {p.kind.action === 'call' ? t('contact.call') : t(dynamicKey('finder', `contact.type.${p.kind.label}`))}
              </span>{' '}
              <span class="phone-number" dir="ltr">
                {p.number}
              </span>
              {p.description ? (
                <>
                  {' '}
                  <EntryText ctx={ctx} class="contact-note">
                    {p.description}
                  </EntryText>
                </>
              ) : null}
            </a>
          </li>
        ))}
        {s.email ? (
          <li>
            <a class="contact-button write" href={`mailto:${s.email}`}>
              <span class="contact-kind">{t('contact.email')}</span>{' '}
              <span class="contact-address" dir="ltr">
                {s.email}
              </span>
            </a>
          </li>
        ) : null}
        {website ? (
          <li>
            <a class="contact-button web" href={website} rel="noreferrer nofollow">
              <span class="contact-kind">{t('contact.website')}</span>{' '}
              <span class="contact-address" dir="ltr">
                {website.replace(/^https?:\/\//i, '').replace(/\/$/, '')}
              </span>
            </a>
          </li>
        ) : null}
      </ul>
      {plain.length ? (
        <ul class="contact-plain">
          {plain.map((p) => (
            <li>
              {t(dynamicKey('finder', `contact.type.${p.kind.label}`))}:{' '}
              <span class="phone-number" dir="ltr">
                {p.number}
              </span>
              {p.description ? (
                <>
                  {' '}
                  (<EntryText ctx={ctx}>{p.description}</EntryText>)
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {hours.length ? (
        <div class="hours">
          <h3>{t('centre.hours')}</h3>
          <ul>
            {hours.map((h) => (
              <li>
                <span class="hours-days">{h.days}</span> {h.times}
                {h.notes.length ? (
                  <>
                    {' '}
                    (<EntryText ctx={ctx}>{h.notes.join('; ')}</EntryText>)
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {hasMessenger ? <p class="hint">{t('contact.messengerHint')}</p> : null}
      <p class="hint">{t('centre.safeCall')}</p>
    </section>
  );
}

export function CentrePage({ ctx, model }: { ctx: PageContext; model: CentreModel }) {
  const t = translator(ctx.locale, 'finder');
  const { entry } = model;
  const s = entry.service;
  const loc = entry.location;
  const ages = agesText(s, t);
  const forWhom = formatList(
    entry.targetGroups.map((g) => t(`tg.${g}`)),
    ctx.locale,
  );
  return (
    <Layout ctx={ctx} title={s.name} description={s.description.slice(0, 160)}>
      <h1>
        {s.name}
        {s.is_demo ? <span class="badge-demo">{t('card.demo')}</span> : null}
      </h1>
      {s.status !== 'active' ? (
        <p class="notice warn">{t(dynamicKey('finder', `centre.status_${s.status.replace(' ', '_')}`))}</p>
      ) : null}
      {s.alert ? (
        <EntryText ctx={ctx} as="p" class="notice warn">
          {s.alert}
        </EntryText>
      ) : null}
      {forWhom || ages ? <p class="centre-for">{[forWhom, ages].filter(Boolean).join(' · ')}</p> : null}
      <ContactCard ctx={ctx} model={model} t={t} />
      {s.is_demo ? <p class="notice warn">{t('centre.demoNote')}</p> : null}
      <EntryText ctx={ctx} as="p">
        {s.description}
      </EntryText>
      {s.application_process ? (
        <>
          <h2>{t('centre.howTo')}</h2>
          <EntryText ctx={ctx} as="p">
            {s.application_process}
          </EntryText>
        </>
      ) : null}
      <dl class="facts">
        <Fact label={t('centre.organisation')}>{entry.organization.name}</Fact>
        {forWhom ? <Fact label={t('centre.forWhom')}>{forWhom}</Fact> : null}
        {ages ? <Fact label={t('centre.ages')}>{ages}</Fact> : null}
        {entry.exploitation.length ? (
          <Fact label={t('centre.exploitation')}>
            {formatList(
              entry.exploitation.map((g) => t(`ex.${g}`)),
              ctx.locale,
            )}
          </Fact>
        ) : null}
        {entry.languages.length ? (
          <Fact label={t('centre.languages')}>
            {formatList(languageNames(entry.languages, ctx.locale), ctx.locale)}
          </Fact>
        ) : null}
        {s.interpretation_services ? (
          <Fact label={t('centre.interpretation')}>
            <EntryText ctx={ctx}>{s.interpretation_services}</EntryText>
          </Fact>
        ) : null}
        <Fact label={t('centre.address')}>
          {loc ? (
            <>
              {loc.address.address_1 && !loc.address_protected ? (
                <>
                  <bdi>{loc.address.address_1}</bdi>
                  <br />
                </>
              ) : null}
              <span dir="ltr">{loc.address.postal_code}</span> {loc.address.city}
              {loc.address_protected ? (
                <>
                  <br />
                  {t('card.protected')}
                </>
              ) : null}
            </>
          ) : (
            t('card.online')
          )}
        </Fact>
        {entry.areas.length ? (
          <Fact label={t('centre.area')}>
            {formatList(
              entry.areas.map((a) => (a === 'DE' ? t('card.coversNation') : stateName(a, ctx.locale))),
              ctx.locale,
            )}
          </Fact>
        ) : null}
        {entry.accessibility.length || loc?.accessibility ? (
          <Fact label={t('centre.accessibility')}>
            {formatList(
              entry.accessibility.map((a) => t(`acc.${a}`)),
              ctx.locale,
            )}
            {entry.accessibility.length && loc?.accessibility ? ', ' : null}
            {loc?.accessibility ? <EntryText ctx={ctx}>{loc.accessibility}</EntryText> : null}
          </Fact>
        ) : null}
        <Fact label={t('centre.verified')}>
          {s.assured_date ? formatDate(s.assured_date, ctx.locale) : t('centre.notVerified')}
        </Fact>
      </dl>
      <p>
        <a href={`/${ctx.locale}/centres/${s.id}/report`}>{t('centre.reportError')}</a>
      </p>
      <p>
        <a href={model.backTo ?? `/${ctx.locale}/`}>{model.backTo ? t('centre.backToResults') : t('centre.back')}</a>
      </p>
    </Layout>
  );
}
