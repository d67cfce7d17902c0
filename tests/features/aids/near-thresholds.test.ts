// "Candidats proches d'un seuil" through the HTTP API (issue #16, point 1), on SQLite and PostgreSQL:
// the golden candidate (9,95) with "U1 : 9,34 suffit", the margin, a bénéfice that is no lever, the
// 2nd group (contrôle grades), who may read it (the jury, its centre read-only, the académie) and the
// same answer computed offline from the jury's bundle.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import type { DbHandle } from '../../../src/db/connect.js';
import { offlineNearThresholds } from '../../../src/features/aids/present-near.js';
import { withChanges, type OfflineBundle } from '../../../src/features/deliberation/offline-views.js';
import { buildApp } from '../../../src/server/app.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { allMemoGrades, candidate, controleChoice, controleGrade, GOLDEN_GRADES, grades, jury, standardWorld, user } from '../../support/factories.js';
import { call, login, TestClock, type Session } from '../../server/helpers.js';

describeEachDialect('candidats proches d’un seuil (API)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  const clock = new TestClock();
  let president: Session, centre: Session, otherCentre: Session, aca: Session, epreuve: Session, jury2: Session;
  let golden: number, refused: number, benef: number, c2: number;
  const near = (s: Session, code: string, q = '') => call(app, s, 'GET', `/api/aides/juries/${code}/proches-seuil${q}`);

  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    golden = await candidate(h.db, { jury: '31310', nom: 'AZBTSUN' });
    await grades(h.db, golden, GOLDEN_GRADES);
    await grades(h.db, await candidate(h.db, { jury: '31310', nom: 'BANQA' }), allMemoGrades(1200));
    // 7,80 → refused, near the contrôle threshold (8)
    refused = await candidate(h.db, { jury: '31310', nom: 'REFUSE' });
    await grades(h.db, refused, allMemoGrades(780));
    // 9,70 (professional average 9,70 too: refused) with U1 a bénéfice: U1 is no lever
    benef = await candidate(h.db, { jury: '31310', nom: 'BENEF' });
    await grades(h.db, benef, allMemoGrades(970));
    await h.db.updateTable('grade').set({ benefice: '2022' }).where('candidate_id', '=', benef).where('epreuve_code', '=', 'U1').execute();
    // a jury at 210: after the contrôle 9,95 (U1 9,00 kept, U2 11,00 kept) → refused, near 10
    await jury(h.db, '31320', { specialite: '31310', centre: '0250001R', etat: '210' });
    await user(h.db, { login: 'jury-31320', role: 'jury', scope: '31320' });
    c2 = await candidate(h.db, { jury: '31320', nom: 'CONTROLE' });
    await grades(h.db, c2, GOLDEN_GRADES);
    await controleChoice(h.db, c2, 'U1', 'U2');
    await controleGrade(h.db, c2, 'U1', 850);
    await controleGrade(h.db, c2, 'U2', 1000);
    app = await buildApp({ handle: h, now: clock.now, webDist: '/nonexistent-web-dist', logStream: new Writable({ write(_c, _e, done) { done(); } }) });
    await app.ready();
    [president, centre, otherCentre, aca, epreuve, jury2] = await Promise.all([
      login(app, 'jury-31310'), login(app, 'centre-0250001R'), login(app, 'centre-0390007W'), login(app, 'academie'), login(app, 'epreuve-0250013D'),
      login(app, 'jury-31320'),
    ]);
    expect((await call(app, president, 'POST', '/api/auth/acting-member', { member: 'president' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('lists the candidates near a threshold, by gap, with the smallest grade of each épreuve that alone changes the decision', async () => {
    const res = await near(president, '31310');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ group: 1, marge: '0,50', margeCentiemes: 50 });
    expect(body.rule).toMatch(/0,50 point au plus/);
    expect(body.candidates.map((c: { id: number; threshold: string }) => [c.id, c.threshold])).toEqual([[golden, 'ADMIS'], [refused, 'CONTROLE'], [benef, 'ADMIS'], [benef, 'PRO']]);
    const g = body.candidates[0];
    expect(g).toMatchObject({
      numeroAnonymat: expect.stringMatching(/^T230A0310/), value: '9,95', seuil: '10', gap: '0,05', decision: 'CONTROLE', targetLabel: 'Admis', anyLever: true,
    });
    expect(g.levers.map((l: { text: string }) => l.text)).toEqual([
      'U1 : 9,34 suffit', 'U2E : 7,00 suffit', 'U2O : 17,00 suffit', 'U3 : 10,20 suffit', 'U41 : 10,25 suffit', 'U42 : 10,50 suffit', 'U5 : 10,25 suffit',
    ]);
    // 7,80 → 8 is not enough: the professional average (7,80) must reach 10 too, so no general grade
    // suffices; U3 (pro coef 5 of 15): 7,80 + 33/5 → 14,40 (and the average 9,45)
    expect(body.candidates[1]).toMatchObject({ value: '7,80', seuil: '8', gap: '0,20', decision: 'REFUSE', targetLabel: 'Passe les épreuves de contrôle' });
    expect(body.candidates[1].levers.slice(0, 4).map((l: { text: string }) => l.text)).toEqual([
      'U1 : aucune note seule ne suffit', 'U2E : aucune note seule ne suffit', 'U2O : aucune note seule ne suffit', 'U3 : 14,40 suffit',
    ]);
    // near two thresholds: Admis (9,70) and the professional average (9,70); the bénéfice (U1) is no lever
    expect(body.candidates[2]).toMatchObject({ valueLabel: 'Moyenne', decision: 'REFUSE', targetLabel: 'Admis' });
    expect(body.candidates[3]).toMatchObject({ valueLabel: 'Moyenne des épreuves professionnelles', value: '9,70', targetLabel: 'Passe les épreuves de contrôle' });
    expect(body.candidates[2].levers.map((l: { epreuve: string }) => l.epreuve)).toEqual(['U2E', 'U2O', 'U3', 'U41', 'U42', 'U5']);
    // the pro average 9,70 → 10 over pro coefficient 15: U3 (coef 5) + 0,90 → 10,60
    expect(body.candidates[3].levers.find((l: { epreuve: string }) => l.epreuve === 'U3').text).toBe('U3 : 10,60 suffit');
    expect(res.body).not.toMatch(/AZBTSUN|BENEF/);
  });

  it('takes a margin in points, and refuses a bad one in French', async () => {
    const small = (await near(president, '31310', '?marge=0,10')).json();
    expect(small.candidates.map((c: { id: number }) => c.id)).toEqual([golden]);
    expect(small.marge).toBe('0,10');
    const bad = await near(president, '31310', '?marge=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/La marge « abc » doit être un nombre de points de 0,01 à 20/);
    expect((await near(president, '31310', '?marge=0')).statusCode).toBe(400);
    expect((await near(president, '31310', '?marge=25')).statusCode).toBe(400);
  });

  it('after the contrôle: the contrôle grades that alone make the candidate admitted', async () => {
    const body = (await near(jury2, '31320')).json();
    expect(body.group).toBe(2);
    expect(body.candidates).toHaveLength(1);
    expect(body.candidates[0]).toMatchObject({ id: c2, threshold: 'ADMIS_CONTROLE', value: '9,95', decision: 'REFUSE' });
    // U1 retained 9 → 9,34; U2 retained 11 → 11,50
    expect(body.candidates[0].levers.map((l: { text: string }) => l.text)).toEqual(['U1 (contrôle) : 9,34 suffit', 'U2 (contrôle) : 11,50 suffit']);
  });

  it('is read-only for the centre and the académie; hidden elsewhere', async () => {
    const c = await near(centre, '31310');
    expect(c.statusCode).toBe(200);
    expect(c.json().jury.actions.canModifyGrades).toBe(false);
    expect(c.json().candidates).toHaveLength(4);
    expect((await near(aca, '31310')).statusCode).toBe(200);
    expect((await near(otherCentre, '31310')).statusCode).toBe(404);
    expect((await near(epreuve, '31310')).statusCode).toBeGreaterThanOrEqual(403);
    expect((await near(president, '31320')).statusCode).toBe(404);
  });

  it('offline: the same answer from the jury’s bundle, and it follows a change queued offline', async () => {
    const bundle = (await call(app, president, 'GET', '/api/deliberation/juries/31310/offline-bundle')).json() as OfflineBundle;
    const online = (await near(president, '31310')).json();
    expect(offlineNearThresholds(bundle, 50)).toEqual(online);
    const version = bundle.candidates.find((c) => c.candidate.id === golden)!.leafGrades.find((g) => g.epreuveCode === 'U1')!.version;
    const changed = withChanges(bundle, [{
      id: 'x', candidateId: golden, group: 1, epreuve: 'U1', value: '9,34', version, enteredAt: '2023-06-01T10:00:00.000Z', expectedEtat: '110', memberName: 'DUBOIS Pierre',
    }]);
    expect(offlineNearThresholds(changed, 50).candidates.map((c) => c.id)).toEqual([refused, benef, benef]);
  });
});
