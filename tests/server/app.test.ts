import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { buildApp } from '../../src/server/app.js';
import { AppError } from '../../src/errors/app-error.js';
import { freshDb } from '../support/db.js';
import { standardWorld } from '../support/factories.js';
import { call, login, testApp } from './helpers.js';

const STRICT = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:";

describe('HTTP edge: headers, errors, documentation, web application', () => {
  let h: DbHandle;
  let app: FastifyInstance;
  let dist: string;
  let logs = '';
  beforeAll(async () => {
    h = await freshDb('sqlite');
    await standardWorld(h.db);
    dist = mkdtempSync(join(tmpdir(), 'delib-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Délib SPA</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    const logStream = new Writable({ write(chunk, _enc, cb) { logs += String(chunk); cb(); } });
    app = await buildApp({ handle: h, webDist: dist, logStream });
    app.get('/api/test/boom', { config: { public: true } }, async () => {
      throw new Error('secret detail at /home/x/file.ts:12');
    });
    app.get('/api/test/forbidden', { config: { public: true } }, async () => {
      throw new AppError('FORBIDDEN');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('sets the security headers with a strict CSP on API responses and on pages', async () => {
    for (const url of ['/api/auth/me', '/juries/31310', '/api/nothing-here']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toContain(STRICT);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).headers['cache-control']).toBe('no-store');
  });

  it('serves the OpenAPI document and the viewer, whose relaxed CSP stays under /api/docs', async () => {
    const json = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    const doc = json.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users', '/api/juries', '/api/journal', '/api/imports']));
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('login');
    const ui = await app.inject({ method: 'GET', url: '/api/docs' });
    const page = ui.statusCode === 302 ? await app.inject({ method: 'GET', url: ui.headers.location as string }) : ui;
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
  });

  it('serves the built web application with an index.html fallback, but JSON 404 under /api', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    const deep = await app.inject({ method: 'GET', url: '/deliberation/avancement?x=1' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('Délib SPA');
    const api = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ code: 'NOT_FOUND', message: 'Ressource introuvable.' });
  });

  it('says in French how to build the web application when it is missing', async () => {
    const bare = await testApp(h);
    const res = await bare.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build:web');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    await bare.close();
  });

  it('maps validation errors to 400 with a French message', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: '' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION');
    expect(body.message).toMatch(/identifiant est obligatoire|Requête invalide/);
    expect(JSON.stringify(body)).not.toMatch(/Invalid|Required|expected/);
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"login":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/JSON/);
  });

  it('never sends a stack trace: internal errors are a French 500', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'INTERNAL', message: expect.stringContaining('Erreur interne') });
    expect(res.body).not.toContain('file.ts');
    const f = await app.inject({ method: 'GET', url: '/api/test/forbidden' });
    expect(f.statusCode).toBe(403);
    expect(f.json().message).toMatch(/droit/);
  });

  it('logs method, route pattern, status and timing, never the URL or query string', async () => {
    logs = '';
    const s = await login(app, 'academie');
    await call(app, s, 'GET', '/api/journal?actor=DUBOIS%20Pierre&jury=31310');
    await app.inject({ method: 'GET', url: '/api/nothing?nom=DUPONT' });
    expect(logs).toContain('"route":"/api/journal"');
    expect(logs).toContain('"status":200');
    expect(logs).not.toMatch(/DUBOIS|DUPONT|actor=|mot-de-passe/);
  });
});
