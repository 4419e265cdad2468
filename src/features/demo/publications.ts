/**
 * The demo library: what the seed project "Flucht & Menschenhandel" put
 * out — a dossier on the support of refugee women and minors affected by
 * trafficking (with a Leichte Sprache edition and a second version), a
 * policy paper with recommendations for legal policy (German and English),
 * and a members-only working aid. The PDFs are made at seed time with
 * pdfkit and their text read as an upload's would be, so the full-text
 * search finds words inside them. The texts are invented for the demo.
 *
 * Fixed ids, so a repeated seed replaces nothing twice and the tests can
 * name the demo's objects.
 */
import { DEMO_PROJECT_ID } from './projects/queries.ts';
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { setScopeSettings } from '../../platform/db/tenant.ts';
import { pdfText } from '../publications/pdf-text.ts';
import { insertEdition, insertVersion, insertWork, setWorkStatus, workExists } from '../publications/queries.ts';
import { makePdf } from '../publications/make-pdf.ts';
import type { EditionLanguage, Visibility, WorkType } from '../publications/queries.ts';

export const DEMO_PUBLICATIONS = {
  dossier: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000001',
  dossierDe: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000011',
  dossierLs: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000012',
  dossierDeV1: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000111',
  dossierDeV2: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000112',
  dossierLsV1: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000121',
  policyPaper: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000002',
  policyPaperDe: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000021',
  policyPaperEn: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000022',
  policyPaperDeV1: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000211',
  policyPaperEnV1: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000221',
  workingAid: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000003',
  workingAidDe: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000031',
  workingAidDeV1: '5d0c1e2a-7a51-4c55-9d1e-0c5e1a000311',
} as const;

type DemoVersion = { id: string; file: string; paragraphs: string[] };
type DemoEdition = {
  id: string;
  language: EditionLanguage;
  title: string;
  summary: string;
  authors: string;
  issued: string;
  visibility: Visibility;
  versions: DemoVersion[];
};
/** `project`: the work came out of the seed project. */
type DemoWork = { id: string; slug: string; type: WorkType; project?: true; editions: DemoEdition[] };

const P = DEMO_PUBLICATIONS;
const OFFICE = 'Koordinierungsstelle des Netzwerks';

const WORKS: DemoWork[] = [
  {
    id: P.dossier,
    slug: 'dossier-gefluechtete-frauen-und-minderjaehrige',
    type: 'dossier',
    project: true,
    editions: [
      {
        id: P.dossierDe,
        language: 'de',
        title: 'Dossier: Geflüchtete Frauen und Minderjährige – Schutz vor Menschenhandel',
        summary:
          'Was spezialisierte Beratungsstellen über die Lage geflüchteter Frauen und Minderjähriger berichten, die von Menschenhandel betroffen sind, und was sich für ihre Unterstützung ändern sollte.',
        authors: OFFICE,
        issued: '2017-03-15',
        visibility: 'public',
        versions: [
          {
            id: P.dossierDeV1,
            file: 'dossier-gefluechtete-frauen.pdf',
            paragraphs: [
              'Seit 2015 melden die Fachberatungsstellen mehr Betroffene, die vor oder während des Asylverfahrens Hilfe suchen.',
              'Die Menschenhandelsberatung erreicht Betroffene in Sammelunterkünften oft erst spät.',
            ],
          },
          {
            id: P.dossierDeV2,
            file: 'dossier-gefluechtete-frauen-2.pdf',
            paragraphs: [
              'Seit 2015 melden die Fachberatungsstellen mehr Betroffene, die vor oder während des Asylverfahrens Hilfe suchen.',
              'Die Menschenhandelsberatung erreicht Betroffene in Sammelunterkünften oft erst spät. Jede Unterkunft braucht ein Schutzkonzept, das Anzeichen von Ausbeutung benennt.',
              'Für Minderjährige empfehlen wir eine sichere Unterbringung in der Jugendhilfe und eine feste Ansprechperson beim Jugendamt.',
              'Überarbeitete Fassung mit den Ergebnissen des Praxisworkshops.',
            ],
          },
        ],
      },
      {
        id: P.dossierLs,
        language: 'de-LS',
        title: 'Schutz für geflüchtete Frauen und Kinder – in Leichter Sprache',
        summary: 'Manche Menschen werden auf der Flucht ausgenutzt. Hier steht, wo sie Hilfe bekommen.',
        authors: OFFICE,
        issued: '2017-05-02',
        visibility: 'public',
        versions: [
          {
            id: P.dossierLsV1,
            file: 'schutz-leichte-sprache.pdf',
            paragraphs: [
              'Manche Menschen werden gezwungen zu arbeiten.',
              'Das ist verboten.',
              'Es gibt Beratungs·stellen.',
              'Dort bekommen Sie Hilfe.',
              'Die Hilfe kostet nichts.',
            ],
          },
        ],
      },
    ],
  },
  {
    id: P.policyPaper,
    slug: 'policy-paper-beratungspraxis-und-rechtspolitik',
    type: 'policy_paper',
    project: true,
    editions: [
      {
        id: P.policyPaperDe,
        language: 'de',
        title: 'Policy Paper: Aus der Beratungspraxis – Empfehlungen für die Rechtspolitik',
        summary:
          'Hürden, die Betroffene von Menschenhandel im Aufenthaltsrecht und bei Sozialleistungen erleben, und was Gesetzgebung und Verwaltung dagegen tun können.',
        authors: `${OFFICE}; Arbeitsgruppe Recht`,
        issued: '2017-11-20',
        visibility: 'public',
        versions: [
          {
            id: P.policyPaperDeV1,
            file: 'policy-paper-beratungspraxis.pdf',
            paragraphs: [
              'Betroffene brauchen eine Bedenk- und Stabilisierungsfrist, die nicht von einer Aussage abhängt.',
              'Die Unterbringung muss sicher und bezahlt sein, auch bevor ein Aufenthaltstitel erteilt ist.',
              'Die Menschenhandelsberatung braucht eine verlässliche Finanzierung statt Projektmitteln.',
            ],
          },
        ],
      },
      {
        id: P.policyPaperEn,
        language: 'en',
        title: 'Policy paper: From counselling practice – recommendations for legal policy',
        summary:
          'Obstacles that people affected by trafficking face in residence law and social benefits, and what legislators and administrations can do.',
        authors: `${OFFICE}; Working group on law`,
        issued: '2017-12-04',
        visibility: 'public',
        versions: [
          {
            id: P.policyPaperEnV1,
            file: 'policy-paper-counselling-practice.pdf',
            paragraphs: [
              'People affected need a recovery and reflection period that does not depend on testifying.',
              'Safe shelters must be funded before a residence permit is granted.',
              'Specialised counselling centres need reliable funding rather than short projects.',
            ],
          },
        ],
      },
    ],
  },
  {
    id: P.workingAid,
    slug: 'arbeitshilfe-kooperation-jugendamt',
    type: 'documentation',
    editions: [
      {
        id: P.workingAidDe,
        language: 'de',
        title: 'Arbeitshilfe: Kooperation mit Jugendämtern (nur für Mitglieder)',
        summary:
          'Ablauf und Ansprechpersonen, wenn eine Beratungsstelle eine minderjährige betroffene Person begleitet.',
        authors: OFFICE,
        issued: '2017-09-01',
        visibility: 'members',
        versions: [
          {
            id: P.workingAidDeV1,
            file: 'arbeitshilfe-jugendamt.pdf',
            paragraphs: [
              'Musterablauf für die Inobhutnahme und die Kooperationsvereinbarung mit dem Jugendamt.',
              'Checkliste für das Fallgespräch mit der Vormundschaft.',
            ],
          },
        ],
      },
    ],
  },
];

/** Write the demo library (published) unless it is there already; leaves the transaction in the import scope. */
export async function writeDemoPublications(trx: Transaction<DB>, now: Date): Promise<void> {
  await setScopeSettings(trx, { kind: 'coordination' });
  if (!(await workExists(trx, P.dossier))) {
    for (const work of WORKS) {
      await insertWork(trx, {
        id: work.id,
        slug: work.slug,
        type: work.type,
        projectId: work.project ? DEMO_PROJECT_ID : null,
        at: now,
        by: null,
      });
      for (const e of work.editions) {
        const { versions, ...edition } = e;
        await insertEdition(trx, { ...edition, workId: work.id, licence: 'CC BY-SA 4.0', at: now });
        for (const v of versions) {
          const data = await makePdf(e.title, v.paragraphs);
          const text = await pdfText(data);
          await insertVersion(trx, {
            id: v.id,
            editionId: e.id,
            filename: v.file,
            data,
            text: text.text,
            textStatus: text.status,
            at: now,
            by: null,
          });
        }
      }
      // Published when it was issued, not at seeding: a scheduled work is hidden until its
      // published_at by the request's clock, and tests run on fake clocks earlier than today.
      const issued = work.editions.map((e) => e.issued).sort()[0]!;
      await setWorkStatus(trx, work.id, 'published', new Date(`${issued}T09:00:00Z`));
    }
  }
  await setScopeSettings(trx, { kind: 'import' });
}
