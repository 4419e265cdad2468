/**
 * Every statement of projects, funders and measures, in the caller's scope.
 * Row-level security decides what a scope sees (migrations/0035): the
 * public ('auth') only published projects, their funders and the measures
 * the office shows on them; a centre its own measures; the office all.
 */
import type { Selectable } from 'kysely';
import type { DB } from '../../platform/db/schema.generated.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import type { MeasureKind, MeasureStatus, ProjectStatus } from './vocabulary.ts';

export type ProjectFields = {
  slug: string;
  title: string;
  goal: string;
  summary: string;
  startsOn: string;
  endsOn: string | null;
  status: ProjectStatus;
  published: boolean;
  contactName: string | null;
  contactRole: string | null;
};
export type Project = ProjectFields & { id: string };

export type FunderFields = { name: string; creditLine: string; url: string | null };
export type Funder = FunderFields & {
  id: string;
  logo: { kind: 'png' | 'jpeg'; hash: string } | null;
};

export type MeasureFields = {
  title: string;
  description: string;
  kind: MeasureKind;
  region: string;
  startsOn: string;
  endsOn: string | null;
};
export type Measure = MeasureFields & {
  id: string;
  centreId: string;
  centreName: string | null;
  status: MeasureStatus;
  reviewNote: string | null;
  projectId: string | null;
  projectTitle: string | null;
  shownOnProject: boolean;
  updatedAt: Date;
};

function projectOf(r: Selectable<DB['project']>): Project {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    goal: r.goal,
    summary: r.summary,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: r.status,
    published: r.published,
    contactName: r.contact_name,
    contactRole: r.contact_role,
  };
}

function projectRow(f: ProjectFields, at: Date) {
  return {
    slug: f.slug,
    title: f.title,
    goal: f.goal,
    summary: f.summary,
    starts_on: f.startsOn,
    ends_on: f.endsOn,
    status: f.status,
    published: f.published,
    contact_name: f.contactName,
    contact_role: f.contactName ? f.contactRole : null,
    updated_at: at,
  };
}

/** Every project the scope sees, the newest period first. */
export async function projects(trx: Tx): Promise<Project[]> {
  const rows = await trx.selectFrom('project').selectAll().orderBy('starts_on', 'desc').orderBy('title').execute();
  return rows.map(projectOf);
}

export async function projectById(trx: Tx, id: string): Promise<Project | undefined> {
  const r = await trx.selectFrom('project').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? projectOf(r) : undefined;
}

export async function projectBySlug(trx: Tx, slug: string): Promise<Project | undefined> {
  const r = await trx.selectFrom('project').selectAll().where('slug', '=', slug).executeTakeFirst();
  return r ? projectOf(r) : undefined;
}

export async function slugTaken(trx: Tx, slug: string, exceptId: string | null): Promise<boolean> {
  let q = trx.selectFrom('project').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertProject(trx: Tx, id: string, f: ProjectFields, at: Date): Promise<void> {
  await trx
    .insertInto('project')
    .values({ id, ...projectRow(f, at) })
    .execute();
}

/** Store the fields; returns whether the row existed. */
export async function updateProject(trx: Tx, id: string, f: ProjectFields, at: Date): Promise<boolean> {
  const r = await trx.updateTable('project').set(projectRow(f, at)).where('id', '=', id).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The project's funders become exactly these, in this order. */
export async function setProjectFunders(trx: Tx, projectId: string, funderIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('project_funder').where('project_id', '=', projectId).execute();
  if (funderIds.length === 0) return;
  await trx
    .insertInto('project_funder')
    .values(funderIds.map((funder_id, position) => ({ project_id: projectId, funder_id, position })))
    .execute();
}

function funderOf(
  r: Pick<Selectable<DB['funder']>, 'id' | 'name' | 'credit_line' | 'url' | 'logo_kind' | 'logo_hash'>,
): Funder {
  return {
    id: r.id,
    name: r.name,
    creditLine: r.credit_line,
    url: r.url,
    logo: r.logo_kind && r.logo_hash ? { kind: r.logo_kind, hash: r.logo_hash } : null,
  };
}

const FUNDER_COLUMNS = ['id', 'name', 'credit_line', 'url', 'logo_kind', 'logo_hash'] as const;

export async function funders(trx: Tx): Promise<Funder[]> {
  const rows = await trx.selectFrom('funder').select(FUNDER_COLUMNS).orderBy('name').execute();
  return rows.map(funderOf);
}

export async function funderById(trx: Tx, id: string): Promise<Funder | undefined> {
  const r = await trx.selectFrom('funder').select(FUNDER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? funderOf(r) : undefined;
}

/** A project's funders in their order (only those the scope sees). */
export async function fundersOf(trx: Tx, projectId: string): Promise<Funder[]> {
  const rows = await trx
    .selectFrom('project_funder as pf')
    .innerJoin('funder as f', 'f.id', 'pf.funder_id')
    .select(['f.id', 'f.name', 'f.credit_line', 'f.url', 'f.logo_kind', 'f.logo_hash'])
    .where('pf.project_id', '=', projectId)
    .orderBy('pf.position')
    .orderBy('f.name')
    .execute();
  return rows.map(funderOf);
}

export async function insertFunder(trx: Tx, id: string, f: FunderFields, at: Date): Promise<void> {
  await trx
    .insertInto('funder')
    .values({ id, name: f.name, credit_line: f.creditLine, url: f.url, updated_at: at })
    .execute();
}

export async function updateFunder(trx: Tx, id: string, f: FunderFields, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('funder')
    .set({ name: f.name, credit_line: f.creditLine, url: f.url, updated_at: at })
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function setFunderLogo(
  trx: Tx,
  id: string,
  logo: { data: Buffer; kind: 'png' | 'jpeg'; hash: string },
  at: Date,
): Promise<boolean> {
  const r = await trx
    .updateTable('funder')
    .set({ logo: logo.data, logo_kind: logo.kind, logo_hash: logo.hash, updated_at: at })
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** A funder's logo (the public scope sees only funders of published projects). */
export async function funderLogo(
  trx: Tx,
  id: string,
): Promise<{ data: Buffer; kind: 'png' | 'jpeg'; hash: string } | undefined> {
  const r = await trx
    .selectFrom('funder')
    .select(['logo', 'logo_kind', 'logo_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r?.logo && r.logo_kind && r.logo_hash ? { data: r.logo, kind: r.logo_kind, hash: r.logo_hash } : undefined;
}

function measureQuery(trx: Tx) {
  return trx
    .selectFrom('measure as m')
    .leftJoin('centre as c', 'c.id', 'm.centre_id')
    .leftJoin('project as p', 'p.id', 'm.project_id')
    .select([
      'm.id',
      'm.centre_id',
      'c.name as centre_name',
      'm.title',
      'm.description',
      'm.kind',
      'm.region',
      'm.starts_on',
      'm.ends_on',
      'm.status',
      'm.review_note',
      'm.project_id',
      'p.title as project_title',
      'm.shown_on_project',
      'm.updated_at',
    ]);
}

type MeasureRow = Awaited<ReturnType<ReturnType<typeof measureQuery>['executeTakeFirstOrThrow']>>;

function measureOf(r: MeasureRow): Measure {
  return {
    id: r.id,
    centreId: r.centre_id,
    centreName: r.centre_name,
    title: r.title,
    description: r.description,
    kind: r.kind,
    region: r.region,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: r.status,
    reviewNote: r.review_note,
    projectId: r.project_id,
    projectTitle: r.project_title,
    shownOnProject: r.shown_on_project,
    updatedAt: r.updated_at,
  };
}

/** The measures the scope sees (a centre: its own; the office: all), those awaiting review first. */
export async function measures(trx: Tx): Promise<Measure[]> {
  const rows = await measureQuery(trx)
    .orderBy((eb) => eb.case().when('m.status', '=', 'submitted').then(0).else(1).end())
    .orderBy('m.updated_at', 'desc')
    .execute();
  return rows.map(measureOf);
}

export async function measureById(trx: Tx, id: string): Promise<Measure | undefined> {
  const r = await measureQuery(trx).where('m.id', '=', id).executeTakeFirst();
  return r ? measureOf(r) : undefined;
}

/** The measures shown on a project's page (the public scope sees no others). */
export async function shownMeasures(trx: Tx, projectId: string): Promise<Measure[]> {
  const rows = await measureQuery(trx)
    .where('m.project_id', '=', projectId)
    .where('m.status', '=', 'accepted')
    .where('m.shown_on_project', '=', true)
    .orderBy('m.starts_on', 'desc')
    .execute();
  return rows.map(measureOf);
}

export async function insertMeasure(trx: Tx, id: string, centreId: string, f: MeasureFields, at: Date): Promise<void> {
  await trx
    .insertInto('measure')
    .values({
      id,
      centre_id: centreId,
      title: f.title,
      description: f.description,
      kind: f.kind,
      region: f.region,
      starts_on: f.startsOn,
      ends_on: f.endsOn,
      status: 'submitted',
      updated_at: at,
    })
    .execute();
}

/** A centre changes its measure's content, which sends it to the office again. */
export async function updateMeasure(trx: Tx, id: string, f: MeasureFields, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('measure')
    .set({
      title: f.title,
      description: f.description,
      kind: f.kind,
      region: f.region,
      starts_on: f.startsOn,
      ends_on: f.endsOn,
      status: 'submitted',
      updated_at: at,
    })
    .where('id', '=', id)
    .where('status', 'in', ['submitted', 'returned'])
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function withdrawMeasure(trx: Tx, id: string, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('measure')
    .set({ status: 'withdrawn', shown_on_project: false, updated_at: at })
    .where('id', '=', id)
    .where('status', '<>', 'withdrawn')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export type Review = {
  decision: 'accepted' | 'returned';
  note: string | null;
  projectId: string | null;
  shown: boolean;
};

export async function reviewMeasure(trx: Tx, id: string, r: Review, at: Date): Promise<boolean> {
  const res = await trx
    .updateTable('measure')
    .set({
      status: r.decision,
      review_note: r.note,
      reviewed_at: at,
      project_id: r.projectId,
      shown_on_project: r.decision === 'accepted' && r.projectId !== null && r.shown,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('status', '<>', 'withdrawn')
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

// ---- the project's outputs kept by other features ----
// SQL over the library's and the tracker's tables, read in the caller's
// scope; the conditions repeat what row-level security already enforces
// in the public scope, so the page shows the same in any scope.

/** A published work of the project with a public edition: its title in `language` when there is one, else German, else any. */
export type ProjectWork = { slug: string; title: string; issued: string };

export async function publishedWorksOf(trx: Tx, projectId: string, language: string): Promise<ProjectWork[]> {
  const rows = await trx
    .selectFrom('publication_work as w')
    .innerJoin('publication_edition as e', 'e.work_id', 'w.id')
    .select(['w.id', 'w.slug', 'e.language', 'e.title', 'e.issued'])
    .where('w.project_id', '=', projectId)
    .where('w.status', '=', 'published')
    .where('e.visibility', '=', 'public')
    .orderBy('w.id')
    .execute();
  const rank = (l: string) => (l === language ? 0 : l === 'de' ? 1 : 2);
  const byWork = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) byWork.set(r.id, [...(byWork.get(r.id) ?? []), r]);
  return [...byWork.values()].map((editions) => {
    const shown = [...editions].sort((a, b) => rank(a.language) - rank(b.language))[0]!;
    const first = editions.map((e) => day(e.issued)).sort()[0]!;
    return { slug: shown.slug, title: shown.title, issued: first };
  });
}

/** A published recommendation of the project (not one merged into another), dated by its earliest source. */
export type ProjectRecommendation = { slug: string; title: string; since: string };

export async function publishedRecommendationsOf(trx: Tx, projectId: string): Promise<ProjectRecommendation[]> {
  const rows = await trx
    .selectFrom('recommendation as r')
    .leftJoin('recommendation_source as s', 's.recommendation_id', 'r.id')
    .select(['r.slug', 'r.title', 'r.created_at'])
    .select((eb) => eb.fn.min('s.issued_on').as('first_source'))
    .where('r.project_id', '=', projectId)
    .where('r.published', '=', true)
    .where('r.merged_into', 'is', null)
    .groupBy(['r.id', 'r.slug', 'r.title', 'r.created_at'])
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    since: r.first_source ? day(r.first_source) : day(r.created_at),
  }));
}

/** Whether a project with this id exists (the office's forms validate a chosen project). */
export async function projectExists(trx: Tx, id: string): Promise<boolean> {
  return (await trx.selectFrom('project').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The projects to choose from on the office's forms, newest first. */
export async function projectChoices(trx: Tx): Promise<{ id: string; title: string }[]> {
  return trx.selectFrom('project').select(['id', 'title']).orderBy('starts_on', 'desc').orderBy('title').execute();
}

const day = (d: Date | string): string => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
