/**
 * The coordination office's indicator pages over HTTP: a new version as a
 * draft, its form with problems next to the fields, review and publication
 * by a second person, the audit trail; the author refused at the second
 * step, a published version unchangeable through every route, and every
 * other role refused with nothing changed. Runs on both databases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createUser, postAs, signIn, type Session } from '../../../test/support/auth.ts';
import { verifyAuditLog } from '../../platform/audit/verify.ts';
import type { Role } from '../../platform/db/schema.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { guideVersion, publishedGuide } from './queries.ts';
import { valuesOf } from './schema.ts';

const ADULTS_V1 = '0b7c3f0e-5a41-4d7e-9a4c-1f6e2d8b9a01';
const MINORS_V1 = '0b7c3f0e-5a41-4d7e-9a4c-1f6e2d8b9a02';

type Staff = { id: string; session: Session };
let author: Staff;
let reviewer: Staff;
let admin: Staff;
let lead: Staff;
let counsellor: Staff;

const t = appForFile();
async function staff(role: Role): Promise<Staff> {
  const user = await createUser(t.app, { role });
  return { id: user.id, session: await signIn(t.app, user) };
}
beforeAll(async () => {
  author = await staff('coordination');
  reviewer = await staff('coordination');
  admin = await staff('admin');
  lead = await staff('centre_lead');
  counsellor = await staff('counsellor');
});

const get = (who: Staff, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.session.cookie } });
const post = (who: Staff, url: string, fields: Record<string, string> = {}) => postAs(t.app, who.session, url, fields);

const versions = () =>
  withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('indicator_set_version')
      .select(['id', 'guide', 'version', 'status', 'content', 'updated_at', 'reviewed_by'])
      .orderBy('guide')
      .orderBy('version')
      .execute(),
  );
const events = (event: string) =>
  withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('audit_log').select(['actor_id', 'object_id', 'details']).where('event', '=', event).execute(),
  );

/** Open a draft of `guide` as `who`; its id. */
async function openDraft(who: Staff, guide: 'adults' | 'minors'): Promise<string> {
  const res = await post(who, '/de/staff/indicators/drafts', { guide });
  expect(res.statusCode).toBe(303);
  const id = /\/de\/staff\/indicators\/([0-9a-f-]{36})\?done=(created|exists)$/.exec(String(res.headers.location))?.[1];
  expect(id).toBeDefined();
  return id!;
}

/** The draft's whole form as stored, changed by `change`. */
async function draftForm(id: string, change: Record<string, string | undefined> = {}): Promise<Record<string, string>> {
  const row = (await versions()).find((v) => v.id === id)!;
  const all: Record<string, string | undefined> = { ...valuesOf(row.content as never), ...change };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

describe('the coordination office writes, reviews and publishes a new version', () => {
  it('lists both guides with their published first version and its history', async () => {
    const res = await get(author, '/de/staff/indicators');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Leitfaden Erwachsene');
    expect(res.body).toContain('Leitfaden Minderjährige');
    expect(res.body).toContain(`href="/de/staff/indicators/${ADULTS_V1}"`);
    expect(res.body).toContain(`href="/de/staff/indicators/${MINORS_V1}"`);
    expect(res.body).toContain('mit der Installation');
    expect(res.body).toContain('Neue Version beginnen');
  });

  it('takes a draft from writing to publication with four eyes, audited at every step', async () => {
    const id = await openDraft(author, 'adults');
    // A second attempt finds the open draft rather than opening another.
    expect(await openDraft(reviewer, 'adults')).toBe(id);
    const page = await get(author, `/de/staff/indicators/${id}?done=created`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Der Entwurf ist angelegt.');
    expect(page.body).toContain('name="text_de.documents-withheld"');
    expect(page.body).toContain('Keine Änderungen gegenüber der veröffentlichten Version.');

    const save = await post(
      author,
      `/de/staff/indicators/${id}`,
      await draftForm(id, {
        'text_de.documents-withheld': 'Ausweis oder Pass wird von anderen verwahrt',
        'remove.spiritual-coercion': 'on',
        'new_key.economic': 'pay-deductions',
        'new_text_de.economic': 'Hohe Abzüge vom Lohn',
        'new_text_en.economic': 'High deductions from wages',
        'new_explanation_de.economic':
          'Für Unterkunft, Arbeitskleidung oder Fahrten wird so viel abgezogen, dass kaum Lohn bleibt.',
        'new_explanation_en.economic':
          'So much is deducted for housing, work clothes or transport that hardly any wage is left.',
        'new_source.economic': 'ILO, Indicators of Forced Labour (2012): withholding of wages',
      }),
    );
    expect(save.statusCode).toBe(303);
    expect(save.headers.location).toBe(`/de/staff/indicators/${id}?done=saved`);
    const saved = (await get(author, `/de/staff/indicators/${id}`)).body;
    expect(saved).toContain('Hinweis documents-withheld (control-coercion): Hinweis geändert');
    expect(saved).toContain('Hinweis pay-deductions (economic): neu');
    expect(saved).toContain('Hinweis spiritual-coercion (control-coercion): entfernt');

    expect((await post(author, `/de/staff/indicators/${id}/submit`)).headers.location).toBe(
      `/de/staff/indicators/${id}?done=submitted`,
    );
    // The author may neither approve nor publish; nothing changes.
    for (const step of ['approve', 'publish']) {
      const res = await post(author, `/de/staff/indicators/${id}/${step}`);
      expect(res.statusCode, step).toBe(409);
      expect(res.body).toContain('Vier-Augen-Prinzip');
    }
    const inReview = (await get(author, `/de/staff/indicators/${id}`)).body;
    expect(inReview).toContain('Prüfen und veröffentlichen muss eine andere Person');
    expect(inReview).not.toContain(`action="/de/staff/indicators/${id}/approve"`);
    expect((await versions()).find((v) => v.id === id)).toMatchObject({ status: 'in_review', reviewed_by: null });
    // Publishing waits for the review.
    expect((await post(reviewer, `/de/staff/indicators/${id}/publish`)).statusCode).toBe(409);

    expect((await post(reviewer, `/de/staff/indicators/${id}/approve`)).headers.location).toBe(
      `/de/staff/indicators/${id}?done=approved`,
    );
    expect((await post(reviewer, `/de/staff/indicators/${id}/publish`)).headers.location).toBe(
      `/de/staff/indicators/${id}?done=published`,
    );

    const now = (await publishedGuide(t.app.database.db, 'adults'))!;
    expect(now).toMatchObject({ id, version: 2, current: true });
    const indicators = now.content.groups.flatMap((g) => g.indicators);
    expect(indicators.find((i) => i.key === 'documents-withheld')?.text).toEqual({
      de: 'Ausweis oder Pass wird von anderen verwahrt',
      en: 'Identity documents held by someone else; missing or false papers',
    });
    expect(indicators.map((i) => i.key)).toContain('pay-deductions');
    expect(indicators.map((i) => i.key)).not.toContain('spiritual-coercion');
    // The first version stays as it was, superseded, for whoever cites it.
    const v1 = (await guideVersion(t.app.database.db, ADULTS_V1))!;
    expect(v1.current).toBe(false);
    expect(v1.content.groups.flatMap((g) => g.indicators).map((i) => i.key)).toContain('spiritual-coercion');

    const by = async (event: string) => (await events(event)).filter((e) => e.object_id === id).map((e) => e.actor_id);
    expect(await by('indicators.create_done')).toEqual([author.id]);
    expect(await by('indicators.save_done')).toEqual([author.id]);
    expect(await by('indicators.submit_done')).toEqual([author.id]);
    expect(await by('indicators.approve_done')).toEqual([reviewer.id]);
    expect(await by('indicators.publish_done')).toEqual([reviewer.id]);
    expect((await events('indicators.publish_done'))[0]?.details).toEqual({ guide: 'adults', version: 2 });
    expect((await verifyAuditLog(t.app.database.db, t.app.keys.audit)).filter((c) => !c.ok)).toEqual([]);

    const overview = (await get(reviewer, '/de/staff/indicators')).body;
    expect(overview).toContain('abgelöst');
    expect(overview).toContain('Veröffentlicht: Version 2');
  });

  it('sends a version back to draft; whoever then edits it may no longer approve it', async () => {
    const id = await openDraft(author, 'minors');
    await post(author, `/de/staff/indicators/${id}/submit`);
    expect((await post(reviewer, `/de/staff/indicators/${id}/return`)).headers.location).toBe(
      `/de/staff/indicators/${id}?done=returned`,
    );
    const save = await post(
      reviewer,
      `/de/staff/indicators/${id}`,
      await draftForm(id, { 'text_en.not-in-school': 'Not going to school' }),
    );
    expect(save.statusCode).toBe(303);
    await post(reviewer, `/de/staff/indicators/${id}/submit`);
    expect((await post(reviewer, `/de/staff/indicators/${id}/approve`)).statusCode).toBe(409);
    // The first author did not write the last change but created the draft: still not a second pair of eyes.
    expect((await post(author, `/de/staff/indicators/${id}/approve`)).statusCode).toBe(409);
    expect((await versions()).find((v) => v.id === id)).toMatchObject({ status: 'in_review', reviewed_by: null });
    await post(reviewer, `/de/staff/indicators/${id}/return`);
    expect((await post(author, `/de/staff/indicators/${id}/discard`)).headers.location).toBe(
      '/de/staff/indicators?done=discarded',
    );
    expect((await versions()).some((v) => v.id === id)).toBe(false);
    expect((await events('indicators.discard_done')).map((e) => e.object_id)).toContain(id);
  });
});

describe('the draft form', () => {
  let id: string;
  beforeAll(async () => {
    id = await openDraft(author, 'minors');
  });

  it('shows each problem next to its field, in the reader’s language, and saves nothing', async () => {
    const before = (await versions()).find((v) => v.id === id)!;
    const res = await post(
      author,
      `/en/staff/indicators/${id}`,
      await draftForm(id, {
        'text_de.coached-story': '   ',
        'explanation_en.coached-story': 'x'.repeat(1001),
        'new_key.money-work': 'Bad Key',
        'new_text_de.money-work': 'Ein Hinweis ohne Quelle',
        'new_key.identity-story': 'coached-story',
        'new_text_de.identity-story': 'Doppelt',
        'new_explanation_de.identity-story': 'Gleiche Kennung.',
        'new_source.identity-story': 'UNODC',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Please correct the following');
    expect(res.body).toMatch(/id="f-text_de\.coached-story-error">[^]*?is required/);
    expect(res.body).toMatch(/id="f-explanation_en\.coached-story-error">[^]*?longer than 1000/);
    expect(res.body).toMatch(/id="f-new_key\.money-work-error">[^]*?lower-case letters, digits and hyphens/);
    expect(res.body).toMatch(/id="f-new_source\.money-work-error">[^]*?is required/);
    expect(res.body).toMatch(/id="f-new_key\.identity-story-error">[^]*?this key already exists/);
    // What was typed is shown again.
    expect(res.body).toContain('value="Ein Hinweis ohne Quelle"');
    expect((await versions()).find((v) => v.id === id)).toEqual(before);
  });

  it('refuses to empty a group, and a field of another version or a repeated field with a 400', async () => {
    const group = ['no-access-to-guardians', 'travels-with-unrelated'];
    const res = await post(
      author,
      `/de/staff/indicators/${id}`,
      await draftForm(id, Object.fromEntries(group.map((k) => [`remove.${k}`, 'on']))),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('eine Gruppe braucht mindestens einen Hinweis');
    expect((await post(author, `/de/staff/indicators/${id}`, { 'text_de.documents-withheld': 'x' })).statusCode).toBe(
      400,
    );
    expect((await post(author, `/de/staff/indicators/${id}`, { 'text_de.': 'x' })).statusCode).toBe(400);
  });

  it('does not put a version without English up for review', async () => {
    const save = await post(author, `/de/staff/indicators/${id}`, await draftForm(id, { 'text_en.not-in-school': '' }));
    expect(save.statusCode).toBe(303);
    const res = await post(author, `/de/staff/indicators/${id}/submit`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Vor der Prüfung braucht jeder Text eine englische Fassung');
    expect(res.body).toContain('Hinweis not-in-school: Hinweis (Englisch)');
    expect((await versions()).find((v) => v.id === id)?.status).toBe('draft');
  });
});

describe('a published version is never changed', () => {
  it('offers no form and refuses every step on a published or superseded version', async () => {
    const before = await versions();
    for (const v of [ADULTS_V1, MINORS_V1]) {
      const page = await get(author, `/de/staff/indicators/${v}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(`action="/de/staff/indicators/${v}"`);
      expect(page.body).toContain('ändert sich nie mehr');
      const save = await post(author, `/de/staff/indicators/${v}`, { framing_de: 'Überschrieben' });
      expect(save.statusCode).toBe(409);
      for (const step of ['submit', 'discard', 'approve', 'return', 'publish'])
        expect((await post(reviewer, `/de/staff/indicators/${v}/${step}`)).statusCode, step).toBe(409);
    }
    expect(await versions()).toEqual(before);
  });
});

describe('nobody but the coordination office', () => {
  it('refuses administrators, centre leads and counsellors with 404, changing nothing', async () => {
    const before = await versions();
    for (const who of [admin, lead, counsellor]) {
      expect((await get(who, '/de/staff/indicators')).statusCode).toBe(404);
      expect((await get(who, `/de/staff/indicators/${ADULTS_V1}`)).statusCode).toBe(404);
      expect((await post(who, '/de/staff/indicators/drafts', { guide: 'adults' })).statusCode).toBe(404);
      expect((await post(who, `/de/staff/indicators/${MINORS_V1}`, { framing_de: 'x' })).statusCode).toBe(404);
      for (const step of ['submit', 'discard', 'approve', 'return', 'publish'])
        expect((await post(who, `/de/staff/indicators/${ADULTS_V1}/${step}`)).statusCode).toBe(404);
    }
    expect(await versions()).toEqual(before);
    // The menu shows the link to the office only.
    expect((await get(author, '/de/staff')).body).toContain('href="/de/staff/indicators"');
    expect((await get(admin, '/de/staff')).body).not.toContain('href="/de/staff/indicators"');
  });
});
