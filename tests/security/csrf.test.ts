// CSRF on every state-changing route (issue #8 §2): each POST/PUT/PATCH/DELETE route of the
// application (enumerated from Fastify, not from a list) is called by a caller allowed to use it,
// with a valid session cookie but without the x-csrf-token header, with a wrong one, and with the
// token of another session: always 403 CSRF_INVALID, and nothing changes in the database. A cross-site
// form post (text/plain, url-encoded) is refused as well. The only exemptions are the two logins.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { databaseDigest } from '../../src/features/backup/digest.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { testApp, type Session } from '../server/helpers.js';
import { CASES, DOCUMENTATION_PREFIX } from './cases.js';
import { appRoutes, loginAll, securityWorld, type Who, type World } from './world.js';

const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE'];
const CSRF_EXEMPT = ['POST /api/auth/login', 'POST /api/deliberation/emergency-login'];

describeEachDialect('security: CSRF on every state-changing route', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let sessions: Map<Who, Session | null>;
  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await securityWorld(h);
    app = await testApp(h);
    sessions = await loginAll(app);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('every state-changing route refuses a request without, with a wrong, or with another session\'s token', async () => {
    const routes = appRoutes(app).filter((r) => STATE_CHANGING.includes(r.method) && r.url.startsWith('/api/') && !r.url.startsWith(DOCUMENTATION_PREFIX))
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThan(15);
    const before = await databaseDigest(h.db, { exclude: ['app_session', 'auth_failure'] });
    const checked: string[] = [];
    for (const route of routes) {
      if (CSRF_EXEMPT.includes(route)) continue;
      const c = CASES.find((x) => x.route === route);
      expect(c, `${route} has a matrix case`).toBeDefined();
      // a caller the matrix allows (else any account): the CSRF check must come first anyway
      const who = (Object.entries(c!.expect).find(([k, v]) => k !== 'anonyme' && v < 300)?.[0] ?? 'academie') as Who;
      const s = sessions.get(who)!;
      const other = sessions.get(who === 'academie' ? 'centre-0250001R' : 'academie')!;
      const method = route.split(' ')[0] as 'POST';
      const body = c!.body?.(w);
      const attempts: Record<string, Record<string, string>> = {
        'no token': { cookie: s.cookie },
        'wrong token': { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(s.csrf.length) },
        'empty token': { cookie: s.cookie, 'x-csrf-token': '' },
        "another session's token": { cookie: s.cookie, 'x-csrf-token': other.csrf },
        'token in the query string': { cookie: s.cookie },
      };
      for (const [what, headers] of Object.entries(attempts)) {
        const url = what === 'token in the query string' ? `${c!.url(w)}?x-csrf-token=${s.csrf}&csrf=${s.csrf}` : c!.url(w);
        const res = await app.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
        expect(res.statusCode, `${route} (${who}, ${what})`).toBe(403);
        expect(res.json(), `${route} (${who}, ${what})`).toMatchObject({ code: 'CSRF_INVALID' });
      }
      checked.push(route);
    }
    expect(checked).toContain('POST /api/deliberation/candidates/:id/grade-changes');
    expect(checked).toContain('PUT /api/editions/preferences/:key');
    expect(await databaseDigest(h.db, { exclude: ['app_session', 'auth_failure'] })).toBe(before);
  });

  it('the logins are the only exemptions, and they cannot be used to act for someone (they only open a new session)', () => {
    const exempt = app.printRoutes({ commonPrefix: false });
    expect(exempt).toContain('/api/auth/login (POST)');
    for (const c of CASES.filter((x) => CSRF_EXEMPT.includes(x.route))) expect(c.route.startsWith('POST ')).toBe(true);
  });

  it('a classic cross-site form post (url-encoded or text/plain, no custom header) is refused', async () => {
    const s = sessions.get('jury-31310')!;
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await app.inject({
        method: 'POST', url: `/api/deliberation/candidates/${w.c1}/grade-changes`, headers: { cookie: s.cookie, 'content-type': type },
        payload: 'group=1&epreuve=U1&value=20&version=1',
      });
      expect([403, 415], type).toContain(res.statusCode);
    }
    const g = await h.db.selectFrom('grade').select('hundredths').where('candidate_id', '=', w.c1).where('epreuve_code', '=', 'U1').executeTakeFirstOrThrow();
    expect(g.hundredths).toBe(1200);
  });

  it('with the right token the same request goes through (the check is not a blanket refusal)', async () => {
    const s = sessions.get('jury-31310')!;
    const res = await app.inject({
      method: 'POST', url: `/api/deliberation/candidates/${w.c1}/grade-changes`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload: { group: 1, epreuve: 'U1', value: '12,5', version: 1 },
    });
    expect(res.statusCode).toBe(200);
  });
});
