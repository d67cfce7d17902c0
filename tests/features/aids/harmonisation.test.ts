// "Harmonisation des jurys" through the HTTP API (issue #16, point 3), on SQLite and PostgreSQL: each
// jury's admission rate and mean beside its spécialité's, the jury far from it flagged; and the
// embargo: a jury is shown, and counted in the spécialité's figures, only to whoever may read its
// grades (the académie: all; a centre: its own; a centre d'épreuve: none).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import type { DbHandle } from '../../../src/db/connect.js';
import { buildApp } from '../../../src/server/app.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { allMemoGrades, candidate, grades, jury, standardWorld, user } from '../../support/factories.js';
import { call, login, TestClock, type Session } from '../../server/helpers.js';

interface Row { code: string; decided: number; rate: string; mean: string; flags: { rate: boolean; mean: boolean }; flagLabel: string; rateGap: string | null; rateTolerance: string | null; meanGap: string | null; meanTolerance: string | null }

describeEachDialect('harmonisation des jurys (API)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let academie: Session, centre: Session, otherCentre: Session, president: Session, epreuve: Session;
  const harmonisation = (s: Session, specialite?: string) =>
    call(app, s, 'GET', `/api/aides/harmonisation${specialite ? `?specialite=${specialite}` : ''}`);

  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db); // 31310 and 31311 (spécialité 31310) at centre 0250001R, 31408 at 0390007W
    for (let i = 0; i < 4; i++) await grades(h.db, await candidate(h.db, { jury: '31310', nom: `A${i}` }), allMemoGrades(1200));
    await grades(h.db, await candidate(h.db, { jury: '31310', nom: 'INC' }), { U1: 1100 }); // INCOMPLET: not counted
    for (let i = 0; i < 4; i++) await grades(h.db, await candidate(h.db, { jury: '31311', nom: `B${i}` }), allMemoGrades(1200));
    await grades(h.db, await candidate(h.db, { jury: '31311', nom: 'B4', centreEpreuve: '0250013D' }), allMemoGrades(1200));
    // the same spécialité at another centre, far below: 4 × 6,00 (refused)
    await jury(h.db, '31399', { specialite: '31310', centre: '0390007W', etat: '110' });
    for (let i = 0; i < 4; i++) await grades(h.db, await candidate(h.db, { jury: '31399', nom: `C${i}` }), allMemoGrades(600));
    // a jury not yet open (000), and its account: it reads nothing of its jury yet
    await jury(h.db, '31330', { specialite: '31408', centre: '0390007W', etat: '000' });
    await grades(h.db, await candidate(h.db, { jury: '31330', nom: 'E' }), allMemoGrades(1500));
    await user(h.db, { login: 'jury-31330', role: 'jury', scope: '31330' });
    app = await buildApp({ handle: h, now: new TestClock().now, webDist: '/nonexistent-web-dist', logStream: new Writable({ write(_c, _e, done) { done(); } }) });
    await app.ready();
    [academie, centre, otherCentre, president, epreuve] = await Promise.all([
      login(app, 'academie'), login(app, 'centre-0250001R'), login(app, 'centre-0390007W'), login(app, 'jury-31310'), login(app, 'epreuve-0250013D'),
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('the académie: every jury of the spécialité, the one far from it flagged with the rule stated', async () => {
    const res = await harmonisation(academie, '31310');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.specialite).toEqual({ code: '31310', libelle: 'Banque - conseiller de clientèle' });
    expect(d.specialites.map((s: { code: string }) => s.code)).toEqual(['31310', '31408']);
    // 13 decided (the incomplete candidate is not), 9 admitted; mean (9 × 12 + 4 × 6) / 13 = 10,153…
    expect(d.figures).toMatchObject({ juries: 3, candidates: 14, decided: 13, admis: 9, rate: '69,2 %', mean: '10,15' });
    expect(d.perimetre).toContain('tous ses jurys de la session (3)');
    expect(d.rule).toContain('2 × √(p × (1 − p) / n)');
    expect(d.rule).toContain('2 × σ / √n');
    const rows = new Map<string, Row>(d.juries.map((r: Row) => [r.code, r]));
    expect([...rows.keys()]).toEqual(['31310', '31311', '31399']);
    expect(rows.get('31310')).toMatchObject({ decided: 4, rate: '100,0 %', mean: '12,00', flags: { rate: false, mean: false }, flagLabel: '' });
    // 31399: 0 % against 69,2 % (band ± 2 √(9/13 × 4/13 / 4) = ± 46,2 points), 6,00 against 10,15
    expect(rows.get('31399')).toMatchObject({
      decided: 4, rate: '0,0 %', mean: '6,00', flags: { rate: true, mean: true },
      flagLabel: 'Taux d’admission et moyenne éloignés de la spécialité', rateGap: '-69,2', rateTolerance: '± 46,2', meanGap: '-4,15',
    });
    expect(d.flagged).toBe(1);
  });

  it('a centre: its own juries only, and the spécialité’s figures over them (nothing of another centre’s jury)', async () => {
    const res = await harmonisation(centre, '31310');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.juries.map((r: Row) => r.code)).toEqual(['31310', '31311']);
    expect(d.figures).toMatchObject({ juries: 2, candidates: 10, decided: 9, admis: 9, rate: '100,0 %', mean: '12,00', standardDeviation: '0,00' });
    expect(d.perimetre).toContain('les jurys dont vous pouvez consulter les notes (2)');
    expect(d.flagged).toBe(0);
    expect(res.body).not.toContain('31399');
    expect(res.body).not.toContain('0390007W');
    expect(res.body).not.toContain('6,00');
    // the spécialités of its own juries only; another centre's spécialité does not exist for it
    expect(d.specialites.map((s: { code: string }) => s.code)).toEqual(['31310']);
    expect((await harmonisation(centre, '31408')).statusCode).toBe(404);
    expect((await harmonisation(centre, '99999')).json().message).toBe('Spécialité introuvable parmi les jurys dont vous pouvez consulter les notes.');
    // without a spécialité: the first it may read
    expect((await harmonisation(centre)).json().specialite.code).toBe('31310');
  });

  it('the other centre: its jury of the spécialité alone, never flagged; the centre’s juries are not shown', async () => {
    const d = (await harmonisation(otherCentre, '31310')).json();
    expect(d.juries.map((r: Row) => r.code)).toEqual(['31399']);
    expect(d.juries[0]).toMatchObject({ flags: { rate: false, mean: false }, rateTolerance: null, meanGap: null });
    expect(d.figures).toMatchObject({ juries: 1, candidates: 4, mean: '6,00' });
    expect(JSON.stringify(d)).not.toMatch(/31311|0250001R|12,00/);
  });

  it('a jury account: its own jury only; a centre d’épreuve may not read grades (403); bad input is refused', async () => {
    const d = (await harmonisation(president, '31310')).json();
    expect(d.juries.map((r: Row) => r.code)).toEqual(['31310']);
    expect(d.figures.juries).toBe(1);
    const res = await harmonisation(epreuve, '31310');
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('12,00');
    expect((await call(app, academie, 'GET', `/api/aides/harmonisation?specialite=${'9'.repeat(30)}`)).statusCode).toBe(400);
  });

  it('below its embargo state a jury is nothing to its own account (000: 403), while its centre and the académie read it', async () => {
    const own = await harmonisation(await login(app, 'jury-31330'), '31408');
    expect(own.statusCode).toBe(403);
    expect(own.body).not.toContain('15,00');
    for (const s of [academie, otherCentre]) {
      const d = (await harmonisation(s, '31408')).json();
      expect(d.juries.find((r: Row) => r.code === '31330')).toMatchObject({ mean: '15,00', etat: '000' });
    }
  });
});
