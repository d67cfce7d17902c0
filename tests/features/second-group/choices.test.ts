import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { listJournal } from '../../../src/db/repositories/journal.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { controleGrade } from '../../support/factories.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';
import { secondGroupWorld, type World } from './world.js';

interface Row { candidateId: number; candidat: string; epreuve1: string | null; epreuve2: string | null; version: number; eligible: string[]; juryCode: string; juryEtat: string; handicap: boolean; specialite: string; updatedBy: string | null }
interface Result { candidateId: number; status: string; message: string; row: Row | null }

describeEachDialect('2nd group: contrôle choices', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let centre: Session, centreBis: Session, aca: Session, other: Session, epreuve: Session, jury: Session;

  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await secondGroupWorld(h.db);
    await h.db.updateTable('candidate').set({ handicap: 'Tiers temps', nom: '=HYPERLIEN("x")' }).where('id', '=', w.j198.admis).execute();
    await h.db.updateTable('candidate').set({ handicap: 'Tiers temps' }).where('id', '=', w.j198.di).execute();
    app = await testApp(h);
    [centre, centreBis, aca, other, epreuve, jury] = await Promise.all([
      login(app, 'centre-0250001R'), login(app, 'centre-0250001R-bis'), login(app, 'academie'), login(app, 'centre-0390007W'),
      login(app, 'epreuve-0250013D'), login(app, 'jury-31310'),
    ]);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const grid = async (s: Session) => {
    const res = await call(app, s, 'GET', '/api/second-group/choices');
    expect(res.statusCode).toBe(200);
    return res.json() as { rows: Row[]; units: Record<string, { code: string; libelle: string }[]> };
  };
  const save = (s: Session, rows: { candidateId: number; epreuve1: string | null; epreuve2: string | null; expectedVersion: number }[]) =>
    call(app, s, 'POST', '/api/second-group/choices', { rows });
  const results = (res: Awaited<ReturnType<typeof save>>) => res.json().results as Result[];

  it("lists the CONTROLE candidates of the centre's juries at 198–200, with the units each may choose", async () => {
    const g = await grid(centre);
    expect(g.rows.map((r) => r.juryCode + ' ' + r.candidat.split(' ')[0])).toEqual(['40198 ALPHA', '40198 BRAVO', '40198 CHARLIE', '40200 ECHO', '40200 FOXTROT']);
    const alpha = g.rows[0]!;
    expect(alpha).toMatchObject({ epreuve1: null, epreuve2: null, version: 0, juryEtat: '198', specialite: 'Spécialité de contrôle (40000)', handicap: false });
    expect(alpha.candidat).toMatch(/^ALPHA Prénom \(0\d{10}\)$/); // the whole number, its leading zero kept (issue #14, item 13)
    expect(alpha.eligible).toEqual(['U1', 'U2', 'U3']); // not UF1 (optional), not U4/U5 (no contrôle)
    expect(g.rows[1]).toMatchObject({ eligible: ['U1', 'U2'], handicap: true }); // U3 is DI
    expect(g.rows[2]!.eligible).toEqual(['U1', 'U2', 'U3']); // bénéfice allowed
    expect(g.units['40000']!.map((u) => u.code)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'UF1']);
    // the académie sees every centre; the other centre only its jury
    expect((await grid(aca)).rows).toHaveLength(6);
    expect((await grid(other)).rows.map((r) => r.candidateId)).toEqual([w.other]);
  });

  it('saves two different eligible units and journals them; a bénéfice unit may be chosen', async () => {
    const res = await save(centre, [
      { candidateId: w.j198.controle, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 0 },
      { candidateId: w.j198.benefice, epreuve1: 'U1', epreuve2: 'U3', expectedVersion: 0 },
    ]);
    expect(res.statusCode).toBe(200);
    const [r1, r2] = results(res);
    expect(r1).toMatchObject({ status: 'saved', row: { epreuve1: 'U1', epreuve2: 'U2', version: 1, updatedBy: 'centre-0250001R' } });
    expect(r2).toMatchObject({ status: 'saved', row: { epreuve1: 'U1', epreuve2: 'U3', version: 1 } });
    const j = await listJournal(h.db, { action: 'CHOIX_CONTROLE_SAISI', candidateId: w.j198.controle });
    expect(j.rows).toHaveLength(1);
    expect(JSON.parse(j.rows[0]!.after_json!)).toEqual({ epreuve1: 'U1', epreuve2: 'U2' });
    expect(j.rows[0]!.jury_code).toBe('40198');
    // saving the same again is "unchanged", with no journal entry
    const again = results(await save(centre, [{ candidateId: w.j198.controle, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 1 }]));
    expect(again[0]!.status).toBe('unchanged');
    expect((await listJournal(h.db, { action: 'CHOIX_CONTROLE_SAISI', candidateId: w.j198.controle })).rows).toHaveLength(1);
  });

  it('refuses, row by row and in French, the same unit twice, a DI unit, a non-contrôle or optional unit, a single choice', async () => {
    const res = await save(centre, [
      { candidateId: w.j198.di, epreuve1: 'U1', epreuve2: 'U1', expectedVersion: 0 },
      { candidateId: w.j200.a, epreuve1: 'U1', epreuve2: 'U4', expectedVersion: 0 },
      { candidateId: w.j200.b, epreuve1: 'UF1', epreuve2: 'U1', expectedVersion: 0 },
    ]);
    const r = results(res);
    expect(r.map((x) => x.status)).toEqual(['error', 'error', 'error']);
    expect(r[0]!.message).toBe('La même discipline « Épreuve U1 » est choisie deux fois : choisissez deux disciplines différentes.');
    expect(r[1]!.message).toBe('« Épreuve U4 » ne peut pas être choisie en épreuve de contrôle.');
    expect(r[2]!.message).toMatch(/Épreuve UF1/);
    const di = results(await save(centre, [{ candidateId: w.j198.di, epreuve1: 'U1', epreuve2: 'U3', expectedVersion: 0 }]))[0]!;
    expect(di).toMatchObject({ status: 'error', message: 'Le candidat est dispensé (DI) de « Épreuve U3 ».' });
    const single = results(await save(centre, [{ candidateId: w.j198.di, epreuve1: 'U1', epreuve2: null, expectedVersion: 0 }]))[0]!;
    expect(single.message).toMatch(/Choisissez deux disciplines/);
    // nothing was written
    expect(await h.db.selectFrom('controle_choice').select('candidate_id').where('candidate_id', 'in', [w.j198.di, w.j200.a, w.j200.b]).execute()).toEqual([]);
    // a candidate not at CONTROLE has no choices
    const admis = results(await save(centre, [{ candidateId: w.j198.admis, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 0 }]))[0]!;
    expect(admis).toMatchObject({ status: 'error', row: null });
  });

  it('detects concurrent changes (version): the later save is a conflict showing the current choices and who saved them', async () => {
    const first = results(await save(centreBis, [{ candidateId: w.j200.a, epreuve1: 'U2', epreuve2: 'U3', expectedVersion: 0 }]))[0]!;
    expect(first.status).toBe('saved');
    const late = results(await save(centre, [{ candidateId: w.j200.a, epreuve1: 'U1', epreuve2: 'U3', expectedVersion: 0 }]))[0]!;
    expect(late.status).toBe('conflict');
    expect(late.message).toContain('par Adjoint du centre');
    expect(late.message).toContain('Épreuve U2 / Épreuve U3');
    expect(late.row).toMatchObject({ epreuve1: 'U2', epreuve2: 'U3', version: 1 });
    // based on the current version, the change goes through
    expect(results(await save(centre, [{ candidateId: w.j200.a, epreuve1: 'U1', epreuve2: 'U3', expectedVersion: 1 }]))[0]).toMatchObject({ status: 'saved', row: { version: 2 } });
  });

  it('refuses to replace a unit that already has a contrôle grade', async () => {
    await save(centre, [{ candidateId: w.j200.b, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 0 }]);
    await controleGrade(h.db, w.j200.b, 'U2', 1200);
    const r = results(await save(centre, [{ candidateId: w.j200.b, epreuve1: 'U1', epreuve2: 'U3', expectedVersion: 1 }]))[0]!;
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/déjà saisie pour Épreuve U2/);
    // swapping the order keeps both units: allowed
    expect(results(await save(centre, [{ candidateId: w.j200.b, epreuve1: 'U2', epreuve2: 'U1', expectedVersion: 1 }]))[0]!.status).toBe('saved');
  });

  it('applies the state and scope rules on the server: 403 outside 198–200 or for other roles, 404 outside the scope', async () => {
    const at130 = await save(centre, [{ candidateId: w.j130, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 0 }]);
    expect(at130.statusCode).toBe(403);
    expect(at130.json().message).toMatch(/jury 40130.*130/);
    expect((await save(centre, [{ candidateId: w.other, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 0 }])).statusCode).toBe(404);
    expect((await save(centre, [{ candidateId: 999_999, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 0 }])).statusCode).toBe(404);
    expect((await save(epreuve, [{ candidateId: w.j200.b, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 0 }])).statusCode).toBe(403);
    expect((await call(app, jury, 'GET', '/api/second-group/choices')).statusCode).toBe(403);
    expect((await call(app, null, 'GET', '/api/second-group/choices')).statusCode).toBe(401);
    // all or nothing: one forbidden row and nothing is saved
    const mixed = await save(centre, [
      { candidateId: w.j198.di, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 0 },
      { candidateId: w.j130, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 0 },
    ]);
    expect(mixed.statusCode).toBe(403);
    expect(await h.db.selectFrom('controle_choice').select('candidate_id').where('candidate_id', '=', w.j198.di).execute()).toEqual([]);
    // the académie may enter them
    expect(results(await save(aca, [{ candidateId: w.other, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 0 }]))[0]!.status).toBe('saved');
  });

  it('exports the grid as CSV (";", BOM, neutralised formulas)', async () => {
    await h.db.updateTable('jury').set({ etat: '200' }).where('code', '=', '40130').execute();
    await h.db.updateTable('candidate').set({ jury_code: '40130' }).where('id', '=', w.j198.admis).execute();
    const res = await call(app, centre, 'POST', '/api/second-group/choices/export', {});
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const text = res.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFFCandidat;Choix discipline 1;Choix discipline 2;Spécialité;Handi;Jury;Etat\r\n')).toBe(true);
    expect(text).toMatch(/ALPHA Prénom \(\d+\);Épreuve U1;Épreuve U2;Spécialité de contrôle \(40000\);Non;40198;198\r\n/);
    expect(text).toMatch(/BRAVO Prénom \(\d+\);;;Spécialité de contrôle \(40000\);Oui;40198;198/);
    const only = (await call(app, centre, 'POST', '/api/second-group/choices/export', { candidateIds: [w.j200.a] })).rawPayload.toString('utf8');
    expect(only.trim().split('\r\n')).toHaveLength(2);
    // the admitted candidate is not listed; a CONTROLE one whose name starts with "=" is neutralised
    await h.db.updateTable('candidate').set({ nom: '=HYPERLIEN("x")' }).where('id', '=', w.j130).execute();
    const neutral = (await call(app, centre, 'POST', '/api/second-group/choices/export', {})).rawPayload.toString('utf8');
    expect(neutral).toContain(`"'=HYPERLIEN(""x"") Prénom`);
  });

  it('two simultaneous first saves of one candidate: one is saved, the other is a conflict', async () => {
    const [x, y] = await Promise.all([
      save(centre, [{ candidateId: w.j198.di, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 0 }]),
      save(centreBis, [{ candidateId: w.j198.di, epreuve1: 'U2', epreuve2: 'U1', expectedVersion: 0 }]),
    ]);
    expect([results(x)[0]!.status, results(y)[0]!.status].sort()).toEqual(['conflict', 'saved']);
    expect((await listJournal(h.db, { action: 'CHOIX_CONTROLE_SAISI', candidateId: w.j198.di })).rows).toHaveLength(1);
  });
});
