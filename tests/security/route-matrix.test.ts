// Route × role × scope matrix (issue #8 §2): EVERY route of the application — enumerated from
// Fastify's route tree, so that a new route without a matrix entry fails — called by every role,
// in and out of scope. Anonymous gets 401 (public routes apart), out-of-scope resources 404, in-scope
// but not allowed 403, never a 500. A state-changing call that succeeded is undone (restore of a
// snapshot taken with `delib backup`'s code) before the next caller.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { createBackup } from '../../src/features/backup/create-backup.js';
import { restoreBackup } from '../../src/features/backup/restore-backup.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { testApp, type Session } from '../server/helpers.js';
import { CASES, DOCUMENTATION_PREFIX, PUBLIC_ROUTES, send } from './cases.js';
import { WHO, appRoutes, loginAll, securityWorld, type Who, type World } from './world.js';

const DISCOVER = process.env.DELIB_MATRIX_DISCOVER === '1';

describeEachDialect('security: route × role × scope matrix', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let snapshot: string;
  let sessions: Map<Who, Session | null>;

  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await securityWorld(h);
    snapshot = join(mkdtempSync(join(tmpdir(), 'delib-matrix-')), 'monde.zip');
    await createBackup(h, snapshot);
    app = await testApp(h);
    sessions = await loginAll(app);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  async function relogin(who: Exclude<Who, 'anonyme'>): Promise<void> {
    const fresh = await loginAll(app, [who]);
    sessions.set(who, fresh.get(who)!);
  }

  async function undo(): Promise<void> {
    await restoreBackup(h, snapshot, { replace: true });
    sessions = await loginAll(app);
  }

  it('every route of the application has a matrix entry, and every entry is a route', () => {
    const actual = appRoutes(app)
      .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith(DOCUMENTATION_PREFIX))
      .map((r) => `${r.method} ${r.url}`);
    expect(actual.length).toBeGreaterThan(30);
    const declared = new Set(CASES.map((c) => c.route));
    expect(actual.filter((r) => !declared.has(r)), 'routes without a matrix entry').toEqual([]);
    expect([...declared].filter((r) => !actual.includes(r)), 'matrix entries that are not routes').toEqual([]);
  });

  it('the OpenAPI document lists the same API routes (none hidden from the documentation)', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(new Set(documented)).toEqual(new Set(CASES.map((c) => c.route)));
  });

  const discovered: string[] = [];
  for (const c of CASES) {
    it(`${c.route} — ${c.name}`, async () => {
      const got: Partial<Record<Who, number>> = {};
      for (const who of WHO) {
        const res = await send(app, sessions.get(who) ?? null, c, w);
        got[who] = res.statusCode;
        expect(res.statusCode, `${who}: never a 500`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json().message, `${who}: a French message`).toMatch(/[a-zé]/);
        if (!c.route.startsWith('GET ') && res.statusCode < 300) {
          if ((c.effect ?? 'data') === 'data') await undo();
          else if (c.effect === 'session' && who !== 'anonyme') await relogin(who);
        }
        await h.db.deleteFrom('auth_failure').execute();
      }
      if (DISCOVER) discovered.push(`${c.route} — ${c.name}: ${JSON.stringify(got)}`);
      else expect(got).toEqual(c.expect);
    });
  }

  it('anonymous callers get 401 on every route but the public ones', async () => {
    for (const c of CASES) {
      if (PUBLIC_ROUTES.includes(c.route)) continue;
      expect(c.expect.anonyme, c.route).toBe(401);
    }
    if (DISCOVER) console.log(discovered.join('\n'));
  });
});
