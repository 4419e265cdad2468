/**
 * The staff area's own frame: who is signed in, the menu of what the role may
 * open, sign-out, the quick exit — and none of the public finder's
 * navigation. Refused and unknown staff pages look the same, in staff words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createUser, signIn, type Session } from '../../../test/support/auth.ts';

let counsellor: Session;
let admin: Session;

const t = appForFile();
beforeAll(async () => {
  counsellor = await signIn(t.app, await createUser(t.app, { role: 'counsellor', displayName: 'Rana Beispiel' }));
  admin = await signIn(t.app, await createUser(t.app, { role: 'admin', displayName: 'Alex Betrieb' }));
}, 60_000);

const get = (url: string, session?: Session) =>
  t.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });

/** The hrefs of the staff menu, in order. */
function menu(body: string): string[] {
  const nav = /<nav aria-label="[^"]*" class="staff-menu">([\s\S]*?)<\/nav>/.exec(body)?.[1] ?? '';
  return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
}

describe('the staff frame', () => {
  it('says who is signed in and offers sign-out and the quick exit, without the finder’s navigation', async () => {
    const res = await get('/de/staff/sessions', counsellor);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Angemeldet: Rana Beispiel (Beratung)');
    expect(res.body).toMatch(/<form method="post" action="\/de\/staff\/sign-out">/);
    expect(res.body).toContain('id="quick-exit"');
    expect(res.body).not.toContain('class="main-nav"');
    expect(res.body).not.toContain('id="helplines-title"');
  });

  it('lists in the menu only what the role may open', async () => {
    const c = menu((await get('/en/staff', counsellor)).body);
    expect(c).toEqual([
      '/en/staff',
      '/en/staff/referrals',
      '/en/staff/cases',
      '/en/staff/cases/files',
      '/en/staff/statistics/centre',
      // The network's library (members-only editions too) and the centre's own measures.
      '/en/staff/publications',
      '/en/staff/measures',
      '/en/staff/account',
      '/en/staff/sessions',
    ]);
    const a = menu((await get('/en/staff', admin)).body);
    expect(a).toEqual(
      expect.arrayContaining(['/en/staff/users', '/en/staff/users/invite', '/en/staff/outbox', '/en/staff/audit']),
    );
    expect(a).not.toContain('/en/staff/entry');
    expect(a).not.toContain('/en/staff/review');
    // Case records are the centres' own; reporting years are the coordination office's.
    expect(a).not.toContain('/en/staff/cases');
    expect(a).not.toContain('/en/staff/reporting-years');
    // A centre's measures are the centre's to register, not an administrator's.
    expect(a).not.toContain('/en/staff/measures');
  });

  it('shows no account bar and no menu before the sign-in is complete', async () => {
    const res = await get('/de/staff/sign-in');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Bereich für Mitarbeitende');
    expect(res.body).not.toContain('class="staff-menu"');
    expect(res.body).not.toContain('/de/staff/sign-out');
  });
});

describe('refused and unknown staff pages', () => {
  it('say "not found or no access" in the staff frame, and look exactly alike', async () => {
    const refused = await get('/de/staff/review', counsellor);
    const unknown = await get('/de/staff/gibt-es-nicht', counsellor);
    expect(refused.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(refused.body).toContain('Diese Seite gibt es nicht, oder Ihr Konto hat keinen Zugriff darauf.');
    expect(refused.body).toContain('class="site-header staff-header"');
    // The unknown URL matched no route, so it never looked at the session: it cannot show the person.
    const strip = (b: string) => b.replace(/<header[\s\S]*?<\/header>/, '');
    expect(strip(refused.body)).toBe(strip(unknown.body));
  });

  it('stay the public 404 outside the staff area', async () => {
    const res = await get('/de/gibt-es-nicht');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('class="main-nav"');
    expect(res.body).not.toContain('keinen Zugriff');
  });
});
