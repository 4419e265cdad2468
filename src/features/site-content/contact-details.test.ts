/**
 * The office's contact details in the footer of every public page, on both
 * databases: the office saves them and the next public page shows them
 * (name, address, phone and the contact form, never an e-mail address);
 * bad input comes back beside its field with nothing written; nobody but
 * the office and administrators may change them.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createCentre, createUser, postAs, signIn, type Session } from '../../../test/support/auth.ts';

const t = appForFile();

let office: Session;
let lead: Session;
let counsellor: Session;

const get = (url: string, session?: Session) =>
  t.app.inject({ method: 'GET', url, ...(session ? { headers: { cookie: session.cookie } } : {}) });

const footerOf = (body: string) => /<address class="office-contact"[\s\S]*?<\/address>/.exec(body)?.[0] ?? null;

async function saved(): Promise<{ name: string; address_lines: string[]; phone: string | null } | undefined> {
  const r = await sql<{ name: string; address_lines: string[]; phone: string | null }>`
    SELECT name, address_lines, phone FROM office_contact`.execute(t.database.db);
  return r.rows[0];
}

const auditCount = async () =>
  Number(
    (
      await sql<{ n: string }>`
        SELECT count(*) AS n FROM audit_log WHERE event = 'content.contact_details_saved_done'`.execute(t.database.db)
    ).rows[0]!.n,
  );

beforeAll(async () => {
  const centre = await createCentre(t.app, 'Beratung Süd');
  office = await signIn(t.app, await createUser(t.app, { role: 'coordination' }));
  lead = await signIn(t.app, await createUser(t.app, { role: 'centre_lead', centreId: centre }));
  counsellor = await signIn(t.app, await createUser(t.app, { role: 'counsellor', centreId: centre }));
}, 60_000);

describe('the footer contact block', () => {
  it('is saved by the office, audited, and shown on the next public page in every language', async () => {
    const before = await auditCount();
    const res = await postAs(t.app, office, '/de/staff/pages/contact-details', {
      name: 'Koordinierungsstelle Schutznetz',
      address: 'Beispielweg 5\r\n\r\n  04109 Leipzig  ',
      phone: '+49 341 123456',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/pages/contact-details?done=saved');
    expect(await saved()).toEqual({
      name: 'Koordinierungsstelle Schutznetz',
      address_lines: ['Beispielweg 5', '04109 Leipzig'],
      phone: '+49 341 123456',
    });
    expect(await auditCount()).toBe(before + 1);

    for (const lang of ['de', 'ar']) {
      const page = await get(`/${lang}/`);
      const block = footerOf(page.body);
      expect(block, lang).not.toBeNull();
      expect(block).toContain('Koordinierungsstelle Schutznetz');
      expect(block).toContain('04109 Leipzig');
      expect(block).toContain('href="tel:+49341123456"');
      expect(block).toContain(`href="/${lang}/contact"`);
      expect(block).not.toContain('mailto:');
    }
    const form = await get('/de/staff/pages/contact-details?done=saved', office);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Beispielweg 5\n04109 Leipzig');
  });

  it('refuses a bad phone number and too many address lines beside their fields, writing nothing', async () => {
    const before = await saved();
    const res = await postAs(t.app, office, '/de/staff/pages/contact-details', {
      name: '',
      address: ['1', '2', '3', '4', '5', '6', '7'].join('\n'),
      phone: 'javascript:alert(1)',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-phone-error"');
    expect(res.body).toContain('id="f-name-error"');
    expect(res.body).toContain('id="f-address-error"');
    expect(res.body).toContain('Bitte nur Ziffern, Leerzeichen und + ( ) / - verwenden');
    expect(await saved()).toEqual(before);
  });

  it('takes no e-mail address or any other unknown field (400)', async () => {
    const res = await postAs(t.app, office, '/en/staff/pages/contact-details', {
      name: 'X',
      address: '',
      phone: '',
      email: 'office@example.org',
    });
    expect(res.statusCode).toBe(400);
    expect((await saved())?.name).not.toBe('X');
  });

  it('is nobody else’s to read or change: centre roles get 404, the public is sent to sign in', async () => {
    const before = await saved();
    for (const who of [lead, counsellor]) {
      expect((await get('/de/staff/pages/contact-details', who)).statusCode).toBe(404);
      const res = await postAs(t.app, who, '/de/staff/pages/contact-details', {
        name: 'Übernommen',
        address: '',
        phone: '',
      });
      expect(res.statusCode).toBe(404);
    }
    const anonymous = await get('/de/staff/pages/contact-details');
    expect([302, 303]).toContain(anonymous.statusCode);
    expect(await saved()).toEqual(before);
  });
});
