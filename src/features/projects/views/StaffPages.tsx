/**
 * The staff pages of projects and measures: the office's projects and
 * funders (forms, logo upload), a centre's own measures, and the office's
 * review of every centre's measures. Forms are checked by the routes; a
 * refused form answers with the problems in the reader's language.
 */
import type { ComponentChildren } from 'preact';
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { DataTable } from '../../../platform/layout/TableScroll.tsx';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { PostForm } from '../../../platform/staff/forms.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import { logoPath } from '../logo.ts';
import type { Funder, Measure, Project } from '../queries.ts';
import { MEASURE_KINDS, PROJECT_STATUSES, REGIONS } from '../vocabulary.ts';
import { regionName } from './PublicPages.tsx';

const st = (locale: Locale) => translator(locale, 'projectsStaff');
const pub = (locale: Locale) => translator(locale === 'en' ? 'en' : 'de', 'projects');

function TextInput(p: { name: string; label: string; value: string; hint?: string; max: number; multiline?: boolean }) {
  const id = `f-${p.name}`;
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.multiline ? (
        <textarea id={id} name={p.name} rows={5} maxLength={p.max} aria-describedby={p.hint ? `${id}-hint` : undefined}>
          {p.value}
        </textarea>
      ) : (
        <input
          type="text"
          id={id}
          name={p.name}
          value={p.value}
          maxLength={p.max}
          aria-describedby={p.hint ? `${id}-hint` : undefined}
        />
      )}
    </div>
  );
}

function Select(p: {
  name: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <div class="field">
      <label for={`f-${p.name}`}>{p.label}</label>
      <select id={`f-${p.name}`} name={p.name}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Check(p: { name: string; label: string; checked: boolean; value?: string; id?: string }) {
  return (
    <div class="field">
      <label class="check">
        <input type="checkbox" id={p.id ?? `f-${p.name}`} name={p.name} value={p.value ?? 'on'} checked={p.checked} />{' '}
        {p.label}
      </label>
    </div>
  );
}

function Notice({ text }: { text: string | null }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

function Back({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <p>
      <a href={href}>{children}</a>
    </p>
  );
}

export type OfficeDone = 'saved' | 'funder' | 'logo';

export function ProjectsOfficePage({
  ctx,
  projects,
  funders,
  done,
}: {
  ctx: PageContext;
  projects: readonly Project[];
  funders: readonly Funder[];
  done: OfficeDone | undefined;
}) {
  const t = st(ctx.locale);
  const w = pub(ctx.locale);
  const base = `/${ctx.locale}/staff`;
  return (
    <StaffFrame ctx={ctx} title={t('projects.title')}>
      <h1>{t('projects.title')}</h1>
      <Notice text={done ? t(`projects.done_${done}`) : null} />
      <p>
        <a class="button" href={`${base}/projects/new`}>
          {t('projects.add')}
        </a>
      </p>
      <DataTable
        label={t('projects.title')}
        columns={[t('projects.name'), t('projects.status'), t('projects.published')]}
        items={projects}
        empty={t('projects.empty')}
        row={(p) => (
          <>
            <th scope="row">
              <a href={`${base}/projects/${p.id}`}>{p.title}</a>
            </th>
            <td>{w(`status_${p.status}`)}</td>
            <td>{p.published ? t('projects.yes') : t('projects.no')}</td>
          </>
        )}
      />
      <h2>{t('funders.title')}</h2>
      <p>
        <a class="button" href={`${base}/funders/new`}>
          {t('funders.add')}
        </a>
      </p>
      <DataTable
        label={t('funders.title')}
        columns={[t('funderForm.name'), t('funderForm.credit_line'), t('funders.logo')]}
        items={funders}
        empty={t('funders.empty')}
        row={(f) => (
          <>
            <th scope="row">
              <a href={`${base}/funders/${f.id}`}>{f.name}</a>
            </th>
            <td>{f.creditLine}</td>
            <td>
              {f.logo ? (
                <img src={logoPath(f.id, f.logo)} alt={f.name} class="funder-logo small" />
              ) : (
                t('funders.noLogo')
              )}
            </td>
          </>
        )}
      />
    </StaffFrame>
  );
}

export function ProjectFormPage({
  ctx,
  project,
  linked,
  funders,
  csrf,
}: {
  ctx: PageContext;
  project: Project | null;
  linked: readonly string[];
  funders: readonly Funder[];
  csrf: string;
}) {
  const t = st(ctx.locale);
  const w = pub(ctx.locale);
  const base = `/${ctx.locale}/staff/projects`;
  const title = project ? t('projectForm.editTitle', { title: project.title }) : t('projectForm.newTitle');
  const v = project;
  return (
    <StaffFrame ctx={ctx} title={title}>
      <Back href={base}>{t('projectForm.back')}</Back>
      <h1>{title}</h1>
      <PostForm action={project ? `${base}/${project.id}` : `${base}/new`} csrf={csrf}>
        <TextInput
          name="slug"
          label={t('projectForm.slug')}
          hint={t('projectForm.slugHint')}
          value={v?.slug ?? ''}
          max={80}
        />
        <TextInput name="title" label={t('projectForm.title')} value={v?.title ?? ''} max={200} />
        <TextInput name="goal" label={t('projectForm.goal')} value={v?.goal ?? ''} max={1000} multiline />
        <TextInput
          name="summary"
          label={t('projectForm.summary')}
          hint={t('projectForm.summaryHint')}
          value={v?.summary ?? ''}
          max={5000}
          multiline
        />
        <TextInput name="starts_on" label={t('projectForm.starts_on')} value={v?.startsOn ?? ''} max={10} />
        <TextInput name="ends_on" label={t('projectForm.ends_on')} value={v?.endsOn ?? ''} max={10} />
        <Select
          name="status"
          label={t('projectForm.status')}
          value={v?.status ?? 'planned'}
          options={PROJECT_STATUSES.map((s) => ({ value: s, label: w(`status_${s}`) }))}
        />
        <TextInput
          name="contact_name"
          label={t('projectForm.contact_name')}
          hint={t('projectForm.contactHint')}
          value={v?.contactName ?? ''}
          max={200}
        />
        <TextInput name="contact_role" label={t('projectForm.contact_role')} value={v?.contactRole ?? ''} max={200} />
        {funders.length > 0 ? (
          <fieldset class="field">
            <legend>{t('projectForm.funders')}</legend>
            {funders.map((f) => (
              <Check
                name="funders"
                id={`f-funders-${f.id}`}
                value={f.id}
                label={f.name}
                checked={linked.includes(f.id)}
              />
            ))}
          </fieldset>
        ) : null}
        <Check name="published" label={t('projectForm.published')} checked={v?.published ?? false} />
        <button type="submit">{t('projectForm.save')}</button>
      </PostForm>
    </StaffFrame>
  );
}

export function FunderFormPage({ ctx, funder, csrf }: { ctx: PageContext; funder: Funder | null; csrf: string }) {
  const t = st(ctx.locale);
  const base = `/${ctx.locale}/staff/funders`;
  const title = funder ? t('funderForm.editTitle', { name: funder.name }) : t('funderForm.newTitle');
  return (
    <StaffFrame ctx={ctx} title={title}>
      <Back href={`/${ctx.locale}/staff/projects`}>{t('projectForm.back')}</Back>
      <h1>{title}</h1>
      <PostForm action={funder ? `${base}/${funder.id}` : `${base}/new`} csrf={csrf}>
        <TextInput name="name" label={t('funderForm.name')} value={funder?.name ?? ''} max={200} />
        <TextInput
          name="credit_line"
          label={t('funderForm.credit_line')}
          hint={t('funderForm.creditHint')}
          value={funder?.creditLine ?? ''}
          max={300}
        />
        <TextInput name="url" label={t('funderForm.url')} value={funder?.url ?? ''} max={500} />
        <button type="submit">{t('funderForm.save')}</button>
      </PostForm>
      {funder ? (
        <section aria-labelledby="logo-title">
          <h2 id="logo-title">{t('funderForm.logoTitle')}</h2>
          {funder.logo ? (
            <p>
              <img
                src={logoPath(funder.id, funder.logo)}
                alt={t('funderForm.logoCurrent', { name: funder.name })}
                class="funder-logo"
              />
            </p>
          ) : null}
          <form method="post" action={`${base}/${funder.id}/logo`} enctype="multipart/form-data" class="staff-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <div class="field">
              <label for="f-file">{t('funderForm.logoUpload')}</label>
              <p class="hint" id="f-file-hint">
                {t('funderForm.logoHint')}
              </p>
              <input type="file" id="f-file" name="file" accept="image/png,image/jpeg" aria-describedby="f-file-hint" />
            </div>
            <button type="submit">{t('funderForm.logoUpload')}</button>
          </form>
        </section>
      ) : null}
    </StaffFrame>
  );
}

function period(locale: Locale, m: Pick<Measure, 'startsOn' | 'endsOn'>): string {
  return m.endsOn ? `${formatDay(m.startsOn, locale)} – ${formatDay(m.endsOn, locale)}` : formatDay(m.startsOn, locale);
}

export type MeasureDone = 'registered' | 'changed' | 'withdrawn' | 'reviewed';

/** A centre's own measures (office: false) or every centre's for review (office: true). */
export function MeasureListPage({
  ctx,
  measures,
  done,
  office,
}: {
  ctx: PageContext;
  measures: readonly Measure[];
  done: MeasureDone | undefined;
  office: boolean;
}) {
  const t = st(ctx.locale);
  const w = pub(ctx.locale);
  const base = office ? `/${ctx.locale}/staff/measure-review` : `/${ctx.locale}/staff/measures`;
  const title = office ? t('review.title') : t('measures.title');
  return (
    <StaffFrame ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Notice text={done ? t(`measures.done_${done}`) : null} />
      <p class="lead">{office ? t('review.lead') : t('measures.lead')}</p>
      {office ? null : (
        <p>
          <a class="button" href={`${base}/new`}>
            {t('measures.add')}
          </a>
        </p>
      )}
      <DataTable
        label={title}
        columns={[
          t('measures.name'),
          ...(office ? [t('measures.centre')] : []),
          t('measures.kind'),
          t('measures.period'),
          t('measures.status'),
          t('measures.project'),
        ]}
        items={measures}
        empty={t('measures.empty')}
        row={(m) => (
          <>
            <th scope="row">
              <a href={`${base}/${m.id}`}>{m.title}</a>
            </th>
            {office ? <td>{m.centreName ?? ''}</td> : null}
            <td>{w(`measureKind_${m.kind}`)}</td>
            <td>{period(ctx.locale, m)}</td>
            <td>{t(`measures.status_${m.status}`)}</td>
            <td>
              {m.projectTitle ?? ''}
              {m.shownOnProject ? ` (${t('measures.shown')})` : ''}
            </td>
          </>
        )}
      />
    </StaffFrame>
  );
}

function MeasureFields({ ctx, m }: { ctx: PageContext; m: Measure | null }) {
  const t = st(ctx.locale);
  const w = pub(ctx.locale);
  const lang = ctx.locale === 'en' ? 'en' : 'de';
  return (
    <>
      <TextInput name="title" label={t('measureForm.title')} value={m?.title ?? ''} max={200} />
      <TextInput
        name="description"
        label={t('measureForm.description')}
        hint={t('measureForm.descriptionHint')}
        value={m?.description ?? ''}
        max={2000}
        multiline
      />
      <Select
        name="kind"
        label={t('measureForm.kind')}
        value={m?.kind ?? 'outreach_accommodation'}
        options={MEASURE_KINDS.map((k) => ({ value: k, label: w(`measureKind_${k}`) }))}
      />
      <Select
        name="region"
        label={t('measureForm.region')}
        value={m?.region ?? 'DE'}
        options={REGIONS.map((r) => ({ value: r, label: regionName(lang, r) }))}
      />
      <TextInput name="starts_on" label={t('measureForm.starts_on')} value={m?.startsOn ?? ''} max={10} />
      <TextInput name="ends_on" label={t('measureForm.ends_on')} value={m?.endsOn ?? ''} max={10} />
    </>
  );
}

export function MeasureFormPage({
  ctx,
  measure: m,
  editable,
  withdrawable,
  csrf,
}: {
  ctx: PageContext;
  measure: Measure | null;
  editable: boolean;
  withdrawable: boolean;
  csrf: string;
}) {
  const t = st(ctx.locale);
  const base = `/${ctx.locale}/staff/measures`;
  const title = m ? t('measureForm.editTitle', { title: m.title }) : t('measureForm.newTitle');
  return (
    <StaffFrame ctx={ctx} title={title}>
      <Back href={base}>{t('measureForm.back')}</Back>
      <h1>{title}</h1>
      {m ? (
        <p>
          {t('measures.status')}: {t(`measures.status_${m.status}`)}
        </p>
      ) : null}
      {m?.reviewNote ? (
        <div class="notice" role="note">
          <p>
            <strong>{t('measureForm.reviewNote')}</strong>
          </p>
          <p>{m.reviewNote}</p>
        </div>
      ) : null}
      {editable ? (
        <PostForm action={m ? `${base}/${m.id}` : `${base}/new`} csrf={csrf}>
          <MeasureFields ctx={ctx} m={m} />
          <button type="submit">{t('measureForm.save')}</button>
        </PostForm>
      ) : m?.status === 'accepted' ? (
        <p>{t('measureForm.locked')}</p>
      ) : null}
      {m && withdrawable ? (
        <section aria-labelledby="withdraw-title" class="decision">
          <h2 id="withdraw-title">{t('measureForm.withdrawTitle')}</h2>
          <p>{t('measureForm.withdrawText')}</p>
          <PostForm action={`${base}/${m.id}/withdraw`} csrf={csrf} class="inline-form">
            <button type="submit" class="secondary">
              {t('measureForm.withdraw')}
            </button>
          </PostForm>
        </section>
      ) : null}
    </StaffFrame>
  );
}

export function ReviewPage({
  ctx,
  measure: m,
  projects,
  csrf,
}: {
  ctx: PageContext;
  measure: Measure;
  projects: readonly Project[];
  csrf: string;
}) {
  const t = st(ctx.locale);
  const w = pub(ctx.locale);
  const lang = ctx.locale === 'en' ? 'en' : 'de';
  const base = `/${ctx.locale}/staff/measure-review`;
  const title = t('review.formTitle', { title: m.title });
  return (
    <StaffFrame ctx={ctx} title={title}>
      <Back href={base}>{t('review.back')}</Back>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{t('measures.centre')}</dt>
        <dd>{m.centreName ?? ''}</dd>
        <dt>{t('measures.kind')}</dt>
        <dd>{w(`measureKind_${m.kind}`)}</dd>
        <dt>{t('measureForm.region')}</dt>
        <dd>{regionName(lang, m.region)}</dd>
        <dt>{t('measures.period')}</dt>
        <dd>{period(ctx.locale, m)}</dd>
        <dt>{t('measures.status')}</dt>
        <dd>{t(`measures.status_${m.status}`)}</dd>
      </dl>
      <p>{m.description}</p>
      {m.status === 'withdrawn' ? (
        <p>{t('review.withdrawn')}</p>
      ) : (
        <PostForm action={`${base}/${m.id}`} csrf={csrf}>
          <fieldset class="field">
            <legend>{t('review.decision')}</legend>
            <label class="check">
              <input
                type="radio"
                id="f-decision-accepted"
                name="decision"
                value="accepted"
                checked={m.status !== 'returned'}
              />{' '}
              {t('review.accept')}
            </label>
            <label class="check">
              <input
                type="radio"
                id="f-decision-returned"
                name="decision"
                value="returned"
                checked={m.status === 'returned'}
              />{' '}
              {t('review.return')}
            </label>
          </fieldset>
          <TextInput
            name="note"
            label={t('review.note')}
            hint={t('review.noteHint')}
            value={m.reviewNote ?? ''}
            max={1000}
            multiline
          />
          <Select
            name="project_id"
            label={t('review.project')}
            value={m.projectId ?? ''}
            options={[
              { value: '', label: t('review.noProject') },
              ...projects.map((p) => ({ value: p.id, label: p.title })),
            ]}
          />
          <Check name="shown" label={t('review.shown')} checked={m.shownOnProject} />
          <button type="submit">{t('review.save')}</button>
        </PostForm>
      )}
    </StaffFrame>
  );
}
