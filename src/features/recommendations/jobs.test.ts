/**
 * The assessment reminder over time, with the fake clock and runDue(): a
 * published recommendation whose latest assessment is older than
 * RECOMMENDATION_ASSESSMENT_DUE_DAYS (or that has none) is listed on the
 * office's start page, a draft or merged one never; a new assessment takes
 * it off; a second run changes nothing; centre roles never see the panel.
 * Runs on both databases.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile, jobRunnerFor } from '../../../test/support/app.ts';
import { fakeClock } from '../../../test/support/auth.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { withScope } from '../../platform/db/tenant.ts';
import type { JobRunner } from '../../platform/jobs/runner.ts';
import { demoCentre, get, signedIn, type Staff } from '../centre-entry/testing.ts';
import { dueCutoff, RECOMMENDATION_JOBS } from './jobs.ts';
import { addStatus, createRecommendation, mergeRecommendations, setPublished } from './queries.ts';

const HOUR = 60 * 60_000;
const clock = fakeClock(new Date('2026-06-01T08:00:00Z'));
const t = appForFile({}, { clock });
let jobs: JobRunner;
let office: Staff;
let lead: Staff;

const ids = { old: randomUUID(), fresh: randomUUID(), none: randomUUID(), draft: randomUUID(), merged: randomUUID() };

const due = () =>
  withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('recommendation_assessment_due').select('recommendation_id').execute(),
  ).then((rows) =>
    rows
      .map((r) => r.recommendation_id)
      // The test database holds the demo's recommendations too; this file looks at its own.
      .filter((id) => (Object.values(ids) as string[]).includes(id))
      .sort(),
  );

beforeAll(async () => {
  office = await signedIn(t.app, 'coordination');
  lead = await signedIn(t.app, 'centre_lead', demoCentre('stuttgart').id);
  const who = { actorId: office.user.id, at: clock.now() };
  await withScope(t.app.database.db, { kind: 'coordination' }, async (trx) => {
    for (const [key, id] of Object.entries(ids)) {
      await createRecommendation(
        trx,
        t.app.keys.audit,
        id,
        {
          slug: `faellig-${key}`,
          title: `Fällig ${key}`,
          challenge: 'Eine Herausforderung.',
          body: 'Eine Empfehlung.',
          addresseeKind: 'legislator',
          addresseeName: 'Bundestag',
          themes: [],
          affectedGroups: [],
          projectId: null,
        },
        who,
      );
      if (key !== 'draft') await setPublished(trx, t.app.keys.audit, id, true, who);
    }
    const assess = (id: string, stated_on: string) =>
      addStatus(
        trx,
        t.app.keys.audit,
        {
          id: randomUUID(),
          recommendation_id: id,
          track: 'assessment',
          status: 'in_progress',
          stated_on,
          source: 'Bericht',
        },
        who,
      );
    await assess(ids.old, '2025-10-01'); // 243 days before 1 June 2026: due after 180
    await assess(ids.fresh, '2026-03-01'); // 92 days: not yet
    await assess(ids.draft, '2024-01-01');
    await assess(ids.merged, '2024-01-01');
    // Only the addressee's track: the network has never assessed it.
    await addStatus(
      trx,
      t.app.keys.audit,
      {
        id: randomUUID(),
        recommendation_id: ids.none,
        track: 'addressee',
        status: 'announced',
        stated_on: '2026-05-01',
        source: 'Brief',
      },
      who,
    );
    await mergeRecommendations(trx, t.app.keys.audit, ids.fresh, ids.merged, who);
  });
  jobs = jobRunnerFor(t.app, clock, RECOMMENDATION_JOBS);
});

describe('assessments falling due', () => {
  it('lists old and missing assessments of published, unmerged recommendations; a second run changes nothing', async () => {
    await jobs.runDue();
    expect(await due()).toEqual([ids.old, ids.none].sort());
    clock.advance(HOUR);
    await jobs.runDue();
    expect(await due()).toEqual([ids.old, ids.none].sort());
  });

  it('shows them to the office on its start page, never to a centre', async () => {
    // Fresh sessions: the clock has moved past the idle limit of the earlier ones.
    office = await signedIn(t.app, 'coordination');
    lead = await signedIn(t.app, 'centre_lead', demoCentre('stuttgart').id);
    const home = await get(t.app, office, '/de/staff');
    expect(home.statusCode, String(home.headers.location)).toBe(200);
    expect(home.body).toMatch(/\d+ veröffentlichte Empfehlungen brauchen eine neue Einschätzung/);
    expect(home.body).toContain('Fällig old');
    expect(home.body).toContain('Fällig none');
    expect(home.body).not.toContain('Fällig fresh');
    expect((await get(t.app, lead, '/de/staff')).body).not.toContain('Einschätzung');
  });

  it('takes one off when it is assessed, and adds one when its assessment grows old', async () => {
    await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      addStatus(
        trx,
        t.app.keys.audit,
        {
          id: randomUUID(),
          recommendation_id: ids.old,
          track: 'assessment',
          status: 'partly',
          stated_on: '2026-06-01',
          source: 'Bericht',
        },
        { actorId: office.user.id, at: clock.now() },
      ),
    );
    clock.advance(HOUR);
    await jobs.runDue();
    expect(await due()).toEqual([ids.none]);
    // 1 March + 180 days is 28 August: on the 29th the fresh one is due too.
    clock.set(new Date('2026-08-29T08:00:00Z'));
    await jobs.runDue();
    expect(await due()).toEqual([ids.fresh, ids.none].sort());
  });

  it('takes the number of days from the configuration, with a sensible default and bounds', () => {
    expect(loadConfig({}).recommendations.assessmentDueDays).toBe(180);
    expect(loadConfig({ RECOMMENDATION_ASSESSMENT_DUE_DAYS: '90' }).recommendations.assessmentDueDays).toBe(90);
    expect(() => loadConfig({ RECOMMENDATION_ASSESSMENT_DUE_DAYS: '0' })).toThrow();
    expect(() => loadConfig({ RECOMMENDATION_ASSESSMENT_DUE_DAYS: 'soon' })).toThrow();
    expect(dueCutoff(new Date('2026-06-01T08:00:00Z'), 180)).toBe('2025-12-03');
  });
});
