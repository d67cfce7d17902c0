// The jury portal through the HTTP API (app.inject), on SQLite and PostgreSQL: candidates, PVI, grade
// changes with trace and optimistic concurrency, identity on demand, closing, scope (404) and roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import type { DbHandle } from '../../../src/db/connect.js';
import { findJury } from '../../../src/db/repositories/juries.js';
import { listJournal } from '../../../src/db/repositories/journal.js';
import { buildApp } from '../../../src/server/app.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { allMemoGrades, candidate, controleChoice, controleGrade, GOLDEN_GRADES, grades, jury, standardWorld, user } from '../../support/factories.js';
import { call, login, TestClock, type Session } from '../../server/helpers.js';

describeEachDialect('jury portal API', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  const clock = new TestClock();
  const logs: string[] = [];
  let president: Session, vice: Session, noMember: Session, other: Session, centre: Session, otherCentre: Session, aca: Session, epreuve: Session;
  let golden: number, incomplete: number, admis: number, c2: number;

  const choose = (s: Session, member: 'president' | 'vice_president') => call(app, s, 'POST', '/api/auth/acting-member', { member });
  const change = (s: Session, id: number, body: Record<string, unknown>) => call(app, s, 'POST', `/api/deliberation/candidates/${id}/grade-changes`, body);
  const pvi = (s: Session, id: number) => call(app, s, 'GET', `/api/deliberation/candidates/${id}/pvi`);
  const cellOf = (p: any, code: string) => {
    for (const u of p.units) {
      if (u.cell?.epreuve === code) return u.cell;
      const l = u.leaves.find((x: any) => x.code === code);
      if (l) return l.cell;
    }
    throw new Error(`no cell ${code}`);
  };

  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    golden = await candidate(h.db, { jury: '31310', nom: 'AZBTSUN' });
    await grades(h.db, golden, GOLDEN_GRADES);
    incomplete = await candidate(h.db, { jury: '31310', nom: 'PETIT' });
    await grades(h.db, incomplete, { U1: 1100, U2E: 1200, U2O: 1300, U3: 1050, U42: 950, U5: 1000 });
    admis = await candidate(h.db, { jury: '31310', nom: 'BANQA' });
    await grades(h.db, admis, { ...allMemoGrades(1200), UF1: 1400 });
    // a jury at 210 (2nd group) with one CONTROLE candidate and his contrôle grades
    await jury(h.db, '31320', { specialite: '31310', centre: '0250001R', etat: '210' });
    await user(h.db, { login: 'jury-31320', role: 'jury', scope: '31320' });
    c2 = await candidate(h.db, { jury: '31320', nom: 'CONTROLE' });
    await grades(h.db, c2, GOLDEN_GRADES);
    await controleChoice(h.db, c2, 'U1', 'U2');
    await controleGrade(h.db, c2, 'U1', 1200);
    await controleGrade(h.db, c2, 'U2', 1100);
    app = await buildApp({
      handle: h, now: clock.now, webDist: '/nonexistent-web-dist',
      logStream: new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } }),
    });
    await app.ready();
    [president, vice, noMember, other, centre, otherCentre, aca, epreuve] = await Promise.all([
      login(app, 'jury-31310'), login(app, 'jury-31310'), login(app, 'jury-31310'), login(app, 'jury-31408'), login(app, 'centre-0250001R'),
      login(app, 'centre-0390007W'), login(app, 'academie'), login(app, 'epreuve-0250013D'),
    ]);
    expect((await choose(president, 'president')).statusCode).toBe(200);
    expect((await choose(vice, 'vice_president')).statusCode).toBe(200);
    expect((await choose(other, 'president')).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('gives the jury with its members and the actions of this user, in any state', async () => {
    const res = await call(app, noMember, 'GET', '/api/deliberation/juries/31310');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: '31310', president: 'DUBOIS Pierre', vicePresident: 'MARTIN Claire', actingMember: null, actions: { needsActingMember: true } });
    expect((await call(app, centre, 'GET', '/api/deliberation/juries/31310')).json().actions).toMatchObject({ canModifyGrades: false, canClose: false, needsActingMember: false });
  });

  it('lists the candidates by anonymous number with averages, proposed decision, flags and counts — no identity', async () => {
    const res = await call(app, president, 'GET', '/api/deliberation/juries/31310/candidates');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.jury).toMatchObject({ code: '31310', etat: '110', group: 1, president: 'DUBOIS Pierre', vicePresident: 'MARTIN Claire', actingMember: { member: 'president', name: 'DUBOIS Pierre' } });
    expect(body.jury.actions).toMatchObject({ canModifyGrades: true, modifiableGroup: 1, canClose: true, closeAction: 'CLOTURER_DELIBERATION_1', needsActingMember: false });
    const g = body.candidates.find((c: { id: number }) => c.id === golden);
    expect(g).toMatchObject({ numeroAnonymat: `T230A0310${String(golden).padStart(5, '0')}`, categorie: 'SCOLAIRE', moyenne: '9,95', moyennePro: '10,00', decision: 'CONTROLE', decisionLabel: 'Passe les épreuves de contrôle' });
    expect(g.flags).toEqual({ livret: true, handicap: '', benefice: false, dispense: false, presumeFraudeur: false, listeRouge: false });
    expect(body.candidates.find((c: { id: number }) => c.id === incomplete)).toMatchObject({ decision: 'INCOMPLET', moyenne: null, missingUnits: ['U41'] });
    expect(body.counts).toEqual([
      { decision: 'ADMIS', label: 'Admis', count: 1 }, { decision: 'CONTROLE', label: 'Passe les épreuves de contrôle', count: 1 },
      { decision: 'REFUSE', label: 'Refusé', count: 0 }, { decision: 'INCOMPLET', label: 'Incomplet', count: 1 },
    ]);
    expect(res.body).not.toMatch(/AZBTSUN|PETIT|BANQA|02319252/);
  });

  it('shows the PVI: units and sub-épreuves, coefficients, points, totals, averages truncated, decision and its rule', async () => {
    const res = await pvi(president, golden);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.units.map((u: { code: string }) => u.code)).toEqual(['U1', 'U2', 'U3', 'U41', 'U42', 'U5', 'UF1']);
    expect(p.units[0]).toMatchObject({ code: 'U1', coef: '3', grade: '9,00', points: '27,00', cell: { group: 1, epreuve: 'U1', value: '9,00', version: 1, editable: true, original: null } });
    expect(p.units[1]).toMatchObject({ code: 'U2', coef: '2', grade: '11,00', points: '22,00', cell: null });
    expect(p.units[1].leaves.map((l: any) => [l.code, l.coef, l.cell.value])).toEqual([['U2E', '1', '6,00'], ['U2O', '1', '16,00']]);
    expect(p.units[6]).toMatchObject({ code: 'UF1', facultative: true, grade: '', cell: { value: '', version: 0, editable: true } });
    expect(p.group1).toMatchObject({
      decision: 'CONTROLE', decisionLabel: 'Passe les épreuves de contrôle', moyenne: '9,95', moyennePro: '10,00', totalCoef: '20', totalPoints: '199,00',
      totalCoefPro: '15', totalPointsPro: '150,00',
    });
    expect(p.group1.rule).toMatch(/Moyenne 9,95 .*professionnelles 10,00/);
    expect(p.candidate).toMatchObject({ id: golden, flags: { livret: true } });
    expect(p.group2).toMatchObject({ decision: 'INCOMPLET', choices: [] });
    expect(res.body).not.toMatch(/AZBTSUN/);
  });

  it('refuses a change before the acting member is chosen, and bad values with clear French messages', async () => {
    const header = (await call(app, noMember, 'GET', '/api/deliberation/juries/31310/candidates')).json().jury;
    expect(header.actions.needsActingMember).toBe(true);
    expect(cellOf((await pvi(noMember, golden)).json(), 'U1').editable).toBe(false);
    const res = await change(noMember, golden, { group: 1, epreuve: 'U1', value: '10', version: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/qui délibère/);
    const bad = async (value: string, epreuve = 'U1', group = 1) => (await change(president, golden, { group, epreuve, value, version: 1 })).json();
    expect(await bad('25')).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/n'est pas comprise entre 0 et 20/) });
    expect((await bad('12,345')).message).toMatch(/plus de 2 décimales/);
    expect((await bad('douze')).message).toMatch(/n'est pas une note/);
    expect((await bad('')).message).toMatch(/Note vide/);
    expect((await bad('12', 'U9')).message).toMatch(/n'existe pas/);
    expect((await bad('AJ', 'U1', 2)).message).toMatch(/n'est pas admis pour une note de contrôle/);
    expect((await bad('12', 'U1', 2)).code).toBe('CONFLICT'); // contrôle grades only at 210
  });

  it('changes a grade: the decision is recomputed at once, the original is kept, the journal has old, new, comment and member', async () => {
    const res = await change(president, golden, { group: 1, epreuve: 'U1', value: '10', version: 1, comment: 'Erreur de report de la copie' });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.group1).toMatchObject({ moyenne: '10,10', decision: 'ADMIS', decisionLabel: 'Admis', totalPoints: '202,00' });
    expect(p.finalDecision).toBe('ADMIS');
    expect(cellOf(p, 'U1')).toMatchObject({ value: '10,00', version: 2, original: '9,00', updatedBy: 'DUBOIS Pierre' });
    const row = await h.db.selectFrom('grade').selectAll().where('candidate_id', '=', golden).where('epreuve_code', '=', 'U1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'NOTE', hundredths: 1000, orig_kind: 'NOTE', orig_hundredths: 900, version: 2, updated_by: 'DUBOIS Pierre' });
    const j = await listJournal(h.db, { juryCode: '31310', action: 'NOTE_MODIFIEE' });
    expect(j.total).toBe(1);
    expect(j.rows[0]).toMatchObject({
      actor_login: 'jury-31310', actor_name: 'DUBOIS Pierre', actor_role: 'jury', candidate_id: golden, subject: `grade:${golden}:U1`,
      before_json: '{"note":"9,00"}', after_json: '{"note":"10,00","groupe":1}', reason: 'Erreur de report de la copie',
    });
    // a second change keeps the imported value as the original
    const again = await change(vice, golden, { group: 1, epreuve: 'U1', value: '9,5', version: 2 });
    expect(cellOf(again.json(), 'U1')).toMatchObject({ value: '9,50', version: 3, original: '9,00', updatedBy: 'MARTIN Claire' });
    expect(again.json().group1.moyenne).toBe('10,02');
    // the list follows at once
    const list = (await call(app, president, 'GET', '/api/deliberation/juries/31310/candidates')).json();
    expect(list.candidates.find((c: { id: number }) => c.id === golden)).toMatchObject({ moyenne: '10,02', decision: 'ADMIS' });
  });

  it('two changes based on the same version: exactly one succeeds, the other gets 409 with the current value, one journal entry', async () => {
    const [a, b] = await Promise.all([
      change(president, admis, { group: 1, epreuve: 'U3', value: '14', version: 1 }),
      change(vice, admis, { group: 1, epreuve: 'U3', value: '8', version: 1 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [winner, loser] = a.statusCode === 200 ? [a, b] : [b, a];
    const winnerValue = a.statusCode === 200 ? '14,00' : '8,00';
    const winnerName = a.statusCode === 200 ? 'DUBOIS Pierre' : 'MARTIN Claire';
    expect(cellOf(winner.json(), 'U3').value).toBe(winnerValue);
    expect(loser.json()).toMatchObject({ code: 'CONFLICT', current: { epreuve: 'U3', value: winnerValue, version: 2, updatedBy: winnerName } });
    expect(loser.json().message).toMatch(new RegExp(`modifiée entre-temps par ${winnerName} \\(valeur actuelle : ${winnerValue}\\)`));
    const j = await listJournal(h.db, { candidateId: admis, action: 'NOTE_MODIFIEE' });
    expect(j.total).toBe(1);
    // the loser re-applies his value on the current version
    const reapplied = await change(a.statusCode === 200 ? vice : president, admis, { group: 1, epreuve: 'U3', value: a.statusCode === 200 ? '8' : '14', version: 2 });
    expect(reapplied.statusCode).toBe(200);
  });

  it('shows an identity on demand and journals the reveal without the name', async () => {
    const res = await call(app, president, 'POST', `/api/deliberation/candidates/${golden}/identity`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ nom: 'AZBTSUN', nomUsage: '', prenoms: 'Prénom', numeroCandidat: `${String(2319252150 + golden).padStart(11, '0')} - 001` });
    const j = await listJournal(h.db, { candidateId: golden, action: 'IDENTITE_CONSULTEE' });
    expect(j.rows[0]).toMatchObject({ actor_name: 'DUBOIS Pierre', jury_code: '31310', subject: `candidate:${golden}`, before_json: null, after_json: null });
    expect(JSON.stringify(j.rows)).not.toMatch(/AZBTSUN/);
  });

  it('refuses to close while a candidate is INCOMPLET (listed by anonymous number), closes after the missing grade, then refuses any change', async () => {
    const anonymat = `T230A0310${String(incomplete).padStart(5, '0')}`;
    const refused = await call(app, president, 'POST', '/api/deliberation/juries/31310/close', { expectedEtat: '110' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toMatch(/Clôture impossible/);
    expect(refused.json().details).toEqual([{ message: `${anonymat} : U41` }]);
    expect((await findJury(h.db, '31310'))!.etat).toBe('110');
    // entering the missing grade is a change too (version 0: no grade yet)
    const entered = await change(president, incomplete, { group: 1, epreuve: 'U41', value: '12', version: 0 });
    expect(entered.statusCode).toBe(200);
    expect(entered.json().group1).toMatchObject({ decision: 'ADMIS', moyenne: '10,87' });
    expect(cellOf(entered.json(), 'U41')).toMatchObject({ value: '12,00', version: 1, original: '' });
    expect((await listJournal(h.db, { candidateId: incomplete })).rows[0]).toMatchObject({ before_json: '{"note":null}', after_json: '{"note":"12,00","groupe":1}' });
    // neither the centre nor the académie closes a jury's deliberation
    expect((await call(app, centre, 'POST', '/api/deliberation/juries/31310/close', { expectedEtat: '110' })).statusCode).toBe(403);
    const closed = await call(app, president, 'POST', '/api/deliberation/juries/31310/close', { expectedEtat: '110' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ etat: '130', actions: { canModifyGrades: false, canClose: false } });
    expect((await listJournal(h.db, { juryCode: '31310', action: 'JURY_TRANSITION' })).rows[0]).toMatchObject({ actor_name: 'DUBOIS Pierre', before_json: '{"etat":"110"}', after_json: '{"etat":"130"}' });
    const late = await change(president, golden, { group: 1, epreuve: 'U1', value: '12', version: 3 });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toMatch(/ne peuvent pas être modifiées : le jury est à l'état 130/);
    expect(cellOf((await pvi(president, golden)).json(), 'U1').editable).toBe(false);
    expect((await call(app, president, 'POST', '/api/deliberation/juries/31310/close', { expectedEtat: '130' })).statusCode).toBe(409);
  });

  it('2nd group at 210: contrôle grades retained, moyenne 2, change of a contrôle grade, closing 210 → 211', async () => {
    const j2 = await login(app, 'jury-31320');
    await choose(j2, 'vice_president');
    const p = (await pvi(j2, c2)).json();
    expect(p.jury).toMatchObject({ etat: '210', group: 2, actions: { modifiableGroup: 2, closeAction: 'CLOTURER_DELIBERATION_2' } });
    expect(p.group2).toMatchObject({ decision: 'ADMIS', moyenne: '10,40', totalPoints: '208,00' });
    expect(p.group2.choices).toMatchObject([
      { code: 'U1', initial: '9,00', retained: '12,00', meilleureNoteRetenue: true, cell: { group: 2, value: '12,00', version: 1, editable: true } },
      { code: 'U2', initial: '11,00', retained: '11,00', meilleureNoteRetenue: false, cell: { value: '11,00', editable: true } },
    ]);
    expect(cellOf(p, 'U1').editable).toBe(false); // 1st-group grades are closed
    const list = (await call(app, j2, 'GET', '/api/deliberation/juries/31320/candidates')).json();
    expect(list.candidates[0].group2).toMatchObject({ decision: 'ADMIS', moyenne: '10,40', units: [{ code: 'U1', controle: '12,00', retained: '12,00' }, { code: 'U2' }] });
    expect(list.counts2).toEqual([{ decision: 'ADMIS', label: 'Admis', count: 1 }, { decision: 'REFUSE', label: 'Refusé', count: 0 }, { decision: 'INCOMPLET', label: 'Incomplet', count: 0 }]);
    expect((await change(j2, c2, { group: 1, epreuve: 'U1', value: '12', version: 1 })).statusCode).toBe(409);
    const res = await change(j2, c2, { group: 2, epreuve: 'U1', value: '8', version: 1, comment: 'Report' });
    expect(res.statusCode).toBe(200);
    expect(res.json().group2).toMatchObject({ decision: 'REFUSE', moyenne: '9,95' });
    expect(res.json().group2.choices[0]).toMatchObject({ retained: '9,00', cell: { value: '8,00', original: '12,00', updatedBy: 'MARTIN Claire' } });
    const row = await h.db.selectFrom('controle_grade').selectAll().where('candidate_id', '=', c2).where('epreuve_code', '=', 'U1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'NOTE', hundredths: 800, orig_kind: 'NOTE', orig_hundredths: 1200, version: 2, updated_by: 'MARTIN Claire' });
    expect((await listJournal(h.db, { candidateId: c2 })).rows[0]).toMatchObject({ subject: `controle_grade:${c2}:U1`, after_json: '{"note":"8,00","groupe":2}' });
    expect((await change(j2, c2, { group: 2, epreuve: 'U3', value: '8', version: 0 })).json().message).toMatch(/n'est pas une épreuve de contrôle choisie/);
    // a CONTROLE candidate without choices, then one missing a contrôle grade: refused, each named by
    // anonymous number only, with what is missing (the guard facts of juries/jury-facts.ts)
    const c3 = await candidate(h.db, { jury: '31320', nom: 'SANSCHOIX' });
    await grades(h.db, c3, GOLDEN_GRADES);
    const anon3 = (await h.db.selectFrom('candidate').select('numero_anonymat').where('id', '=', c3).executeTakeFirstOrThrow()).numero_anonymat;
    const noChoice = await call(app, j2, 'POST', '/api/deliberation/juries/31320/close', { expectedEtat: '210' });
    expect(noChoice.statusCode).toBe(422);
    expect(noChoice.json().details).toEqual([{ message: `${anon3} : Choix des épreuves non saisis` }]);
    await controleChoice(h.db, c3, 'U1', 'U2');
    await controleGrade(h.db, c3, 'U1', 1200);
    const label2 = (await h.db.selectFrom('epreuve').select('libelle').where('specialite_code', '=', '31310').where('code', '=', 'U2').executeTakeFirstOrThrow()).libelle;
    const noGrade = await call(app, j2, 'POST', '/api/deliberation/juries/31320/close', { expectedEtat: '210' });
    expect(noGrade.statusCode).toBe(422);
    expect(noGrade.json().details).toEqual([{ message: `${anon3} : ${label2}` }]);
    expect(JSON.stringify(noGrade.json())).not.toContain('SANSCHOIX');
    await controleGrade(h.db, c3, 'U2', 1100);
    const closed = await call(app, j2, 'POST', '/api/deliberation/juries/31320/close', { expectedEtat: '210' });
    expect(closed.json()).toMatchObject({ etat: '211' });
    expect((await change(j2, c2, { group: 2, epreuve: 'U1', value: '12', version: 2 })).statusCode).toBe(409);
  });

  describe('scope and roles', () => {
    it('another jury gets 404 on every resource of 31310', async () => {
      const urls: [('GET' | 'POST'), string, unknown?][] = [
        ['GET', '/api/deliberation/juries/31310'],
        ['GET', '/api/deliberation/juries/31310/candidates'],
        ['GET', '/api/deliberation/juries/31310/statistics'],
        ['POST', '/api/deliberation/juries/31310/close', { expectedEtat: '130' }],
        ['GET', `/api/deliberation/candidates/${golden}/pvi`],
        ['POST', `/api/deliberation/candidates/${golden}/grade-changes`, { group: 1, epreuve: 'U1', value: '12', version: 3 }],
        ['POST', `/api/deliberation/candidates/${golden}/identity`],
      ];
      for (const who of [other, otherCentre, epreuve]) {
        for (const [method, url, body] of urls) {
          const res = await call(app, who, method, url, body);
          expect(res.statusCode, `${method} ${url}`).toBe(404);
          expect(res.body).not.toMatch(/AZBTSUN|9,95|10,10/);
        }
      }
      expect((await call(app, other, 'GET', '/api/deliberation/candidates/999999/pvi')).statusCode).toBe(404);
    });

    it('the centre and the académie read the PVI of their juries but never change a grade', async () => {
      for (const s of [centre, aca]) {
        const res = await pvi(s, golden);
        expect(res.statusCode).toBe(200);
        expect(res.json().jury.actions).toMatchObject({ canModifyGrades: false, canClose: false });
        expect(cellOf(res.json(), 'U1').editable).toBe(false);
        expect((await change(s, golden, { group: 1, epreuve: 'U1', value: '12', version: 3 })).statusCode).toBe(403);
      }
      expect((await call(app, null, 'GET', `/api/deliberation/candidates/${golden}/pvi`)).statusCode).toBe(401);
    });

    it('statistics: by decision and by épreuve', async () => {
      const res = await call(app, president, 'GET', '/api/deliberation/juries/31310/statistics');
      expect(res.statusCode).toBe(200);
      const s = res.json();
      expect(s.candidates).toBe(3);
      expect(s.byDecision.total).toMatchObject({ count: 3, percent: '100,00 %' });
      expect(s.byDecision.incomplete.count).toBe(0);
      const u1 = s.byEpreuve.find((e: { code: string }) => e.code === 'U1');
      expect(u1).toMatchObject({ level: 'unit', coef: '3', graded: 3, abs: 0, di: 0, missing: 0 });
      expect(s.byEpreuve.find((e: { code: string }) => e.code === 'U2E')).toMatchObject({ level: 'leaf', graded: 3, min: '6,00', max: '12,00' });
    });

    it('never writes names, grades or decisions in the log lines', () => {
      const text = logs.join('');
      expect(text).toMatch(/grade-changes/);
      expect(text).not.toMatch(/AZBTSUN|PETIT|BANQA|9,95|10,10|Admis|ADMIS|CONTROLE/);
    });
  });
});
