import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { standardWorld, TEST_PASSWORD, user } from '../../support/factories.js';
import { call, login, sessionCookieOf, testApp, TestClock } from '../../server/helpers.js';

describeEachDialect('authentication', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  const clock = new TestClock();
  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    await user(h.db, { login: 'inactif', role: 'centre', scope: '0250001R', active: false });
    await user(h.db, { login: 'limite', role: 'centre', scope: '0250001R' });
    app = await testApp(h, clock);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('logs in: HttpOnly, SameSite=Strict, Path=/ cookie and the current user with a CSRF token', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'centre-0250001R', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'delib_sid')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    expect(c.path).toBe('/');
    expect(c.secure).toBeFalsy();
    expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const body = res.json();
    expect(body.user).toMatchObject({ login: 'centre-0250001R', role: 'centre', scope: '0250001R', scopeLabel: 'LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await call(app, { cookie: `delib_sid=${c.value}`, csrf: '' }, 'GET', '/api/auth/me');
    expect(me.json().user.login).toBe('centre-0250001R');
    expect(me.json().csrfToken).toBe(body.csrfToken);
  });

  it('stores only a digest of the session token', async () => {
    const s = await login(app, 'academie');
    const token = s.cookie.split('=')[1]!;
    const rows = await h.db.selectFrom('app_session').select(['id']).execute();
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it('marks the cookie Secure with secureCookies', async () => {
    const secureApp = await testApp(h, clock, { secureCookies: true });
    const res = await secureApp.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'academie', password: TEST_PASSWORD } });
    expect(res.cookies.find((x) => x.name === 'delib_sid')!.secure).toBe(true);
    await secureApp.close();
  });

  it('answers exactly the same 401 for an unknown login, a wrong password and an inactive account', async () => {
    const answers = await Promise.all([
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'personne', password: TEST_PASSWORD }, remoteAddress: '10.0.0.1' }),
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'academie', password: 'mauvais-mot-de-passe' }, remoteAddress: '10.0.0.2' }),
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'inactif', password: TEST_PASSWORD }, remoteAddress: '10.0.0.3' }),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'Identifiant ou mot de passe incorrect.' });
      expect(sessionCookieOf(res)).toBeUndefined();
    }
  });

  it('gives a new session id at every login (no fixation) and closes the previous one', async () => {
    const a = await login(app, 'jury-31310');
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: a.cookie }, payload: { login: 'jury-31310', password: TEST_PASSWORD } });
    const b = sessionCookieOf(res)!;
    expect(b).not.toBe(a.cookie);
    expect((await call(app, a, 'GET', '/api/auth/me')).json().user).toBeNull();
    expect((await call(app, { cookie: b, csrf: '' }, 'GET', '/api/auth/me')).json().user.login).toBe('jury-31310');
  });

  it('logs out: the session no longer works and the cookie is cleared', async () => {
    const s = await login(app, 'centre-0390007W');
    const res = await call(app, s, 'POST', '/api/auth/logout');
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((x) => x.name === 'delib_sid')?.value).toBe('');
    expect((await call(app, s, 'GET', '/api/auth/me')).json()).toEqual({ user: null, csrfToken: '' });
  });

  it('refuses a state-changing request without the right CSRF token (403), and without a session (401)', async () => {
    const s = await login(app, 'academie');
    const noHeader = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json()).toEqual({ code: 'CSRF_INVALID', message: 'Jeton CSRF invalide.' });
    const wrong = await call(app, { ...s, csrf: 'x'.repeat(43) }, 'PATCH', '/api/users/academie', { name: 'X' });
    expect(wrong.statusCode).toBe(403);
    expect((await call(app, s, 'GET', '/api/auth/me')).json().user.login).toBe('academie');
    expect((await call(app, null, 'PATCH', '/api/users/academie', { name: 'X' })).statusCode).toBe(401);
  });

  it('rate limits: after 5 failures on a login, even the right password gets 429 for 15 minutes', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'limite', password: `faux-${i}-xxxxxxxx` }, remoteAddress: `10.1.0.${i}` });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'limite', password: TEST_PASSWORD }, remoteAddress: '10.1.1.1' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toBe('Trop de tentatives. Réessayez plus tard.');
    clock.advance(15 * 60 * 1000 + 1000);
    const ok = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'limite', password: TEST_PASSWORD }, remoteAddress: '10.1.1.1' });
    expect(ok.statusCode).toBe(200);
  });

  it('rate limits per address too (20 failures, any logins)', async () => {
    for (let i = 0; i < 20; i++) {
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: `inconnu-${i}`, password: 'xxxxxxxxxxxx' }, remoteAddress: '10.9.9.9' });
    }
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'academie', password: TEST_PASSWORD }, remoteAddress: '10.9.9.9' });
    expect(res.statusCode).toBe(429);
    const other = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'academie', password: TEST_PASSWORD }, remoteAddress: '10.9.9.8' });
    expect(other.statusCode).toBe(200);
  });

  describe('session lifetime', () => {
    it('slides its idle expiry, rotates its id, and ends after 12 hours whatever happens', async () => {
      const s = await login(app, 'centre-0250001R');
      clock.advance(20 * 60 * 1000); // past the rotation period
      const r1 = await call(app, s, 'GET', '/api/auth/me');
      expect(r1.json().user.login).toBe('centre-0250001R');
      const rotated = sessionCookieOf(r1);
      expect(rotated).toBeDefined();
      expect(rotated).not.toBe(s.cookie);
      // the previous id stays valid for a short grace only
      expect((await call(app, s, 'GET', '/api/auth/me')).json().user).not.toBeNull();
      clock.advance(2 * 60 * 1000);
      expect((await call(app, s, 'GET', '/api/auth/me')).json().user).toBeNull();
      // logging out with the previous token (still in its grace) ends the session too
      const other = await login(app, 'jury-31310');
      clock.advance(20 * 60 * 1000);
      const rotatedOther = sessionCookieOf(await call(app, other, 'GET', '/api/auth/me'))!;
      expect((await call(app, other, 'POST', '/api/auth/logout')).statusCode).toBe(204);
      expect((await call(app, { cookie: rotatedOther, csrf: other.csrf }, 'GET', '/api/auth/me')).json().user).toBeNull();
      clock.advance(-20 * 60 * 1000);
      expect((await call(app, s, 'GET', '/api/auth/me')).json().user).toBeNull();
      let cur = { cookie: rotated!, csrf: s.csrf };
      // keep it alive every 7 h 59: idle expiry slides... until the 12-hour absolute limit
      for (const step of [7, 4]) {
        clock.advance(step * 60 * 60 * 1000);
        const r = await call(app, cur, 'GET', '/api/auth/me');
        expect(r.json().user?.login).toBe('centre-0250001R');
        cur = { cookie: sessionCookieOf(r) ?? cur.cookie, csrf: s.csrf };
      }
      clock.advance(60 * 60 * 1000);
      expect((await call(app, cur, 'GET', '/api/auth/me')).json().user).toBeNull();
    });

    it('expires after 8 hours idle', async () => {
      const s = await login(app, 'jury-31408');
      clock.advance(8 * 60 * 60 * 1000 + 1);
      expect((await call(app, s, 'GET', '/api/auth/me')).json().user).toBeNull();
    });
  });
});
