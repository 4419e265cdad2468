/**
 * A project's outputs from the library and the recommendations tracker,
 * and the links between them: the public project page lists the project's
 * published works with a public edition and its published recommendations
 * (never a draft, a members-only work or a merged recommendation); the
 * office names a work's or a recommendation's project (an unknown one is a
 * 400); evidence of kind 'publication' points at a published work only
 * (an unknown or draft work is a 400, not the foreign key's 500) and the
 * public page links it by its title. Runs on both databases.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { auditRows, get, post, signedIn, type Staff } from '../centre-entry/testing.ts';
import { DEMO_PROJECT_ID, DEMO_PROJECT_SLUG } from '../demo/projects/queries.ts';
import { DEMO_PUBLICATIONS } from '../demo/publications.ts';
import { insertEdition, insertWork, setWorkProject } from '../publications/queries.ts';

const DOSSIER = 'dossier-gefluechtete-frauen-und-minderjaehrige';
const POLICY_PAPER = 'policy-paper-beratungspraxis-und-rechtspolitik';
const WORKING_AID = 'arbeitshilfe-kooperation-jugendamt';
const DOSSIER_TITLE = 'Dossier: Geflüchtete Frauen und Minderjährige – Schutz vor Menschenhandel';
const DRAFT_WORK = randomUUID();

const t = appForFile();
let office: Staff;
beforeAll(async () => {
  office = await signedIn(t.app, 'coordination');
  // A draft work with a public edition and the members-only working aid, both named as the project's.
  await withScope(t.app.database.db, { kind: 'coordination' }, async (trx) => {
    const at = t.app.clock.now();
    await insertWork(trx, {
      id: DRAFT_WORK,
      slug: 'entwurf-projektbericht',
      type: 'report',
      projectId: DEMO_PROJECT_ID,
      at,
      by: null,
    });
    await insertEdition(trx, {
      id: randomUUID(),
      workId: DRAFT_WORK,
      language: 'de',
      title: 'Entwurf eines Projektberichts',
      summary: '',
      authors: 'Koordinierungsstelle',
      issued: '2017-12-01',
      licence: 'CC BY-SA 4.0',
      visibility: 'public',
      at,
    });
    await setWorkProject(trx, DEMO_PUBLICATIONS.workingAid, DEMO_PROJECT_ID);
  });
});

const projectPage = async () => (await get(t.app, null, `/de/projects/${DEMO_PROJECT_SLUG}`)).body;

const recommendation = (slug: string, project: string) => ({
  slug,
  title: `Empfehlung ${slug}`,
  challenge: 'Eine Herausforderung aus der Praxis.',
  body: 'Eine Empfehlung.',
  addressee_kind: 'legislator',
  addressee_name: 'Deutscher Bundestag',
  project,
});

async function createRecommendation(slug: string, project: string): Promise<string> {
  const res = await post(t.app, office, '/de/staff/recommendations/new', recommendation(slug, project));
  expect(res.statusCode, res.body).toBe(303);
  return /\/staff\/recommendations\/([0-9a-f-]{36})\?/.exec(res.headers.location as string)![1]!;
}

const projectOf = (table: 'recommendation' | 'publication_work', id: string) =>
  withScope(t.app.database.db, { kind: 'admin' }, async (trx) =>
    table === 'recommendation'
      ? (await trx.selectFrom('recommendation').select('project_id').where('id', '=', id).executeTakeFirstOrThrow())
          .project_id
      : (await trx.selectFrom('publication_work').select('project_id').where('id', '=', id).executeTakeFirstOrThrow())
          .project_id,
  );

const evidenceCount = () =>
  withScope(t.app.database.db, { kind: 'admin' }, async (trx) =>
    Number(
      (
        await trx
          .selectFrom('recommendation_evidence')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );

describe("the project page's outputs", () => {
  it("lists the seed project's dossier, policy paper and published recommendations, linked to their pages", async () => {
    const body = await projectPage();
    expect(body).toContain(`href="/de/publications/${DOSSIER}"`);
    expect(body).toContain(`href="/de/publications/${POLICY_PAPER}"`);
    expect(body).toContain(DOSSIER_TITLE);
    expect(body).toContain('href="/de/recommendations/frueherkennung-in-aufnahmeeinrichtungen"');
    expect(body).toContain('Veröffentlichung');
    expect(body).toContain('Empfehlung des Netzwerks');
    // The English page names the English edition where there is one, and links the English pages.
    const en = (await get(t.app, null, `/en/projects/${DEMO_PROJECT_SLUG}`)).body;
    expect(en).toContain(`href="/en/publications/${POLICY_PAPER}"`);
    expect(en).toContain('Recommendation of the network');
  });

  it('never lists a draft or members-only work, a draft recommendation or a merged one', async () => {
    const body = await projectPage();
    expect(body).not.toContain('entwurf-projektbericht');
    expect(body).not.toContain('Entwurf eines Projektberichts');
    expect(body).not.toContain(WORKING_AID);
    // The demo's draft and the merged recommendation name the project too.
    expect(body).not.toContain('fachberatungsstellen-dauerhaft-finanzieren');
    expect(body).not.toContain('dolmetschkosten-uebernehmen');
  });

  it('shows a recommendation the office links to the project once it is published, not before', async () => {
    const id = await createRecommendation('test-projekt-empfehlung', DEMO_PROJECT_ID);
    expect(await projectOf('recommendation', id)).toBe(DEMO_PROJECT_ID);
    expect(await projectPage()).not.toContain('test-projekt-empfehlung');
    expect((await post(t.app, office, `/de/staff/recommendations/${id}/publish`)).statusCode).toBe(303);
    expect(await projectPage()).toContain('href="/de/recommendations/test-projekt-empfehlung"');
    // The edit form shows the chosen project; '' takes it away again.
    expect((await get(t.app, office, `/de/staff/recommendations/${id}`)).body).toMatch(
      new RegExp(`<option value="${DEMO_PROJECT_ID}" selected`),
    );
    const cleared = await post(
      t.app,
      office,
      `/de/staff/recommendations/${id}`,
      recommendation('test-projekt-empfehlung', ''),
    );
    expect(cleared.statusCode, cleared.body).toBe(303);
    expect(await projectOf('recommendation', id)).toBeNull();
    expect(await projectPage()).not.toContain('test-projekt-empfehlung');
  });
});

describe('the office names a project', () => {
  it('refuses an unknown project with a 400 and a message, writing nothing', async () => {
    const res = await post(
      t.app,
      office,
      '/de/staff/recommendations/new',
      recommendation('test-ohne-projekt', randomUUID()),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Dieses Projekt gibt es nicht.');
    const none = await post(
      t.app,
      office,
      '/de/staff/recommendations/new',
      recommendation('test-ohne-projekt', 'kein-uuid'),
    );
    expect(none.statusCode).toBe(400);

    const work = await post(t.app, office, `/de/staff/publications/${DRAFT_WORK}/project`, { project: randomUUID() });
    expect(work.statusCode).toBe(400);
    expect(work.body).toContain('Dieses Projekt gibt es nicht.');
    expect(await projectOf('publication_work', DRAFT_WORK)).toBe(DEMO_PROJECT_ID);
  });

  it("sets and clears a work's project, audited", async () => {
    const before = (await auditRows(t.app, 'publication.project_changed_done')).length;
    const cleared = await post(t.app, office, `/de/staff/publications/${DRAFT_WORK}/project`, { project: '' });
    expect(cleared.statusCode, cleared.body).toBe(303);
    expect(await projectOf('publication_work', DRAFT_WORK)).toBeNull();
    const set = await post(t.app, office, `/de/staff/publications/${DRAFT_WORK}/project`, { project: DEMO_PROJECT_ID });
    expect(set.statusCode).toBe(303);
    expect(await projectOf('publication_work', DRAFT_WORK)).toBe(DEMO_PROJECT_ID);
    const after = (await auditRows(t.app, 'publication.project_changed_done')).length;
    expect(after).toBe(before + 2);
    const page = (await get(t.app, office, `/de/staff/publications/${DRAFT_WORK}`)).body;
    expect(page).toMatch(new RegExp(`<option value="${DEMO_PROJECT_ID}" selected`));
  });
});

describe('evidence from a publication', () => {
  it("links the publication's public page by its title", async () => {
    const body = (await get(t.app, null, '/de/recommendations/frueherkennung-in-aufnahmeeinrichtungen')).body;
    expect(body).toContain(`href="/de/publications/${DOSSIER}"`);
    expect(body).toContain(DOSSIER_TITLE);
    expect(body).toContain('wie spät Betroffene in Sammelunterkünften die Beratung erreichen');
  });

  it('offers the published works to choose from, and refuses an unknown or draft work with a 400', async () => {
    const id = await createRecommendation('test-beleg-publikation', '');
    const form = (await get(t.app, office, `/de/staff/recommendations/${id}`)).body;
    expect(form).toContain(`<option value="${DEMO_PUBLICATIONS.dossier}"`);
    expect(form).not.toContain(`<option value="${DRAFT_WORK}"`);

    const before = await evidenceCount();
    for (const publication of [randomUUID(), DRAFT_WORK]) {
      const res = await post(t.app, office, `/de/staff/recommendations/${id}/evidence`, {
        kind: 'publication',
        support: 'Stützt die Empfehlung.',
        publication_id: publication,
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Eine veröffentlichte Veröffentlichung mit dieser Kennung gibt es nicht.');
    }
    expect(await evidenceCount()).toBe(before);

    const ok = await post(t.app, office, `/de/staff/recommendations/${id}/evidence`, {
      kind: 'publication',
      support: 'Das Dossier belegt es.',
      publication_id: DEMO_PUBLICATIONS.policyPaper.toUpperCase(),
    });
    expect(ok.statusCode, ok.body).toBe(303);
    expect(await evidenceCount()).toBe(before + 1);
  });

  it('the foreign key itself refuses evidence pointing at no work', async () => {
    await expect(
      withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
        trx
          .insertInto('recommendation_evidence')
          .values({
            id: randomUUID(),
            recommendation_id: '5e0c0000-0000-4000-8000-000100000000',
            kind: 'publication',
            support: 'x',
            publication_id: randomUUID(),
          })
          .execute(),
      ),
    ).rejects.toThrow(/foreign key/);
  });
});
