// Malicious request bodies (ASVS 5.0 V1/V2): mass assignment (extra fields are dropped by the
// schemas), prototype pollution, NUL characters (PostgreSQL refuses them: a 400, never a 500),
// deeply nested or oversized bodies; no CORS: another origin cannot read the API.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { testApp, type Session } from '../server/helpers.js';
import { loginAll, securityWorld, type Who, type World } from './world.js';

describeEachDialect('security: hostile request bodies', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let s: Map<Who, Session | null>;
  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await securityWorld(h);
    app = await testApp(h);
    s = await loginAll(app);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const post = (who: Exclude<Who, 'anonyme'>, method: 'POST' | 'PATCH', url: string, payload: string | object) => {
    const x = s.get(who)!;
    return app.inject({ method, url, headers: { cookie: x.cookie, 'x-csrf-token': x.csrf, 'content-type': 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  };

  it('mass assignment: fields outside the schema (role, scope, version, state…) are ignored', async () => {
    const upd = await post('academie', 'PATCH', '/api/users/jury-31408', { name: 'Jury 31408', role: 'academie', scope: 'A03', password_hash: 'x', active: true });
    expect(upd.statusCode).toBe(200);
    const u = await h.db.selectFrom('app_user').select(['role', 'scope', 'password_hash']).where('login', '=', 'jury-31408').executeTakeFirstOrThrow();
    expect([u.role, u.scope]).toEqual(['jury', '31408']);
    expect(u.password_hash).toMatch(/^scrypt\$/);
    const g = await post('jury-31310', 'POST', `/api/deliberation/candidates/${w.c1}/grade-changes`, { group: 1, epreuve: 'U1', value: '12,5', version: 1, candidateId: w.c3, juryCode: '31408', updated_by: 'quelqu\'un' });
    expect(g.statusCode).toBe(200);
    const other = await h.db.selectFrom('grade').select('hundredths').where('candidate_id', '=', w.c3).where('epreuve_code', '=', 'U1').executeTakeFirstOrThrow();
    expect(other.hundredths).toBe(800);
    const mine = await h.db.selectFrom('grade').select(['hundredths', 'updated_by']).where('candidate_id', '=', w.c1).where('epreuve_code', '=', 'U1').executeTakeFirstOrThrow();
    expect(mine).toEqual({ hundredths: 1250, updated_by: 'DUBOIS Pierre' });
  });

  it('prototype pollution through JSON bodies is refused', async () => {
    for (const body of ['{"__proto__":{"polluted":true},"member":"president"}', '{"constructor":{"prototype":{"polluted":true}},"member":"president"}']) {
      const res = await post('jury-31310', 'POST', '/api/auth/acting-member', body);
      expect(res.statusCode).toBeLessThan(500);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
    const proto = await post('jury-31310', 'POST', '/api/auth/acting-member', '{"__proto__":{"polluted":true},"member":"president"}');
    expect(proto.statusCode).toBe(400);
  });

  it('a NUL character anywhere in a JSON body is a 400 (never reaches PostgreSQL)', async () => {
    const bodies: [string, object][] = [
      [`/api/deliberation/candidates/${w.c1}/grade-changes`, { group: 1, epreuve: 'U1\u0000', value: '12', version: 2 }],
      ['/api/editions/resultats-admis/documents', { juries: ['31311\u0000'], title: 'T', format: 'pdf' }],
      ['/api/second-group/double-entry', { juryCode: '31312', epreuveCode: 'U1\u0000', enabled: true }],
      ['/api/users', { login: 'nul-user', name: 'N\u0000', role: 'centre', scope: '0250001R', password: 'une phrase de passe' }],
    ];
    for (const [url, body] of bodies) {
      const who = url.startsWith('/api/users') ? 'academie' : url.includes('deliberation') ? 'jury-31310' : 'centre-0250001R';
      const res = await post(who, 'POST', url, body);
      expect(res.statusCode, url).toBe(400);
    }
  });

  it('deeply nested and oversized bodies are refused without harm', async () => {
    const deep = '{"member":"president","x":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    const res = await post('jury-31310', 'POST', '/api/auth/acting-member', deep);
    expect(res.statusCode).toBeLessThan(500);
    const rows = Array.from({ length: 5001 }, (_, i) => ({ candidateId: i + 1, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 0 }));
    const big = await post('centre-0250001R', 'POST', '/api/second-group/choices', { rows });
    expect(big.statusCode).toBe(400);
  });

  it('no CORS: the API does not answer cross-origin reads', async () => {
    const x = s.get('centre-0250001R')!;
    const res = await app.inject({ method: 'GET', url: '/api/juries', headers: { cookie: x.cookie, origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    const pre = await app.inject({ method: 'OPTIONS', url: '/api/juries', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });
});
