/**
 * The library in the staff area: the list of works (with the form that
 * creates one, for the office), and a work's page with its editions, their
 * versions and downloads (members-only ones included) and, for the office,
 * the forms that add an edition or a version, publish or withdraw, and set
 * an edition's visibility.
 */
import type { ComponentChildren } from 'preact';
import { CSRF_FIELD } from '../../../platform/auth/csrf.ts';
import { translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { DataTable } from '../../../platform/layout/TableScroll.tsx';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { ErrorSummary, Field, PostForm, control, inputId, type Errors } from '../../../platform/staff/forms.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import { toBerlinLocal } from '../../site-content/schedule.ts';
import {
  EDITION_LANGUAGES,
  WORK_TYPES,
  type Edition,
  type EditionLanguage,
  type WorkWithEditions,
} from '../queries.ts';
import { htmlLangOf, textLang } from './PublicPages.tsx';

export type EditionValues = {
  type: string;
  language: string;
  title: string;
  summary: string;
  authors: string;
  issued: string;
  licence: string;
  visibility: string;
};

export const EMPTY_EDITION: EditionValues = {
  type: 'dossier',
  language: 'de',
  title: '',
  summary: '',
  authors: '',
  issued: '',
  licence: 'CC BY 4.0',
  visibility: 'public',
};

type FormState = { values: EditionValues; errors: Errors };

function problems(errors: Errors, label: (field: string) => string) {
  return [...errors].flatMap(([f, list]) => list.map((m) => ({ href: `#${inputId(f)}`, text: `${label(f)}: ${m}` })));
}

/** A form that carries a file: multipart, with the CSRF token as a field. */
function UploadForm({ action, csrf, children }: { action: string; csrf: string; children: ComponentChildren }) {
  return (
    <form method="post" action={action} enctype="multipart/form-data" class="staff-form" novalidate>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {children}
    </form>
  );
}

function FileField({ ctx, errors, name = 'file' }: { ctx: PageContext; errors: Errors; name?: string }) {
  const s = translator(ctx.locale, 'publicationsStaff');
  return (
    <Field name={name} label={s('field.file')} hint={s('field.fileHint')} errors={errors} errorPrefix={s('problems')}>
      <input type="file" {...control(name, errors, true)} name="file" accept="application/pdf,.pdf" />
    </Field>
  );
}

function EditionFields({
  ctx,
  form,
  withType,
  editing = false,
}: {
  ctx: PageContext;
  form: FormState;
  withType: boolean;
  /** Editing an edition: its language stays (it names the edition) and no file is taken. */
  editing?: boolean;
}) {
  const s = translator(ctx.locale, 'publicationsStaff');
  const w = translator(textLang(ctx.locale), 'publications');
  const { values: v, errors } = form;
  const prefix = s('problems');
  const text = (name: keyof EditionValues, max: number, hint?: string) => (
    <Field name={name} label={s(`field.${name}` as 'field.title')} hint={hint} errors={errors} errorPrefix={prefix}>
      <input type="text" {...control(name, errors, hint !== undefined)} value={v[name]} maxLength={max} />
    </Field>
  );
  return (
    <>
      {withType ? (
        <Field name="type" label={s('field.type')} errors={errors} errorPrefix={prefix}>
          <select {...control('type', errors, false)}>
            {WORK_TYPES.map((t) => (
              <option value={t} selected={v.type === t}>
                {w(`type.${t}`)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {editing ? null : (
        <Field name="language" label={s('field.language')} errors={errors} errorPrefix={prefix}>
          <select {...control('language', errors, false)}>
            {EDITION_LANGUAGES.map((l) => (
              <option value={l} selected={v.language === l}>
                {w(`language.${l}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {text('title', 300)}
      <Field name="summary" label={s('field.summary')} errors={errors} errorPrefix={prefix}>
        <textarea {...control('summary', errors, false)} rows={5} maxLength={4000}>
          {v.summary}
        </textarea>
      </Field>
      {text('authors', 500)}
      {text('issued', 10, s('field.issuedHint'))}
      {text('licence', 100, s('field.licenceHint'))}
      <Field name="visibility" label={s('field.visibility')} errors={errors} errorPrefix={prefix}>
        <select {...control('visibility', errors, false)}>
          {(['public', 'members'] as const).map((x) => (
            <option value={x} selected={v.visibility === x}>
              {s(`visibility.${x}`)}
            </option>
          ))}
        </select>
      </Field>
      {editing ? null : <FileField ctx={ctx} errors={errors} />}
    </>
  );
}

function Notice({ text, kind }: { text: string | null; kind: 'done' | 'refusal' }) {
  if (text === null) return null;
  return kind === 'done' ? (
    <p class="notice success" role="status">
      {text}
    </p>
  ) : (
    <div class="notice error" role="alert">
      <p>{text}</p>
    </div>
  );
}

export type LibraryModel = {
  works: readonly WorkWithEditions[];
  /** Null: the reader may not create (centre staff). */
  form: FormState | null;
  refusal: string | null;
  csrf: string;
};

export function LibraryPage({ ctx, model }: { ctx: PageContext; model: LibraryModel }) {
  const s = translator(ctx.locale, 'publicationsStaff');
  const w = translator(textLang(ctx.locale), 'publications');
  const base = `/${ctx.locale}/staff/publications`;
  const label = (f: string) => (f === 'file' ? s('field.file') : s(`field.${f}` as 'field.title'));
  return (
    <StaffFrame ctx={ctx} title={s('title')}>
      <h1>{s('title')}</h1>
      <Notice text={model.refusal} kind="refusal" />
      <DataTable
        label={s('title')}
        columns={[s('columns.title'), s('columns.type'), s('columns.status'), s('columns.editions')]}
        items={model.works}
        empty={s('empty')}
        row={(work) => {
          const first = work.editions[0];
          return (
            <>
              <td>
                <a href={`${base}/${work.id}`} lang={first ? htmlLangOf(first.language) : undefined}>
                  {first?.title ?? work.slug}
                </a>
              </td>
              <td>{w(`type.${work.type}`)}</td>
              <td>{s(`status.${work.status}`)}</td>
              <td>
                {work.editions
                  .map((e) => `${w(`language.${e.language}`)} (${s(`visibility.${e.visibility}`)})`)
                  .join(', ')}
              </td>
            </>
          );
        }}
      />
      {model.form ? (
        <section aria-labelledby="create-title">
          <h2 id="create-title">{s('create.title')}</h2>
          {model.form.errors.size > 0 ? (
            <ErrorSummary title={s('problems')} items={problems(model.form.errors, label)} />
          ) : null}
          <UploadForm action={base} csrf={model.csrf}>
            <EditionFields ctx={ctx} form={model.form} withType />
            <button type="submit">{s('create.submit')}</button>
          </UploadForm>
        </section>
      ) : null}
    </StaffFrame>
  );
}

export type WorkModel = {
  work: WorkWithEditions;
  manage: boolean;
  done: string | null;
  refusal: string | null;
  /** The form adding an edition (languages still missing), when the reader may. */
  form: FormState | null;
  missing: readonly EditionLanguage[];
  /** The projects the office may name as the work's origin (when the reader may manage). */
  projects: readonly { id: string; title: string }[];
  csrf: string;
  /** The request's time: a work published after it is scheduled. */
  now: Date;
  scheduleErrors: Errors;
};

/** A published work whose time has not come yet. */
const scheduled = (work: WorkWithEditions, now: Date) =>
  work.status === 'published' && work.publishedAt !== null && work.publishedAt.getTime() > now.getTime();

export function WorkPage({ ctx, model }: { ctx: PageContext; model: WorkModel }) {
  const s = translator(ctx.locale, 'publicationsStaff');
  const w = translator(textLang(ctx.locale), 'publications');
  const { work } = model;
  const base = `/${ctx.locale}/staff/publications`;
  const title = work.editions[0]?.title ?? work.slug;
  const label = (f: string) => (f === 'file' ? s('field.file') : s(`field.${f}` as 'field.title'));
  return (
    <StaffFrame ctx={ctx} title={title}>
      <p>
        <a href={base}>{s('back')}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={model.done} kind="done" />
      <Notice text={model.refusal} kind="refusal" />
      <p>
        {w(`type.${work.type}`)} ·{' '}
        {scheduled(work, model.now)
          ? s('status.scheduled', { at: toBerlinLocal(work.publishedAt!).replace('T', ' ') })
          : s(`status.${work.status}`)}
        {work.status === 'published' && !scheduled(work, model.now) ? (
          <>
            {' '}
            · <a href={`/${ctx.locale}/publications/${work.slug}`}>{s('publish.publicPage')}</a>
          </>
        ) : null}
      </p>
      {model.manage ? (
        <>
          {scheduled(work, model.now) ? (
            <PostForm action={`${base}/${work.id}/status`} csrf={model.csrf}>
              <input type="hidden" name="status" value="published" />
              <button type="submit">{s('publish.now')}</button>
            </PostForm>
          ) : null}
          <PostForm action={`${base}/${work.id}/status`} csrf={model.csrf}>
            <input type="hidden" name="status" value={work.status === 'published' ? 'draft' : 'published'} />
            <button type="submit">{work.status === 'published' ? s('publish.unpublish') : s('publish.publish')}</button>
          </PostForm>
          {work.status === 'draft' || scheduled(work, model.now) ? (
            <section aria-labelledby="schedule-title">
              <h2 id="schedule-title">{s('schedule.title')}</h2>
              {model.scheduleErrors.size > 0 ? (
                <ErrorSummary title={s('problems')} items={problems(model.scheduleErrors, () => s('schedule.field'))} />
              ) : null}
              <PostForm action={`${base}/${work.id}/schedule`} csrf={model.csrf}>
                <Field
                  name="publish_at"
                  label={s('schedule.field')}
                  hint={s('schedule.hint')}
                  errors={model.scheduleErrors}
                  errorPrefix={s('problems')}
                >
                  <input
                    type="datetime-local"
                    {...control('publish_at', model.scheduleErrors, true)}
                    value={scheduled(work, model.now) ? toBerlinLocal(work.publishedAt!) : ''}
                  />
                </Field>
                <button type="submit">{s('schedule.submit')}</button>
              </PostForm>
            </section>
          ) : null}
        </>
      ) : null}
      {model.manage ? (
        <section aria-labelledby="project-title">
          <h2 id="project-title">{s('project.title')}</h2>
          <PostForm action={`${base}/${work.id}/project`} csrf={model.csrf}>
            <div class="field">
              <label for="f-project">{s('project.label')}</label>
              <select id="f-project" name="project">
                <option value="" selected={work.projectId === null}>
                  {s('project.none')}
                </option>
                {model.projects.map((p) => (
                  <option value={p.id} selected={p.id === work.projectId}>
                    {p.title}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{s('project.save')}</button>
          </PostForm>
        </section>
      ) : null}
      {work.editions.map((e) => (
        <section aria-labelledby={`edition-${e.id}`} class="publication-edition">
          <h2 id={`edition-${e.id}`}>
            <span lang={htmlLangOf(e.language)}>{e.title}</span> ({w(`language.${e.language}`)},{' '}
            {s(`visibility.${e.visibility}`)})
          </h2>
          {e.summary !== '' ? <p lang={htmlLangOf(e.language)}>{e.summary}</p> : null}
          <p>
            {e.authors} · {formatDay(e.issued, ctx.locale)} · {e.licence}
          </p>
          <h3>{s('versions')}</h3>
          <ul>
            {e.versions.map((v) => (
              <li>
                <a href={`${base}/files/${v.id}`} type="application/pdf">
                  {w('detail.version', { version: v.version, date: formatDay(v.uploadedAt, ctx.locale) })}: {v.filename}
                </a>
                {v.isCurrent ? ` (${w('detail.current')})` : ''} — {s(`text.${v.textStatus}`)}
              </li>
            ))}
          </ul>
          {model.manage ? (
            <>
              <p>
                <a href={`${base}/editions/${e.id}/edit`}>
                  {s('edit.link', { language: w(`language.${e.language}`) })}
                </a>
              </p>
              <PostForm action={`${base}/editions/${e.id}/visibility`} csrf={model.csrf}>
                <input type="hidden" name="visibility" value={e.visibility === 'public' ? 'members' : 'public'} />
                <button type="submit">
                  {e.visibility === 'public' ? s('setVisibility.toMembers') : s('setVisibility.toPublic')}
                </button>
              </PostForm>
              <h3>{s('version.title')}</h3>
              <UploadForm action={`${base}/editions/${e.id}/versions`} csrf={model.csrf}>
                <FileField ctx={ctx} errors={new Map()} name={`file-${e.language}`} />
                <button type="submit">{s('version.submit')}</button>
              </UploadForm>
            </>
          ) : null}
        </section>
      ))}
      {model.form && model.missing.length > 0 ? (
        <section aria-labelledby="edition-title">
          <h2 id="edition-title">{s('edition.title')}</h2>
          {model.form.errors.size > 0 ? (
            <ErrorSummary title={s('problems')} items={problems(model.form.errors, label)} />
          ) : null}
          <UploadForm action={`${base}/${work.id}/editions`} csrf={model.csrf}>
            <EditionFields ctx={ctx} form={model.form} withType={false} />
            <button type="submit">{s('edition.submit')}</button>
          </UploadForm>
        </section>
      ) : null}
    </StaffFrame>
  );
}

type EditModel = {
  work: WorkWithEditions;
  edition: Edition;
  form: FormState;
  csrf: string;
};

/** The office edits an edition's metadata and its work's type. */
export function EditPage({ ctx, model }: { ctx: PageContext; model: EditModel }) {
  const s = translator(ctx.locale, 'publicationsStaff');
  const w = translator(textLang(ctx.locale), 'publications');
  const base = `/${ctx.locale}/staff/publications`;
  const { edition, form } = model;
  const label = (f: string) => s(`field.${f}` as 'field.title');
  const title = s('edit.title', { language: w(`language.${edition.language}`) });
  return (
    <StaffFrame ctx={ctx} title={title}>
      <p>
        <a href={`${base}/${model.work.id}`}>{s('edit.back')}</a>
      </p>
      <h1>{title}</h1>
      {form.errors.size > 0 ? <ErrorSummary title={s('problems')} items={problems(form.errors, label)} /> : null}
      <PostForm action={`${base}/editions/${edition.id}/edit`} csrf={model.csrf}>
        <EditionFields ctx={ctx} form={form} withType editing />
        <button type="submit">{s('edit.submit')}</button>
      </PostForm>
    </StaffFrame>
  );
}
