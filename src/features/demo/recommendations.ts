/**
 * The demo's recommendations tracker: six recommendations a network of
 * specialised counselling centres might make about protecting refugee
 * women and minors from trafficking, with addressees, sources of different
 * strength, both status tracks with dated histories, evidence (external
 * references and, once the demo's statistics are published, a table of the
 * last closed year, and the seed project's dossier and policy paper) and
 * one merged pair. All but the merged one came out of the seed project.
 * Invented wording; the references name real kinds of documents without
 * quoting them.
 *
 * Written in the caller's (owner) transaction in the coordination scope,
 * with fixed ids so that a second run replaces nothing and adds nothing.
 */
import type { Tx } from '../../platform/db/tenant.ts';
import { DEMO_PROJECT_ID } from './projects/queries.ts';
import { DEMO_PUBLICATIONS } from './publications.ts';
import { insertDemoRecommendations, type DemoRecommendation } from './queries/recommendations.ts';

const DOSSIER = 'Dossier „Geflüchtete Frauen und Minderjährige im Blick“';
const POLICY = 'Policy Paper „Schutz vor Ausbeutung im Asylverfahren“';
const GRETA = 'GRETA, Bericht zur dritten Evaluierungsrunde (Deutschland)';

const RECOMMENDATIONS: DemoRecommendation[] = [
  {
    n: 1,
    projectId: DEMO_PROJECT_ID,
    slug: 'frueherkennung-in-aufnahmeeinrichtungen',
    title: 'Früherkennung in Aufnahmeeinrichtungen verbindlich regeln',
    challenge:
      'Fachberatungsstellen erfahren oft erst Monate nach der Ankunft, dass eine Frau in einer Aufnahmeeinrichtung ausgebeutet wurde. Das Personal dort kennt die Anzeichen selten, und ein fester Weg zur Beratung fehlt.',
    body: 'Die Länder verpflichten alle Aufnahmeeinrichtungen auf ein Verfahren zur Früherkennung von Menschenhandel, mit geschultem Personal und einer festen Kooperation mit der zuständigen Fachberatungsstelle.',
    addressee: ['state_ministry', 'Innenministerien der Länder'],
    themes: ['identification', 'accommodation'],
    groups: ['women', 'refugees'],
    sources: [
      ['network_dossier', 'urge', DOSSIER, 'Empfehlung 2', '2016-11-15'],
      ['greta_report', 'urge', GRETA, 'Abschnitt zur Identifizierung', '2024-06-01'],
    ],
    statuses: [
      ['addressee', 'no_response', '2017-03-01', 'Schreiben an die Innenministerkonferenz'],
      ['assessment', 'not_started', '2017-03-01', 'Jahresbericht des Netzwerks 2016'],
      ['addressee', 'under_review', '2021-09-14', 'Antwort eines Landesinnenministeriums'],
      [
        'assessment',
        'partly',
        '2024-02-20',
        'Umfrage unter den Fachberatungsstellen',
        'Drei Länder haben Verfahren eingeführt, die übrigen nicht.',
      ],
      ['addressee', 'in_progress', '2025-05-08', 'Beschluss der Innenministerkonferenz'],
    ],
    evidence: [
      {
        kind: 'publication',
        publicationId: DEMO_PUBLICATIONS.dossier,
        support:
          'Das Dossier schildert aus den Beratungsstellen, wie spät Betroffene in Sammelunterkünften die Beratung erreichen.',
      },
      {
        kind: 'external',
        title: GRETA,
        reference: 'Kapitel Identifizierung',
        support: 'GRETA fordert Deutschland dringend auf, Betroffene unter Asylsuchenden früher zu erkennen.',
      },
      {
        kind: 'statistics_table',
        table: 'asylum_stage',
        support:
          'Die Fallstatistik zeigt, in welchem Stand des Asylverfahrens Betroffene die Beratung erreichen: viele erst spät.',
      },
    ],
  },
  {
    n: 2,
    projectId: DEMO_PROJECT_ID,
    slug: 'jugendamt-bei-unbegleiteten-minderjaehrigen',
    title: 'Jugendämter bei unbegleiteten Minderjährigen früh einbinden',
    challenge:
      'Unbegleitete Minderjährige verschwinden aus Einrichtungen, bevor jemand ihre Ausbeutung erkennt. Jugendämter und Fachberatungsstellen wissen oft nichts voneinander.',
    body: 'Die Jugendämter prüfen bei jeder Inobhutnahme unbegleiteter Minderjähriger Anzeichen von Menschenhandel und ziehen in Verdachtsfällen eine spezialisierte Fachberatungsstelle hinzu.',
    addressee: ['youth_welfare_office', 'Jugendämter und Landesjugendämter'],
    themes: ['child_protection', 'identification'],
    groups: ['unaccompanied_minors', 'minors'],
    sources: [['network_dossier', 'urge', DOSSIER, 'Empfehlung 5', '2016-11-15']],
    statuses: [
      ['addressee', 'announced', '2018-04-10', 'Stellungnahme der Bundesarbeitsgemeinschaft Landesjugendämter'],
      ['assessment', 'in_progress', '2019-01-15', 'Praxisworkshop mit Jugendämtern'],
      [
        'assessment',
        'partly',
        '2025-11-03',
        'Jahresbericht des Netzwerks 2024',
        'Handreichungen liegen vor; verbindlich sind sie nur in wenigen Kommunen.',
      ],
    ],
    evidence: [
      {
        kind: 'statistics_table',
        table: 'unaccompanied_minor',
        support: 'Die Zahl der beratenen unbegleiteten Minderjährigen zeigt, dass es die Fälle gibt.',
      },
    ],
  },
  {
    n: 3,
    projectId: DEMO_PROJECT_ID,
    slug: 'kinderschutz-verfahren-fuer-minderjaehrige-betroffene',
    title: 'Kinderschutzverfahren für minderjährige Betroffene festlegen',
    challenge: 'Minderjährige Betroffene werden zwischen Jugendhilfe, Ausländerbehörde und Polizei weitergereicht.',
    body: 'Ein bundesweit einheitliches Verfahren legt fest, wer bei minderjährigen Betroffenen von Menschenhandel federführend ist.',
    addressee: ['federal_ministry', 'Bundesministerium für Familie, Senioren, Frauen und Jugend'],
    themes: ['child_protection'],
    groups: ['minors'],
    sources: [['policy_paper', 'consider', POLICY, 'Abschnitt 4', '2017-10-01']],
    statuses: [['assessment', 'not_started', '2018-02-01', 'Jahresbericht des Netzwerks 2017']],
    evidence: [
      {
        kind: 'publication',
        publicationId: DEMO_PUBLICATIONS.policyPaper,
        support:
          'Das Policy Paper beschreibt, wie minderjährige Betroffene ohne klare Zuständigkeit zwischen den Stellen pendeln.',
      },
    ],
  },
  {
    n: 4,
    projectId: DEMO_PROJECT_ID,
    slug: 'aufenthaltsrecht-unabhaengig-von-aussage',
    title: 'Aufenthaltsrecht unabhängig von der Aussagebereitschaft',
    challenge:
      'Betroffene, die aus Angst nicht gegen die Täter aussagen, haben kaum eine Aussicht auf einen sicheren Aufenthalt. Das macht sie erneut erpressbar.',
    body: 'Der Gesetzgeber schafft einen Aufenthaltstitel für Betroffene von Menschenhandel, der nicht an die Mitwirkung im Strafverfahren geknüpft ist.',
    addressee: ['legislator', 'Deutscher Bundestag'],
    themes: ['residence', 'criminal_proceedings'],
    groups: ['women', 'refugees', 'men'],
    sources: [
      ['policy_paper', 'urge', POLICY, 'Forderung 1', '2017-10-01'],
      ['greta_report', 'consider', GRETA, 'Abschnitt zum Aufenthalt', '2024-06-01'],
    ],
    statuses: [
      ['addressee', 'declined', '2018-06-20', 'Antwort der Bundesregierung auf eine Kleine Anfrage'],
      ['assessment', 'not_started', '2018-07-01', 'Jahresbericht des Netzwerks 2017'],
      ['addressee', 'under_review', '2024-09-12', 'Koalitionsvertrag und Referentenentwurf'],
      ['assessment', 'in_progress', '2024-10-01', 'Stellungnahme des Netzwerks zum Referentenentwurf'],
    ],
    evidence: [
      {
        kind: 'publication',
        publicationId: DEMO_PUBLICATIONS.policyPaper,
        support:
          'Das Policy Paper zeigt an Fällen aus der Beratung, wie die Bindung an die Aussage Betroffene erpressbar hält.',
      },
      {
        kind: 'external',
        title: 'Antwort der Bundesregierung auf eine Kleine Anfrage',
        reference: 'Bundestagsdrucksache, 2018',
        support: 'Die Bundesregierung sah damals keinen Bedarf; die Beratungspraxis zeigt das Gegenteil.',
      },
      {
        kind: 'statistics_table',
        table: 'residence_status_first',
        support:
          'Der Aufenthaltsstatus beim ersten Kontakt zeigt, wie viele Betroffene ohne sicheren Status beraten werden.',
      },
    ],
  },
  {
    n: 5,
    projectId: DEMO_PROJECT_ID,
    slug: 'sprachmittlung-in-der-beratung-finanzieren',
    title: 'Sprachmittlung in der Beratung finanzieren',
    challenge:
      'Ohne Dolmetscherinnen können Fachberatungsstellen viele Betroffene nicht beraten; die Kosten tragen sie heute meist selbst.',
    body: 'Bund und Länder übernehmen die Kosten qualifizierter Sprachmittlung in der Beratung von Betroffenen von Menschenhandel.',
    addressee: ['federal_ministry', 'Bundesministerium für Familie, Senioren, Frauen und Jugend'],
    themes: ['interpreting', 'counselling_funding'],
    groups: ['women', 'refugees'],
    sources: [
      ['network_dossier', 'urge', DOSSIER, 'Empfehlung 8', '2016-11-15'],
      ['policy_paper', 'invite', POLICY, 'Abschnitt 6', '2017-10-01'],
    ],
    statuses: [
      ['addressee', 'announced', '2019-03-05', 'Rede der Ministerin beim Fachtag'],
      ['assessment', 'in_progress', '2020-01-20', 'Jahresbericht des Netzwerks 2019'],
      ['addressee', 'implemented', '2023-01-01', 'Förderrichtlinie des Bundes'],
      [
        'assessment',
        'partly',
        '2023-12-01',
        'Umfrage unter den Fachberatungsstellen',
        'Der Bund fördert Modellprojekte; die Länder fehlen noch.',
      ],
    ],
    evidence: [
      {
        kind: 'external',
        title: 'Förderrichtlinie Sprachmittlung',
        reference: 'Bundesanzeiger, 2023',
        support: 'Die Richtlinie deckt einen Teil der Kosten, nicht die laufende Beratung.',
      },
    ],
  },
  // Made a second time in the policy paper, in other words; merged into recommendation 5.
  {
    n: 6,
    slug: 'dolmetschkosten-uebernehmen',
    title: 'Dolmetschkosten der Fachberatungsstellen übernehmen',
    challenge: 'Die Beratung scheitert an fehlenden Mitteln für Dolmetschende.',
    body: 'Die Kosten für Dolmetschende in der Beratung werden öffentlich getragen.',
    addressee: ['state_ministry', 'Sozialministerien der Länder'],
    themes: ['interpreting'],
    groups: ['women'],
    sources: [['statement', 'consider', 'Stellungnahme zur Anhörung im Familienausschuss', 'Punkt 3', '2018-05-14']],
    statuses: [['assessment', 'not_started', '2018-06-01', 'Jahresbericht des Netzwerks 2017']],
    evidence: [],
  },
  {
    n: 7,
    projectId: DEMO_PROJECT_ID,
    slug: 'fachberatungsstellen-dauerhaft-finanzieren',
    title: 'Fachberatungsstellen dauerhaft finanzieren',
    challenge: 'Projektförderung von Jahr zu Jahr lässt die Beratungsstellen Fachkräfte verlieren.',
    body: 'Bund und Länder sichern die Finanzierung der spezialisierten Fachberatungsstellen dauerhaft und bedarfsgerecht.',
    addressee: ['legislator', 'Bundestag und Landtage'],
    themes: ['counselling_funding'],
    groups: ['women', 'minors', 'men'],
    sources: [['network_dossier', 'urge', DOSSIER, 'Empfehlung 10', '2016-11-15']],
    statuses: [],
    evidence: [],
    // A draft: the office is still writing it.
    published: false,
  },
];

/**
 * Write the demo recommendations (nothing when they are there already).
 * `statisticsYear` is the demo's last closed (published) year, for the
 * evidence links to its tables.
 */
export function writeDemoRecommendations(trx: Tx, now: Date, statisticsYear: number): Promise<void> {
  return insertDemoRecommendations(trx, RECOMMENDATIONS, now, statisticsYear);
}
