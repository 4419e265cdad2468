/** The office's tracker pages: the list (with what is due), and one recommendation with all its forms. */
import type { ComponentChildren } from 'preact';
import { dynamicKey, translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { PostForm } from '../../../platform/staff/forms.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import type { Recommendation } from '../queries.ts';
import { currentOf, newestFirst } from '../status.ts';
import {
  ADDRESSEE_KINDS,
  ADDRESSEE_STATUSES,
  AFFECTED_GROUPS,
  ASSESSMENT_STATUSES,
  EVIDENCE_KINDS,
  SOURCE_KINDS,
  STRENGTHS,
  THEMES,
  TRACKS,
} from '../vocabulary.ts';
import { statusLabel } from './PublicPages.tsx';

type Done = 'created' | 'saved' | 'source' | 'status' | 'evidence' | 'removed' | 'published' | 'unpublished' | 'merged';

function DoneNotice({ ctx, done }: { ctx: PageContext; done: Done | undefined }) {
  if (!done) return null;
  const s = translator(ctx.locale, 'recommendationsStaff');
  return (
    <p class="notice" role="status">
      {s(`done.${done}`)}
    </p>
  );
}

export function StaffListPage({
  ctx,
  list,
  due,
  done,
}: {
  ctx: PageContext;
  list: readonly Recommendation[];
  due: ReadonlySet<string>;
  done?: Done | undefined;
}) {
  const s = translator(ctx.locale, 'recommendationsStaff');
  const t = translator(ctx.locale === 'en' ? 'en' : 'de', 'recommendations');
  const base = `/${ctx.locale}/staff/recommendations`;
  const slugs = new Map(list.map((r) => [r.id, r.slug]));
  return (
    <StaffFrame ctx={ctx} title={s('list.title')}>
      <h1>{s('list.title')}</h1>
      <DoneNotice ctx={ctx} done={done} />
      <p>
        <a class="button" href={`${base}/new`}>
          {s('list.new')}
        </a>
      </p>
      {list.length === 0 ? (
        <p>{s('list.empty')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-label={s('list.title')} tabindex={0}>
          <table>
            <caption>{s('list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.recommendation')}</th>
                <th scope="col">{s('list.state')}</th>
                <th scope="col">{t('columns.response')}</th>
                <th scope="col">{t('columns.assessment')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => {
                const response = currentOf(r.statuses, 'addressee');
                const assessment = currentOf(r.statuses, 'assessment');
                return (
                  <tr>
                    <th scope="row">
                      <a href={`${base}/${r.id}`}>{r.title}</a>
                    </th>
                    <td>
                      {r.mergedInto
                        ? s('list.merged', { slug: slugs.get(r.mergedInto) ?? '' })
                        : r.published
                          ? s('list.published')
                          : s('list.draft')}
                      {due.has(r.id) ? (
                        <>
                          {' '}
                          <strong>{s('list.due')}</strong>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {response
                        ? `${statusLabel(t, 'addressee', response.status)} (${formatDay(response.statedOn, ctx.locale)})`
                        : t('none')}
                    </td>
                    <td>
                      {assessment
                        ? `${statusLabel(t, 'assessment', assessment.status)} (${formatDay(assessment.statedOn, ctx.locale)})`
                        : t('none')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </StaffFrame>
  );
}

type Choice = { id: string; title: string };

export type FormValues = {
  slug: string;
  title: string;
  challenge: string;
  body: string;
  addressee_kind: string;
  addressee_name: string;
  themes: readonly string[];
  affected_groups: readonly string[];
  project: string;
};

function Text({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

function Select({
  id,
  name,
  label,
  options,
  value,
}: {
  id: string;
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  value?: string;
}) {
  return (
    <Text id={id} label={label}>
      <select id={id} name={name}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </Text>
  );
}

export function EditPage({
  ctx,
  model,
}: {
  ctx: PageContext;
  model: {
    r: Recommendation | null;
    others: readonly Recommendation[];
    values: FormValues;
    /** The projects to choose from, and the library's published works for evidence. */
    choices: { projects: readonly Choice[]; works: readonly Choice[] };
    csrf: string;
    done?: Done | undefined;
  };
}) {
  const s = translator(ctx.locale, 'recommendationsStaff');
  const t = translator(ctx.locale === 'en' ? 'en' : 'de', 'recommendations');
  const { r, values: v, csrf } = model;
  const base = `/${ctx.locale}/staff/recommendations`;
  const action = r ? `${base}/${r.id}` : `${base}/new`;
  const title = r ? s('form.editTitle', { title: r.title }) : s('form.newTitle');
  const checks = (name: 'themes' | 'affected_groups', codes: readonly string[], group: 'theme' | 'group') => (
    <fieldset class="field">
      <legend>{s(`form.${name}`)}</legend>
      <div class="checks">
        {codes.map((c) => (
          <label>
            <input type="checkbox" id={`f-${name}-${c}`} name={name} value={c} checked={v[name].includes(c)} />
            {t(dynamicKey('recommendations', `${group}.${c}`))}
          </label>
        ))}
      </div>
    </fieldset>
  );
  return (
    <StaffFrame ctx={ctx} title={title}>
      <p>
        <a href={base}>{s('list.title')}</a>
      </p>
      <h1>{title}</h1>
      <DoneNotice ctx={ctx} done={model.done} />
      {r && !r.mergedInto ? (
        <section aria-labelledby="publish-title">
          <h2 id="publish-title">{s('publish.title')}</h2>
          <p>{r.published ? s('publish.isPublished') : s('publish.isDraft')}</p>
          <PostForm action={`${action}/${r.published ? 'unpublish' : 'publish'}`} csrf={csrf}>
            <button type="submit">{r.published ? s('publish.unpublish') : s('publish.publish')}</button>
          </PostForm>
          {r.published ? (
            <p>
              <a href={`/${ctx.locale}/recommendations/${r.slug}`}>{s('publish.view')}</a>
            </p>
          ) : null}
        </section>
      ) : null}
      <PostForm action={action} csrf={csrf}>
        <Text id="f-slug" label={s('form.slug')}>
          <input id="f-slug" name="slug" type="text" value={v.slug} maxLength={100} required />
        </Text>
        <Text id="f-title" label={s('form.title')}>
          <input id="f-title" name="title" type="text" value={v.title} maxLength={200} required />
        </Text>
        <Text id="f-challenge" label={s('form.challenge')}>
          <textarea id="f-challenge" name="challenge" rows={4} maxLength={4000} required>
            {v.challenge}
          </textarea>
        </Text>
        <Text id="f-body" label={s('form.body')}>
          <textarea id="f-body" name="body" rows={4} maxLength={4000} required>
            {v.body}
          </textarea>
        </Text>
        <Select
          id="f-addressee_kind"
          name="addressee_kind"
          label={s('form.addressee_kind')}
          value={v.addressee_kind}
          options={ADDRESSEE_KINDS.map((c) => ({ value: c, label: t(`addresseeKind.${c}`) }))}
        />
        <Text id="f-addressee_name" label={s('form.addressee_name')}>
          <input
            id="f-addressee_name"
            name="addressee_name"
            type="text"
            value={v.addressee_name}
            maxLength={200}
            required
          />
        </Text>
        {checks('themes', THEMES, 'theme')}
        {checks('affected_groups', AFFECTED_GROUPS, 'group')}
        <Select
          id="f-project"
          name="project"
          label={s('form.project')}
          value={v.project}
          options={[
            { value: '', label: s('form.noProject') },
            ...model.choices.projects.map((p) => ({ value: p.id, label: p.title })),
          ]}
        />
        <button type="submit">{r ? s('form.save') : s('form.create')}</button>
      </PostForm>
      {r && !r.mergedInto ? (
        <>
          <section aria-labelledby="status-form-title">
            <h2 id="status-form-title">{s('status.title')}</h2>
            <p>{s('status.lead')}</p>
            <ol class="timeline">
              {[...r.statuses].sort(newestFirst).map((e) => (
                <li>
                  <time datetime={e.statedOn}>{formatDay(e.statedOn, ctx.locale)}</time> · {t(`track.${e.track}`)}:{' '}
                  <strong>{statusLabel(t, e.track, e.status)}</strong> ({e.source})
                </li>
              ))}
            </ol>
            <PostForm action={`${action}/statuses`} csrf={csrf}>
              <Select
                id="f-track"
                name="track"
                label={s('status.track')}
                value="assessment"
                options={TRACKS.map((c) => ({ value: c, label: t(`track.${c}`) }))}
              />
              <Text id="f-status" label={s('status.status')}>
                <select id="f-status" name="status">
                  <optgroup label={t('track.assessment')}>
                    {ASSESSMENT_STATUSES.map((c) => (
                      <option value={c}>{t(`assessmentStatus.${c}`)}</option>
                    ))}
                  </optgroup>
                  <optgroup label={t('track.addressee')}>
                    {ADDRESSEE_STATUSES.map((c) => (
                      <option value={c}>{t(`addresseeStatus.${c}`)}</option>
                    ))}
                  </optgroup>
                </select>
              </Text>
              <Text id="f-stated_on" label={s('status.stated_on')}>
                <input id="f-stated_on" name="stated_on" type="date" required />
              </Text>
              <Text id="f-status-source" label={s('status.source')}>
                <input id="f-status-source" name="source" type="text" maxLength={300} required />
              </Text>
              <Text id="f-status-url" label={s('status.url')}>
                <input id="f-status-url" name="url" type="url" maxLength={500} />
              </Text>
              <Text id="f-note" label={s('status.note')}>
                <textarea id="f-note" name="note" rows={3} maxLength={2000} />
              </Text>
              <button type="submit">{s('status.add')}</button>
            </PostForm>
          </section>
          <section aria-labelledby="source-form-title">
            <h2 id="source-form-title">{s('source.title')}</h2>
            <ul>
              {r.sources.map((x) => (
                <li>
                  {t(`sourceKind.${x.sourceKind}`)} ({t(`strength.${x.strength}`)}): {x.title}
                </li>
              ))}
            </ul>
            <PostForm action={`${action}/sources`} csrf={csrf}>
              <Select
                id="f-source_kind"
                name="source_kind"
                label={s('source.kind')}
                options={SOURCE_KINDS.map((c) => ({ value: c, label: t(`sourceKind.${c}`) }))}
              />
              <Select
                id="f-strength"
                name="strength"
                label={s('source.strength')}
                options={STRENGTHS.map((c) => ({ value: c, label: t(`strength.${c}`) }))}
              />
              <Text id="f-source-title" label={s('source.name')}>
                <input id="f-source-title" name="title" type="text" maxLength={300} required />
              </Text>
              <Text id="f-source-reference" label={s('source.reference')}>
                <input id="f-source-reference" name="reference" type="text" maxLength={300} />
              </Text>
              <Text id="f-source-url" label={s('source.url')}>
                <input id="f-source-url" name="url" type="url" maxLength={500} />
              </Text>
              <Text id="f-issued_on" label={s('source.issued_on')}>
                <input id="f-issued_on" name="issued_on" type="date" />
              </Text>
              <button type="submit">{s('source.add')}</button>
            </PostForm>
          </section>
          <section aria-labelledby="evidence-form-title">
            <h2 id="evidence-form-title">{s('evidence.title')}</h2>
            <ul>
              {r.evidence.map((e) => {
                const name =
                  e.kind === 'external'
                    ? (e.externalTitle ?? '')
                    : e.kind === 'statistics_table'
                      ? `${e.statisticsYear ?? ''} ${e.statisticsTable ?? ''}`
                      : (e.publication?.title ?? e.publicationId ?? '');
                return (
                  <li>
                    {t(`evidenceKind.${e.kind}`)}: {name}: {e.support}
                    <PostForm action={`${action}/evidence/remove`} csrf={csrf} class="inline-form">
                      <input type="hidden" name="evidence" value={e.id} />
                      <button type="submit" aria-label={s('evidence.removeLabel', { name })}>
                        {s('evidence.remove')}
                      </button>
                    </PostForm>
                  </li>
                );
              })}
            </ul>
            <PostForm action={`${action}/evidence`} csrf={csrf}>
              <Select
                id="f-evidence-kind"
                name="kind"
                label={s('evidence.kind')}
                options={EVIDENCE_KINDS.map((c) => ({ value: c, label: t(`evidenceKind.${c}`) }))}
              />
              <Text id="f-support" label={s('evidence.support')}>
                <textarea id="f-support" name="support" rows={2} maxLength={1000} required />
              </Text>
              <Text id="f-external_title" label={s('evidence.external_title')}>
                <input id="f-external_title" name="external_title" type="text" maxLength={300} />
              </Text>
              <Text id="f-external_reference" label={s('evidence.external_reference')}>
                <input id="f-external_reference" name="external_reference" type="text" maxLength={300} />
              </Text>
              <Text id="f-external_url" label={s('evidence.external_url')}>
                <input id="f-external_url" name="external_url" type="url" maxLength={500} />
              </Text>
              <Text id="f-statistics_year" label={s('evidence.statistics_year')}>
                <input id="f-statistics_year" name="statistics_year" type="text" inputMode="numeric" maxLength={4} />
              </Text>
              <Text id="f-statistics_table" label={s('evidence.statistics_table')}>
                <input id="f-statistics_table" name="statistics_table" type="text" maxLength={64} />
              </Text>
              <Select
                id="f-publication_id"
                name="publication_id"
                label={s('evidence.publication_id')}
                options={[
                  { value: '', label: s('evidence.noPublication') },
                  ...model.choices.works.map((w) => ({ value: w.id, label: w.title })),
                ]}
              />
              <button type="submit">{s('evidence.add')}</button>
            </PostForm>
          </section>
          {model.others.length > 0 ? (
            <section aria-labelledby="merge-title">
              <h2 id="merge-title">{s('merge.title')}</h2>
              <p>{s('merge.lead')}</p>
              <PostForm action={`${action}/merge`} csrf={csrf}>
                <Select
                  id="f-merged"
                  name="merged"
                  label={s('merge.merged')}
                  options={model.others.map((o) => ({ value: o.id, label: o.title }))}
                />
                <button type="submit">{s('merge.submit')}</button>
              </PostForm>
            </section>
          ) : null}
        </>
      ) : null}
    </StaffFrame>
  );
}
