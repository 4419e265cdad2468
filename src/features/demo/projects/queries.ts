/**
 * The demo's projects: the seed project of the network's former website,
 * told in our own words (its facts — name, period, the funder it names —
 * kept), with its funders' credit lines and logos made here as small PNGs
 * (stand-ins, not the funders' real marks), and measures of three demo
 * centres: two accepted and shown on the project page, one submitted and
 * waiting for the office. A second funder is invented and says so.
 * Ids are derived from the demo namespace, so seeding twice changes nothing.
 */
import { derivedId } from '../../directory/derived-id.ts';
import { setScopeSettings, type Tx } from '../../../platform/db/tenant.ts';
import { logoHash } from '../../projects/logo.ts';
import { solidPng } from '../../projects/png.ts';
import { DEMO_NAMESPACE } from '../entries.ts';
import { demoCentreId } from '../network.ts';

const id = (key: string) => derivedId(DEMO_NAMESPACE, `projects:${key}`);

export const DEMO_PROJECT_SLUG = 'flucht-und-menschenhandel';

/** The seed project: the demo's publications and recommendations name it as theirs. */
export const DEMO_PROJECT_ID = id('project:flucht-und-menschenhandel');

const FUNDERS = [
  {
    id: id('funder:integrationsbeauftragte'),
    name: 'Beauftragte der Bundesregierung für Migration, Flüchtlinge und Integration',
    credit_line: 'Gefördert von der Beauftragten der Bundesregierung für Migration, Flüchtlinge und Integration',
    url: null,
    colour: [0x1d, 0x4e, 0x89] as const,
  },
  {
    id: id('funder:demo-stiftung'),
    name: 'Stiftung Schutz und Teilhabe (Demo)',
    credit_line: 'Mit Unterstützung der Stiftung Schutz und Teilhabe (erfundener Förderer der Demo)',
    url: null,
    colour: [0x2e, 0x7d, 0x32] as const,
  },
];

const MEASURES = [
  {
    key: 'koeln-unterkunft',
    centre: 'koeln',
    title: 'Sprechstunde in einer Erstaufnahmeeinrichtung',
    description:
      'Zweimal im Monat eine offene Sprechstunde mit Sprachmittlung in einer Landesunterkunft; Aushänge in sieben Sprachen und Kontakt zum Sozialdienst der Einrichtung.',
    kind: 'outreach_accommodation' as const,
    region: 'DE-NW',
    starts_on: '2016-09-01',
    ends_on: '2017-11-30',
    review: 'shown' as const,
  },
  {
    key: 'leipzig-schulung',
    centre: 'leipzig',
    title: 'Schulung für Fachkräfte der Jugendhilfe',
    description:
      'Ein Tag über Anzeichen von Menschenhandel bei unbegleiteten Minderjährigen und über den Weg zur Fachberatungsstelle, für Fachkräfte aus Jugendämtern und Wohngruppen.',
    kind: 'training' as const,
    region: 'DE-SN',
    starts_on: '2017-03-15',
    ends_on: '2017-03-15',
    review: 'shown' as const,
  },
  {
    key: 'hamburg-vernetzung',
    centre: 'hamburg',
    title: 'Runder Tisch mit Asylverfahrensberatung',
    description:
      'Ein regelmäßiges Treffen mit Beratungsstellen für Geflüchtete, um Verweiswege abzustimmen, wenn im Asylverfahren Hinweise auf Menschenhandel auftauchen.',
    kind: 'networking' as const,
    region: 'DE-HH',
    starts_on: '2017-05-01',
    ends_on: null,
    review: 'waiting' as const,
  },
];

/** Write the demo project, its funders and the centres' measures (idempotent). */
export async function writeDemoProjects(trx: Tx, now: Date): Promise<void> {
  await setScopeSettings(trx, { kind: 'admin' });
  await trx
    .insertInto('project')
    .values({
      id: DEMO_PROJECT_ID,
      slug: DEMO_PROJECT_SLUG,
      title: 'Flucht und Menschenhandel: Schutz und Unterstützung für Frauen und Minderjährige',
      goal: 'Die Fachberatungsstellen bei ihren eigenen Vorhaben für geflüchtete Betroffene von Menschenhandel begleiten und herausarbeiten, was Politik und Verwaltung ändern müssen, damit Schutz auch im Asylverfahren ankommt.',
      summary: [
        'Seit mehr Menschen in Deutschland Schutz suchen, begegnen die Fachberatungsstellen häufiger Betroffenen, deren Ausbeutung mit der Flucht zusammenhängt – vor und während des Asylverfahrens. Das Projekt hat diese Arbeit begleitet, Erfahrungen der Beratungsstellen gesammelt und für Politik und Verwaltung aufbereitet.',
        'Einen eigenen Schwerpunkt bildeten Minderjährige, die auf der Flucht besonders gefährdet sind. In einem Gespräch mit Fachleuten aus Verbänden und einem Workshop mit Beratungsstellen, Jugendämtern und Jugendhilfe entstanden Empfehlungen; ein Dossier und ein Positionspapier fassen die Ergebnisse zusammen.',
      ].join('\n\n'),
      starts_on: '2016-05-01',
      ends_on: '2017-11-30',
      status: 'completed',
      published: true,
      contact_name: 'Petra Beispiel (Demo)',
      contact_role: 'Projektreferentin der Koordinierungsstelle',
      updated_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  for (const f of FUNDERS) {
    const logo = solidPng(120, 48, f.colour);
    await trx
      .insertInto('funder')
      .values({
        id: f.id,
        name: f.name,
        credit_line: f.credit_line,
        url: f.url,
        logo,
        logo_kind: 'png',
        logo_hash: logoHash(logo),
        updated_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  await trx
    .insertInto('project_funder')
    .values(FUNDERS.map((f, position) => ({ project_id: DEMO_PROJECT_ID, funder_id: f.id, position })))
    .onConflict((oc) => oc.columns(['project_id', 'funder_id']).doNothing())
    .execute();
  // Each measure as its centre registers it, then reviewed as the office reviews.
  for (const m of MEASURES) {
    const centreId = demoCentreId(m.centre);
    await setScopeSettings(trx, { kind: 'centre', centreId });
    const written = await trx
      .insertInto('measure')
      .values({
        id: id(`measure:${m.key}`),
        centre_id: centreId,
        title: m.title,
        description: m.description,
        kind: m.kind,
        region: m.region,
        starts_on: m.starts_on,
        ends_on: m.ends_on,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    // Reviewed once, when first written: a later run leaves the office's decisions alone.
    if (m.review !== 'shown' || !written) continue;
    await setScopeSettings(trx, { kind: 'coordination' });
    await trx
      .updateTable('measure')
      .set({
        status: 'accepted',
        reviewed_at: now,
        project_id: DEMO_PROJECT_ID,
        shown_on_project: true,
        updated_at: now,
      })
      .where('id', '=', id(`measure:${m.key}`))
      .execute();
  }
  await setScopeSettings(trx, { kind: 'admin' });
}
