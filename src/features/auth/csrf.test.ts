/**
 * CSRF (checklist #12): every state change is a POST, and every POST route —
 * taken from the router's own list, so a new one cannot be missed — refuses
 * a missing or wrong token, a foreign Origin and a cross-site fetch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createUser, postAs, postEmptyJson, postForm, signIn, type Session } from '../../../test/support/auth.ts';

let session: Session;
const t = appForFile();
beforeAll(async () => {
  session = await signIn(t.app, await createUser(t.app, { role: 'admin' }));
});

/** A concrete URL for a route pattern. */
function concrete(url: string): string {
  return url.replace(':lang', 'de').replace(/:[A-Za-z_]+/g, '00000000-0000-4000-8000-000000000000');
}

describe('CSRF', () => {
  it('refuses a missing token, a wrong token and a token in the wrong header', async () => {
    const url = '/de/staff/sessions/end-others';
    const missing = await postForm(t.app, url, {}, { cookie: session.cookie });
    expect(missing.statusCode).toBe(403);
    // In the page's language: the German page explains in German, the English one in English.
    expect(missing.body).toContain('laden Sie die Seite neu');
    const missingEn = await postForm(t.app, url.replace('/de/', '/en/'), {}, { cookie: session.cookie });
    expect(missingEn.statusCode).toBe(403);
    expect(missingEn.body).toContain('reload the page');
    const wrong = await postForm(t.app, url, { _csrf: 'x'.repeat(43) }, { cookie: session.cookie });
    expect(wrong.statusCode).toBe(403);
    const header = await postForm(t.app, url, {}, { cookie: session.cookie, 'x-csrf-token': session.csrf });
    expect(header.statusCode).toBe(303);
    const ok = await postAs(t.app, session, url);
    expect(ok.statusCode).toBe(303);
  });

  it('answers a script that asks for JSON (the passkey ceremonies) in JSON, not with a page', async () => {
    const r = await postEmptyJson(t.app, '/de/staff/sessions/end-others', {
      cookie: session.cookie,
      accept: 'application/json',
    });
    expect(r.statusCode).toBe(403);
    expect(r.headers['content-type']).toContain('application/json');
    expect(r.json()).toMatchObject({ status: 403, error: expect.stringContaining('reload the page') });
  });

  it('refuses a foreign Origin and a cross-site Sec-Fetch-Site even with the right token', async () => {
    const url = '/de/staff/sessions/end-others';
    const cases: [Record<string, string>, number][] = [
      [{ origin: 'https://evil.example' }, 403],
      [{ origin: 'null' }, 403],
      [{ origin: 'null', 'sec-fetch-site': 'cross-site' }, 403],
      [{ 'sec-fetch-site': 'cross-site' }, 403],
      [{ 'sec-fetch-site': 'same-site' }, 403],
      [{ origin: t.config.publicOrigin, 'sec-fetch-site': 'same-origin' }, 303],
    ];
    for (const [headers, status] of cases) {
      const res = await postForm(t.app, url, { _csrf: session.csrf }, { cookie: session.cookie, ...headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(status);
    }
  });

  it('accepts what Chromium sends for a same-origin form under Referrer-Policy no-referrer', async () => {
    // Origin: null together with the browser's own Sec-Fetch-Site: same-origin.
    const res = await postForm(
      t.app,
      '/de/staff/sign-in',
      { email: 'nobody@example.org', password: 'not the password at all' },
      { origin: 'null', 'sec-fetch-site': 'same-origin' },
    );
    expect(res.statusCode).not.toBe(403);
  });

  it('checks the origin of pre-session forms (sign-in) too', async () => {
    const res = await postForm(
      t.app,
      '/de/staff/sign-in',
      { email: 'a@b.example', password: 'whatever' },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('every POST route in the router refuses a forged request', async () => {
    const posts = t.app.routeTable.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    for (const r of posts) {
      const url = concrete(r.url);
      const crossSite = await postForm(
        t.app,
        url,
        { _csrf: session.csrf },
        { cookie: session.cookie, 'sec-fetch-site': 'cross-site' },
      );
      expect(crossSite.statusCode, `cross-site POST ${r.url}`).toBe(403);
      if (r.action !== null) {
        const noToken = await postForm(t.app, url, {}, { cookie: session.cookie });
        expect(noToken.statusCode, `POST ${r.url} without token`).toBe(403);
      }
    }
  });

  it('GET and HEAD are never refused for lack of a token (they change nothing)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/de/staff/sessions',
      headers: { cookie: session.cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(res.statusCode).toBe(200);
  });
});
