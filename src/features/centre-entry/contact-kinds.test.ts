/** The contact kinds of the entry form: messengers offered and checked per kind, the pager no longer offered. */
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { writeEntries } from '../directory/queries.ts';
import { allDrafts, demoCentre, entryBody, get, post, publishedEntry, signedIn, type Staff } from './testing.ts';

let lead: Staff;
const A = demoCentre('stuttgart');
const t = appForFile();
beforeAll(async () => {
  lead = await signedIn(t.app, 'centre_lead', A.id);
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const options = (html: string, field: string) => {
  const select = new RegExp(`<select[^>]*name="${field}"[^>]*>(.*?)</select>`, 's').exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
};

describe('contact kinds in the entry form', () => {
  it('offers phone, mobile, SMS, video, the four messengers, fax and textphone — not the pager', async () => {
    const res = await get(t.app, lead, '/de/staff/entry/edit');
    expect(res.statusCode).toBe(200);
    expect(options(res.body, 'phone_0_type')).toEqual([
      'voice',
      'cell',
      'text',
      'video',
      'signal',
      'whatsapp',
      'telegram',
      'threema',
      'fax',
      'textphone',
    ]);
    expect(res.body).toContain('>Threema</option>');
    const en = await get(t.app, lead, '/en/staff/entry/edit');
    expect(en.body).toContain('>Text message</option>');
    expect(en.body).toContain('>WhatsApp</option>');
  });

  it.each([
    ['de', 'threema', 'abc', 'ist keine Threema-ID (8 Zeichen: Großbuchstaben und Ziffern, z. B. ABCD1234)'],
    ['de', 'signal', '0151 23456789', 'braucht die Nummer mit Ländervorwahl, z. B. +49 151 23456789'],
    ['de', 'whatsapp', '@beratung', 'braucht die Nummer mit Ländervorwahl, z. B. +49 151 23456789'],
    ['de', 'telegram', '@abc', 'ist weder ein Telegram-Benutzername'],
    ['en', 'telegram', 'beratung leipzig', 'is neither a Telegram username'],
    ['en', 'threema', 'ABCD12345', 'is not a Threema ID (8 characters'],
    ['en', 'voice', '@beratung', 'is not a phone number'],
  ])('%s: a %s contact "%s" is a 400 with the message next to the field', async (locale, type, number, message) => {
    const published = await publishedEntry(t.app, A.serviceId);
    const before = await allDrafts(t.app);
    const res = await post(
      t.app,
      lead,
      `/${locale}/staff/entry/edit`,
      entryBody(published, (f) => {
        f.phones = [{ number, type, description: '' }];
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(new RegExp(`<p class="field-error" id="f-phone_0_number-error">.*${escape(message)}`));
    expect(res.body).toContain(`href="#f-phone_0_number"`);
    expect(options(res.body, 'phone_0_type')).toContain(type);
    expect(res.body).toMatch(new RegExp(`<option value="${type}" selected`));
    expect(await allDrafts(t.app)).toEqual(before);
  });

  it('keeps a stored pager line choosable, so saving the form does not change it', async () => {
    const published = await publishedEntry(t.app, A.serviceId);
    const withPager = {
      ...published,
      phones: [
        {
          id: '00000000-0000-4000-8000-0000000000aa',
          number: '030 23125 190',
          type: 'pager' as const,
          description: null,
          languages: [],
        },
      ],
    };
    await withScope(t.database.db, { kind: 'import' }, (trx) => writeEntries(trx, [withPager]));
    t.app.directory.invalidate();
    const res = await get(t.app, lead, '/de/staff/entry/edit');
    expect(options(res.body, 'phone_0_type')).toContain('pager');
    expect(res.body).toMatch(/<option value="pager" selected[^>]*>Pager<\/option>/);
    expect(options(res.body, 'phone_1_type')).not.toContain('pager');
  });
  it('accepts one contact of every messenger kind (a Threema ID in any case) and proposes them', async () => {
    const published = await publishedEntry(t.app, A.serviceId);
    const res = await post(
      t.app,
      lead,
      '/de/staff/entry/edit',
      entryBody(published, (f) => {
        f.phones = [
          { number: '+49 711 23125 100', type: 'voice', description: 'Beratung' },
          { number: '+49 151 23456789', type: 'signal', description: '' },
          { number: '+49 151 23456789', type: 'whatsapp', description: 'auch auf Arabisch' },
          { number: '@beratung_stuttgart', type: 'telegram', description: '' },
          { number: 'abcd1234', type: 'threema', description: '' },
        ];
      }),
    );
    expect(res.statusCode).toBe(303);
    const form = (await get(t.app, lead, '/de/staff/entry/edit')).body;
    for (const [i, type, number] of [
      [1, 'signal', '+49 151 23456789'],
      [2, 'whatsapp', '+49 151 23456789'],
      [3, 'telegram', '@beratung_stuttgart'],
      [4, 'threema', 'ABCD1234'],
    ] as const) {
      expect(form).toMatch(
        new RegExp(
          `name="phone_${i}_number"[^>]*value="${escape(number)}"|value="${escape(number)}"[^>]*name="phone_${i}_number"`,
        ),
      );
      expect(new RegExp(`<select[^>]*name="phone_${i}_type"[^>]*>.*?</select>`, 's').exec(form)?.[0]).toMatch(
        new RegExp(`<option value="${type}" selected`),
      );
    }
  });
});
