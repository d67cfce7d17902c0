import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { listJournal } from '../../../src/db/repositories/journal.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { controleChoice } from '../../support/factories.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';
import { secondGroupWorld, type World } from './world.js';

interface Row { candidateId: number; epreuveCode: string; epreuveLibelle: string; value: string; version: number; enteredBy: string | null; status: string; doubleEntry: boolean; juryCode: string }
interface Result { candidateId: number; epreuveCode: string; status: string; message: string; row: Row | null }

describeEachDialect('2nd group: grade entry', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let centre: Session, centreBis: Session, epreuve: Session, jury: Session;

  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await secondGroupWorld(h.db);
    await controleChoice(h.db, w.j200.a, 'U1', 'U2');
    await controleChoice(h.db, w.j200.b, 'U2', 'U3');
    await controleChoice(h.db, w.j198.controle, 'U1', 'U2');
    app = await testApp(h);
    [centre, centreBis, epreuve, jury] = await Promise.all([
      login(app, 'centre-0250001R'), login(app, 'centre-0250001R-bis'), login(app, 'epreuve-0250013D'), login(app, 'jury-31310'),
    ]);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const grid = async (s: Session, mode = 'first') => {
    const res = await call(app, s, 'GET', `/api/second-group/grades?mode=${mode}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { rows: Row[]; mismatches: number };
  };
  const put = (s: Session, candidateId: number, epreuveCode: string, value: string, expectedVersion: number, mode = 'first') =>
    call(app, s, 'POST', '/api/second-group/grades', { mode, entries: [{ candidateId, epreuveCode, value, expectedVersion }] });
  const one = async (res: Awaited<ReturnType<typeof put>>) => {
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().results as Result[])[0]!;
  };

  it('lists one row per chosen unit of the juries at 200; the centre d’épreuve sees only the candidates it hosts', async () => {
    const g = await grid(centre);
    expect(g.rows.map((r) => `${r.candidateId}:${r.epreuveCode}:${r.status}`)).toEqual([
      `${w.j200.a}:U1:MANQUANTE`, `${w.j200.a}:U2:MANQUANTE`, `${w.j200.b}:U2:MANQUANTE`, `${w.j200.b}:U3:MANQUANTE`,
    ]);
    expect(g.rows[0]).toMatchObject({ epreuveLibelle: 'Épreuve U1', value: '', version: 0, juryCode: '40200' });
    expect((await grid(epreuve)).rows.map((r) => r.candidateId)).toEqual([w.j200.b, w.j200.b]);
    expect((await call(app, jury, 'GET', '/api/second-group/grades')).statusCode).toBe(403);
  });

  it('saves a number (0–20, ≤ 2 decimals) or ABS per row, journaled; refuses the rest in French; "" clears', async () => {
    expect(await one(await put(centre, w.j200.a, 'U1', '12,5', 0))).toMatchObject({ status: 'saved', row: { value: '12,50', version: 1, enteredBy: 'centre-0250001R', status: 'SAISIE' } });
    expect(await one(await put(centre, w.j200.a, 'U2', 'abs', 0))).toMatchObject({ status: 'saved', row: { value: 'ABS' } });
    for (const [bad, msg] of [['21', /comprise entre 0 et 20/], ['12,345', /plus de 2 décimales/], ['AJ', /n'est pas admis/], ['douze', /n'est pas une note/]] as const) {
      const r = await one(await put(centre, w.j200.a, 'U1', bad, 1));
      expect(r.status).toBe('error');
      expect(r.message).toMatch(msg);
      expect(r.row).toMatchObject({ value: '12,50', version: 1 });
    }
    expect(await one(await put(centre, w.j200.a, 'U1', '12.50', 1))).toMatchObject({ status: 'unchanged' });
    const j = await listJournal(h.db, { action: 'NOTE_CONTROLE_SAISIE', candidateId: w.j200.a });
    expect(j.rows.map((e) => JSON.parse(e.after_json!).note).sort()).toEqual(['12,50', 'ABS']);
    // a unit that is not one of the two choices
    expect(await one(await put(centre, w.j200.a, 'U3', '10', 0))).toMatchObject({ status: 'error', row: null });
    // clearing
    expect(await one(await put(centre, w.j200.a, 'U2', '', 1))).toMatchObject({ status: 'saved', message: 'Note effacée.', row: { value: '', version: 0 } });
    // the centre d'épreuve enters the grades of the candidates it hosts, not the others
    expect(await one(await put(epreuve, w.j200.b, 'U3', '9', 0))).toMatchObject({ status: 'saved', row: { value: '9,00', enteredBy: 'epreuve-0250013D' } });
    expect((await put(epreuve, w.j200.a, 'U2', '9', 0)).statusCode).toBe(404);
  });

  it('keeps the imported value rules: entering at 200 is not a change by the jury (updated_at stays empty)', async () => {
    const row = await h.db.selectFrom('controle_grade').selectAll().where('candidate_id', '=', w.j200.a).where('epreuve_code', '=', 'U1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'NOTE', hundredths: 1250, updated_at: null, entered_by: 'centre-0250001R', entered_by_login: 'centre-0250001R' });
  });

  it('is conflict-safe: a save based on an old version shows the current value and who entered it, and saves nothing', async () => {
    const [x, y] = await Promise.all([put(centre, w.j200.b, 'U2', '14', 0), put(centreBis, w.j200.b, 'U2', '15', 0)]);
    const rs = [await one(x), await one(y)];
    expect(rs.map((r) => r.status).sort()).toEqual(['conflict', 'saved']);
    const lost = rs.find((r) => r.status === 'conflict')!;
    const won = rs.find((r) => r.status === 'saved')!;
    expect(lost.message).toContain(`par ${won.row!.enteredBy}`);
    expect(lost.message).toContain(`valeur actuelle : ${won.row!.value}`);
    expect(lost.row).toMatchObject({ value: won.row!.value, version: 1 });
    // re-applied on the current version, it replaces it
    expect(await one(await put(centre, w.j200.b, 'U2', '16', 1))).toMatchObject({ status: 'saved', row: { value: '16,00', version: 2 } });
  });

  it('refuses grades outside 200 (403) and for the wrong role', async () => {
    const res = await put(centre, w.j198.controle, 'U1', '12', 0);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/jury 40198/);
    expect((await put(jury, w.j200.a, 'U1', '12', 1)).statusCode).toBe(403);
  });
});
