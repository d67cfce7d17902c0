import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { listJournal } from '../../../src/db/repositories/journal.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { standardWorld } from '../../support/factories.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';

describeEachDialect('accounts management (académie)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let aca: Session;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    app = await testApp(h);
    aca = await login(app, 'academie');
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('lists accounts with their scope label and never a password hash', async () => {
    const res = await call(app, aca, 'GET', '/api/users');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { login: string; scopeLabel: string }[];
    expect(items.map((u) => u.login)).toContain('jury-31310');
    expect(items.find((u) => u.login === 'academie')!.scopeLabel).toBe('ACADEMIE DE BESANCON');
    expect(items.find((u) => u.login === 'jury-31310')!.scopeLabel).toBe('Jury 31310 – Banque - conseiller de clientèle');
    expect(res.body).not.toMatch(/scrypt|password/i);
  });

  it('creates an account (journaled without password), which can then log in', async () => {
    const res = await call(app, aca, 'POST', '/api/users', { login: 'centre-bis', name: 'Adjoint', role: 'centre', scope: '0250001R', password: 'un-mot-de-passe-long' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ login: 'centre-bis', role: 'centre', active: true });
    await login(app, 'centre-bis', 'un-mot-de-passe-long');
    const j = await listJournal(h.db, { action: 'UTILISATEUR_CREE' });
    expect(j.total).toBe(1);
    expect(j.rows[0]!.after_json).not.toContain('mot-de-passe');
  });

  it('refuses a short password, an unknown scope and a login already used, in French', async () => {
    const short = await call(app, aca, 'POST', '/api/users', { login: 'x-court', name: 'X', role: 'centre', scope: '0250001R', password: 'court' });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('Le mot de passe doit contenir au moins 12 caractères.');
    const scope = await call(app, aca, 'POST', '/api/users', { login: 'x-scope', name: 'X', role: 'jury', scope: '99999', password: 'un-mot-de-passe-long' });
    expect(scope.statusCode).toBe(400);
    expect(scope.json().message).toMatch(/Périmètre inconnu/);
    const dup = await call(app, aca, 'POST', '/api/users', { login: 'academie', name: 'X', role: 'academie', scope: 'A03', password: 'un-mot-de-passe-long' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('Cet identifiant est déjà utilisé.');
  });

  it('resets a password and deactivates an account: their sessions end', async () => {
    const victim = await login(app, 'centre-0390007W');
    const reset = await call(app, aca, 'PATCH', '/api/users/centre-0390007W', { password: 'nouveau-mot-de-passe' });
    expect(reset.statusCode).toBe(200);
    expect((await call(app, victim, 'GET', '/api/auth/me')).json().user).toBeNull();
    const again = await login(app, 'centre-0390007W', 'nouveau-mot-de-passe');
    const off = await call(app, aca, 'PATCH', '/api/users/centre-0390007W', { active: false, name: 'Ancien chef' });
    expect(off.json()).toMatchObject({ active: false, name: 'Ancien chef' });
    expect((await call(app, again, 'GET', '/api/auth/me')).json().user).toBeNull();
    const denied = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'centre-0390007W', password: 'nouveau-mot-de-passe' } });
    expect(denied.statusCode).toBe(401);
    expect((await call(app, aca, 'PATCH', '/api/users/centre-0390007W', { active: true })).json().active).toBe(true);
  });

  it('refuses to deactivate oneself, and answers 404 for an unknown account', async () => {
    const self = await call(app, aca, 'PATCH', '/api/users/academie', { active: false });
    expect(self.statusCode).toBe(409);
    expect((await call(app, aca, 'PATCH', '/api/users/personne', { name: 'X' })).statusCode).toBe(404);
  });
});
