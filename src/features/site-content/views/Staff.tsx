/**
 * The office's editing pages: the lists, one edit form for posts and pages
 * (Markdown, a server-rendered preview that works without JavaScript, save,
 * schedule, publish, withdraw), the revisions and a diff between any
 * revision and the current one.
 */
import { MarkdownBody } from '../../../platform/content/MarkdownBody.tsx';
import type { SafeHtml } from '../../../platform/content/markdown.ts';
import type { DiffPart } from '../../../platform/content/diff.ts';
import { RevisionDiff } from '../../../platform/content/RevisionDiff.tsx';
import { translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { TableScroll } from '../../../platform/layout/TableScroll.tsx';
import { StaffPage } from '../../../platform/staff/StaffPage.tsx';
import { ErrorSummary, Field, control, type Errors } from '../../../platform/staff/forms.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import type { PublicState } from '../schedule.ts';

type Done = 'saved' | 'published' | 'scheduled' | 'withdrawn' | undefined;

function DoneNote({ ctx, done }: { ctx: PageContext; done: Done }) {
  if (!done) return null;
  const t = translator(ctx.locale, 'siteContent');
  return (
    <p class="notice" role="status">
      {t(`staff.done.${done}`)}
    </p>
  );
}

function StateLabel({ ctx, state, changed }: { ctx: PageContext; state: PublicState; changed: boolean }) {
  const t = translator(ctx.locale, 'siteContent');
  return (
    <>
      {t(`staff.state.${state}`)}
      {changed && state !== 'draft' ? <> – {t('staff.state.changed')}</> : null}
    </>
  );
}

export type PostRow = {
  href: string;
  title: string;
  category: string;
  locale: string;
  state: PublicState;
  changed: boolean;
  publishAt: Date | null;
};

export function NewsListStaff({
  ctx,
  model,
}: {
  ctx: PageContext;
  model: { rows: PostRow[]; newHref: string; done: Done };
}) {
  const t = translator(ctx.locale, 'siteContent');
  return (
    <StaffPage ctx={ctx} title={t('staff.newsTitle')}>
      <DoneNote ctx={ctx} done={model.done} />
      <p>
        <a href={model.newHref}>{t('staff.newPost')}</a>
      </p>
      <TableScroll label={t('staff.newsTitle')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('staff.columns.title')}</th>
              <th scope="col">{t('staff.columns.category')}</th>
              <th scope="col">{t('staff.columns.language')}</th>
              <th scope="col">{t('staff.columns.state')}</th>
              <th scope="col">{t('staff.columns.publishAt')}</th>
            </tr>
          </thead>
          <tbody>
            {model.rows.map((r) => (
              <tr>
                <td>
                  <a href={r.href}>{r.title}</a>
                </td>
                <td>{r.category}</td>
                <td>{r.locale}</td>
                <td>
                  <StateLabel ctx={ctx} state={r.state} changed={r.changed} />
                </td>
                <td>{r.publishAt ? formatDay(r.publishAt, ctx.locale) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </StaffPage>
  );
}

export type PageRow = { href: string; label: string; locale: string; state: PublicState; changed: boolean };

export function PagesListStaff({
  ctx,
  model,
}: {
  ctx: PageContext;
  model: { rows: PageRow[]; contactDetailsHref: string };
}) {
  const t = translator(ctx.locale, 'siteContent');
  return (
    <StaffPage ctx={ctx} title={t('staff.pagesTitle')}>
      <p>
        <a href={model.contactDetailsHref}>{t('staff.contactDetails.title')}</a>
      </p>
      <TableScroll label={t('staff.pagesTitle')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('staff.columns.page')}</th>
              <th scope="col">{t('staff.columns.language')}</th>
              <th scope="col">{t('staff.columns.state')}</th>
            </tr>
          </thead>
          <tbody>
            {model.rows.map((r) => (
              <tr>
                <td>
                  <a href={r.href}>{r.label}</a>
                </td>
                <td>{r.locale}</td>
                <td>
                  <StateLabel ctx={ctx} state={r.state} changed={r.changed} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </StaffPage>
  );
}

export type EditModel = {
  title: string;
  action: string;
  csrf: string;
  /** Posts have address, language, category and summary; pages only title and body. */
  post: { categories: { key: string; label: string }[] } | null;
  values: Record<'slug' | 'locale' | 'category' | 'title' | 'summary' | 'body' | 'publish_at', string>;
  errors: Errors;
  state: PublicState | null;
  changed: boolean;
  publicHref: string | null;
  preview: SafeHtml | null;
  revisions: { href: string; savedAt: Date }[];
  done: Done;
};

const FIELD_ORDER = ['slug', 'locale', 'category', 'title', 'summary', 'body', 'publish_at'] as const;

export function EditPage({ ctx, model }: { ctx: PageContext; model: EditModel }) {
  const t = translator(ctx.locale, 'siteContent');
  const v = model.values;
  const e = model.errors;
  const prefix = t('staff.errorSummary');
  const label: Record<(typeof FIELD_ORDER)[number], string> = {
    slug: t('staff.field.slug'),
    locale: t('staff.field.locale'),
    category: t('staff.field.category'),
    title: t('staff.field.title'),
    summary: t('staff.field.summary'),
    body: t('staff.field.body'),
    publish_at: t('staff.field.publishAt'),
  };
  const items = FIELD_ORDER.filter((f) => e.has(f)).map((f) => ({
    href: `#f-${f}`,
    text: `${label[f]}: ${e.get(f)!.join(' ')}`,
  }));
  return (
    <StaffPage ctx={ctx} title={model.title}>
      <DoneNote ctx={ctx} done={model.done} />
      {items.length > 0 ? <ErrorSummary title={prefix} items={items} /> : null}
      {model.state ? (
        <p>
          {t('staff.columns.state')}: <StateLabel ctx={ctx} state={model.state} changed={model.changed} />
          {model.publicHref ? (
            <>
              {' – '}
              <a href={model.publicHref}>{t('staff.publicLink')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {model.preview ? (
        <section aria-labelledby="preview-title" class="preview">
          <h2 id="preview-title">{t('staff.previewTitle')}</h2>
          <p class="hint">{t('staff.previewNote')}</p>
          <MarkdownBody html={model.preview} />
        </section>
      ) : null}
      <form method="post" action={model.action} novalidate>
        <input type="hidden" name="_csrf" value={model.csrf} />
        {model.post ? (
          <>
            <Field name="slug" label={label.slug} hint={t('staff.field.slugHint')} errors={e} errorPrefix={prefix}>
              <input value={v.slug} maxLength={100} {...control('slug', e, true)} />
            </Field>
            <Field name="locale" label={label.locale} errors={e} errorPrefix={prefix}>
              <select {...control('locale', e, false)}>
                <option value="de" selected={v.locale !== 'en'}>
                  Deutsch
                </option>
                <option value="en" selected={v.locale === 'en'} lang="en">
                  English
                </option>
              </select>
            </Field>
            <Field name="category" label={label.category} errors={e} errorPrefix={prefix}>
              <select {...control('category', e, false)}>
                {model.post.categories.map((c) => (
                  <option value={c.key} selected={c.key === v.category}>
                    {c.label}
                  </option>
                ))}
              </select>
            </Field>
          </>
        ) : null}
        <Field name="title" label={label.title} errors={e} errorPrefix={prefix}>
          <input value={v.title} maxLength={200} {...control('title', e, false)} />
        </Field>
        {model.post ? (
          <Field
            name="summary"
            label={label.summary}
            hint={t('staff.field.summaryHint')}
            errors={e}
            errorPrefix={prefix}
          >
            <textarea rows={3} maxLength={500} {...control('summary', e, true)}>
              {v.summary}
            </textarea>
          </Field>
        ) : null}
        <Field name="body" label={label.body} hint={t('staff.field.bodyHint')} errors={e} errorPrefix={prefix}>
          <textarea rows={18} maxLength={50000} {...control('body', e, true)}>
            {v.body}
          </textarea>
        </Field>
        <Field
          name="publish_at"
          label={label.publish_at}
          hint={t('staff.field.publishAtHint')}
          errors={e}
          errorPrefix={prefix}
        >
          <input type="datetime-local" value={v.publish_at} {...control('publish_at', e, true)} />
        </Field>
        <div class="actions">
          <button type="submit" name="intent" value="preview">
            {t('staff.intent.preview')}
          </button>
          <button type="submit" name="intent" value="save">
            {t('staff.intent.save')}
          </button>
          <button type="submit" name="intent" value="schedule">
            {t('staff.intent.schedule')}
          </button>
          <button type="submit" name="intent" value="publish">
            {t('staff.intent.publish')}
          </button>
          {model.state === 'published' || model.state === 'scheduled' ? (
            <button type="submit" name="intent" value="withdraw">
              {t('staff.intent.withdraw')}
            </button>
          ) : null}
        </div>
      </form>
      {model.revisions.length > 0 ? (
        <section aria-labelledby="revisions-title">
          <h2 id="revisions-title">{t('staff.revisions')}</h2>
          <ol reversed>
            {model.revisions.map((r) => (
              <li>
                {t('staff.revisionSavedAt')} {formatDay(r.savedAt, ctx.locale)} –{' '}
                <a href={r.href}>{t('staff.compare')}</a>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </StaffPage>
  );
}

export function DiffPage({
  ctx,
  model,
}: {
  ctx: PageContext;
  model: { savedAt: Date; parts: DiffPart[]; backHref: string; backLabel: string };
}) {
  const t = translator(ctx.locale, 'siteContent');
  const changed = model.parts.some((p) => p.kind !== 'same');
  return (
    <StaffPage ctx={ctx} title={t('staff.diffTitle', { date: formatDay(model.savedAt, ctx.locale) })}>
      {changed ? (
        <RevisionDiff parts={model.parts} labels={{ added: t('staff.diffAdded'), removed: t('staff.diffRemoved') }} />
      ) : (
        <p>{t('staff.diffNone')}</p>
      )}
      <p>
        <a href={model.backHref}>{model.backLabel}</a>
      </p>
    </StaffPage>
  );
}

export type ContactDetailsModel = {
  action: string;
  csrf: string;
  values: Record<'name' | 'address' | 'phone', string>;
  errors: Errors;
  saved: boolean;
};

const CONTACT_FIELDS = ['name', 'address', 'phone'] as const;

/** The office's name, postal address and phone number as the footer of every public page shows them. */
export function ContactDetailsPage({ ctx, model }: { ctx: PageContext; model: ContactDetailsModel }) {
  const t = translator(ctx.locale, 'siteContent');
  const v = model.values;
  const e = model.errors;
  const prefix = t('staff.errorSummary');
  const label: Record<(typeof CONTACT_FIELDS)[number], string> = {
    name: t('staff.contactDetails.name'),
    address: t('staff.contactDetails.address'),
    phone: t('staff.contactDetails.phone'),
  };
  const items = CONTACT_FIELDS.filter((f) => e.has(f)).map((f) => ({
    href: `#f-${f}`,
    text: `${label[f]}: ${e.get(f)!.join(' ')}`,
  }));
  return (
    <StaffPage ctx={ctx} title={t('staff.contactDetails.title')}>
      {model.saved ? (
        <p class="notice" role="status">
          {t('staff.contactDetails.saved')}
        </p>
      ) : null}
      {items.length > 0 ? <ErrorSummary title={prefix} items={items} /> : null}
      <p>{t('staff.contactDetails.intro')}</p>
      <form method="post" action={model.action} novalidate>
        <input type="hidden" name="_csrf" value={model.csrf} />
        <Field name="name" label={label.name} errors={e} errorPrefix={prefix}>
          <input value={v.name} maxLength={200} autocomplete="organization" {...control('name', e, false)} />
        </Field>
        <Field
          name="address"
          label={label.address}
          hint={t('staff.contactDetails.addressHint')}
          errors={e}
          errorPrefix={prefix}
        >
          <textarea rows={4} maxLength={1300} {...control('address', e, true)}>
            {v.address}
          </textarea>
        </Field>
        <Field name="phone" label={label.phone} errors={e} errorPrefix={prefix}>
          <input value={v.phone} type="tel" maxLength={30} autocomplete="tel" {...control('phone', e, false)} />
        </Field>
        <button type="submit">{t('staff.contactDetails.submit')}</button>
      </form>
    </StaffPage>
  );
}
