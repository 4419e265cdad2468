import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import { replaceDirectory, testEntry } from '../../../test/support/entries.ts';
import type { Database } from '../../platform/db/index.ts';
import { directoryRevision, loadAllEntries } from '../directory/queries.ts';
import { lookupPostcode } from '../geo/postcodes.ts';
import { exportCsv } from './csv.ts';
import { exportHsdsJson } from './hsds-json.ts';
import { importDirectory, readDirectoryFile } from './import.ts';
import { formatProblem } from './problems.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const stored = () => loadAllEntries(database.db);
const revision = () => directoryRevision(database.db);

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const HEADER =
  'name,organization_name,postal_code,state_province,email,phones,schedules,languages,target_groups,latitude,longitude,address_1,address_protected';

describe('a file with problems', () => {
  it('reports every problem of every row and writes nothing', async () => {
    const before = await stored();
    const rev = await revision();
    const report = await importDirectory(
      database.db,
      csv(
        HEADER,
        'Gut,Verein A,10117,DE-BE,info@example.org,"+49 30 1234567 (voice, de|en)",MO 09:00-12:00,de|en,women,,,Straße 1,',
        'Falsche PLZ,Verein A,99999,,,,,,,,,,',
        'Falsches Land,Verein A,10117,DE-XX,kein-mail,,,,,,,,',
        ',Verein B,80331,,,,,xx,kids,,,,',
        'Syntax,Verein B,80331,,,030 12 (voice): x; 0 (fax),MO 9-17; XX 09:00-10:00; MO 12:00-11:00,,,,,,',
        'Weit weg,Verein B,80331,,,,,,,13.4,52.5,,',
        'Geschützt?,Verein B,80331,,,,,,,,,,vielleicht',
      ),
      { format: 'csv' },
    );
    expect(report.ok).toBe(false);
    expect(report.written).toBe(false);
    const lines = report.problems.map((p) => formatProblem(p, 'csv'));
    expect(lines).toEqual(
      expect.arrayContaining([
        'row 3, postal_code: 99999 is not a German postcode',
        expect.stringMatching(/^row 4, state_province: DE-XX is not the ISO code of a German state/),
        'row 4, email: is not an e-mail address',
        'row 5, name: is required',
        expect.stringMatching(/^row 5, languages: xx is not a known language code/),
        expect.stringMatching(/^row 5, target_groups: kids is not a known target group/),
        expect.stringMatching(/^row 6, phones: item 2: is not a phone number/),
        expect.stringMatching(/^row 6, schedules: item 1 "MO 9-17": expected DAYS/),
        expect.stringMatching(/^row 6, schedules: item 2: XX is not a weekday/),
        'row 6, schedules: item 3: closes at 11:00, not after it opens at 12:00',
        'row 7, latitude: 13.4, 52.5 is not in Germany (latitude and longitude swapped?)',
        'row 8, address_protected: must be true or false',
      ]),
    );
    expect(report.problems.every((p) => p.row !== 2)).toBe(true);
    expect(await stored()).toEqual(before);
    expect(await revision()).toBe(rev);
  });

  it('reports a second use of an id and a differing organisation', () => {
    const a = testEntry({ name: 'A' });
    const b = { ...testEntry({ name: 'B' }), organization: { ...a.organization, name: 'Anders' } };
    const dup = { ...testEntry({ name: 'C' }), service: { ...a.service, name: 'C' } };
    const file = readDirectoryFile(exportCsv([a, b, dup]), 'csv');
    expect(file.problems).toEqual([
      {
        row: 3,
        field: 'organization_name',
        reason: expect.stringContaining('differs from row 2 for the same organisation'),
      },
      { row: 4, field: 'id', reason: `${a.service.id} is already used in row 2` },
    ]);
  });

  it('reports an id that belongs to a stored service the file does not change', async () => {
    const owner = testEntry({ name: 'Besitzerin' });
    await replaceDirectory(database, [owner]);
    const intruder = testEntry({ name: 'Eindringling' });
    intruder.phones = [{ ...owner.phones[0]!, number: '030 999' }];
    const report = await importDirectory(database.db, exportCsv([intruder]), { format: 'csv' });
    expect(report.problems).toEqual([
      { row: 2, field: 'phone_ids', reason: expect.stringContaining('belongs to the stored service "Besitzerin"') },
    ]);
    expect((await stored()).map((e) => e.service.name)).toEqual(['Besitzerin']);
  });

  it('names the header problems in row 1', () => {
    const file = readDirectoryFile(csv('name,colour,name', 'x,y,z'), 'csv');
    expect(file.problems).toEqual([
      { row: 1, field: 'colour', reason: 'unknown column' },
      { row: 1, field: 'name', reason: 'column appears twice' },
      { row: 1, field: 'organization_name', reason: 'required column is missing' },
    ]);
  });

  it('reports HSDS JSON problems with their JSON path', () => {
    const [good, unknownField, badTerm, badPostcode] = JSON.parse(
      exportHsdsJson(['A', 'B', 'C', 'D'].map((name) => testEntry({ name }))),
    );
    unknownField.secret = 1;
    badTerm.attributes[0].taxonomy_term_id = randomUUID();
    badPostcode.service_at_locations[0].location.addresses[0].postal_code = '00000';
    badPostcode.phones[0].service_id = randomUUID();
    const file = readDirectoryFile(JSON.stringify([good, unknownField, badTerm, badPostcode]), 'hsds');
    expect(file.problems.map((p) => formatProblem(p, 'hsds'))).toEqual([
      'item 2, (service): Unrecognized key: "secret"',
      expect.stringMatching(/^item 3, attributes\[0\]\.taxonomy_term_id: .* is not a term of our taxonomies/),
      expect.stringMatching(/^item 4, phones\[0\]\.service_id: does not match id /),
      'item 4, service_at_locations[0].location.addresses[0].postal_code: 00000 is not a German postcode',
    ]);
    expect(readDirectoryFile('{"not": "an array"}', 'hsds').problems[0]).toMatchObject({
      row: 0,
      reason: 'expected a JSON array of HSDS services',
    });
    expect(readDirectoryFile('[{', 'hsds').problems[0]!.reason).toMatch(/^not valid JSON/);
  });
});

describe('messenger contacts', () => {
  it('are read from CSV and checked per kind: Signal and WhatsApp numbers, Telegram names, Threema IDs', () => {
    const file = readDirectoryFile(
      csv(
        'name,organization_name,postal_code,phones',
        'Gut,Verein A,10117,"+49 151 23456789 (signal); +49 151 23456789 (whatsapp, de|ar): Nachrichten; @beratung_berlin (telegram); abcd1234 (threema)"',
        'Schlecht,Verein A,10117,"0151 23456789 (signal); @x (telegram); ABC (threema); @beratung (voice)"',
      ),
      'csv',
    );
    expect(file.problems.map((p) => formatProblem(p, 'csv'))).toEqual([
      'row 3, phones: item 1: needs the number with its country code, e.g. +49 151 23456789',
      expect.stringMatching(/^row 3, phones: item 2: is neither a Telegram username/),
      expect.stringMatching(/^row 3, phones: item 3: is not a Threema ID/),
      expect.stringMatching(/^row 3, phones: item 4: is not a phone number/),
    ]);
    const file2 = readDirectoryFile(
      csv(
        'name,organization_name,postal_code,phones',
        'Gut,Verein A,10117,"+49 151 23456789 (signal); +49 151 23456789 (whatsapp, de|ar): Nachrichten; @beratung_berlin (telegram); abcd1234 (threema)"',
      ),
      'csv',
    );
    expect(file2.problems).toEqual([]);
    expect(file2.entries[0]!.entry.phones.map((p) => [p.type, p.number, p.languages, p.description])).toEqual([
      ['signal', '+49 151 23456789', [], null],
      ['whatsapp', '+49 151 23456789', ['de', 'ar'], 'Nachrichten'],
      ['telegram', '@beratung_berlin', [], null],
      ['threema', 'ABCD1234', [], null],
    ]);
  });

  it('are read from HSDS JSON as text phones naming their messenger, and nothing else', () => {
    const entry = testEntry({ name: 'A' });
    entry.phones = [
      { id: randomUUID(), number: '+49 151 23456789', type: 'signal', description: null, languages: [] },
      { id: randomUUID(), number: 'ABCD1234', type: 'threema', description: null, languages: [] },
    ];
    const [item] = JSON.parse(exportHsdsJson([entry]));
    expect(item.phones.map((p: any) => [p.type, p['x-schutznetz']])).toEqual([
      ['text', { messenger: 'signal' }],
      ['text', { messenger: 'threema' }],
    ]);
    expect(readDirectoryFile(JSON.stringify([item]), 'hsds').entries[0]!.entry.phones).toEqual(entry.phones);
    const contradicting = structuredClone(item);
    contradicting.phones[0].type = 'fax';
    contradicting.phones[1]['x-schutznetz'] = { messenger: 'icq' };
    expect(
      readDirectoryFile(JSON.stringify([contradicting]), 'hsds').problems.map((p) => formatProblem(p, 'hsds')),
    ).toEqual(
      expect.arrayContaining([
        'item 1, phones[0].type: must be text for a messenger contact (x-schutznetz.messenger), not "fax"',
        expect.stringMatching(/^item 1, phones\[1\]\.x-schutznetz\.messenger: "icq" is not a messenger/),
      ]),
    );
  });
});

describe('a valid file', () => {
  beforeEach(async () => {
    await replaceDirectory(database, []);
  });

  it('protects a protected address: no street, no way there, the postcode centre as coordinates', async () => {
    const report = await importDirectory(
      database.db,
      csv(
        'name,organization_name,postal_code,address_1,latitude,longitude,transportation,address_protected',
        'Schutzhaus,Verein,04109,Geheimweg 3,51.3401,12.3702,Tram 4,ja',
      ),
      { format: 'csv' },
    );
    expect(report.ok).toBe(true);
    expect(report.notes.map((n) => n.field)).toEqual([
      'address_1',
      'id',
      'latitude',
      'organization_id',
      'transportation',
    ]);
    const [e] = await stored();
    const pc = lookupPostcode('04109')!;
    expect(e!.location).toMatchObject({
      latitude: pc.lat,
      longitude: pc.lon,
      transportation: null,
      address_protected: true,
    });
    expect(e!.location!.address).toMatchObject({ address_1: null, state_province: 'DE-SN', city: 'Leipzig' });
  });

  it('derives missing ids from the names, so importing the same file twice changes nothing', async () => {
    const file = csv(
      'name,organization_name,postal_code,phones,schedules',
      'Beratung Nord,Verein X,20095,040 123 (voice),MO 09:00-12:00',
      'Beratung Süd,Verein X,80331,,',
    );
    const first = await importDirectory(database.db, file, { format: 'csv' });
    expect(first.counts).toEqual({ services: 2, created: 2, updated: 0, unchanged: 0, deleted: 0 });
    const rev = await revision();
    const again = await importDirectory(database.db, file, { format: 'csv' });
    expect(again.counts).toEqual({ services: 2, created: 0, updated: 0, unchanged: 2, deleted: 0 });
    expect(await revision()).toBe(rev);
    const entries = await stored();
    expect(new Set(entries.map((e) => e.organization.id)).size).toBe(1);
  });

  it('replaces the directory with --replace, and refuses to replace it with nothing', async () => {
    const keep = testEntry({ name: 'Bleibt' });
    const go = testEntry({ name: 'Geht' });
    await replaceDirectory(database, [keep, go]);
    const updated = {
      ...keep,
      service: { ...keep.service, description: 'Neu, mit "Anführungszeichen"\nund Zeilenumbruch' },
    };
    const dry = await importDirectory(database.db, exportHsdsJson([updated]), {
      format: 'hsds',
      replace: true,
      dryRun: true,
    });
    expect(dry).toMatchObject({
      ok: true,
      written: false,
      counts: { services: 1, created: 0, updated: 1, unchanged: 0, deleted: 1 },
    });
    expect((await stored()).length).toBe(2);
    const real = await importDirectory(database.db, exportHsdsJson([updated]), { format: 'hsds', replace: true });
    expect(real.written).toBe(true);
    expect(await stored()).toEqual([updated]);
    const nothing = await importDirectory(database.db, csv('name,organization_name'), { format: 'csv', replace: true });
    expect(nothing.problems[0]!.reason).toContain('refusing to replace');
    expect((await stored()).length).toBe(1);
  });

  it('reads what spreadsheets write: BOM, semicolons, decimal commas, German dates, ja/nein', () => {
    const text =
      '\uFEFFname;organization_name;postal_code;latitude;longitude;assured_date;is_demo;languages\r\n' +
      'Beratung;Verein;50667;50,9375;6,9603;3.2.2026;nein;DE|En\r\n';
    const file = readDirectoryFile(text, 'csv');
    expect(file.problems).toEqual([]);
    const e = file.entries[0]!.entry;
    expect(e.location).toMatchObject({ latitude: 50.9375, longitude: 6.9603 });
    expect(e.service).toMatchObject({ assured_date: '2026-02-03', is_demo: false });
    expect(e.languages).toEqual(['de', 'en']);
  });

  it('reads the example in docs/hsds.md', () => {
    const doc = fs.readFileSync(new URL('../../../docs/hsds.md', import.meta.url), 'utf8');
    const example = /```csv\n([\s\S]*?)```/.exec(doc)![1]!;
    const file = readDirectoryFile(example, 'csv');
    expect(file.problems).toEqual([]);
    const [a, b] = file.entries.map((x) => x.entry);
    expect(a!.phones.map((p) => [p.type, p.languages, p.description])).toEqual([
      ['voice', ['de', 'en'], 'Beratung und Termine'],
      ['fax', [], null],
    ]);
    expect(a!.schedules[1]).toMatchObject({ byday: ['WE'], description: 'Abendsprechstunde' });
    expect(b!.location).toMatchObject({ address_protected: true, address: { address_1: null, city: 'Dresden' } });
    expect(a!.organization.id).toBe(b!.organization.id);
  });

  it('writes cells a spreadsheet would run as formulas with a protecting quote', () => {
    const e = testEntry({ name: '=HYPERLINK("http://evil.example","klick")' });
    const text = exportCsv([e]);
    expect(text).toContain(`'=HYPERLINK(`);
    expect(text).toContain(`'+49 30 23125 001 (voice)`);
    expect(readDirectoryFile(text, 'csv').entries[0]!.entry.service.name).toBe(e.service.name);
  });
});
