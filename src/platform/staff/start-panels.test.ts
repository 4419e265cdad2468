/**
 * Start-page panels: a feature's panel shows on the staff start page only to
 * roles holding its action, says what it read in the reader's own scope (a
 * centre lead's count never includes another centre's rows), and a panel
 * with nothing to say shows nothing.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, FEATURES, type App } from '../../app.ts';
import { TEST_KEYS } from '../../../test/support/app.ts';
import { createCentre, createUser, signIn, type Session } from '../../../test/support/auth.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { defineAction } from '../auth/policy.ts';
import { loadConfig } from '../config/index.ts';
import type { Database } from '../db/index.ts';
import type { Feature } from '../feature.ts';
import { startPanels, type StartPanel } from './start-panels.ts';

const LEADS_ONLY = defineAction({ name: 'paneltest.see', roles: ['centre_lead'], description: 'Test panel.' });

/** The roles a panel was read for. */
const readFor: string[] = [];

const countPanel: StartPanel = {
  action: LEADS_ONLY,
  order: 2,
  async load(trx, { actor, locale }) {
    readFor.push(actor.role);
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM app_user`.execute(trx);
    return { text: `${locale}: ${r.rows[0]?.n ?? 0} accounts in scope`, path: '/staff/users', attention: true };
  },
};
const silentPanel: StartPanel = { action: LEADS_ONLY, order: 1, load: () => Promise.resolve(null) };

let app: App;
let database: Database;
let lead: Session;
let counsellor: Session;

beforeAll(async () => {
  database = await testDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEARCH_INDEX_TTL_MS: '0', ...TEST_KEYS });
  const testFeature: Feature = {
    name: 'paneltest',
    actions: [LEADS_ONLY],
    startPanels: [countPanel, silentPanel],
  };
  app = await buildApp({ config, database, features: [...FEATURES, testFeature] });
  await app.ready();
  const mine = await createCentre(app, 'Eigene Stelle');
  const other = await createCentre(app, 'Andere Stelle');
  lead = await signIn(app, await createUser(app, { role: 'centre_lead', centreId: mine }));
  counsellor = await signIn(app, await createUser(app, { role: 'counsellor', centreId: mine }));
  for (let i = 0; i < 3; i++) await createUser(app, { role: 'counsellor', centreId: other });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('start-page panels', () => {
  it('show to roles holding the action what was read in their own scope, linked in their language', async () => {
    const res = await app.inject({ url: '/en/staff', headers: { cookie: lead.cookie } });
    expect(res.statusCode).toBe(200);
    // The lead and the counsellor of the own centre; the other centre's three are not counted.
    expect(res.body).toContain('<strong><a href="/en/staff/users">en: 2 accounts in scope</a></strong>');
  });

  it('are not shown, and not even read, for roles without the action', async () => {
    const res = await app.inject({ url: '/de/staff', headers: { cookie: counsellor.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('accounts in scope');
    expect(res.body).not.toContain('class="staff-panels"');
    expect(readFor).not.toContain('counsellor');
  });

  it('are ordered by their order, a panel with nothing to say left out', () => {
    const a = { ...countPanel, order: 5 };
    const b = { ...silentPanel, order: -1 };
    expect(startPanels([a, b, countPanel])).toEqual([b, countPanel, a]);
  });
});
