// Issue #19 point 1 and issue #14 item 14: operator commands `delib user …` and `delib migrate`,
// one-time passwords that a personal account must change first (enforced by the API), refusal of
// guessable passwords, accounts edited and passwords reset by the académie.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { listJournal } from '../../../src/db/repositories/journal.js';
import { findUser } from '../../../src/db/repositories/users.js';
import { PASSWORD_CHANGE_REQUIRED } from '../../../src/features/auth/auth-hooks.js';
import { passwordPolicyError } from '../../../src/features/auth/password.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { candidate, grades, standardWorld } from '../../support/factories.js';
import { DELIB, REPO, databaseUrlOf } from '../../security/support.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';

const ONE_TIME = /^[A-HJ-NP-Za-km-z2-9]{4}(-[A-HJ-NP-Za-km-z2-9]{4}){3}$/;

function delib(h: DbHandle, argv: readonly string[], input?: string) {
  const r = spawnSync(process.execPath, [DELIB, ...argv], {
    cwd: REPO, encoding: 'utf8', env: { ...process.env, DATABASE_URL: databaseUrlOf(h) }, timeout: 120_000, ...(input !== undefined ? { input } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

it('refuses common and guessable passwords, accepts a passphrase (pure policy)', () => {
  for (const p of ['123456789012', 'password1234', 'azertyuiop12', 'motdepasse123', 'Besancon2023!', 'deliberation2023']) {
    expect(passwordPolicyError(p), p).toMatch(/trop facile à deviner/);
  }
  expect(passwordPolicyError('centre-0250001R', ['centre-0250001R'])).toMatch(/trop facile à deviner/);
  expect(passwordPolicyError('court')).toBe('Le mot de passe doit contenir au moins 12 caractères.');
  expect(passwordPolicyError('cheval-batterie-agrafe-correct')).toBeNull();
  expect(passwordPolicyError('Kd7m-Qx2P-a9Rt-HwZe')).toBeNull();
});

describeEachDialect('day one: accounts (issue #19 point 1, issue #14 item 14)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let aca: Session;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    const c = await candidate(h.db, { jury: '31310' });
    await grades(h.db, c, { U1: 1200 });
    app = await testApp(h);
    aca = await login(app, 'academie');
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('refuses 123456789012 and password1234 on creation and on a new password, in French, changing nothing', async () => {
    for (const password of ['123456789012', 'password1234']) {
      const res = await call(app, aca, 'POST', '/api/users', { login: 'faible', name: 'F', role: 'centre', scope: '0250001R', password });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/trop facile à deviner/);
      const upd = await call(app, aca, 'PATCH', '/api/users/centre-0250001R', { password });
      expect(upd.statusCode).toBe(400);
    }
    expect(await findUser(h.db, 'faible')).toBeUndefined();
    await login(app, 'centre-0250001R');
  });

  it('a personal account created without a password gets a one-time password it must change first (API-enforced)', async () => {
    const res = await call(app, aca, 'POST', '/api/users', { login: 'adjoint-mandela', name: 'Adjoint Mandela', role: 'centre', scope: '0250001R' });
    expect(res.statusCode).toBe(201);
    const { oneTimePassword, temporaryCredential } = res.json() as { oneTimePassword: string; temporaryCredential: boolean };
    expect(oneTimePassword).toMatch(ONE_TIME);
    expect(temporaryCredential).toBe(true);
    const s = await login(app, 'adjoint-mandela', oneTimePassword);
    const me = (await call(app, s, 'GET', '/api/auth/me')).json();
    expect(me.user.mustChangePassword).toBe(true);
    const blocked = await call(app, s, 'GET', '/api/juries');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().message).toBe(PASSWORD_CHANGE_REQUIRED);
    // wrong current, guessable or unchanged new password: refused
    expect((await call(app, s, 'POST', '/api/auth/password', { current: 'pas-le-bon-mot-de-passe', next: 'cheval-batterie-agrafe-correct' })).json().message)
      .toBe('Le mot de passe actuel est incorrect.');
    expect((await call(app, s, 'POST', '/api/auth/password', { current: oneTimePassword, next: 'password1234' })).statusCode).toBe(400);
    expect((await call(app, s, 'POST', '/api/auth/password', { current: oneTimePassword, next: oneTimePassword })).statusCode).toBe(400);
    const ok = await call(app, s, 'POST', '/api/auth/password', { current: oneTimePassword, next: 'cheval-batterie-agrafe-correct' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.mustChangePassword).toBe(false);
    expect((await call(app, s, 'GET', '/api/juries')).statusCode).toBe(200);
    // the one-time password no longer works; the chosen one does
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'adjoint-mandela', password: oneTimePassword } })).statusCode).toBe(401);
    await login(app, 'adjoint-mandela', 'cheval-batterie-agrafe-correct');
    const journal = await listJournal(h.db, {});
    const text = JSON.stringify(journal.rows);
    expect(text).toContain('MOT_DE_PASSE_CHANGE');
    expect(text).not.toContain(oneTimePassword);
    expect(text).not.toContain('cheval-batterie');
  });

  it('resets a password to a one-time password shown once (personal: to change; jury: kept)', async () => {
    const res = await call(app, aca, 'POST', '/api/users/centre-0390007W/reset-password');
    expect(res.statusCode).toBe(200);
    const otp = res.json().oneTimePassword as string;
    expect(otp).toMatch(ONE_TIME);
    expect(res.json().user.temporaryCredential).toBe(true);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'centre-0390007W', password: 'mot-de-passe-de-test' } })).statusCode).toBe(401);
    await login(app, 'centre-0390007W', otp);
    const jury = await call(app, aca, 'POST', '/api/users/jury-31408/reset-password');
    expect(jury.json().user.temporaryCredential).toBe(false);
    const js = await login(app, 'jury-31408', jury.json().oneTimePassword);
    expect((await call(app, js, 'GET', '/api/auth/me')).json().user.mustChangePassword).toBe(false);
    const j = await listJournal(h.db, { action: 'MOT_DE_PASSE_REINITIALISE' });
    expect(j.total).toBe(2);
    expect(JSON.stringify(j.rows)).not.toContain(otp);
    // only the académie
    const centre = await login(app, 'centre-0250001R');
    expect((await call(app, centre, 'POST', '/api/users/jury-31310/reset-password')).statusCode).toBe(403);
  });

  it('edits an account name (journaled)', async () => {
    const res = await call(app, aca, 'PATCH', '/api/users/jury-31310', { name: 'Jury 31310 (Banque)' });
    expect(res.json()).toMatchObject({ login: 'jury-31310', name: 'Jury 31310 (Banque)' });
    const j = await listJournal(h.db, { action: 'UTILISATEUR_MODIFIE' });
    expect(j.rows.some((r) => r.subject === 'user:jury-31310')).toBe(true);
  });

  it('the académie reads a PVI and changes nothing in it', async () => {
    const cands = await call(app, aca, 'GET', '/api/deliberation/juries/31310/candidates');
    expect(cands.statusCode).toBe(200);
    const id = (cands.json().candidates as { id: number }[])[0]!.id;
    const pvi = await call(app, aca, 'GET', `/api/deliberation/candidates/${id}/pvi`);
    expect(pvi.statusCode).toBe(200);
    expect(JSON.stringify(pvi.json())).not.toContain('"editable":true');
  });

  it('delib migrate, then delib user create|list|disable|enable|reset-password: journaled, the password never an argument', () => {
    expect(delib(h, ['migrate']).stdout).toMatch(/schéma est déjà à jour/);
    const created = delib(h, ['user', 'create', 'chef-examens', '--role', 'academie', '--scope', 'A03', '--name', 'Chef du service des examens']);
    expect(created.status, created.stderr).toBe(0);
    const otp = /\n {2}(\S+)\n/.exec(created.stdout)![1]!;
    expect(otp).toMatch(ONE_TIME);
    expect(created.stdout).toContain('Il devra choisir son propre mot de passe à sa première connexion.');
    // from standard input: a guessable one is refused, nothing created
    const weak = delib(h, ['user', 'create', 'faible-cli', '--role', 'centre', '--scope', '0250001R', '--name', 'F', '--mot-de-passe-stdin'], 'password1234\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/trop facile à deviner/);
    const typed = delib(h, ['user', 'create', 'epreuve-bis', '--role', 'centre_epreuve', '--scope', '0250001R', '--name', 'Épreuves bis', '--mot-de-passe-stdin'], 'une-phrase-de-passe-solide\n');
    expect(typed.status, typed.stderr).toBe(0);
    expect(typed.stdout).not.toContain('une-phrase');
    expect(delib(h, ['user', 'create', 'x', '--role', 'jury', '--scope', '99999', '--name', 'X']).stderr).toMatch(/Périmètre inconnu/);
    expect(delib(h, ['user', 'create', 'chef-examens', '--role', 'academie', '--scope', 'A03', '--name', 'X']).stderr).toContain('Cet identifiant est déjà utilisé.');
    const list = delib(h, ['user', 'list', '--role', 'academie']);
    expect(list.stdout).toMatch(/chef-examens\tacadémie\tA03\tChef du service des examens\tactif, mot de passe à usage unique/);
    expect(delib(h, ['user', 'disable', 'chef-examens']).stdout).toContain('désactivé');
    expect(delib(h, ['user', 'list']).stdout).toMatch(/chef-examens\t.*\tdésactivé/);
    expect(delib(h, ['user', 'enable', 'chef-examens']).stdout).toContain('réactivé');
    const reset = delib(h, ['user', 'reset-password', 'chef-examens']);
    const otp2 = /\n {2}(\S+)\n/.exec(reset.stdout)![1]!;
    expect(otp2).toMatch(ONE_TIME);
    expect(otp2).not.toBe(otp);
    expect(delib(h, ['user', 'disable', 'inconnu']).stderr).toContain('Compte introuvable.');
    expect(delib(h, ['user', 'create', 'y', '--role', 'roi', '--scope', 'A03', '--name', 'Y']).status).toBe(2);
  }, 180_000);

  it('the command line changes are journaled without any password, and the one-time password logs in (to be changed)', async () => {
    const j = await listJournal(h.db, {});
    const mine = j.rows.filter((r) => r.subject === 'user:chef-examens');
    expect(mine.map((r) => r.action).sort()).toEqual(['MOT_DE_PASSE_REINITIALISE', 'UTILISATEUR_CREE', 'UTILISATEUR_MODIFIE', 'UTILISATEUR_MODIFIE']);
    expect(mine.every((r) => r.actor_login.startsWith('cli:'))).toBe(true);
    expect(JSON.stringify(j.rows)).not.toContain('une-phrase-de-passe-solide');
    const u = await findUser(h.db, 'chef-examens');
    expect(u).toMatchObject({ active: true, mustChangePassword: true });
  });
});
