// Sessions, cookies, login and passwords (issue #8 §2; ASVS 5.0 V6/V7, ANSSI passwords):
// session fixation, cookie flags, server-side logout and expiry, rotation, sessions closed by a
// password reset; login answers that reveal nothing (same status, message and timing class for an
// unknown login, a wrong password, a disabled account), rate limiting that cannot be dodged with
// X-Forwarded-For, the password policy.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { DEFAULT_SCRYPT, hashPassword } from '../../src/features/auth/password.js';
import { RATE_LIMIT, RATE_LIMIT_MESSAGE } from '../../src/features/auth/rate-limit.js';
import { SESSION_POLICY } from '../../src/features/auth/sessions.js';
import { sha256Hex } from '../../src/features/auth/tokens.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { TEST_PASSWORD, standardWorld, user } from '../support/factories.js';
import { TestClock, login, sessionCookieOf, testApp } from '../server/helpers.js';

const me = (app: FastifyInstance, cookie?: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: cookie ? { cookie } : {} });
const tryLogin = (app: FastifyInstance, loginName: string, password: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: loginName, password }, headers });

describeEachDialect('security: sessions and cookies', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  const clock = new TestClock();
  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    app = await testApp(h, clock);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });
  beforeEach(async () => {
    await h.db.deleteFrom('auth_failure').execute();
  });

  it('the session cookie is HttpOnly, SameSite=Strict, Path=/, a session cookie (no lifetime on disk)', async () => {
    const res = await tryLogin(app, 'academie', TEST_PASSWORD);
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/^delib_sid=[A-Za-z0-9_-]{43};/);
    expect(raw).toMatch(/; HttpOnly/);
    expect(raw).toMatch(/; SameSite=Strict/);
    expect(raw).toMatch(/; Path=\//);
    expect(raw).not.toMatch(/Max-Age|Expires|Domain/i);
    expect(raw).not.toMatch(/; Secure/); // plain HTTP in this test: see the next test
  });

  it('the cookie is Secure when configured (DELIB_SECURE_COOKIES) or behind HTTPS', async () => {
    const secure = await testApp(h, clock, { secureCookies: true });
    try {
      const res = await tryLogin(secure, 'academie', TEST_PASSWORD);
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('session fixation: a planted session cookie is replaced at login and the planted session dies', async () => {
    const attacker = await login(app, 'centre-0390007W'); // the attacker's own valid session…
    const res = await tryLogin(app, 'academie', TEST_PASSWORD, { cookie: attacker.cookie }); // …planted in the victim's browser
    const victim = sessionCookieOf(res)!;
    expect(victim).not.toBe(attacker.cookie);
    expect((await me(app, victim)).json().user.login).toBe('academie');
    expect((await me(app, attacker.cookie)).json().user).toBeNull();
    const random = await tryLogin(app, 'academie', TEST_PASSWORD, { cookie: 'delib_sid=choisi-par-l-attaquant' });
    expect(sessionCookieOf(random)).not.toBe('delib_sid=choisi-par-l-attaquant');
  });

  it('only digests of session tokens are stored; each session has its own CSRF token', async () => {
    const a = await login(app, 'academie');
    const b = await login(app, 'academie');
    expect(a.csrf).not.toBe(b.csrf);
    const token = a.cookie.slice('delib_sid='.length);
    const rows = await h.db.selectFrom('app_session').select(['id', 'prev_id']).execute();
    expect(rows.some((r) => r.id === token || r.prev_id === token)).toBe(false);
    expect(rows.some((r) => r.id === sha256Hex(token))).toBe(true);
  });

  it('logout ends the session on the server: the old cookie is worthless', async () => {
    const s = await login(app, 'centre-0250001R');
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/delib_sid=;/);
    expect((await me(app, s.cookie)).json().user).toBeNull();
    const replay = await app.inject({ method: 'GET', url: '/api/juries', headers: { cookie: s.cookie } });
    expect(replay.statusCode).toBe(401);
  });

  it('idle expiry (8 h without activity) and absolute expiry (12 h whatever the activity)', async () => {
    const idle = await login(app, 'centre-0250001R');
    clock.advance(SESSION_POLICY.idleMs + 1000);
    expect((await me(app, idle.cookie)).json().user).toBeNull();

    let s = await login(app, 'centre-0250001R');
    let cookie = s.cookie;
    for (let t = 0; t < SESSION_POLICY.absoluteMs - 3_600_000; t += 3_600_000) {
      clock.advance(3_600_000);
      const res = await me(app, cookie);
      expect(res.json().user, `after ${(t + 3_600_000) / 3_600_000} h`).not.toBeNull();
      cookie = sessionCookieOf(res) ?? cookie;
    }
    clock.advance(3_600_000 + 1000);
    expect((await me(app, cookie)).json().user).toBeNull();
    s = await login(app, 'centre-0250001R');
    expect((await me(app, s.cookie)).json().user).not.toBeNull();
  });

  it('the token rotates every 15 min; the previous one lives only for a short grace', async () => {
    const s = await login(app, 'centre-0250001R');
    clock.advance(SESSION_POLICY.rotateAfterMs + 1000);
    const res = await me(app, s.cookie);
    const rotated = sessionCookieOf(res)!;
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(s.cookie);
    expect((await me(app, s.cookie)).json().user).not.toBeNull(); // in-flight requests still pass
    clock.advance(SESSION_POLICY.rotationGraceMs + 1000);
    expect((await me(app, s.cookie)).json().user).toBeNull();
    expect((await me(app, rotated)).json().user.login).toBe('centre-0250001R');
  });

  it('a password reset or a deactivation by the académie closes the account\'s open sessions', async () => {
    const aca = await login(app, 'academie');
    const victim = await login(app, 'jury-31408');
    const reset = await app.inject({
      method: 'PATCH', url: '/api/users/jury-31408', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf }, payload: { password: 'une nouvelle phrase de passe' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await me(app, victim.cookie)).json().user).toBeNull();
    const again = await login(app, 'jury-31408', 'une nouvelle phrase de passe');
    await app.inject({ method: 'PATCH', url: '/api/users/jury-31408', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf }, payload: { active: false } });
    expect((await me(app, again.cookie)).json().user).toBeNull();
    await app.inject({ method: 'PATCH', url: '/api/users/jury-31408', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf }, payload: { active: true, password: TEST_PASSWORD } });
  });
});

describeEachDialect('security: login answers and rate limiting', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  const clock = new TestClock();
  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    // real-cost hashes (the dummy verification of unknown logins uses them too)
    await user(h.db, { login: 'reel', role: 'academie', scope: 'A03', password: 'x' });
    await h.db.updateTable('app_user').set({ password_hash: await hashPassword(TEST_PASSWORD, DEFAULT_SCRYPT) }).where('login', '=', 'reel').execute();
    await user(h.db, { login: 'desactive', role: 'centre', scope: '0250001R', active: false });
    await h.db.updateTable('app_user').set({ password_hash: await hashPassword(TEST_PASSWORD, DEFAULT_SCRYPT) }).where('login', '=', 'desactive').execute();
    await h.db.insertInto('app_user').values({
      login: 'sans-hachage', display_name: 'x', role: 'jury', scope: '31310', password_hash: '!acces-de-secours', active: 1, created_at: '2023-06-01T00:00:00Z', updated_at: null,
    }).execute();
    app = await testApp(h, clock);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });
  beforeEach(async () => {
    await h.db.deleteFrom('auth_failure').execute();
  });

  it('unknown login, wrong password, disabled account, account without a password: the same 401 and message', async () => {
    const answers = new Set<string>();
    for (const [l, p] of [['inconnu', TEST_PASSWORD], ['reel', 'mauvais mot de passe'], ['desactive', TEST_PASSWORD], ['sans-hachage', '!acces-de-secours'], ['reel ', 'x'], ['REEL', TEST_PASSWORD]] as const) {
      const res = await tryLogin(app, l, p);
      answers.add(`${res.statusCode} ${res.body}`);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const emergency = await app.inject({ method: 'POST', url: '/api/deliberation/emergency-login', payload: { login: 'secours-31310', password: 'Abcd-Efgh-Jkmn-Pqrs' } });
    answers.add(`${emergency.statusCode} ${emergency.body}`);
    expect([...answers]).toEqual(['401 {"code":"UNAUTHENTICATED","message":"Identifiant ou mot de passe incorrect."}']);
  });

  it('timing class: an unknown login or an account without a hash costs a real password verification', async () => {
    const time = async (l: string, p: string) => {
      const t0 = performance.now();
      await tryLogin(app, l, p);
      return performance.now() - t0;
    };
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const runs: Record<string, number[]> = { unknown: [], wrong: [], noHash: [] };
    for (let i = 0; i < 3; i++) {
      await h.db.deleteFrom('auth_failure').execute();
      runs.unknown!.push(await time(`inconnu-${i}`, 'mauvais mot de passe'));
      runs.wrong!.push(await time('reel', 'mauvais mot de passe'));
      runs.noHash!.push(await time('sans-hachage', 'mauvais mot de passe'));
    }
    const wrong = med(runs.wrong!);
    for (const k of ['unknown', 'noHash'] as const) {
      const ratio = med(runs[k]!) / wrong;
      // same class: a skipped scrypt would be ~100 times faster; wide bounds keep a loaded machine from flaking
      expect(ratio, `${k}: ${med(runs[k]!).toFixed(0)} ms vs wrong password ${wrong.toFixed(0)} ms`).toBeGreaterThan(0.2);
      expect(ratio, k).toBeLessThan(5);
    }
  });

  it('5 failures on one login: 429 even with the right password, the same for an unknown login; back after the window', async () => {
    for (let i = 0; i < RATE_LIMIT.maxPerLogin; i++) expect((await tryLogin(app, 'reel', `faux ${i}`)).statusCode).toBe(401);
    const blocked = await tryLogin(app, 'reel', TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toEqual({ code: 'RATE_LIMITED', message: RATE_LIMIT_MESSAGE });
    for (let i = 0; i < RATE_LIMIT.maxPerLogin; i++) await tryLogin(app, 'personne', `faux ${i}`);
    expect((await tryLogin(app, 'personne', 'x')).json()).toEqual({ code: 'RATE_LIMITED', message: RATE_LIMIT_MESSAGE });
    // case and spaces do not open a fresh counter
    expect((await tryLogin(app, ' REEL ', TEST_PASSWORD)).statusCode).toBe(429);
    clock.advance(RATE_LIMIT.windowMs + 1000);
    expect((await tryLogin(app, 'reel', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('20 failures from one address block every login from it; X-Forwarded-For does not get around it', async () => {
    // 19 earlier failures from this address (as recorded by the login), then a real 20th one
    const at = clock.now().toISOString();
    await h.db.insertInto('auth_failure').values(Array.from({ length: RATE_LIMIT.maxPerAddress - 1 }, () => ({ key: sha256Hex('ip:127.0.0.1'), at }))).execute();
    expect((await tryLogin(app, 'compte-20', 'faux', { 'x-forwarded-for': '10.0.0.20' })).statusCode).toBe(401);
    for (const xff of [undefined, '10.9.9.9', '127.0.0.2']) {
      const res = await tryLogin(app, 'reel', TEST_PASSWORD, xff ? { 'x-forwarded-for': xff } : {});
      expect(res.statusCode, String(xff)).toBe(429);
    }
    clock.advance(RATE_LIMIT.windowMs + 1000);
  });

  it('the failure log keeps digests only: neither typed logins (a mistyped password?) nor addresses', async () => {
    await tryLogin(app, 'mon-mot-de-passe-par-erreur', 'x');
    const rows = await h.db.selectFrom('auth_failure').select('key').execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.key).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe('security: password policy (ANSSI: 12 characters at least, passphrases welcome)', () => {
  let h: DbHandle;
  let app: FastifyInstance;
  let aca: { cookie: string; csrf: string };
  beforeAll(async () => {
    h = await freshDb('sqlite');
    await standardWorld(h.db);
    app = await testApp(h);
    aca = await login(app, 'academie');
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });
  const create = (loginName: string, password: string) => app.inject({
    method: 'POST', url: '/api/users', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf },
    payload: { login: loginName, name: 'N', role: 'centre', scope: '0250001R', password },
  });

  it('refuses short or trivial passwords with a French message, accepts 12 characters and passphrases', async () => {
    for (const p of ['court', 'onzecaracte', ' '.repeat(12), 'a'.repeat(12), '😀'.repeat(11)]) {
      const res = await create(`u${Math.random().toString(36).slice(2, 8)}`, p);
      expect(res.statusCode, JSON.stringify(p)).toBe(400);
      expect(res.json().message).toMatch(/mot de passe/i);
    }
    // 'douze-carac.' (12 characters but two dictionary words) is refused as guessable since issue #14 item 14
    expect((await create('guessable', 'douze-carac.')).json().message).toMatch(/trop facile à deviner/);
    for (const [i, p] of ['pX7-vélo-Kû2', 'cheval correct batterie agrafe', 'Ünïcödé-passé-2023'].entries()) {
      expect((await create(`ok${i}`, p)).statusCode, p).toBe(201);
    }
    const update = await app.inject({ method: 'PATCH', url: '/api/users/ok0', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf }, payload: { password: 'trop court' } });
    expect(update.statusCode).toBe(400);
  });

  it('passwords are stored as memory-hard scrypt hashes (N = 2^15), never in clear, never journaled', async () => {
    const row = await h.db.selectFrom('app_user').select('password_hash').where('login', '=', 'ok1').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    const journal = await h.db.selectFrom('journal').select(['before_json', 'after_json']).execute();
    expect(JSON.stringify(journal)).not.toMatch(/cheval correct|pX7-vélo/);
  });
});
