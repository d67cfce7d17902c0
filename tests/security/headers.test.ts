// Security headers on every kind of response (issue #8 §2; ASVS 5.0 V3): HTML pages, API JSON,
// file downloads and CSV exports, and error responses (400, 401, 403, 404, 405/415, 413, 429, 500):
// a CSP without 'unsafe-inline' and with frame-ancestors 'none', nosniff, no referrer, no framing,
// no caching of API answers, nothing that names the server software.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { buildApp } from '../../src/server/app.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { TestClock, login, type Session } from '../server/helpers.js';
import { loginAll, securityWorld, type Who, type World } from './world.js';

function expectHardened(res: LightMyRequestResponse, what: string, opts: { api?: boolean } = {}): void {
  const csp = String(res.headers['content-security-policy'] ?? '');
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain('unsafe-inline');
  expect(csp, what).not.toContain('unsafe-eval');
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['referrer-policy'], what).toBe('no-referrer');
  expect(res.headers['x-frame-options'], what).toBe('DENY');
  expect(res.headers['x-powered-by'], what).toBeUndefined();
  expect(res.headers.server, what).toBeUndefined();
  if (opts.api) expect(res.headers['cache-control'], what).toBe('no-store');
}

describeEachDialect('security: response headers', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let s: Map<Who, Session | null>;
  const clock = new TestClock();
  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await securityWorld(h);
    const dist = mkdtempSync(join(tmpdir(), 'delib-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Délib</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'export {}');
    app = await buildApp({ handle: h, webDist: dist, now: clock.now });
    app.get('/api/test/boom', { config: { public: true } }, async () => {
      throw new Error('boom');
    });
    await app.ready();
    s = await loginAll(app);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('HTML pages and static assets', async () => {
    for (const url of ['/', '/connexion', '/deliberation/31310', '/assets/app.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectHardened(res, url);
    }
  });

  it('API answers, downloads and CSV exports', async () => {
    const centre = s.get('centre-0250001R')!;
    const aca = s.get('academie')!;
    const checks: [string, Promise<LightMyRequestResponse>][] = [
      ['me', app.inject({ method: 'GET', url: '/api/auth/me' })],
      ['juries', app.inject({ method: 'GET', url: '/api/juries', headers: { cookie: centre.cookie } })],
      ['document', app.inject({ method: 'GET', url: `/api/documents/${w.docA}`, headers: { cookie: centre.cookie } })],
      ['compte-rendu', app.inject({ method: 'GET', url: `/api/jobs/${w.jobA}/compte-rendu`, headers: { cookie: centre.cookie } })],
      ['csv export', app.inject({ method: 'POST', url: '/api/second-group/choices/export', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf }, payload: {} })],
      ['pdf edition', app.inject({ method: 'POST', url: '/api/editions/resultats-admis/documents', headers: { cookie: centre.cookie, 'x-csrf-token': centre.csrf }, payload: { juries: ['31311'], title: 'Admis', format: 'pdf' } })],
    ];
    for (const [what, p] of checks) {
      const res = await p;
      expect(res.statusCode, what).toBe(200);
      expectHardened(res, what, { api: true });
      if (what !== 'me' && what !== 'juries') {
        expect(res.headers['content-disposition'], what).toMatch(/^attachment; filename="[^"\r\n]+"; filename\*=UTF-8''/);
      }
    }
  });

  it('error responses: 400, 401, 403, 404, 413, 415, 429, 500', async () => {
    const centre = s.get('centre-0250001R')!;
    const errors: [number, Promise<LightMyRequestResponse>][] = [
      [400, app.inject({ method: 'GET', url: '/api/journal?page=0', headers: { cookie: centre.cookie } })],
      [401, app.inject({ method: 'GET', url: '/api/juries' })],
      [403, app.inject({ method: 'GET', url: '/api/users', headers: { cookie: centre.cookie } })],
      [403, app.inject({ method: 'POST', url: '/api/juries/bulk-transitions', headers: { cookie: centre.cookie }, payload: { action: 'X' } })],
      [404, app.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie: centre.cookie } })],
      [404, app.inject({ method: 'POST', url: '/api/nothing-here' })],
      [413, app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ login: 'x', password: 'y'.repeat(2 * 1024 * 1024) }) })],
      [415, app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<x/>' })],
      [500, app.inject({ method: 'GET', url: '/api/test/boom' })],
    ];
    for (const [status, p] of errors) {
      const res = await p;
      expect(res.statusCode).toBe(status);
      expectHardened(res, String(status), { api: true });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).not.toMatch(/at .*\.(ts|js):\d+|node_modules|boom/); // no stack, no internal message
    }
    const page = await app.inject({ method: 'POST', url: '/nothing-here' });
    expect(page.statusCode).toBe(404);
    expectHardened(page, 'page 404');
    await h.db.deleteFrom('auth_failure').execute();
    const rl = [];
    for (let i = 0; i < 6; i++) rl.push(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'limite', password: 'faux' } }));
    expect(rl.at(-1)!.statusCode).toBe(429);
    expectHardened(rl.at(-1)!, '429', { api: true });
    await h.db.deleteFrom('auth_failure').execute();
  });

  it('the API documentation keeps frame-ancestors none (its relaxed style-src is confined to /api/docs)', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(String(res.headers['content-security-policy'])).not.toMatch(/script-src[^;]*unsafe/);
    const other = await app.inject({ method: 'GET', url: '/api/docsx' });
    expect(String(other.headers['content-security-policy'])).not.toContain('unsafe-inline');
    void login;
  });
});
