import { describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { loggerOptions } from './logging.ts';
import { CONTENT_SECURITY_POLICY } from './security-headers.ts';

const lines: string[] = [];
const t = appForFile({}, { logger: { ...loggerOptions('info'), stream: { write: (l: string) => lines.push(l) } } });

describe('security headers', () => {
  it.each(['/de/', '/en/search?q=10115', '/de/centres/not-a-uuid', '/healthz', '/nope'])(
    '%s carries the full header set and no cookie',
    async (url) => {
      const res = await t.app.inject({ url });
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
      expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['set-cookie']).toBeUndefined();
    },
  );

  it('lets fingerprinted assets be cached, gzip-encoded', async () => {
    const css = t.app.platform.assets.url('app.css');
    const res = await t.app.inject({ url: css, headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['content-encoding']).toBe('gzip');
    const again = await t.app.inject({ url: css, headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect((await t.app.inject({ url: '/assets/app.0000000000.css' })).statusCode).toBe(404);
  });
});

describe('logs', () => {
  it('never contain the searched place or the client address', async () => {
    const canary = 'Canaryvillage-7741';
    lines.length = 0;
    await t.app.inject({ url: `/de/search?q=${canary}&tg=women`, remoteAddress: '203.0.113.77' });
    await t.app.inject({
      url: `/api/hsds/service_at_locations?postcode=${canary}&proximity=20`,
      remoteAddress: '203.0.113.77',
    });
    await t.app.inject({ url: `/de/search?q=${canary}&tg=bogus`, remoteAddress: '203.0.113.77' });
    await t.app.inject({ url: `/de/search?q=${'x'.repeat(300)}${canary}`, remoteAddress: '203.0.113.77' });
    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(log).toContain('/:lang/search');
    expect(log).not.toContain(canary);
    expect(log).not.toContain('203.0.113.77');
  });
});

describe('health and errors', () => {
  it('GET /healthz answers with the database kind', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.database.kind });
  });

  it('/ redirects by Accept-Language without a cookie', async () => {
    const en = await t.app.inject({ url: '/', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.statusCode).toBe(302);
    expect(en.headers.location).toBe('/en/');
    expect((await t.app.inject({ url: '/' })).headers.location).toBe('/de/');
    for (const [header, to] of [
      ['fa-AF,fa;q=0.9', '/fa/'],
      ['prs', '/fa/'],
      ['zh-CN,zh;q=0.9,en;q=0.5', '/zh/'],
      ['zh-Hans', '/zh/'],
      ['ar-EG', '/ar/'],
      ['ti-ER,en;q=0.3', '/ti/'],
    ] as const) {
      const res = await t.app.inject({ url: '/', headers: { 'accept-language': header } });
      expect(res.headers.location, header).toBe(to);
      expect((await t.app.inject({ url: to })).statusCode, to).toBe(200);
    }
  });

  it('an unknown page is a 404 page in the path language, with the quick exit', async () => {
    const res = await t.app.inject({ url: '/en/no-such-page' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page not found');
    expect(res.body).toContain('id="quick-exit"');
    expect(res.body).toContain('lang="en"');
  });

  it('an unsupported language is a 404', async () => {
    expect((await t.app.inject({ url: '/xx/search?q=10115' })).statusCode).toBe(404);
  });

  it('refuses write methods on public routes without a 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/de/search', payload: 'q=1' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});
