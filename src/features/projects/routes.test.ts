/**
 * Projects and measures over HTTP, on both databases: the office keeps
 * projects and funders (logos PNG or JPEG only, by content), a centre
 * registers and withdraws its own measures, the office reviews them and
 * chooses what a project page shows; the public sees published projects
 * only and only the measures the office chose. Every refusal changes
 * nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { multipartBody } from '../case-records/io/test-support.ts';
import { demoNetworkCentres } from '../demo/network.ts';
import { auditRows, demoCentre, get, post, signedIn, type Staff } from '../centre-entry/testing.ts';
import { DEMO_PROJECT_SLUG } from '../demo/projects/queries.ts';
import { MAX_LOGO_BYTES } from './logo.ts';
import { solidPng } from './png.ts';

let coordination: Staff;
let lead: Staff;
let counsellor: Staff;
let otherLead: Staff;
const otherCentreId = () => otherLead.user.centreId ?? '';

const t = appForFile();
beforeAll(async () => {
  const centre = demoCentre('stuttgart');
  const other = demoCentre(
    demoNetworkCentres()
      .map((c) => c.key)
      .find((k) => k !== 'stuttgart') ?? 'stuttgart',
  );
  coordination = await signedIn(t.app, 'coordination');
  lead = await signedIn(t.app, 'centre_lead', centre.id);
  counsellor = await signedIn(t.app, 'counsellor', centre.id);
  otherLead = await signedIn(t.app, 'centre_lead', other.id);
});

const measureRows = () =>
  withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
    trx
      .selectFrom('measure')
      .selectAll()
      .where('centre_id', 'in', [demoCentre('stuttgart').id, otherCentreId()])
      .orderBy('updated_at')
      .execute(),
  );

const idFrom = (location: string | undefined) => /([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';

async function newFunder(name: string): Promise<string> {
  const res = await post(t.app, coordination, '/de/staff/funders/new', {
    name,
    credit_line: `Gefördert von ${name}`,
    url: 'https://example.org/',
  });
  expect(res.statusCode).toBe(303);
  return idFrom(res.headers.location as string);
}

function upload(who: Staff, funderId: string, file: { name: string; type: string; data: Buffer }) {
  const body = multipartBody({ _csrf: who.session.csrf }, [file]);
  return t.app.inject({
    method: 'POST',
    url: `/de/staff/funders/${funderId}/logo`,
    headers: { ...body.headers, cookie: who.session.cookie },
    payload: body.payload,
  });
}

const PROJECT = {
  slug: 'schutz-nach-der-flucht',
  title: 'Schutz nach der Flucht',
  goal: 'Fachberatungsstellen bei ihrer Arbeit mit geflüchteten Betroffenen unterstützen.',
  summary: 'Erster Absatz.\n\nZweiter Absatz.',
  starts_on: '2026-01-01',
  ends_on: '2027-12-31',
  status: 'running',
  contact_name: 'Erika Beispiel',
  contact_role: 'Projektkoordination',
};

let projectId = '';
let funderId = '';

describe('the office keeps projects and funders', () => {
  it('creates a funder and uploads a PNG logo, then replaces it with a JPEG', async () => {
    funderId = await newFunder('Demo-Stiftung');
    const png = await upload(coordination, funderId, {
      name: 'logo.png',
      type: 'image/png',
      data: solidPng(40, 20, [10, 60, 120]),
    });
    expect(png.statusCode).toBe(303);
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
      Buffer.alloc(64),
    ]);
    const res = await upload(coordination, funderId, { name: 'logo.jpg', type: 'image/jpeg', data: jpeg });
    expect(res.statusCode).toBe(303);
    const row = await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.selectFrom('funder').select(['logo_kind']).where('id', '=', funderId).executeTakeFirstOrThrow(),
    );
    expect(row.logo_kind).toBe('jpeg');
    expect(await auditRows(t.app, 'funder.logo_done')).toHaveLength(2);
    // Back to a PNG for the pages below.
    expect(
      (
        await upload(coordination, funderId, {
          name: 'l.png',
          type: 'image/png',
          data: solidPng(40, 20, [10, 60, 120]),
        })
      ).statusCode,
    ).toBe(303);
  });

  it('refuses SVG (also renamed .png), PDF, text and oversize logos with a message, keeping the old logo', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const cases = [
      { name: 'logo.svg', type: 'image/svg+xml', data: svg, status: 415 },
      { name: 'logo.png', type: 'image/png', data: svg, status: 415 },
      {
        name: 'logo.png',
        type: 'image/png',
        data: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'),
        status: 415,
      },
      { name: 'logo.png', type: 'image/png', data: Buffer.from('just some text, not an image'), status: 415 },
      {
        name: 'big.png',
        type: 'image/png',
        data: Buffer.concat([solidPng(4, 4, [0, 0, 0]), Buffer.alloc(MAX_LOGO_BYTES)]),
        status: 413,
      },
    ];
    const before = await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.selectFrom('funder').select(['logo_hash']).where('id', '=', funderId).executeTakeFirstOrThrow(),
    );
    for (const c of cases) {
      const res = await upload(coordination, funderId, c);
      expect(res.statusCode, c.name).toBe(c.status);
      expect(res.body).toMatch(c.status === 413 ? /größer als 1 MB/ : /keine PNG- oder JPEG-Datei/);
    }
    const after = await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.selectFrom('funder').select(['logo_hash']).where('id', '=', funderId).executeTakeFirstOrThrow(),
    );
    expect(after.logo_hash).toBe(before.logo_hash);
    // In English for an English reader.
    const en = multipartBody({ _csrf: coordination.session.csrf }, [{ name: 'x.png', type: 'image/png', data: svg }]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/en/staff/funders/${funderId}/logo`,
      headers: { ...en.headers, cookie: coordination.session.cookie },
      payload: en.payload,
    });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('not a PNG or JPEG file');
  });

  it('creates an unpublished project that the public cannot see', async () => {
    const res = await post(t.app, coordination, '/de/staff/projects/new', { ...PROJECT, funders: [funderId] });
    expect(res.statusCode).toBe(303);
    const p = await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.selectFrom('project').selectAll().where('slug', '=', PROJECT.slug).executeTakeFirstOrThrow(),
    );
    projectId = p.id;
    expect(p.published).toBe(false);
    expect((await get(t.app, null, `/de/projects/${PROJECT.slug}`)).statusCode).toBe(404);
    expect((await get(t.app, null, '/de/projects')).body).not.toContain(PROJECT.title);
    // Its funder's logo is not served either while no published project names it.
    const list = await get(t.app, coordination, '/de/staff/projects');
    const src = /src="(\/media\/funders\/[^"]+)" alt="Demo-Stiftung"/.exec(list.body)?.[1] ?? '';
    expect(src).not.toBe('');
    expect((await get(t.app, null, src)).statusCode).toBe(404);
  });

  it('refuses an address as contact, a taken slug and an unknown funder, writing nothing', async () => {
    for (const body of [
      { ...PROJECT, slug: 'anderes', contact_name: 'p.roth@example.org' },
      { ...PROJECT },
      { ...PROJECT, slug: 'drittes', funders: ['00000000-0000-4000-8000-000000000000'] },
      { ...PROJECT, slug: 'viertes', ends_on: '2025-01-01' },
    ]) {
      const res = await post(t.app, coordination, '/de/staff/projects/new', body);
      expect(res.statusCode).toBe(400);
    }
    const n = await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx.selectFrom('project').select('id').where('slug', '<>', DEMO_PROJECT_SLUG).execute(),
    );
    expect(n).toHaveLength(1);
  });

  it('publishes the project (audited) and the public page shows it with its funder and logo', async () => {
    const res = await post(t.app, coordination, `/de/staff/projects/${projectId}`, {
      ...PROJECT,
      funders: [funderId],
      published: 'on',
    });
    expect(res.statusCode).toBe(303);
    expect(await auditRows(t.app, 'project.published_done')).toHaveLength(1);
    const page = await get(t.app, null, `/de/projects/${PROJECT.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain(PROJECT.goal);
    expect(page.body).toContain('Gefördert von Demo-Stiftung');
    expect(page.body).toContain('alt="Demo-Stiftung"');
    expect(page.body).toContain(`/de/contact?project=${PROJECT.slug}`);
    expect(page.body).toContain('Erika Beispiel, Projektkoordination');
    expect(page.body).not.toMatch(/mailto:|@/);
    const src = /<img src="(\/media\/funders\/[^"]+)" alt="Demo-Stiftung"/.exec(page.body)?.[1] ?? '';
    const logo = await get(t.app, null, src);
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['x-content-type-options']).toBe('nosniff');
    expect(logo.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(logo.headers['cache-control']).toContain('immutable');
    // Another hash in the name: not this logo.
    expect((await get(t.app, null, src.replace(/-([0-9a-f]{16})\./, '-0000000000000000.'))).statusCode).toBe(404);
    expect((await get(t.app, null, '/de/projects')).body).toContain(PROJECT.title);
  });
});

describe('a centre registers measures and the office reviews them', () => {
  const MEASURE = {
    title: 'Sprechstunde in der Erstaufnahme',
    description: 'Wöchentliche Sprechstunde mit Dolmetschung.',
    kind: 'outreach_accommodation',
    region: 'DE-BW',
    starts_on: '2026-02-01',
    ends_on: '',
  };
  let measureId = '';
  let hiddenId = '';

  it('a counsellor registers a measure for the own centre; it is not public', async () => {
    const res = await post(t.app, counsellor, '/de/staff/measures/new', MEASURE);
    expect(res.statusCode).toBe(303);
    const rows = await measureRows();
    expect(rows).toHaveLength(1);
    measureId = rows[0]!.id;
    expect(rows[0]).toMatchObject({
      status: 'submitted',
      centre_id: demoCentre('stuttgart').id,
      shown_on_project: false,
    });
    expect((await get(t.app, null, `/de/projects/${PROJECT.slug}`)).body).not.toContain(MEASURE.title);
    expect((await get(t.app, lead, '/de/staff/measures')).body).toContain(MEASURE.title);
    expect(await auditRows(t.app, 'measure.registered_done')).toMatchObject([
      { centre_id: demoCentre('stuttgart').id },
    ]);
  });

  it('another centre neither sees, edits, withdraws nor reviews it: 404, nothing changed', async () => {
    const before = await measureRows();
    expect((await get(t.app, otherLead, `/de/staff/measures/${measureId}`)).statusCode).toBe(404);
    expect(
      (await post(t.app, otherLead, `/de/staff/measures/${measureId}`, { ...MEASURE, title: 'fremd' })).statusCode,
    ).toBe(404);
    expect((await post(t.app, otherLead, `/de/staff/measures/${measureId}/withdraw`)).statusCode).toBe(404);
    expect((await get(t.app, otherLead, '/de/staff/measures')).body).not.toContain(MEASURE.title);
    expect(
      (await post(t.app, otherLead, `/de/staff/measure-review/${measureId}`, { decision: 'accepted' })).statusCode,
    ).toBe(404);
    expect(await measureRows()).toEqual(before);
  });

  it('a counsellor or centre lead cannot review; the office can', async () => {
    for (const who of [counsellor, lead]) {
      const res = await post(t.app, who, `/de/staff/measure-review/${measureId}`, {
        decision: 'accepted',
        project_id: projectId,
        shown: 'on',
      });
      expect(res.statusCode).toBe(404);
    }
    expect((await measureRows())[0]!.status).toBe('submitted');
    expect((await get(t.app, coordination, '/de/staff/measure-review')).body).toContain(MEASURE.title);
  });

  it('the office returns it with a note; the centre changes and resubmits it', async () => {
    expect(
      (await post(t.app, coordination, `/de/staff/measure-review/${measureId}`, { decision: 'returned' })).statusCode,
    ).toBe(400);
    const res = await post(t.app, coordination, `/de/staff/measure-review/${measureId}`, {
      decision: 'returned',
      note: 'Bitte den Zeitraum ergänzen.',
    });
    expect(res.statusCode).toBe(303);
    expect((await get(t.app, lead, `/de/staff/measures/${measureId}`)).body).toContain('Bitte den Zeitraum ergänzen.');
    expect(
      (await post(t.app, lead, `/de/staff/measures/${measureId}`, { ...MEASURE, ends_on: '2026-12-31' })).statusCode,
    ).toBe(303);
    expect((await measureRows())[0]).toMatchObject({ status: 'submitted', ends_on: '2026-12-31' });
  });

  it('the office accepts it and shows it on the project; the public page lists it (audited)', async () => {
    const res = await post(t.app, coordination, `/de/staff/measure-review/${measureId}`, {
      decision: 'accepted',
      project_id: projectId,
      shown: 'on',
    });
    expect(res.statusCode).toBe(303);
    const page = await get(t.app, null, `/de/projects/${PROJECT.slug}`);
    expect(page.body).toContain(MEASURE.title);
    expect(page.body).toContain('Aufsuchende Arbeit in Unterkünften für Geflüchtete');
    expect(page.body).toContain('Baden-Württemberg');
    expect(await auditRows(t.app, 'measure.reviewed_done')).toHaveLength(2);
    // Accepted: the centre can no longer change it.
    expect((await post(t.app, lead, `/de/staff/measures/${measureId}`, MEASURE)).statusCode).toBe(409);
  });

  it('an accepted measure the office did not choose to show stays off the page', async () => {
    await post(t.app, lead, '/de/staff/measures/new', { ...MEASURE, title: 'Interne Fortbildung', kind: 'training' });
    hiddenId = (await measureRows()).find((r) => r.title === 'Interne Fortbildung')!.id;
    await post(t.app, coordination, `/de/staff/measure-review/${hiddenId}`, {
      decision: 'accepted',
      project_id: projectId,
    });
    expect((await get(t.app, null, `/de/projects/${PROJECT.slug}`)).body).not.toContain('Interne Fortbildung');
    // "Show" without a project is refused.
    expect(
      (await post(t.app, coordination, `/de/staff/measure-review/${hiddenId}`, { decision: 'accepted', shown: 'on' }))
        .statusCode,
    ).toBe(400);
  });

  it('the database refuses a centre accepting or showing its own measure', async () => {
    const centreId = demoCentre('stuttgart').id;
    await expect(
      withScope(t.app.database.db, { kind: 'centre', centreId }, (trx) =>
        trx.updateTable('measure').set({ status: 'accepted' }).where('id', '=', hiddenId).execute(),
      ),
    ).rejects.toThrow();
    await expect(
      withScope(t.app.database.db, { kind: 'centre', centreId }, (trx) =>
        trx.updateTable('measure').set({ shown_on_project: true }).where('id', '=', hiddenId).execute(),
      ),
    ).rejects.toThrow();
  });

  it('withdrawing takes it off the project page; unpublishing hides the project and its measures', async () => {
    expect((await post(t.app, lead, `/de/staff/measures/${measureId}/withdraw`)).statusCode).toBe(303);
    expect((await get(t.app, null, `/de/projects/${PROJECT.slug}`)).body).not.toContain(MEASURE.title);
    expect(await auditRows(t.app, 'measure.withdrawn_done')).toHaveLength(1);
    const res = await post(t.app, coordination, `/de/staff/projects/${projectId}`, { ...PROJECT, funders: [funderId] });
    expect(res.statusCode).toBe(303);
    expect(await auditRows(t.app, 'project.unpublished_done')).toHaveLength(1);
    expect((await get(t.app, null, `/de/projects/${PROJECT.slug}`)).statusCode).toBe(404);
    const publicMeasures = await withScope(t.app.database.db, { kind: 'auth' }, (trx) =>
      trx.selectFrom('measure').select('id').where('project_id', '=', projectId).execute(),
    );
    expect(publicMeasures).toEqual([]);
  });
});

describe('the demo content', () => {
  it('publishes the seed project with its funders, logos and the two accepted measures, not the waiting one', async () => {
    const page = await get(t.app, null, `/de/projects/${DEMO_PROJECT_SLUG}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Gefördert von der Beauftragten der Bundesregierung');
    expect(page.body).toContain('erfundener Förderer der Demo');
    expect(page.body).toContain('Sprechstunde in einer Erstaufnahmeeinrichtung');
    expect(page.body).toContain('Schulung für Fachkräfte der Jugendhilfe');
    expect(page.body).not.toContain('Runder Tisch mit Asylverfahrensberatung');
    const logos = [...page.body.matchAll(/<img src="(\/media\/funders\/[^"]+)"/g)].map((m) => m[1]!);
    expect(logos).toHaveLength(2);
    for (const src of logos) expect((await get(t.app, null, src)).statusCode).toBe(200);
    // In English, the page's own words are English; the project's text stays German.
    expect((await get(t.app, null, `/en/projects/${DEMO_PROJECT_SLUG}`)).body).toContain('Activities and outputs');
  });
});
