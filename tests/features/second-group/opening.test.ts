// Missing grades, the double-entry rule and "Ouvrir la délibération du 2nd groupe" (200 → 210).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { findJury } from '../../../src/db/repositories/juries.js';
import { listJournal } from '../../../src/db/repositories/journal.js';
import { computeResultLines } from '../../../src/features/results/results-table.js';
import { listMissingControleGrades } from '../../../src/features/second-group/missing-grades.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { controleChoice } from '../../support/factories.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';
import { secondGroupWorld, type World } from './world.js';

describeEachDialect('2nd group: missing grades, double entry, opening the deliberation', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let centre: Session, centreBis: Session, epreuve: Session, academie: Session;

  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await secondGroupWorld(h.db);
    await controleChoice(h.db, w.j200.a, 'U1', 'U2');
    app = await testApp(h);
    [centre, centreBis, epreuve, academie] = await Promise.all([login(app, 'centre-0250001R'), login(app, 'centre-0250001R-bis'), login(app, 'epreuve-0250013D'), login(app, 'academie')]);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const put = async (s: Session, candidateId: number, epreuveCode: string, value: string, expectedVersion: number, mode = 'first') => {
    const res = await call(app, s, 'POST', '/api/second-group/grades', { mode, entries: [{ candidateId, epreuveCode, value, expectedVersion }] });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().results[0] as { status: string; message: string; row: { status: string; value: string; version: number } };
  };
  const open = () => call(app, centre, 'POST', '/api/juries/40200/transitions', { action: 'OUVRIR_DELIBERATION_2', expectedEtat: '200' });
  const missing = async () => {
    const res = await call(app, centre, 'GET', '/api/second-group/missing-grades');
    expect(res.statusCode).toBe(200);
    return res.json() as { juries: { jury: { code: string }; rows: { nom: string; manquantes: string[]; centre: { uai: string } }[] }[]; message: string | null };
  };

  it('lists the missing grades (libellés) and the candidates without choices, and refuses the opening listing them', async () => {
    const m = await missing();
    expect(m.message).toBeNull();
    expect(m.juries.map((j) => j.jury.code)).toEqual(['40200']); // the centre's juries at 200
    expect(m.juries[0]!.rows).toEqual([
      expect.objectContaining({ nom: 'ECHO', manquantes: ['Épreuve U1', 'Épreuve U2'], centre: { uai: '0250001R', libelle: 'LP NELSON MANDELA', ville: 'AUDINCOURT CEDEX' } }),
      expect.objectContaining({ nom: 'FOXTROT', manquantes: ['Choix des épreuves non saisis'], centre: expect.objectContaining({ uai: '0250013D' }) }),
    ]);
    const res = await open();
    expect(res.statusCode).toBe(422);
    const body = res.json() as { message: string; details: { message: string }[] };
    expect(body.message).toMatch(/Ouverture impossible : 3 note\(s\) du 2nd groupe manquante\(s\)/);
    // each candidate by number and name, each épreuve by its label (issue #14, item 13)
    expect(body.details.map((d) => d.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^\d{11} - \d{3} ECHO \S+ : Épreuve U1$/), expect.stringMatching(/ FOXTROT \S+ : Choix des épreuves non saisis$/)]));
    expect(body.message).not.toMatch(/ : U\d/);
    expect((await findJury(h.db, '40200'))!.etat).toBe('200');
    // the edition's data function, for any jury codes
    const data = await listMissingControleGrades(h.db, ['40200', '40300']);
    expect(data.map((j) => [j.jury.code, j.rows.length])).toEqual([['40200', 2], ['40300', 1]]);
    // scope and state of the screen
    expect((await call(app, centre, 'GET', '/api/second-group/missing-grades?jury=40300')).statusCode).toBe(404);
    expect((await call(app, centre, 'GET', '/api/second-group/missing-grades?jury=40198')).statusCode).toBe(403);
  });

  it('says "Pas de notes manquantes." once every grade is entered', async () => {
    await controleChoice(h.db, w.j200.b, 'U2', 'U3');
    for (const [id, unit, v] of [[w.j200.a, 'U1', '12'], [w.j200.a, 'U2', 'ABS'], [w.j200.b, 'U2', '9,5'], [w.j200.b, 'U3', '11']] as const) {
      expect((await put(centre, id, unit, v, 0)).status).toBe('saved');
    }
    const m = await missing();
    expect(m.message).toBe('Pas de notes manquantes.');
    expect(m.juries[0]!.rows).toEqual([]);
  });

  it('with double entry enabled, a grade counts only once a second person typed the same value blind', async () => {
    const set = await call(app, centre, 'POST', '/api/second-group/double-entry', { juryCode: '40200', epreuveCode: 'U1', enabled: true });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().units.find((u: { code: string }) => u.code === 'U1').enabled).toBe(true);
    expect((await call(app, epreuve, 'POST', '/api/second-group/double-entry', { juryCode: '40200', epreuveCode: 'U1', enabled: true })).statusCode).toBe(403);
    expect((await call(app, centre, 'POST', '/api/second-group/double-entry', { juryCode: '40200', epreuveCode: 'U4', enabled: true })).statusCode).toBe(400);

    expect((await missing()).juries[0]!.rows).toEqual([expect.objectContaining({ nom: 'ECHO', manquantes: ['Épreuve U1 (double saisie : seconde saisie manquante)'] })]);
    const refused = await open();
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('U1 (double saisie : seconde saisie manquante)');

    // blind: the second-entry grid lists only the double-entry rows, without the first value
    const second = (await call(app, centreBis, 'GET', '/api/second-group/grades?mode=second')).json() as { rows: { candidateId: number; epreuveCode: string; value: string; version: number }[] };
    expect(second.rows).toEqual([expect.objectContaining({ candidateId: w.j200.a, epreuveCode: 'U1', value: '', version: 0 })]);
    // never both entries by the same person
    const same = await put(centre, w.j200.a, 'U1', '12', 0, 'second');
    expect(same.status).toBe('error');
    expect(same.message).toMatch(/deux personnes différentes/);
    // a different value: mismatch, listed until arbitrated
    expect(await put(centreBis, w.j200.a, 'U1', '13', 0, 'second')).toMatchObject({ status: 'saved', row: { value: '13,00', status: 'DISCORDANTE' } });
    const mm = (await call(app, centre, 'GET', '/api/second-group/mismatches')).json() as { items: { first: { value: string; version: number; enteredBy: string }; second: { value: string; version: number; enteredBy: string }; canResolve: boolean }[] };
    expect(mm.items).toEqual([expect.objectContaining({ epreuveCode: 'U1', canResolve: false, first: expect.objectContaining({ value: '12,00', enteredBy: 'centre-0250001R' }), second: expect.objectContaining({ value: '13,00', enteredBy: 'Adjoint du centre' }) })]);
    expect((await open()).json().message).toContain('U1 (double saisie : saisies discordantes)');
    expect((await missing()).juries[0]!.rows[0]!.manquantes).toEqual(['Épreuve U1 (double saisie : saisies discordantes)']);

    // arbitration: a third person of the centre or the académie, on the versions seen
    const resolve = (s: Session, firstVersion: number, secondVersion: number) =>
      call(app, s, 'POST', '/api/second-group/mismatches/resolve', { candidateId: w.j200.a, epreuveCode: 'U1', value: '12,5', firstVersion, secondVersion });
    expect((await resolve(epreuve, 1, 1)).statusCode).toBe(404); // not a candidate it hosts
    expect((await resolve(centre, 1, 1)).statusCode).toBe(403);
    expect((await resolve(academie, 1, 7)).statusCode).toBe(409);
    const ok = await resolve(academie, 1, 1);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ value: '12,50', status: 'ARBITREE' });
    expect((await listJournal(h.db, { action: 'NOTE_CONTROLE_DISCORDANCE_RESOLUE' })).rows).toHaveLength(1);
    expect((await call(app, centre, 'GET', '/api/second-group/mismatches')).json().items).toEqual([]);
    expect((await missing()).message).toBe('Pas de notes manquantes.');
  });

  it('opens the 2nd-group deliberation once nothing is missing; choices and grades are then closed', async () => {
    const res = await open();
    expect(res.statusCode, res.body).toBe(200);
    expect((await findJury(h.db, '40200'))!.etat).toBe('210');
    expect((await call(app, centre, 'POST', '/api/second-group/grades', { mode: 'first', entries: [{ candidateId: w.j200.a, epreuveCode: 'U2', value: '15', expectedVersion: 1 }] })).statusCode).toBe(403);
    expect((await call(app, centre, 'POST', '/api/second-group/choices', { rows: [{ candidateId: w.j200.a, epreuve1: 'U1', epreuve2: 'U3', expectedVersion: 1 }] })).statusCode).toBe(403);
    expect((await call(app, centre, 'POST', '/api/second-group/double-entry', { juryCode: '40200', epreuveCode: 'U2', enabled: true })).statusCode).toBe(403);
    expect((await call(app, centre, 'GET', '/api/second-group/missing-grades?jury=40200')).statusCode).toBe(403);
    // the engine uses the agreed grades: ECHO 12,5 on U1 (coef 3), ABS on U2 keeps 8 → (138 − 24 + 37,5) / 15 = 10,10
    const lines = await computeResultLines(h.db);
    const echo = (await h.db.selectFrom('candidate').select('numero_candidat').where('id', '=', w.j200.a).executeTakeFirstOrThrow()).numero_candidat;
    expect(lines.find((l) => l.numero_candidat === echo)).toMatchObject({ decision_1: 'CONTROLE', moyenne_2: '10,10', decision_2: 'ADMIS' });
  });
});
