/**
 * The helplines in the languages beyond German and English: the seeded
 * names on the public pages, English (then German) marked with its `lang`
 * where a language has none, the office's translation form (validated,
 * audited, on the public pages at once), and every other visitor refused.
 * The app is built with Arabic, Tigrinya and a pseudo-language `qps` (no
 * seeded translations) whose catalogues are copies of the German ones: what
 * is tested here is the helplines' text, not the catalogues. Runs on both
 * databases.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { enrolAdmin } from '../../../test/support/auth.ts';
import { FEATURES } from '../../app.ts';
import { verifyAuditLog } from '../../platform/audit/verify.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { LOCALES, type LocaleInfo } from '../../platform/i18n/locales.ts';
import { KERNEL_NAMESPACES } from '../../platform/messages.ts';
import { auditRows, demoCentre, get, post, signedIn, type Staff } from '../centre-entry/testing.ts';

const POLICE = '7daaa046-69ea-4799-b023-6f3c0a842582'; // 110, seeded by migrations/0018
const KIDS = '79830281-9359-4c57-bf35-0ea10e6ba1f2'; // 116 111: not around the clock

/** A folder with every public namespace's German files, standing in for a language's catalogues. */
function germanCopy(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'helpline-lang-'));
  for (const ns of [...KERNEL_NAMESPACES, ...FEATURES.flatMap((f) => f.messages ?? [])]) {
    if (ns.audience !== 'public') continue;
    const german = path.join(fileURLToPath(ns.dir), 'de');
    fs.copyFileSync(path.join(german, `${ns.name}.json`), path.join(folder, `${ns.name}.json`));
    const pages = path.join(german, ns.name);
    if (fs.existsSync(pages)) fs.cpSync(pages, path.join(folder, ns.name), { recursive: true });
  }
  return folder;
}

const folder = germanCopy();
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
// German and English as in production, and only these three more: the languages the seed
// translates but the app does not offer here (French …) must keep their rows.
const locales: Record<string, LocaleInfo> = {
  de: LOCALES.de,
  en: LOCALES.en,
  ar: { name: 'العربية', dir: 'rtl', htmlLang: 'ar', catalogues: folder },
  ti: { name: 'ትግርኛ', dir: 'ltr', htmlLang: 'ti', catalogues: folder },
  qps: { name: 'Pseudo', dir: 'ltr', htmlLang: 'qps', catalogues: folder },
};

let coordination: Staff;
let admin: Staff;
let lead: Staff;
let counsellor: Staff;
let restricted: Staff;

const t = appForFile({}, { locales });
beforeAll(async () => {
  const centre = demoCentre('stuttgart');
  coordination = await signedIn(t.app, 'coordination');
  admin = await signedIn(t.app, 'admin');
  lead = await signedIn(t.app, 'centre_lead', centre.id);
  counsellor = await signedIn(t.app, 'counsellor', centre.id);
  restricted = await enrolAdmin(t.app);
});

const translations = () =>
  withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('helpline_translation')
      .select(['helpline_id', 'locale', 'name', 'description', 'hours', 'hours_source'])
      .orderBy('helpline_id')
      .orderBy('locale')
      .execute(),
  );
const footer = (html: string) =>
  /<section aria-labelledby="helplines-title" class="helplines">(.*?)<\/section>/s.exec(html)?.[1] ?? '';
const list = (html: string) => /<ul class="helpline-list">(.*?)<\/ul>/s.exec(html)?.[1] ?? '';

describe('the helplines on the public pages, in the reader’s language', () => {
  it('seeds a name and a description for every helpline in the twelve languages of the help pages', async () => {
    const rows = await translations();
    const byLocale = new Map<string, typeof rows>();
    for (const r of rows) byLocale.set(r.locale, [...(byLocale.get(r.locale) ?? []), r]);
    expect([...byLocale.keys()].sort()).toEqual([
      'ar',
      'bg',
      'fa',
      'fr',
      'hu',
      'ro',
      'ru',
      'ti',
      'tr',
      'uk',
      'vi',
      'zh',
    ]);
    for (const [locale, of] of byLocale) {
      expect(of.length, locale).toBe(7);
      for (const r of of) expect(r.name, `${locale} ${r.helpline_id}`).not.toBe('');
      // Hours for the three helplines that are not around the clock, none for the others.
      expect(of.filter((r) => r.hours !== '').length, locale).toBe(3);
      expect(of.find((r) => r.helpline_id === KIDS)?.hours, locale).not.toBe('');
    }
  });

  it('shows the seeded Arabic names and hours in the footer and the list', async () => {
    const res = await get(t.app, null, '/ar/search?q=Xyz');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<html[^>]* lang="ar"/);
    const f = footer(res.body);
    expect(f).toContain('<li>الشرطة: <a class="number" dir="ltr" href="tel:110">110</a></li>');
    // Isolated (U+2068…U+2069) on this right-to-left page, so "14–20" is not drawn as "20–14".
    expect(f).toContain('116 111</a> (\u2068من الاثنين إلى السبت 14–20، والاثنين والأربعاء والخميس أيضاً 10–12\u2069)');
    const l = list(res.body);
    expect(l).toContain('<p class="helpline-name">الشرطة</p>');
    expect(l).toContain('<p class="helpline-description">عند الخطر الداهم. مجاناً.</p>');
    expect(l).toMatch(/<p class="helpline-hours">[^<]*من الاثنين إلى السبت 14–20/);
    // Nothing in the reader's language is marked as English.
    expect(l).not.toMatch(/<p class="helpline-(name|description)" lang=/);
    expect(l).not.toMatch(/<span lang="en">/);
  });

  it('falls back to English, marked lang="en", in a language without translations; German and English pages unchanged', async () => {
    const qps = await get(t.app, null, '/qps/search?q=Xyz');
    expect(footer(qps.body)).toContain(
      '<li><span lang="en">Police</span>: <a class="number" dir="ltr" href="tel:110">110</a></li>',
    );
    expect(list(qps.body)).toContain('<p class="helpline-name" lang="en">Police</p>');
    expect(list(qps.body)).toContain('<p class="helpline-description" lang="en">In acute danger. Free of charge.</p>');
    const de = await get(t.app, null, '/de/search?q=Xyz');
    expect(footer(de.body)).toContain('<li>Polizei: <a class="number" dir="ltr" href="tel:110">110</a></li>');
    expect(list(de.body)).toContain('<p class="helpline-name">Polizei</p>');
    expect(de.body).not.toMatch(/<span lang="en">/);
    const en = await get(t.app, null, '/en/search?q=Xyz');
    expect(list(en.body)).toContain('<p class="helpline-name">Police</p>');
    expect(en.body).not.toMatch(/class="helpline-[a-z]+" lang=/);
  });

  it('names the helplines in the reader’s language on the error pages too', async () => {
    const res = await get(t.app, null, '/ar/centres/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(footer(res.body)).toContain('الشرطة');
  });
});

describe('the coordination office translates them', () => {
  it('shows a field per offered language, marked with its language and direction, with the English text beside it', async () => {
    const res = await get(t.app, coordination, `/de/staff/helplines/${POLICE}/translations`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /<input type="text" id="f-name_ar" name="name_ar"[^>]* value="الشرطة"[^>]* lang="ar" dir="rtl"/,
    );
    expect(res.body).toContain('name="name_ti"');
    expect(res.body).toContain('name="description_qps"');
    expect(res.body).toContain('Englisch: Police');
    // German and English are the helpline form's own fields.
    expect(res.body).not.toContain('name="name_de"');
    expect(res.body).not.toContain('name="name_en"');
    const form = await get(t.app, coordination, `/de/staff/helplines/${POLICE}`);
    expect(form.body).toContain(`href="/de/staff/helplines/${POLICE}/translations"`);
  });

  it('saves, removes and adds translations: audited, and on the public pages at once', async () => {
    await get(t.app, null, '/ar/'); // the cache holds the seeded names
    const res = await post(t.app, coordination, `/de/staff/helplines/${POLICE}/translations`, {
      name_ar: '  شرطة الطوارئ ',
      description_ar: 'عند الخطر.',
      // Tigrinya emptied: the row goes, the pages fall back to English.
      name_ti: '',
      description_ti: '',
      name_qps: 'Pöölíícéé',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/helplines?done=translated');
    const police = (await translations()).filter((r) => r.helpline_id === POLICE);
    expect(police.find((r) => r.locale === 'ar')).toMatchObject({ name: 'شرطة الطوارئ', description: 'عند الخطر.' });
    expect(police.find((r) => r.locale === 'ti')).toBeUndefined();
    expect(police.find((r) => r.locale === 'qps')).toMatchObject({ name: 'Pöölíícéé', description: '' });
    // Languages the app does not offer keep their rows.
    expect(police.find((r) => r.locale === 'fr')?.name).toBeTruthy();

    expect(list((await get(t.app, null, '/ar/')).body)).toContain('<p class="helpline-name">شرطة الطوارئ</p>');
    expect(list((await get(t.app, null, '/ti/')).body)).toContain('<p class="helpline-name" lang="en">Police</p>');
    const qps = list((await get(t.app, null, '/qps/')).body);
    expect(qps).toContain('<p class="helpline-name">Pöölíícéé</p>');
    // No description in that language: the English one, marked.
    expect(qps).toContain('<p class="helpline-description" lang="en">In acute danger. Free of charge.</p>');

    expect(await auditRows(t.app, 'helplines.translated')).toEqual([
      {
        event: 'helplines.translated',
        centre_id: null,
        actor_id: coordination.user.id,
        object_id: POLICE,
        details: {},
      },
    ]);
    expect((await verifyAuditLog(t.app.database.db, t.app.keys.audit)).filter((c) => !c.ok)).toEqual([]);
  });

  it('lets administrators translate too; a removed helpline takes its translations with it', async () => {
    const res = await post(t.app, admin, `/en/staff/helplines/new`, {
      kind: 'phone',
      contact: '0800 111 0 550',
      name_de: 'Elterntelefon',
      name_en: 'Helpline for parents',
      around_the_clock: 'on',
      sort_order: '55',
      checked_on: '2026-12-07',
    });
    expect(res.statusCode).toBe(303);
    const id = (
      await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
        trx.selectFrom('helpline').select('id').where('contact', '=', '0800 111 0 550').executeTakeFirstOrThrow(),
      )
    ).id;
    const tr = await post(t.app, admin, `/en/staff/helplines/${id}/translations`, { name_ar: 'هاتف الوالدين' });
    expect(tr.statusCode).toBe(303);
    expect((await translations()).filter((r) => r.helpline_id === id)).toMatchObject([{ locale: 'ar' }]);
    expect((await post(t.app, coordination, `/de/staff/helplines/${id}/delete`)).statusCode).toBe(303);
    expect((await translations()).filter((r) => r.helpline_id === id)).toEqual([]);
  });

  it('shows the form again with every problem and stores nothing', async () => {
    const before = await translations();
    const res = await post(t.app, coordination, `/en/staff/helplines/${KIDS}/translations`, {
      name_ar: 'x'.repeat(201),
      description_ti: 'a\u0007b',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('error-summary');
    expect(res.body).toMatch(/العربية: Name: /);
    expect(res.body).toMatch(/ትግርኛ: Description: /);
    expect(res.body).toContain('aria-invalid="true"');
    expect(await translations()).toEqual(before);
  });

  it('answers a forged request with a 4xx and changes nothing', async () => {
    const before = await translations();
    const url = `/de/staff/helplines/${KIDS}/translations`;
    // A language the app does not offer, German (the helpline form's), anything else unknown.
    const forged: Record<string, string | string[]>[] = [
      { name_xx: 'x' },
      { name_de: 'x' },
      { centre_id: 'x' },
      { name_ar: ['a', 'b'] },
    ];
    for (const body of forged) {
      expect((await post(t.app, coordination, url, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await post(t.app, coordination, url, { name_ar: 'x', _csrf: '' })).statusCode).toBe(403);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', `${KIDS}x`]) {
      const u = `/de/staff/helplines/${id}/translations`;
      expect((await post(t.app, coordination, u, { name_ar: 'x' })).statusCode, id).toBe(404);
      expect((await get(t.app, coordination, u)).statusCode, id).toBe(404);
    }
    expect(await translations()).toEqual(before);
  });
});

describe('nobody else may translate them', () => {
  it('centre leads and counsellors get 404 and change nothing; the refusal is audited', async () => {
    const before = await translations();
    for (const who of [lead, counsellor]) {
      const url = `/de/staff/helplines/${POLICE}/translations`;
      expect((await post(t.app, who, url, { name_ar: 'x' })).statusCode, who.user.role).toBe(404);
      expect((await get(t.app, who, url)).statusCode, who.user.role).toBe(404);
    }
    expect(await translations()).toEqual(before);
    const denied = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('audit_log').select('actor_id').where('event', '=', 'access.denied').execute(),
    );
    expect(denied.map((d) => d.actor_id)).toEqual(expect.arrayContaining([lead.user.id, counsellor.user.id]));
  });

  it('an anonymous request is sent to the sign-in, a restricted session to the passkey set-up', async () => {
    const before = await translations();
    const anon = await t.app.inject({
      method: 'POST',
      url: `/de/staff/helplines/${POLICE}/translations`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name_ar=x',
    });
    expect(anon.statusCode).toBe(303);
    expect(String(anon.headers.location)).toMatch(/^\/de\/staff\/sign-in/);
    const res = await post(t.app, restricted, `/de/staff/helplines/${POLICE}/translations`, { name_ar: 'x' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/passkey-setup');
    expect(await translations()).toEqual(before);
  });

  it('row-level security refuses writes outside the office’s scopes, even past the routes', async () => {
    for (const scope of [
      { kind: 'centre', centreId: lead.user.centreId! },
      { kind: 'auth' },
      { kind: 'import' },
    ] as const) {
      const changed = await withScope(t.app.database.db, scope, async (trx) => {
        const u = await trx
          .updateTable('helpline_translation')
          .set({ name: 'x' })
          .where('helpline_id', '=', POLICE)
          .executeTakeFirst();
        const d = await trx.deleteFrom('helpline_translation').where('helpline_id', '=', KIDS).executeTakeFirst();
        return Number(u.numUpdatedRows) + Number(d.numDeletedRows);
      });
      expect(changed, scope.kind).toBe(0);
      await expect(
        withScope(t.app.database.db, scope, (trx) =>
          trx.insertInto('helpline_translation').values({ helpline_id: KIDS, locale: 'ps', name: 'x' }).execute(),
        ),
        scope.kind,
      ).rejects.toThrow(/row-level security/);
    }
    // Everyone reads them (the public pages do, without a session).
    const read = await withScope(t.app.database.db, { kind: 'auth' }, (trx) =>
      trx.selectFrom('helpline_translation').select('locale').execute(),
    );
    expect(read.length).toBeGreaterThanOrEqual(80);
  });

  it('the table refuses German and English rows, and rows that translate nothing', async () => {
    for (const values of [
      { helpline_id: KIDS, locale: 'de', name: 'x' },
      { helpline_id: KIDS, locale: 'en', name: 'x' },
      { helpline_id: KIDS, locale: 'ps', name: '', description: '' },
      { helpline_id: KIDS, locale: 'Arabic', name: 'x' },
    ])
      await expect(
        withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
          trx.insertInto('helpline_translation').values(values).execute(),
        ),
        values.locale,
      ).rejects.toThrow(/check constraint/);
  });
  it('saves hours in a language for a helpline with hours, and shows them at once', async () => {
    await get(t.app, null, '/ti/');
    const form = await get(t.app, coordination, `/de/staff/helplines/${KIDS}/translations`);
    expect(form.body).toContain('name="hours_ti"');
    // Around the clock: there are no hours to translate.
    const police = await get(t.app, coordination, `/de/staff/helplines/${POLICE}/translations`);
    expect(police.body).not.toContain('name="hours_ti"');
    const res = await post(t.app, coordination, `/de/staff/helplines/${KIDS}/translations`, {
      name_ti: 'ናይ ቈልዑ ቴሌፎን',
      hours_ti: 'ሰኑይ ክሳብ ቀዳም 14–20',
    });
    expect(res.statusCode).toBe(303);
    expect((await translations()).find((r) => r.helpline_id === KIDS && r.locale === 'ti')).toMatchObject({
      name: 'ናይ ቈልዑ ቴሌፎን',
      description: '',
      hours: 'ሰኑይ ክሳብ ቀዳም 14–20',
    });
    expect(footer((await get(t.app, null, '/ti/')).body)).toContain('(ሰኑይ ክሳብ ቀዳም 14–20)');
    const tooLong = await post(t.app, coordination, `/de/staff/helplines/${KIDS}/translations`, {
      hours_ti: 'x'.repeat(301),
    });
    expect(tooLong.statusCode).toBe(400);
    expect((await translations()).find((r) => r.helpline_id === KIDS && r.locale === 'ti')?.hours_source).toBe(
      'Mo–Sa 14–20 Uhr, Mo, Mi und Do auch 10–12 Uhr',
    );
  });

  it('shows hours translated from hours since changed as English, and offers the old text only as a hint', async () => {
    await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
      trx
        .updateTable('helpline')
        .set({ hours_de: 'Mo–Fr 14–20 Uhr', hours_en: 'Mon–Fri 2–8 pm' })
        .where('id', '=', KIDS)
        .execute(),
    );
    t.app.helplines.invalidate();
    // Tigrinya's hours were translated from the old German hours (the test above).
    const page = footer((await get(t.app, null, '/ti/')).body);
    expect(page).toContain('116 111</a> (<span lang="en">Mon–Fri 2–8 pm</span>)');
    const tr = await get(t.app, coordination, `/de/staff/helplines/${KIDS}/translations`);
    expect(tr.body).toMatch(/<input type="text" id="f-hours_ti" name="hours_ti"[^>]* value(="")? /);
    expect(tr.body).toContain('Bisherige Übersetzung: ሰኑይ ክሳብ ቀዳም 14–20');
  });
});
