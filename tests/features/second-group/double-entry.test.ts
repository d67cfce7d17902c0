// Blind double entry of 2nd-group grades (issue #20, ADR 0012), through the API on both databases:
// the second person cannot learn the first value (grids, conflicts, journal), no verdict before both
// entries exist, a grade not confirmed is missing everywhere (results, PVI, offline bundle, missing
// grades), switching off and exceptional state changes are refused over open rows (the académie may
// confirm with a reason: they stay open), and arbitration is by a third person only.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { findJury } from '../../../src/db/repositories/juries.js';
import { listJournal } from '../../../src/db/repositories/journal.js';
import { computeResultLines } from '../../../src/features/results/results-table.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { controleChoice, user } from '../../support/factories.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';
import { secondGroupWorld, type World } from './world.js';

interface Row { candidateId: number; epreuveCode: string; value: string; masked: boolean; version: number; enteredBy: string | null; status: string; editable: boolean; readOnlyReason: string | null }
interface Result { status: string; message: string; row: Row | null }
interface Mismatch { candidateId: number; epreuveCode: string; juryEtat: string; status: string; first: { value: string; version: number }; second: { value: string; version: number }; canResolve: boolean; refusal: string | null }

describeEachDialect('2nd group: blind double entry', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let centre: Session, bis: Session, aca: Session, jury: Session;
  let echo: string;

  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await secondGroupWorld(h.db);
    await user(h.db, { login: 'jury-40200', role: 'jury', scope: '40200' });
    await controleChoice(h.db, w.j200.a, 'U1', 'U2');
    await controleChoice(h.db, w.j200.b, 'U2', 'U3');
    app = await testApp(h);
    [centre, bis, aca, jury] = await Promise.all([login(app, 'centre-0250001R'), login(app, 'centre-0250001R-bis'), login(app, 'academie'), login(app, 'jury-40200')]);
    echo = (await h.db.selectFrom('candidate').select('numero_candidat').where('id', '=', w.j200.a).executeTakeFirstOrThrow()).numero_candidat;
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const grid = async (s: Session, mode: 'first' | 'second') => {
    const res = await call(app, s, 'GET', `/api/second-group/grades?mode=${mode}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { rows: Row[] }).rows;
  };
  const rowOf = async (s: Session, mode: 'first' | 'second', id: number, unit: string) => (await grid(s, mode)).find((r) => r.candidateId === id && r.epreuveCode === unit);
  const put = async (s: Session, id: number, unit: string, value: string, expectedVersion: number, mode: 'first' | 'second' = 'first') => {
    const res = await call(app, s, 'POST', '/api/second-group/grades', { mode, entries: [{ candidateId: id, epreuveCode: unit, value, expectedVersion }] });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { results: Result[] }).results[0]!;
  };
  const journalTexts = async (s: Session) => {
    const res = await call(app, s, 'GET', '/api/journal?jury=40200');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { action: string; before: string | null; after: string | null }[] }).items;
  };
  const mismatches = async (s: Session) => ((await call(app, s, 'GET', '/api/second-group/mismatches')).json() as { items: Mismatch[] }).items;
  const echoLine = async () => (await computeResultLines(h.db)).find((l) => l.numero_candidat === echo)!;
  const echoPvi = async () => {
    const res = await call(app, jury, 'GET', `/api/deliberation/candidates/${w.j200.a}/pvi`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { group2: { decision: string; choices: { code: string; cell: { value: string; editable: boolean } }[] } | null };
  };
  const missing = async () => ((await call(app, centre, 'GET', '/api/second-group/missing-grades?jury=40200')).json() as { juries: { rows: { nom: string; manquantes: string[] }[] }[] }).juries[0]!.rows;

  it('the second person cannot learn the first value: grids, refusals and journal show it to its author only', async () => {
    expect((await call(app, centre, 'POST', '/api/second-group/double-entry', { juryCode: '40200', epreuveCode: 'U1', enabled: true })).statusCode).toBe(200);
    expect(await put(centre, w.j200.a, 'U2', '9', 0)).toMatchObject({ status: 'saved', row: { status: 'SAISIE' } }); // no double entry on U2
    expect(await put(centre, w.j200.a, 'U1', '11', 0)).toMatchObject({ status: 'saved', row: { value: '11,00', status: 'ATTENTE_SECONDE', masked: false } });

    expect(await rowOf(centre, 'first', w.j200.a, 'U1')).toMatchObject({ value: '11,00', editable: true });
    for (const other of [bis, aca]) {
      const first = await rowOf(other, 'first', w.j200.a, 'U1');
      expect(first).toMatchObject({ value: '', masked: true, editable: false, status: 'ATTENTE_SECONDE', enteredBy: 'centre-0250001R' });
      expect(first!.readOnlyReason).toMatch(/valeur masquée : seule cette personne peut la corriger/);
      expect(await rowOf(other, 'second', w.j200.a, 'U1')).toMatchObject({ value: '', masked: false, version: 0, editable: true });
      expect(JSON.stringify(await grid(other, 'first'))).not.toContain('11,00');
    }
    // the author may not type the other entry
    expect(await rowOf(centre, 'second', w.j200.a, 'U1')).toMatchObject({ editable: false, readOnlyReason: expect.stringMatching(/deux personnes différentes/) });
    expect(await put(centre, w.j200.a, 'U1', '11', 0, 'second')).toMatchObject({ status: 'error', message: expect.stringMatching(/deux personnes différentes/) });
    // nobody else overwrites (or learns by a conflict) an entry they cannot see
    for (const version of [0, 1]) {
      const r = await put(bis, w.j200.a, 'U1', '12', version);
      expect(r.status).toBe('error');
      expect(JSON.stringify(r)).not.toContain('11');
    }
    // the journal: the author sees the value, nobody else (académie included)
    expect((await journalTexts(centre)).find((e) => e.action === 'NOTE_CONTROLE_PREMIERE_SAISIE')!.after).toBe('note : 11,00');
    for (const other of [bis, aca]) {
      const e = (await journalTexts(other)).find((x) => x.action === 'NOTE_CONTROLE_PREMIERE_SAISIE')!;
      expect(e.after).toMatch(/masquée/);
      expect(JSON.stringify(await journalTexts(other))).not.toContain('11,00');
    }
    // the author corrects its entry while alone: still blind, still no verdict
    expect(await put(centre, w.j200.a, 'U1', '11,5', 1)).toMatchObject({ status: 'saved', row: { value: '11,50', status: 'ATTENTE_SECONDE' } });
    expect(await put(centre, w.j200.a, 'U1', '11', 2)).toMatchObject({ status: 'saved', row: { status: 'ATTENTE_SECONDE' } });
  });

  it('a grade in double entry is missing everywhere until confirmed: results, jury PVI, offline bundle, missing grades', async () => {
    const check = async () => {
      expect(await echoLine()).toMatchObject({ decision_1: 'CONTROLE', decision_2: 'INCOMPLET', moyenne_2: '' });
      const pvi = await echoPvi();
      expect(pvi.group2!.choices.find((u) => u.code === 'U1')!.cell.value).toBe('');
      const bundle = (await call(app, jury, 'GET', '/api/deliberation/juries/40200/offline-bundle')).json() as { candidates: { candidate: { id: number }; controleGrades: { epreuveCode: string }[]; input: { controleGrades?: Record<string, unknown> } }[] };
      const c = bundle.candidates.find((x) => x.candidate.id === w.j200.a)!;
      expect(c.controleGrades.map((g) => g.epreuveCode)).toEqual(['U2']);
      expect(c.input.controleGrades?.U1).toBeUndefined();
    };
    await check();
    expect(await missing()).toEqual(expect.arrayContaining([expect.objectContaining({ nom: 'ECHO', manquantes: ['Épreuve U1 (double saisie : seconde saisie manquante)'] })]));

    // the second entry differs: now, and only now, the verdict; both entries are frozen
    expect(await put(bis, w.j200.a, 'U1', '13', 0, 'second')).toMatchObject({ status: 'saved', row: { value: '13,00', status: 'DISCORDANTE' } });
    expect(await rowOf(bis, 'first', w.j200.a, 'U1')).toMatchObject({ value: '11,00', masked: false, editable: false });
    expect(await put(bis, w.j200.a, 'U1', '11', 1, 'second')).toMatchObject({ status: 'error', message: expect.stringMatching(/arbitrage/) });
    expect(await put(centre, w.j200.a, 'U1', '13', 3)).toMatchObject({ status: 'error', message: expect.stringMatching(/arbitrage/) });
    await check();
    expect((await missing()).find((r) => r.nom === 'ECHO')!.manquantes).toEqual(['Épreuve U1 (double saisie : saisies discordantes)']);
    const [m] = await mismatches(centre);
    expect(m).toMatchObject({ candidateId: w.j200.a, status: 'DISCORDANTE', first: { value: '11,00' }, second: { value: '13,00' }, canResolve: false });
    expect(m!.refusal).toMatch(/l’une des deux saisies/);
    expect((await mismatches(aca))[0]).toMatchObject({ canResolve: true, refusal: null });
  });

  it('switching the double entry off is refused over open rows; the académie may confirm with a reason, and they stay open', async () => {
    // U2 (in force, 9) becomes a first entry awaiting its second one when the double entry is enabled
    expect((await call(app, centre, 'POST', '/api/second-group/double-entry', { juryCode: '40200', epreuveCode: 'U2', enabled: true })).statusCode).toBe(200);
    expect((await listJournal(h.db, { action: 'NOTE_CONTROLE_MISE_EN_DOUBLE_SAISIE' })).rows).toHaveLength(1);
    expect((await echoPvi()).group2!.choices.find((u) => u.code === 'U2')!.cell.value).toBe('');
    const off = (s: Session, extra: object = {}) => call(app, s, 'POST', '/api/second-group/double-entry', { juryCode: '40200', epreuveCode: 'U2', enabled: false, ...extra });
    for (const s of [centre, aca]) {
      const res = await off(s);
      expect(res.statusCode).toBe(422);
      expect(res.json().message).toMatch(/Désactivation refusée : 1 note\(s\)/);
      expect(res.json().details).toEqual([{ message: expect.stringMatching(/ECHO .* : Épreuve U2 \(double saisie : seconde saisie manquante\)$/) }]);
    }
    expect((await off(centre, { override: true, reason: 'x' })).statusCode).toBe(422);
    expect((await off(aca, { override: true })).statusCode).toBe(400);
    const ok = await off(aca, { override: true, reason: 'Épreuve notée par un seul correcteur.' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().units.find((u: { code: string }) => u.code === 'U2')).toMatchObject({ enabled: false, open: [expect.stringMatching(/ECHO/)] });
    // still open: missing, and its second entry can still be typed (blind) by someone else
    expect((await missing()).find((r) => r.nom === 'ECHO')!.manquantes).toContain('Épreuve U2 (double saisie : seconde saisie manquante)');
    expect(await rowOf(bis, 'second', w.j200.a, 'U2')).toMatchObject({ value: '', editable: true });
    expect(await put(bis, w.j200.a, 'U2', '9', 0, 'second')).toMatchObject({ status: 'saved', row: null }); // settled: no longer a double entry
    expect(await rowOf(bis, 'first', w.j200.a, 'U2')).toMatchObject({ value: '9,00', status: 'SAISIE' });
    expect((await listJournal(h.db, { action: 'NOTE_CONTROLE_DOUBLE_SAISIE_CONCORDANTE' })).rows).toHaveLength(1);
    expect((await echoPvi()).group2!.choices.find((u) => u.code === 'U2')!.cell.value).toBe('9,00');
  });

  it('an exceptional state change over an open row is refused with the list; the académie confirms it, the row stays open at 210', async () => {
    const move = (s: Session, to: string, from: string, extra: object = {}) =>
      call(app, s, 'POST', '/api/juries/40200/exceptional-state', { to, expectedEtat: from, reason: 'Ouverture malgré la discordance.', ...extra });
    const refused = await move(aca, '210', '200');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toMatch(/Changement d'état refusé : 1 note\(s\) du 2nd groupe en double saisie non résolue\(s\)/);
    expect(refused.json().details).toEqual([{ message: expect.stringMatching(/ECHO .* : Épreuve U1 \(double saisie : saisies discordantes\)$/) }]);
    expect((await move(centre, '198', '200')).statusCode).toBe(403); // not a centre's change anyway
    expect((await findJury(h.db, '40200'))!.etat).toBe('200');

    const ok = await move(aca, '210', '200', { overrideOpenDoubleEntries: true });
    expect(ok.statusCode, ok.body).toBe(200);
    const j = (await listJournal(h.db, { action: 'JURY_ETAT_EXCEPTIONNEL' })).rows.at(-1)!;
    expect(JSON.parse(j.after_json!)).toMatchObject({ etat: '210', doubleSaisieNonResolue: [expect.stringMatching(/ECHO/)] });
    // still open and listed at 210, still missing; the jury may not settle it
    expect(await mismatches(centre)).toEqual([expect.objectContaining({ candidateId: w.j200.a, juryEtat: '210', status: 'DISCORDANTE' })]);
    expect(await echoLine()).toMatchObject({ decision_2: 'INCOMPLET' });
    await call(app, jury, 'POST', '/api/auth/acting-member', { member: 'president' });
    const change = await call(app, jury, 'POST', `/api/deliberation/candidates/${w.j200.a}/grade-changes`, { group: 2, epreuve: 'U1', value: '12', version: 0 });
    expect(change.statusCode).toBe(409);
    expect(change.json().message).toMatch(/double saisie non résolue/);
    expect((await call(app, jury, 'POST', '/api/deliberation/juries/40200/close', { expectedEtat: '210' })).statusCode).toBe(422);
    expect((await move(aca, '200', '210')).statusCode).toBe(422);
  });

  it('arbitration is by a third person (or the académie), never by either author; the retained value goes in force', async () => {
    const [m] = await mismatches(aca);
    const resolve = (s: Session, firstVersion = m!.first.version, secondVersion = m!.second.version) =>
      call(app, s, 'POST', '/api/second-group/mismatches/resolve', { candidateId: w.j200.a, epreuveCode: 'U1', value: '12', firstVersion, secondVersion });
    for (const author of [centre, bis]) {
      const r = await resolve(author);
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toMatch(/l’une des deux saisies/);
    }
    expect((await resolve(aca, 9, 9)).statusCode).toBe(409);
    const ok = await resolve(aca);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ value: '12,00', status: 'ARBITREE', editable: false });
    const j = (await listJournal(h.db, { action: 'NOTE_CONTROLE_DISCORDANCE_RESOLUE' })).rows;
    expect(j.map((e) => [JSON.parse(e.before_json!), JSON.parse(e.after_json!)])).toEqual([[{ note: null, premiereSaisie: '11,00', secondeSaisie: '13,00' }, { note: '12,00' }]]);
    expect(await mismatches(aca)).toEqual([]);
    expect((await resolve(aca)).statusCode).toBe(409);
    // in force everywhere: ECHO 12 on U1 (coef 3), 9 on U2 → (138 − 24 + 36 − 16 + 18) / 15 = 10,13
    expect(await echoLine()).toMatchObject({ decision_2: 'ADMIS', moyenne_2: '10,13' });
    expect((await echoPvi()).group2!.choices.find((u) => u.code === 'U1')!.cell.value).toBe('12,00');
  });
});
