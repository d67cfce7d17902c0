import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { findJury } from '../../../src/db/repositories/juries.js';
import { listJournal } from '../../../src/db/repositories/journal.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import {
  allMemoGrades, candidate, controleChoice, controleGrade, GOLDEN_GRADES, grades, jury, standardWorld,
} from '../../support/factories.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';

describeEachDialect('jury lifecycle API', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let aca: Session, centre: Session, jury31310: Session;
  let incomplete: number;

  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    // 31310 (110): one complete candidate, one with U3 missing and a cleared U5; UF1 (optional) never missing
    await grades(h.db, await candidate(h.db, { jury: '31310' }), allMemoGrades(1200));
    incomplete = await candidate(h.db, { jury: '31310' });
    await grades(h.db, incomplete, { U1: 1000, U2E: 1000, U2O: 1000, U41: 1000, U42: 1000, U5: null });
    // 31320 (198) with a CONTROLE candidate; 31330 (198) without; 31340 (200) CONTROLE without grades
    for (const [code, etat] of [['31320', '198'], ['31330', '198'], ['31340', '200'], ['31350', '200']] as const) {
      await jury(h.db, code, { specialite: '31310', centre: '0250001R', etat });
    }
    await grades(h.db, await candidate(h.db, { jury: '31320' }), GOLDEN_GRADES);
    await grades(h.db, await candidate(h.db, { jury: '31330' }), allMemoGrades(1500));
    const c40 = await candidate(h.db, { jury: '31340' });
    await grades(h.db, c40, GOLDEN_GRADES);
    await controleChoice(h.db, c40, 'U1', 'U2');
    await controleGrade(h.db, c40, 'U1', 1200);
    const c50 = await candidate(h.db, { jury: '31350' });
    await grades(h.db, c50, GOLDEN_GRADES);
    await controleChoice(h.db, c50, 'U1', 'U2');
    await controleGrade(h.db, c50, 'U1', 1200);
    await controleGrade(h.db, c50, 'U2', 'ABS');
    app = await testApp(h);
    [aca, centre, jury31310] = await Promise.all([login(app, 'academie'), login(app, 'centre-0250001R'), login(app, 'jury-31310')]);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const etat = async (code: string) => (await findJury(h.db, code))!.etat;
  const transition = (s: Session, code: string, action: string, expectedEtat: string) =>
    call(app, s, 'POST', `/api/juries/${code}/transitions`, { action, expectedEtat });

  it('lists the juries of the scope with the actions this user may take', async () => {
    const res = await call(app, centre, 'GET', '/api/juries');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; etat: string; actions: { transitions: { action: string }[] } }[];
    expect(items.map((j) => j.code)).toEqual(['31310', '31311', '31320', '31330', '31340', '31350']);
    const j31311 = res.json().items[1];
    expect(j31311).toMatchObject({
      specialiteLibelle: 'Banque - conseiller de clientèle', centreLibelle: 'LP NELSON MANDELA', etatLibelle: 'Editions après la délibération du 1er groupe',
      debutDeliberation: '31/05/2023 14:00', finDeliberation: '06/07/2023 15:00', emergencyEnabled: false,
    });
    expect(j31311.actions.transitions).toEqual([{ action: 'TERMINER_GROUPE_1', label: 'Terminer le 1er groupe', to: '140', toLibelle: '1er groupe terminé en centre' }]);
    expect(j31311.actions.exceptionalTargets.map((t: { etat: string }) => t.etat)).toEqual(['000', '105', '110']);
    expect(j31311.actions.canToggleEmergency).toBe(false);
    const filtered = await call(app, centre, 'GET', '/api/juries?etat=200&etatOp=different&code=313');
    expect(filtered.json().items.map((j: { code: string }) => j.code)).toEqual(['31310', '31311', '31320', '31330']);
    const bySpec = await call(app, aca, 'GET', '/api/juries?specialite=31408');
    expect(bySpec.json().items.map((j: { code: string }) => j.code)).toEqual(['31408']);
  });

  it('pages, sorts and counts on the server, with the spécialités of the scope (issue #18, point 5)', async () => {
    const codes = (r: { json(): { items: { code: string }[] } }) => r.json().items.map((j) => j.code);
    const first = await call(app, centre, 'GET', '/api/juries?pageSize=4');
    expect(first.json()).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(codes(first)).toEqual(['31310', '31311', '31320', '31330']);
    expect(first.json().specialites).toEqual([{ code: '31310', libelle: 'Banque - conseiller de clientèle' }]);
    expect(codes(await call(app, centre, 'GET', '/api/juries?pageSize=4&page=2'))).toEqual(['31340', '31350']);
    // a page past the end answers the last one
    const past = await call(app, centre, 'GET', '/api/juries?pageSize=4&page=9');
    expect(past.json()).toMatchObject({ page: 2, total: 6 });
    // by state, descending, then by code
    const byState = await call(app, centre, 'GET', '/api/juries?sort=etat&order=desc&pageSize=3');
    expect(byState.json().items.map((j: { code: string; etat: string }) => `${j.etat}:${j.code}`)).toEqual(['200:31340', '200:31350', '198:31320']);
    // filters count before paging
    const filtered = await call(app, centre, 'GET', '/api/juries?etat=198&pageSize=1&page=2');
    expect(filtered.json()).toMatchObject({ total: 2, page: 2 });
    expect(codes(filtered)).toEqual(['31330']);
    // the académie's facets cover every spécialité of the session
    const aca1 = await call(app, aca, 'GET', '/api/juries?pageSize=1');
    expect(aca1.json().items).toHaveLength(1);
    expect(aca1.json().specialites.map((s: { code: string }) => s.code)).toEqual(expect.arrayContaining(['31310', '31408']));
    // bounded pages, French refusal
    const tooBig = await call(app, centre, 'GET', '/api/juries?pageSize=501');
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().message).toMatch(/500/);
    expect((await call(app, centre, 'GET', '/api/juries?sort=nom')).statusCode).toBe(400);
  });

  it('summarises every state with counts in scope and the bulk buttons of the role', async () => {
    const res = await call(app, centre, 'GET', '/api/juries/summary');
    const states = res.json().states as { etat: string; count: number; bulk: { label: string; allowed: boolean } | null }[];
    expect(states).toHaveLength(11);
    expect(states.find((s) => s.etat === '130')).toMatchObject({ count: 1, bulk: { action: 'TERMINER_GROUPE_1', label: 'Terminer 1er groupe', allowed: true } });
    expect(states.find((s) => s.etat === '211')).toMatchObject({ count: 0, bulk: { label: 'Terminer 2nd groupe', allowed: false } });
    expect(states.find((s) => s.etat === '110')!.bulk).toBeNull();
    const acad = (await call(app, aca, 'GET', '/api/juries/summary')).json().states as typeof states;
    expect(acad.find((s) => s.etat === '130')).toMatchObject({ count: 2, bulk: null });
    expect(acad.find((s) => s.etat === '140')!.bulk).toMatchObject({ label: 'Verrouiller 1er groupe' });
  });

  it('refuses to close a deliberation without an acting member (403), with missing grades (422, listed), then closes it (jury)', async () => {
    // the jury account has not said who deliberates: refused on this route as in the jury portal
    const before = await listJournal(h.db, { juryCode: '31310' });
    const anonymous = await transition(jury31310, '31310', 'CLOTURER_DELIBERATION_1', '110');
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.json().message).toMatch(/indiquez d’abord qui délibère \(président ou vice-président du jury\)/);
    expect(await etat('31310')).toBe('110');
    expect((await listJournal(h.db, { juryCode: '31310' })).total).toBe(before.total);
    // nor through the bulk route: the jury is listed as refused, with the same reason
    const bulk = await call(app, jury31310, 'POST', '/api/juries/bulk-transitions', { action: 'CLOTURER_DELIBERATION_1' });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().done).toEqual([]);
    expect(bulk.json().refused).toEqual([{ code: '31310', message: expect.stringMatching(/indiquez d’abord qui délibère/) }]);
    expect(await etat('31310')).toBe('110');
    expect((await listJournal(h.db, { juryCode: '31310' })).total).toBe(before.total);
    // the président says he is acting: his name is journaled
    const me = await call(app, jury31310, 'POST', '/api/auth/acting-member', { member: 'president' });
    expect(me.json().user.actingMember).toEqual({ member: 'president', name: 'DUBOIS Pierre' });
    const res = await transition(jury31310, '31310', 'CLOTURER_DELIBERATION_1', '110');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('GUARD_REFUSED');
    expect(res.json().details.map((d: { message: string }) => d.message)).toEqual(expect.arrayContaining([expect.stringMatching(/ : U3$/), expect.stringMatching(/ : U5$/)]));
    expect(await etat('31310')).toBe('110');
    expect((await transition(centre, '31310', 'CLOTURER_DELIBERATION_1', '110')).statusCode).toBe(403);
    await h.db.updateTable('grade').set({ kind: 'NOTE', hundredths: 1100 }).where('candidate_id', '=', incomplete).where('epreuve_code', '=', 'U5').execute();
    await grades(h.db, incomplete, { U3: 1000 });
    const ok = await transition(jury31310, '31310', 'CLOTURER_DELIBERATION_1', '110');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code: '31310', etat: '130' });
    const j = await listJournal(h.db, { juryCode: '31310' });
    expect(j.rows[0]).toMatchObject({ action: 'JURY_TRANSITION', actor_login: 'jury-31310', actor_name: 'DUBOIS Pierre', before_json: '{"etat":"110"}', after_json: '{"etat":"130"}' });
  });

  it('lets exactly one of two concurrent "Terminer" win; the other gets 409 and one entry is journaled', async () => {
    await h.db.updateTable('jury').set({ etat: '130' }).where('code', '=', '31408').execute();
    const other = await login(app, 'centre-0390007W');
    const [a, b] = await Promise.all([transition(other, '31408', 'TERMINER_GROUPE_1', '130'), transition(other, '31408', 'TERMINER_GROUPE_1', '130')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().message).toMatch(/^L'état du jury a changé entre-temps/);
    expect(await etat('31408')).toBe('140');
    expect((await listJournal(h.db, { juryCode: '31408', action: 'JURY_TRANSITION' })).total).toBe(1);
  });

  it('answers 409 when the expected state is stale and when the action does not apply to the state', async () => {
    expect((await transition(centre, '31311', 'TERMINER_GROUPE_1', '110')).statusCode).toBe(409);
    const wrong = await transition(centre, '31320', 'TERMINER_GROUPE_1', '198');
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().message).toMatch(/impossible/);
    expect((await transition(centre, '31311', 'NIMPORTE_QUOI', '130')).statusCode).toBe(400);
  });

  it('opens the 2nd-group collection only with CONTROLE candidates, else closes without it (académie)', async () => {
    expect((await transition(aca, '31330', 'OUVRIR_RECUEIL_2', '198')).statusCode).toBe(422);
    expect((await transition(aca, '31320', 'CLOTURER_SANS_GROUPE_2', '198')).statusCode).toBe(422);
    expect((await transition(aca, '31320', 'OUVRIR_RECUEIL_2', '198')).json().etat).toBe('200');
    expect((await transition(aca, '31330', 'CLOTURER_SANS_GROUPE_2', '198')).json().etat).toBe('218');
  });

  it('bulk "Ouvrir délibération 2nd groupe": opens the complete juries, refuses those with missing 2nd-group grades', async () => {
    const res = await call(app, centre, 'POST', '/api/juries/bulk-transitions', { action: 'OUVRIR_DELIBERATION_2' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.done).toEqual(['31350']);
    expect(body.refused.map((r: { code: string }) => r.code).sort()).toEqual(['31320', '31340']);
    expect(body.refused.find((r: { code: string }) => r.code === '31340').message).toMatch(/U2/);
    expect(await etat('31340')).toBe('200');
    expect((await call(app, aca, 'POST', '/api/juries/bulk-transitions', { action: 'OUVRIR_DELIBERATION_2' })).statusCode).toBe(403);
  });

  it('bulk "Terminer 1er groupe" touches only the juries of the centre', async () => {
    await h.db.updateTable('jury').set({ etat: '130' }).where('code', '=', '31408').execute();
    const res = await call(app, centre, 'POST', '/api/juries/bulk-transitions', { action: 'TERMINER_GROUPE_1' });
    expect(res.json().done.sort()).toEqual(['31310', '31311']);
    expect(await etat('31408')).toBe('130');
  });

  {
    it('refuses an exceptional change without a reason (400) and changes nothing', async () => {
      const before = (await listJournal(h.db, {})).total;
      for (const reason of [undefined, '', '   ']) {
        const res = await call(app, centre, 'POST', '/api/juries/31311/exceptional-state', { to: '110', expectedEtat: '140', ...(reason === undefined ? {} : { reason }) });
        expect(res.statusCode).toBe(400);
        expect(res.json().message).toBe('Le motif est obligatoire.');
      }
      expect(await etat('31311')).toBe('140');
      expect((await listJournal(h.db, {})).total).toBe(before);
    });

    it('lets the centre move back within a group, journaled with its reason; never across 198', async () => {
      const res = await call(app, centre, 'POST', '/api/juries/31311/exceptional-state', { to: '110', expectedEtat: '140', reason: 'Erreur de saisie signalée par le président' });
      expect(res.statusCode).toBe(200);
      expect(res.json().etat).toBe('110');
      const j = (await listJournal(h.db, { juryCode: '31311', action: 'JURY_ETAT_EXCEPTIONNEL' })).rows[0]!;
      expect(j).toMatchObject({ reason: 'Erreur de saisie signalée par le président', before_json: '{"etat":"140"}', after_json: '{"etat":"110"}' });
      const across = await call(app, centre, 'POST', '/api/juries/31330/exceptional-state', { to: '140', expectedEtat: '218', reason: 'x' });
      expect(across.statusCode).toBe(403);
      const acad = await call(app, aca, 'POST', '/api/juries/31330/exceptional-state', { to: '140', expectedEtat: '218', reason: 'Réouverture' });
      expect(acad.json().etat).toBe('140');
    });
  }

  it('lets the académie enable the emergency access (journaled), nobody else', async () => {
    expect((await call(app, centre, 'POST', '/api/juries/31310/emergency', { enabled: true, reason: 'Panne réseau' })).statusCode).toBe(403);
    const res = await call(app, aca, 'POST', '/api/juries/31310/emergency', { enabled: true, reason: 'Panne réseau' });
    expect(res.json()).toMatchObject({ emergencyEnabled: true, actions: { canToggleEmergency: true } });
    expect((await listJournal(h.db, { action: 'JURY_ACCES_SECOURS' })).total).toBe(1);
  });

  it('issue #13.6: enabling the emergency access requires a reason, journaled; an exceptional change journals its reason', async () => {
    for (const reason of [undefined, '', '   ']) {
      const res = await call(app, aca, 'POST', '/api/juries/31311/emergency', { enabled: true, ...(reason === undefined ? {} : { reason }) });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toBe("Le motif est obligatoire pour activer l'accès de secours : il est enregistré au journal.");
    }
    expect((await findJury(h.db, '31311'))!.emergencyEnabled).toBe(false);
    const before = (await listJournal(h.db, { action: 'JURY_ACCES_SECOURS' })).total;
    expect((await call(app, aca, 'POST', '/api/juries/31311/emergency', { enabled: true, reason: ' Coupure du réseau du centre ' })).statusCode).toBe(200);
    const entries = (await listJournal(h.db, { action: 'JURY_ACCES_SECOURS' })).rows;
    expect(entries).toHaveLength(before + 1);
    expect(entries.some((e) => e.jury_code === '31311' && e.reason === 'Coupure du réseau du centre')).toBe(true);
    // disabling needs no reason
    expect((await call(app, aca, 'POST', '/api/juries/31311/emergency', { enabled: false })).statusCode).toBe(200);
    // an exceptional state change without a reason is refused, nothing changes
    const current = await etat('31311');
    const refused = await call(app, aca, 'POST', '/api/juries/31311/exceptional-state', { to: current === '000' ? '105' : '000', expectedEtat: current, reason: '  ' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toBe('Le motif est obligatoire.');
    expect(await etat('31311')).toBe(current);
  });

  it('gives the session context with the établissement of the user', async () => {
    const res = await call(app, centre, 'GET', '/api/context');
    expect(res.json()).toEqual({
      domaine: 'BTS', session: '2023-06', academieCode: 'A03', academieLibelle: 'ACADEMIE DE BESANCON', periode: 'Session normale',
      etablissement: { uai: '0250001R', libelle: 'LP NELSON MANDELA', ville: 'AUDINCOURT CEDEX' },
    });
    expect((await call(app, aca, 'GET', '/api/context')).json().etablissement).toBeNull();
  });
});
