// Issue #19 point 2: provisioning after an import — accounts of every centre, centre d'épreuve and
// jury with one-time passwords, one PDF of access sheets per établissement, a new run revokes the
// former passwords, the end of the session deactivates the jury accounts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { listJournal } from '../../../src/db/repositories/journal.js';
import { findUser } from '../../../src/db/repositories/users.js';
import { disableJuryAccounts, provisionAccounts } from '../../../src/features/users/provision-accounts.js';
import type { Actor } from '../../../src/domain/types.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { candidate, standardWorld } from '../../support/factories.js';
import { call, login, testApp } from '../../server/helpers.js';

const ACTOR: Actor = { role: 'academie', login: 'academie', name: 'Service des examens', scope: 'A03' };

function pdfText(data: Buffer): string {
  const f = join(mkdtempSync(join(tmpdir(), 'acces-')), 'a.pdf');
  writeFileSync(f, data);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', f, '-'], { encoding: 'utf8' });
}

async function run(h: DbHandle) {
  const files = new Map<string, Buffer>();
  const log: string[] = [];
  const res = await provisionAccounts(h, ACTOR, 'https://delib.example.fr/connexion', new Date('2023-06-05T08:00:00Z'), {
    done: new Set(), log: async (l) => { log.push(l); }, progress: async () => undefined, emit: async (n, d) => { files.set(n, d); },
  });
  return { res, files, log };
}

const passwordOf = (text: string, login: string) => new RegExp(`Identifiant :\\s+${login}\\s*\\n\\s*Mot de passe[^:]*:\\s+(\\S+)`).exec(text)?.[1];

describeEachDialect('provisioning the accounts of the session (issue #19 point 2)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    await candidate(h.db, { jury: '31310', centreEpreuve: '0250013D' });
    app = await testApp(h);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  let first = '';

  it('creates or refreshes every account and writes one PDF of access sheets per établissement', async () => {
    const { res, files, log } = await run(h);
    expect([...files.keys()].sort()).toEqual(['acces-delib-0250001R.pdf', 'acces-delib-0250013D.pdf', 'acces-delib-0390007W.pdf']);
    expect(res.created + res.refreshed).toBe(6); // 2 centres, 1 centre d'épreuve, 3 juries
    const text = pdfText(files.get('acces-delib-0250001R.pdf')!);
    expect(text).toContain('Fiche d’accès à Délib – Chef de centre de délibération');
    expect(text).toContain('Fiche d’accès à Délib – Jury 31311');
    expect(text).toContain('Président : DUBOIS Pierre');
    expect(text).toContain('https://delib.example.fr/connexion');
    expect(text.replace(/\s+/g, ' ')).toMatch(/conservez cette fiche sous clé/);
    first = passwordOf(text, 'jury-31310')!;
    expect(first).toMatch(/^\S{4}-\S{4}-\S{4}-\S{4}$/);
    const centre = passwordOf(text, 'centre-0250001R')!;
    // stored as hashes only
    const row = await h.db.selectFrom('app_user').select('password_hash').where('login', '=', 'jury-31310').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$2048\$/);
    expect(JSON.stringify(await listJournal(h.db, {}))).not.toContain(first);
    // the jury logs in with its sheet and keeps it; the chef de centre must change his
    const js = await login(app, 'jury-31310', first);
    expect((await call(app, js, 'GET', '/api/auth/me')).json().user.mustChangePassword).toBe(false);
    const cs = await login(app, 'centre-0250001R', centre);
    expect((await call(app, cs, 'GET', '/api/auth/me')).json().user.mustChangePassword).toBe(true);
    expect(await findUser(h.db, 'epreuve-0250013D')).toMatchObject({ role: 'centre_epreuve', mustChangePassword: true });
    expect(log.at(-1)).toMatch(/Comptes créés : \d+, renouvelés : \d+/);
  });

  it('a new run revokes the former passwords and the sessions opened with them', async () => {
    const js = await login(app, 'jury-31310', first);
    const { files } = await run(h);
    const second = passwordOf(pdfText(files.get('acces-delib-0250001R.pdf')!), 'jury-31310')!;
    expect(second).not.toBe(first);
    expect((await call(app, js, 'GET', '/api/auth/me')).json().user).toBeNull();
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'jury-31310', password: first } })).statusCode).toBe(401);
    await login(app, 'jury-31310', second);
    const j = await listJournal(h.db, { action: 'COMPTES_PROVISIONNES' });
    expect(j.total).toBe(6);
  });

  it('the académie asks it from the screen as a background job; the end of session deactivates every jury account', async () => {
    const aca = await login(app, 'academie');
    const res = await call(app, aca, 'POST', '/api/users/provisioning');
    expect(res.statusCode).toBe(202);
    expect(typeof res.json().jobId).toBe('number');
    expect((await call(app, aca, 'GET', '/api/users/provisioning')).json().accounts).toBe(6);
    const off = await disableJuryAccounts(h, ACTOR, new Date());
    expect(off.disabled).toBeGreaterThanOrEqual(3);
    expect(await findUser(h.db, 'jury-31408')).toMatchObject({ active: false });
    expect(await findUser(h.db, 'centre-0250001R')).toMatchObject({ active: true });
  });
});
