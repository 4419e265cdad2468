/**
 * The route list as the security tests see it: every route is either public
 * or names its access rule, nothing but GET/HEAD/POST exists, and forgetting
 * the rule on a new route stops the app from starting.
 */
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../config/index.ts';
import { defineAction, STAFF_HOME } from './policy.ts';
import { appForFile, TEST_KEYS } from '../../../test/support/app.ts';
import { testDatabase } from '../../../test/support/db.ts';

const t = appForFile();

async function startWith(extra: (app: FastifyInstance) => Promise<void>): Promise<unknown> {
  const database = await testDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...TEST_KEYS });
  try {
    const app = await buildApp({ config, database });
    await app.register(extra);
    await app.ready();
    await app.close();
    return null;
  } catch (err) {
    return err;
  } finally {
    await database.close();
  }
}

describe('route access rules', () => {
  it('refuses to start when a non-public route names no action', async () => {
    const err = await startWith(async (app) => {
      app.get('/:lang/staff/forgotten', async () => 'oops');
    });
    expect(String(err)).toMatch(/\/:lang\/staff\/forgotten is not public and names no policy action/);
  });

  it('refuses to start for an unknown action or a contradictory config', async () => {
    expect(
      String(
        await startWith(async (app) => {
          app.get(
            '/x',
            { config: { action: defineAction({ name: 'no.such', roles: ['admin'], description: 'unregistered' }) } },
            async () => 'x',
          );
        }),
      ),
    ).toMatch(/unknown action "no.such"/);
    expect(
      String(
        await startWith(async (app) => {
          app.post('/y', { config: { public: true, action: STAFF_HOME } }, async () => 'y');
        }),
      ),
    ).toMatch(/public and yet names an action/);
  });

  it('starts when every route has a rule', async () => {
    expect(
      await startWith(async (app) => {
        app.get('/:lang/staff/fine', { config: { action: STAFF_HOME } }, async () => 'ok');
      }),
    ).toBeNull();
  });

  it('records every route, and only GET, HEAD and POST exist (no mutating GET, no PUT/PATCH/DELETE)', () => {
    const routes = t.app.routeTable;
    expect(routes.length).toBeGreaterThan(10);
    const methods = new Set(routes.map((r) => r.method));
    for (const m of methods) expect(['GET', 'HEAD', 'POST']).toContain(m);
    // The auth feature's own routes are all there with their rule.
    const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
    const byKey = new Map(routes.map((r) => [key(r), r]));
    expect(byKey.get('GET /:lang/staff')?.action).toBe('staff.home');
    expect(byKey.get('POST /:lang/staff/sign-in')?.authFlow).toBe('anonymous');
    expect(byKey.get('POST /:lang/staff/second-factor')?.authFlow).toBe('pending');
    expect(byKey.get('POST /:lang/staff/sign-out')?.action).toBe('account.manage');
    expect(byKey.get('GET /assets/:file')?.public).toBe(true);
  });

  it('every route is public, has an action or is a sign-in flow route', () => {
    for (const r of t.app.routeTable) {
      expect(r.public || r.action !== null || r.authFlow !== null, `${r.method} ${r.url}`).toBe(true);
    }
  });
});
