// The jury's emergency access: login secours-<jury> against the hash stored with the plan, only while
// the académie has enabled it; a new password revokes the previous one and its sessions.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { BAD_CREDENTIALS_MESSAGE } from '../../../src/features/auth/login.js';
import { emergencyLoginOf, generateEmergencyPassword, juryOfEmergencyLogin, newEmergencyPassword } from '../../../src/features/deliberation/emergency-access.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { candidate, GOLDEN_GRADES, grades, standardWorld } from '../../support/factories.js';
import { call, login, sessionCookieOf, testApp, TestClock, type Session } from '../../server/helpers.js';

it('names and passwords of the emergency access', () => {
  expect(emergencyLoginOf('31310')).toBe('secours-31310');
  expect(juryOfEmergencyLogin(' secours-31310 ')).toBe('31310');
  expect(juryOfEmergencyLogin('jury-31310')).toBeNull();
  const p = newEmergencyPassword();
  expect(p).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
  expect(p).not.toMatch(/[01OIl]/);
  expect(newEmergencyPassword()).not.toBe(p);
});

describeEachDialect('emergency access of a jury', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let aca: Session;
  const clock = new TestClock();

  const emergency = (loginName: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/deliberation/emergency-login', payload: { login: loginName, password } });
  const sessionOf = (res: Awaited<ReturnType<typeof emergency>>): Session => ({ cookie: sessionCookieOf(res)!, csrf: res.json().csrfToken });
  const enable = (enabled: boolean) => call(app, aca, 'POST', '/api/juries/31310/emergency', { enabled, reason: 'Panne du réseau' });

  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    await grades(h.db, await candidate(h.db, { jury: '31310' }), GOLDEN_GRADES);
    app = await testApp(h, clock);
    aca = await login(app, 'academie');
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('stores only the hash; refused while disabled (same generic message), works once enabled', async () => {
    const password = await generateEmergencyPassword(h.db, '31310', clock.now());
    const row = await h.db.selectFrom('jury').select(['emergency_password_hash', 'emergency_generated_at']).where('code', '=', '31310').executeTakeFirstOrThrow();
    expect(row.emergency_password_hash).toMatch(/^scrypt\$2048\$8\$1\$/);
    expect(row.emergency_password_hash).not.toContain(password);
    expect(row.emergency_generated_at).toBe(clock.now().toISOString());

    const disabled = await emergency('secours-31310', password);
    expect(disabled.statusCode).toBe(401);
    expect(disabled.json().message).toBe(BAD_CREDENTIALS_MESSAGE);
    expect((await emergency('secours-99999', password)).json().message).toBe(BAD_CREDENTIALS_MESSAGE);

    expect((await enable(true)).statusCode).toBe(200);
    expect((await emergency('secours-31310', 'mauvais-mot-de-passe')).statusCode).toBe(401);
    const ok = await emergency('secours-31310', password);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ login: 'secours-31310', role: 'jury', scope: '31310' });
    const s = sessionOf(ok);
    expect((await call(app, s, 'POST', '/api/auth/acting-member', { member: 'vice_president' })).json().user.actingMember.name).toBe('MARTIN Claire');
    expect((await call(app, s, 'GET', '/api/deliberation/juries/31310/candidates')).statusCode).toBe(200);
    expect((await call(app, s, 'GET', '/api/deliberation/juries/31408/candidates')).statusCode).toBe(404);
    // the normal login never accepts the emergency account
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'secours-31310', password } })).statusCode).toBe(401);
  });

  it('a new password revokes the previous one and the sessions opened with it', async () => {
    const first = await generateEmergencyPassword(h.db, '31310', clock.now());
    const s = sessionOf(await emergency('secours-31310', first));
    expect((await call(app, s, 'GET', '/api/auth/me')).json().user.login).toBe('secours-31310');
    const second = await generateEmergencyPassword(h.db, '31310', clock.now());
    expect(second).not.toBe(first);
    expect((await call(app, s, 'GET', '/api/auth/me')).json().user).toBeNull();
    expect((await emergency('secours-31310', first)).statusCode).toBe(401);
    expect((await emergency('secours-31310', second)).statusCode).toBe(200);
  });

  it('an open emergency session ends as soon as the académie disables the access', async () => {
    const password = await generateEmergencyPassword(h.db, '31310', clock.now());
    const s = sessionOf(await emergency('secours-31310', password));
    expect((await call(app, s, 'GET', '/api/journal')).statusCode).toBe(200);
    expect((await enable(false)).statusCode).toBe(200);
    const res = await call(app, s, 'GET', '/api/journal');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toMatch(/accès de secours/);
    expect((await call(app, s, 'GET', '/api/auth/me')).json().user).toBeNull();
    expect((await emergency('secours-31310', password)).statusCode).toBe(401);
    // the regular jury account is not affected
    const regular = await login(app, 'jury-31310');
    expect((await call(app, regular, 'GET', '/api/auth/me')).json().user.login).toBe('jury-31310');
  });

  it('an unknown jury is refused by the generator', async () => {
    await expect(generateEmergencyPassword(h.db, '99999', clock.now())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
