import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { knownCentres, replaceDirectory, testEntry } from '../../../test/support/entries.ts';
import { termFor } from './catalogue.ts';

const { leipzig, halle, dresden, munich, online, closed } = knownCentres();
leipzig.phones = [
  { id: randomUUID(), number: '+49 30 23125 001', type: 'voice', description: 'Beratung', languages: ['de', 'ar'] },
];
const demo = testEntry({ name: 'Beispiel Demo', postcode: '10117', service: { is_demo: true } });
dresden.location!.transportation = 'Tram 4 bis zum Haus';

const t = appForFile();
beforeAll(async () => {
  await replaceDirectory(t.database, [leipzig, halle, dresden, munich, online, closed, demo]);
  t.app.directory.invalidate();
});

const get = async (url: string) => {
  const res = await t.app.inject({ url });
  return { status: res.statusCode, headers: res.headers, body: res.json() as Record<string, any> };
};
const names = (page: Record<string, any>) => (page.contents as any[]).map((s) => s.name ?? s.service?.name);

describe('GET /api/hsds/', () => {
  it('names version, profile and the OpenAPI document, as JSON for anyone', async () => {
    const res = await get('/api/hsds/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toMatchObject({
      version: '3.0',
      profile: 'http://localhost:3000/api/hsds/profile',
      openapi_url: 'http://localhost:3000/api/hsds/openapi.json',
    });
    expect((await get('/api/hsds')).status).toBe(200);
    expect((await get('/api/hsds/profile')).body.taxonomies).toHaveLength(3);
  });
});

describe('GET /api/hsds/services', () => {
  it('lists the active services with a HSDS page object', async () => {
    const res = await get('/api/hsds/services');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total_items: 6,
      total_pages: 1,
      page_number: 1,
      size: 6,
      first_page: true,
      last_page: true,
      empty: false,
    });
    expect(names(res.body)).not.toContain('Geschlossen Leipzig');
  });

  it('paginates', async () => {
    const p1 = await get('/api/hsds/services?per_page=4');
    const p2 = await get('/api/hsds/services?per_page=4&page=2');
    const p3 = await get('/api/hsds/services?per_page=4&page=3');
    expect(p1.body).toMatchObject({ total_items: 6, total_pages: 2, size: 4, first_page: true, last_page: false });
    expect(p2.body).toMatchObject({ page_number: 2, size: 2, first_page: false, last_page: true, empty: false });
    expect(p3.body).toMatchObject({ size: 0, empty: true, contents: [] });
    expect(new Set([...names(p1.body), ...names(p2.body)]).size).toBe(6);
  });

  it('filters by text, taxonomy term, our vocabularies and state', async () => {
    expect(names((await get('/api/hsds/services?search=halle')).body)).toEqual(['Halle Süd']);
    expect(
      names((await get(`/api/hsds/services?taxonomy_term_id=${termFor('target_group', 'minors').id}`)).body),
    ).toEqual(['Halle Süd']);
    expect(names((await get('/api/hsds/services?exploitation=labour')).body)).toEqual(['Halle Süd']);
    expect(names((await get('/api/hsds/services?language=ar')).body)).toEqual(['Leipzig Mitte']);
    expect(names((await get('/api/hsds/services?language=ru&language=ti')).body).sort()).toEqual([
      'Dresden Schutzhaus',
      'Online bundesweit',
    ]);
    expect(names((await get('/api/hsds/services?language=ru,ti')).body).sort()).toEqual([
      'Dresden Schutzhaus',
      'Online bundesweit',
    ]);
    expect(names((await get('/api/hsds/services?accessibility=step_free')).body)).toEqual(['München Beratung']);
    expect(names((await get('/api/hsds/services?state=DE-BY')).body)).toEqual([
      'München Beratung',
      'Online bundesweit',
    ]);
    expect(names((await get(`/api/hsds/services?organization_id=${halle.organization.id}`)).body)).toEqual([
      'Halle Süd',
    ]);
  });

  it('answers bad parameters with a 400 that names them, never a 500', async () => {
    for (const q of [
      'per_page=101',
      'per_page=0',
      'page=x',
      'state=BY',
      'language=xx',
      'target_group=kids',
      'format=ndjson',
      'langauge=de',
      'taxonomy_term_id=nope',
      `taxonomy_term_id=${randomUUID()}`,
      `taxonomy_id=${randomUUID()}`,
      'search=' + 'a'.repeat(201),
    ]) {
      const res = await get(`/api/hsds/services?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.body.error, q).toMatch(/^Invalid query: /);
      expect(res.body.details?.[0]?.field, q).toBeTruthy();
    }
    expect((await get('/api/hsds/services?langauge=de')).body.error).toContain('unknown parameter langauge');
  });
});

describe('GET /api/hsds/services/{id}', () => {
  it('returns the fully nested service', async () => {
    const res = await get(`/api/hsds/services/${leipzig.service.id}`);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s).toMatchObject({
      id: leipzig.service.id,
      organization_id: leipzig.organization.id,
      status: 'active',
      'x-schutznetz': { is_demo: false },
    });
    expect(s.organization.id).toBe(leipzig.organization.id);
    expect(s.service_at_locations[0].location.addresses[0]).toMatchObject({
      address_1: 'Teststraße 1',
      postal_code: '04109',
      state_province: 'DE-SN',
      country: 'DE',
    });
    expect(s.phones[0]).toMatchObject({
      number: '+49 30 23125 001',
      type: 'voice',
      languages: [
        { code: 'ar', name: 'Arabic' },
        { code: 'de', name: 'German' },
      ],
    });
    expect(s.languages.map((l: any) => l.code)).toEqual(['ar', 'de']);
    expect(s.schedules[0]).toMatchObject({ freq: 'WEEKLY', byday: 'MO,WE', opens_at: '09:00', closes_at: '16:00' });
    expect(s.attributes.map((a: any) => a.taxonomy_term.code)).toEqual(['women', 'sexual']);
    expect(s.attributes[0].taxonomy_term.taxonomy).toBe('schutznetz:target_group');
  });

  it('also answers for services the lists leave out (inactive)', async () => {
    expect((await get(`/api/hsds/services/${closed.service.id}`)).body.status).toBe('temporarily closed');
  });

  it('never publishes a protected address: no street, no way there', async () => {
    const s = (await get(`/api/hsds/services/${dresden.service.id}`)).body;
    const loc = s.service_at_locations[0].location;
    expect(loc['x-schutznetz']).toEqual({ address_protected: true });
    expect('address_1' in loc.addresses[0]).toBe(false);
    expect('transportation' in loc).toBe(false);
    expect(s.service_areas).toEqual([
      expect.objectContaining({ extent: 'DE-SN', extent_type: 'iso3166-2', name: 'Sachsen' }),
    ]);
    const raw = (await t.app.inject({ url: `/api/hsds/services/${dresden.service.id}` })).body;
    expect(raw).not.toContain('Teststraße');
    expect(raw).not.toContain('Tram 4');
  });

  it('marks demo entries', async () => {
    expect((await get(`/api/hsds/services/${demo.service.id}`)).body['x-schutznetz']).toEqual({ is_demo: true });
  });

  it('answers an unknown id with 404 and a malformed one with 400, as JSON', async () => {
    const unknown = await get(`/api/hsds/services/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/^No service with id /);
    for (const bad of ['nope', '1234', "x'%20OR%201=1", 'a'.repeat(150)]) {
      const res = await get(`/api/hsds/services/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error).toContain('id must be a UUID');
    }
    expect((await get(`/api/hsds/services/${leipzig.service.id.toUpperCase()}`)).status).toBe(200);
    expect((await get('/api/hsds/nothing-here')).status).toBe(404);
  });
});

describe('GET /api/hsds/service_at_locations', () => {
  it('sorts by distance from the postcode and reports it in metres', async () => {
    const res = await get('/api/hsds/service_at_locations?postcode=04109');
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual([
      'Leipzig Mitte',
      'Halle Süd',
      'Dresden Schutzhaus',
      'Beispiel Demo',
      'München Beratung',
    ]);
    const d = (res.body.contents as any[]).map((c) => c.distance as number);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
    expect(d[0]).toBeLessThan(2000);
    expect(d[1]).toBeGreaterThan(20_000);
    expect(res.body.contents[2]['x-schutznetz']).toEqual({ covers_area: true });
    expect(res.body.contents[0].service.name).toBe('Leipzig Mitte');
    expect(res.body.contents[0].service_id).toBe(leipzig.service.id);
  });

  it('limits to the proximity, keeping services responsible for the whole state', async () => {
    const near = await get('/api/hsds/service_at_locations?postcode=04109&proximity=50000');
    expect(names(near.body)).toEqual(['Leipzig Mitte', 'Halle Süd', 'Dresden Schutzhaus']);
    const tiny = await get('/api/hsds/service_at_locations?postcode=04109&proximity=1&exploitation=labour');
    expect(tiny.body).toMatchObject({ total_items: 0, empty: true });
  });

  it("is the finder's search: the same filters, the same order", async () => {
    const res = await get('/api/hsds/service_at_locations?postcode=80331&language=de');
    expect(names(res.body)[0]).toBe('München Beratung');
    expect(res.body.total_items).toBe(5);
    const page = await t.app.inject({ url: '/de/search?q=80331&lang=de' });
    const order = [...page.body.matchAll(/<h3><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(order.filter((n) => n !== 'Online bundesweit')).toEqual(names(res.body));
  });

  it('answers an unknown or malformed postcode and a lone proximity with 400', async () => {
    const unknown = await get('/api/hsds/service_at_locations?postcode=00000');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('Invalid query: postcode: 00000 is not a German postcode');
    for (const q of [
      'postcode=1234',
      'postcode=abcde',
      'proximity=5000',
      'postcode=04109&proximity=-1',
      'postcode=04109&proximity=x',
      'postcode=04109&state=DE-SN',
    ]) {
      const res = await get(`/api/hsds/service_at_locations?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.details[0].field, q).toBeTruthy();
    }
  });

  it('finds one service at location by id', async () => {
    const first = (await get('/api/hsds/service_at_locations?postcode=04109')).body.contents[0];
    const one = await get(`/api/hsds/service_at_locations/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: first.id, service_id: leipzig.service.id });
    expect('distance' in one.body).toBe(false);
    expect((await get(`/api/hsds/service_at_locations/${randomUUID()}`)).status).toBe(404);
  });
});

describe('organizations and taxonomies', () => {
  it('lists organisations and shows one with its services', async () => {
    const list = await get('/api/hsds/organizations?per_page=100');
    expect(list.body.total_items).toBe(7);
    const one = await get(`/api/hsds/organizations/${halle.organization.id}`);
    expect(one.status).toBe(200);
    expect(one.body.services.map((s: any) => s.name)).toEqual(['Halle Süd']);
    expect((await get('/api/hsds/organizations?search=halle')).body.total_items).toBe(1);
    expect((await get(`/api/hsds/organizations/${randomUUID()}`)).status).toBe(404);
    expect((await get('/api/hsds/organizations/x')).status).toBe(400);
  });

  it('lists our three taxonomies and their terms', async () => {
    const tax = await get('/api/hsds/taxonomies');
    expect(tax.body.contents.map((x: any) => x.name)).toEqual([
      'schutznetz:target_group',
      'schutznetz:exploitation',
      'schutznetz:accessibility',
    ]);
    const terms = await get('/api/hsds/taxonomy_terms?per_page=100');
    expect(terms.body.total_items).toBe(16);
    const tg = await get(`/api/hsds/taxonomy_terms?taxonomy_id=${tax.body.contents[0].id}`);
    expect(tg.body.contents.map((x: any) => x.code)).toEqual([
      'women',
      'men',
      'trans_nonbinary',
      'minors',
      'boys_young_men',
      'lgbtiq',
    ]);
    const women = termFor('target_group', 'women');
    expect((await get(`/api/hsds/taxonomy_terms/${women.id}`)).body).toMatchObject({ code: 'women', name: 'Women' });
    expect((await get(`/api/hsds/taxonomies/${tax.body.contents[1].id}`)).body.name).toBe('schutznetz:exploitation');
    expect((await get(`/api/hsds/taxonomy_terms/${randomUUID()}`)).status).toBe(404);
    expect((await get(`/api/hsds/taxonomy_terms?taxonomy_id=${randomUUID()}`)).status).toBe(400);
  });
});
