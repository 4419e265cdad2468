/**
 * Checklist #18 (context-aware output encoding): arbitrary strings —
 * random Unicode mixed with the classic payloads (`<script>`, quotes that
 * try to leave an attribute, `</title>`, `javascript:` URLs) — rendered
 * through the templates never become markup. Public views: a centre page
 * and the lists that show a crafted directory entry, the search query echo
 * and the error page. Staff views: the entry form, the pending proposal, the
 * review diff, the invitation form and the sign-in page, which echo what
 * people typed. The HTML is scanned like a browser tokenises it
 * (test/support/security.ts: no script, no event handler, no style
 * attribute, no script-capable URL scheme may appear).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeEntries } from '../../src/features/directory/queries.ts';
import { appForFile } from '../support/app.ts';
import { testEntry } from '../support/entries.ts';
import { createUser, fakeClock, postAs, postForm, signIn, type Session } from '../support/auth.ts';
import { markupProblems } from './html-scan.ts';
import { demoNetworkCentres } from '../../src/features/demo/network.ts';
import { entryBody, post, publishedEntry, type Staff } from '../../src/features/centre-entry/testing.ts';

const t = appForFile({}, { clock: fakeClock() });
beforeAll(async () => {}, 60_000);

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)" x="',
  "' onfocus='alert(1)' autofocus='",
  '</title><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '<!--',
  '--><svg onload=alert(1)>',
  '<style>*{display:none}</style>',
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '&lt;script&gt;',
  '&#x3C;script&#x3E;',
  '<a href="javascript:alert(1)">x</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '\u2028\u2029',
];

/** Random text around real payloads; no U+0000 (PostgreSQL text cannot store it, see the fuzz suite). */
const nasty: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PAYLOADS),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('<', '>', '"', "'", '&', '`', '=', '/'),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join('').replaceAll('\u0000', ''))
  .filter((s) => s.trim() !== '');

function problemsIn(what: string, html: string): string[] {
  return markupProblems(html).map((p) => `${what}: ${p}`);
}

describe('the scanner itself', () => {
  it('finds injected markup and leaves escaped text alone', () => {
    expect(markupProblems('<p><script>alert(1)</script></p>')).toHaveLength(1);
    expect(markupProblems('<input value="" onmouseover="alert(1)">')).toHaveLength(1);
    expect(markupProblems("<input value='x' onfocus=alert(1) autofocus>")).toHaveLength(1);
    expect(markupProblems('<a href="&#106;avascript:alert(1)">x</a>')).toHaveLength(1);
    expect(markupProblems('<a href=" java\tscript:alert(1)">x</a>')).toHaveLength(1);
    expect(markupProblems('<img src=x onerror=alert(1)>')).toHaveLength(2);
    expect(markupProblems('<p style="color:red">x</p>')).toHaveLength(1);
    expect(markupProblems('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toEqual([]);
    expect(markupProblems('<input value="&quot; onmouseover=&quot;alert(1)">')).toEqual([]);
    expect(markupProblems('<title>&lt;/title&gt;&lt;script&gt;</title><textarea><script></textarea>')).toEqual([]);
    expect(
      markupProblems('<script src="/assets/passkey.abc.js"></script><a href="https://example.org/">x</a>'),
    ).toEqual([]);
  });
});

describe('public views', () => {
  it('a directory entry full of payloads renders as text on the centre page and in every list', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: nasty,
          description: nasty,
          org: nasty,
          alert: nasty,
          interpretation: nasty,
          application: nasty,
          street: nasty,
          city: nasty,
          phoneNote: nasty,
          hoursNote: nasty,
          access: nasty,
          email: nasty,
          url: fc.oneof(
            nasty,
            fc.constantFrom(
              'javascript:alert(1)',
              ' javascript:alert(1)',
              'JAVASCRIPT:alert(1)',
              'data:text/html,x',
              'https://example.org/"><script>alert(1)</script>',
            ),
          ),
        }),
        async (v) => {
          const base = testEntry({ name: v.name, postcode: '10117' });
          const entry = {
            ...base,
            organization: { ...base.organization, name: v.org },
            service: {
              ...base.service,
              description: v.description,
              alert: v.alert,
              interpretation_services: v.interpretation,
              application_process: v.application,
              email: v.email,
              url: v.url,
            },
            location: base.location && {
              ...base.location,
              accessibility: v.access,
              address: { ...base.location.address, address_1: v.street, city: v.city },
            },
            phones: [
              {
                id: randomUUID(),
                number: '+49 30 1234',
                type: 'voice' as const,
                description: v.phoneNote,
                languages: [],
              },
            ],
            schedules: [
              {
                id: randomUUID(),
                byday: ['MO' as const],
                opens_at: '09:00',
                closes_at: '12:00',
                description: v.hoursNote,
              },
            ],
          };
          await t.database.db.transaction().execute((trx) => writeEntries(trx, [entry]));
          t.app.directory.invalidate();
          const problems: string[] = [];
          for (const url of [
            `/de/centres/${entry.service.id}`,
            `/en/centres/${entry.service.id}`,
            '/de/states/berlin',
            '/de/search?q=10117',
            '/de/',
          ]) {
            const res = await t.app.inject({ method: 'GET', url });
            expect(res.statusCode, url).toBe(200);
            problems.push(...problemsIn(url, res.body));
          }
          expect(problems).toEqual([]);
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
  });

  it('the search query and bad filter values come back as text (results and error page)', async () => {
    await fc.assert(
      fc.asyncProperty(
        nasty,
        fc.constantFrom('q', 'state', 'tg', 'ex', 'lang', 'acc', 'page'),
        async (value, param) => {
          const url = `/de/search?${new URLSearchParams({ [param]: value.slice(0, 100) }).toString()}`;
          const res = await t.app.inject({ method: 'GET', url });
          expect(res.statusCode).toBeLessThan(500);
          expect(problemsIn(url, res.body)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('error pages never echo the path as markup', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, async (value) => {
        // Through UTF-8 and back: a surrogate pair cut in half becomes U+FFFD instead of a URIError.
        const enc = (x: string) => encodeURIComponent(Buffer.from(x, 'utf8').toString('utf8'));
        for (const url of [
          `/de/${enc(value)}`,
          `/de/centres/${enc(value)}`,
          `/de/states/${enc(value.slice(0, 60))}`,
          `/${enc(value)}/about`,
        ]) {
          const res = await t.app.inject({ method: 'GET', url });
          expect(res.statusCode).toBeLessThan(500);
          expect(problemsIn(url, res.body)).toEqual([]);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('staff views that echo what people typed', () => {
  let lead: Staff;
  let admin: Session;
  let coordination: Session;
  let serviceId: string;

  beforeAll(async () => {
    const centre = demoNetworkCentres()[1]!;
    serviceId = centre.serviceId;
    const leadUser = await createUser(t.app, { role: 'centre_lead', centreId: centre.id });
    lead = { user: leadUser, session: await signIn(t.app, leadUser) };
    admin = await signIn(t.app, await createUser(t.app, { role: 'admin' }));
    coordination = await signIn(t.app, await createUser(t.app, { role: 'coordination' }));
  }, 60_000);

  it('the entry form, the pending proposal and the review diff', async () => {
    const published = await publishedEntry(t.app, serviceId);
    let accepted = 0;
    // Free-text fields are often accepted (so the proposal and the diff carry them); the others are refused and re-shown.
    const sometimes = fc.option(nasty, { freq: 2 });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          description: nasty,
          city: sometimes,
          website: sometimes,
          email: sometimes,
          phone: sometimes,
          hours: sometimes,
        }),
        async (v) => {
          const body = entryBody(published, (f) => {
            f.description = `${f.description} ${v.description}`;
            if (v.city !== null) f.city = v.city;
            if (v.website !== null) f.website = v.website;
            if (v.email !== null) f.email = v.email;
            if (f.phones[0] && v.phone !== null) f.phones[0].description = v.phone;
            if (f.hours[0] && v.hours !== null) f.hours[0].note = v.hours;
          });
          const sent = await post(t.app, lead, '/de/staff/entry/edit', body);
          expect(sent.statusCode).toBeLessThan(500);
          accepted += sent.statusCode === 303 ? 1 : 0;
          const problems = problemsIn('entry form answer', sent.body);
          // Whether accepted or refused, the form shows the values again.
          for (const url of ['/de/staff/entry', '/de/staff/entry/edit']) {
            const res = await t.app.inject({ method: 'GET', url, headers: { cookie: lead.session.cookie } });
            problems.push(...problemsIn(url, res.body));
          }
          const queue = await t.app.inject({
            method: 'GET',
            url: '/de/staff/review',
            headers: { cookie: coordination.cookie },
          });
          problems.push(...problemsIn('review queue', queue.body));
          for (const id of new Set(
            [...queue.body.matchAll(/\/de\/staff\/review\/([0-9a-f-]{36})/g)].map((m) => m[1]!),
          )) {
            const draft = await t.app.inject({
              method: 'GET',
              url: `/de/staff/review/${id}`,
              headers: { cookie: coordination.cookie },
            });
            problems.push(...problemsIn(`review ${id}`, draft.body));
          }
          expect(problems).toEqual([]);
        },
      ),
      {
        numRuns: 12,
        // Always at least one proposal that goes through, with markup in the free text.
        examples: [
          [
            {
              description: '"><script>alert(1)</script></textarea><img src=x onerror=alert(1)>',
              city: null,
              website: null,
              email: null,
              phone: null,
              hours: "' onfocus='alert(1)",
            },
          ],
        ],
      },
    );
    // Some proposals went through, so the pending and review pages were really tested with hostile text.
    expect(accepted).toBeGreaterThan(0);
  });

  it('the invitation form and the sign-in page', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, nasty, async (a, b) => {
        const invite = await postAs(t.app, admin, '/de/staff/users/invite', {
          email: a,
          display_name: b,
          role: 'centre_lead',
          centre_id: b.slice(0, 100),
        });
        const signInPage = await postForm(
          t.app,
          '/de/staff/sign-in',
          { email: a.slice(0, 254), password: 'falsch falsch falsch', next: b.slice(0, 512) },
          {},
          '203.0.113.9',
        );
        const nextEcho = await t.app.inject({
          method: 'GET',
          url: `/de/staff/sign-in?${new URLSearchParams({ next: a.slice(0, 512) }).toString()}`,
        });
        expect([invite.statusCode, signInPage.statusCode, nextEcho.statusCode].every((s) => s < 500)).toBe(true);
        expect([
          ...problemsIn('invite', invite.body),
          ...problemsIn('sign-in', signInPage.body),
          ...problemsIn('sign-in ?next', nextEcho.body),
        ]).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });
});
