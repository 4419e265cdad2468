import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { registerMessages } from '../../app.ts';
import { explainIssue, issueMessage, issueMeaning } from './validation.ts';

registerMessages();

/** Each issue of parsing `value`, in German, as a page shows it. */
function german(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) throw new Error('expected issues');
  return r.error.issues.map((i) => explainIssue('de', issueMeaning(i), i.message));
}

describe('validation problems from zod’s issue codes', () => {
  it('says what is wrong in the reader’s language, with the limits zod reports', () => {
    const schema = z.strictObject({
      name: z.string().min(1).max(5),
      age: z.number().int().min(0).max(120),
      kind: z.enum(['a', 'b']),
      mail: z.email(),
      site: z.url(),
      days: z.array(z.string()).min(1).max(2),
      flag: z.boolean(),
    });
    expect(
      german(schema, { name: 'zu lang', age: 121, kind: 'c', mail: 'x', site: 'y', days: [], flag: 'x', extra: 1 }),
    ).toEqual([
      'ist länger als 5 Zeichen',
      'darf höchstens 120 sein',
      'c ist keine der angebotenen Möglichkeiten',
      'ist keine E-Mail-Adresse',
      'muss eine Webadresse sein, die mit https:// oder http:// beginnt',
      'Bitte mindestens eines wählen',
      'muss ja oder nein sein',
      'unerwartete Angabe: extra',
    ]);
    expect(
      german(schema, { name: '', age: 1.5, kind: 'a', mail: 'a@example.org', site: 'https://x.org', days: ['1'] }),
    ).toEqual(['muss ausgefüllt werden', 'muss eine ganze Zahl sein', 'muss ausgefüllt werden']);
  });

  it('takes a custom rule’s message from its params, and keeps the English words of one that names none', () => {
    const schema = z.object({
      code: z
        .string()
        .refine((s) => s !== 'x', { message: 'x is taken', params: issueMessage('validation', 'listedTwice') })
        .refine((s) => s !== 'x', 'no x, ever'),
    });
    expect(german(schema, { code: 'x' })).toEqual(['x ist doppelt gewählt', 'no x, ever']);
  });
});

describe('a refused request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t?.close());

  it('explains each field on the page in the reader’s language, with the schema’s words after it', async () => {
    const res = await t.app.inject({ url: `/de/search?q=${'9'.repeat(101)}&tg=everyone` });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      'q: ist länger als 100 Zeichen (place or postcode is too long (100 characters at most))',
    );
    expect(res.body).toContain(
      'tg.0: everyone ist keine der angebotenen Möglichkeiten (unknown target group “everyone”)',
    );
  });

  it('keeps English pages and JSON answers in the schema’s own English', async () => {
    const en = await t.app.inject({ url: `/en/search?q=${'9'.repeat(101)}` });
    expect(en.body).toContain('Invalid search: q: place or postcode is too long (100 characters at most)');
    const json = await t.app.inject({ url: '/api/hsds/service_at_locations?postcode=00000' });
    expect(json.json()).toMatchObject({ error: 'Invalid query: postcode: 00000 is not a German postcode' });
  });
});
