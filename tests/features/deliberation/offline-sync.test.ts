// The offline jury portal's server side (issue #9), on SQLite and PostgreSQL: the bundle the browser
// keeps (no identity), the offline views computed from it equal the server's screens (before and
// after changes), and the synchronisation of the queue — in order, optimistic concurrency on the
// grade's version and on the jury's state, conflicts resolved by the jury (nothing dropped
// silently), a resent change not applied twice, journal entries at the original time with the
// offline mark, and the hash chain still verifying.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { listJournal, verifyJournal } from '../../../src/db/repositories/journal.js';
import { offlineCandidateList, offlinePvi, offlineStatistics, withChanges, type OfflineBundle, type QueuedChange } from '../../../src/features/deliberation/offline-views.js';
import { buildApp } from '../../../src/server/app.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { allMemoGrades, candidate, GOLDEN_GRADES, grades, standardWorld } from '../../support/factories.js';
import { call, login, TestClock, type Session } from '../../server/helpers.js';

describeEachDialect('offline jury portal: bundle and synchronisation', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  const clock = new TestClock();
  let president: Session, vice: Session, noMember: Session, centre: Session, other: Session;
  let golden: number, incomplete: number, admis: number;
  let n = 0;

  const choose = (s: Session, member: 'president' | 'vice_president') => call(app, s, 'POST', '/api/auth/acting-member', { member });
  const bundleOf = async (s: Session): Promise<OfflineBundle> => {
    const res = await call(app, s, 'GET', '/api/deliberation/juries/31310/offline-bundle');
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const sync = (s: Session, changes: unknown[]) => call(app, s, 'POST', '/api/deliberation/juries/31310/sync', { changes });
  const pvi = async (s: Session, id: number) => (await call(app, s, 'GET', `/api/deliberation/candidates/${id}/pvi`)).json();
  const cellOf = (p: any, code: string) => {
    for (const u of p.units) {
      if (u.cell?.epreuve === code) return u.cell;
      const l = u.leaves.find((x: any) => x.code === code);
      if (l) return l.cell;
    }
    throw new Error(`no cell ${code}`);
  };
  /** An offline change as the browser queues it (10 minutes ago by default). */
  const change = (o: Partial<QueuedChange> & Pick<QueuedChange, 'candidateId' | 'epreuve' | 'value' | 'version'>): QueuedChange => ({
    id: `c0ffee00-0000-4000-8000-${String(++n).padStart(12, '0')}`, group: 1, expectedEtat: '110', memberName: 'DUBOIS Pierre',
    enteredAt: new Date(clock.t - 10 * 60_000).toISOString(), ...o,
  });
  const wire = ({ memberName: _m, ...c }: QueuedChange) => c;
  const offlineEntries = async () => (await listJournal(h.db, { juryCode: '31310', limit: 1000 })).rows.filter((r) => r.after_json?.includes('"horsLigne":true')).reverse();

  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    golden = await candidate(h.db, { jury: '31310', nom: 'AZBTSUN' });
    await grades(h.db, golden, GOLDEN_GRADES);
    incomplete = await candidate(h.db, { jury: '31310', nom: 'PETIT' });
    await grades(h.db, incomplete, { U1: 1100, U2E: 1200, U2O: 1300, U3: 1050, U42: 950, U5: 1000 });
    admis = await candidate(h.db, { jury: '31310', nom: 'BANQA' });
    await grades(h.db, admis, { ...allMemoGrades(1200), UF1: 1400 });
    app = await buildApp({ handle: h, now: clock.now, webDist: '/nonexistent-web-dist' });
    await app.ready();
    [president, vice, noMember, centre, other] = await Promise.all([
      login(app, 'jury-31310'), login(app, 'jury-31310'), login(app, 'jury-31310'), login(app, 'centre-0250001R'), login(app, 'jury-31408'),
    ]);
    expect((await choose(president, 'president')).statusCode).toBe(200);
    expect((await choose(vice, 'vice_president')).statusCode).toBe(200);
    expect((await choose(other, 'president')).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('serves the bundle to the jury only: candidates by anonymous number, grades with versions, ruleset — no identity', async () => {
    const res = await call(app, president, 'GET', '/api/deliberation/juries/31310/offline-bundle');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toContain('AZBTSUN');
    expect(res.body).not.toContain('PETIT');
    const b: OfflineBundle = res.json();
    expect(b).toMatchObject({ format: 1, domaine: 'BTS', jury: { code: '31310', etat: '110', actingMember: { name: 'DUBOIS Pierre' } } });
    expect(b.candidates.map((c) => c.candidate.id).sort()).toEqual([golden, incomplete, admis].sort());
    const g = b.candidates.find((c) => c.candidate.id === golden)!;
    expect(g.leafGrades.find((x) => x.epreuveCode === 'U1')).toMatchObject({ value: { kind: 'NOTE', hundredths: 900 }, version: 1 });
    expect(b.ruleset.units.map((u) => u.code)).toContain('U41');
    expect((await call(app, centre, 'GET', '/api/deliberation/juries/31310/offline-bundle')).statusCode).toBe(403);
    expect((await call(app, other, 'GET', '/api/deliberation/juries/31310/offline-bundle')).statusCode).toBe(404);
    expect((await call(app, null, 'GET', '/api/deliberation/juries/31310/offline-bundle')).statusCode).toBe(401);
  });

  it('computes, from the bundle, exactly the list, the PVI and the statistics the server shows', async () => {
    const b = await bundleOf(president);
    expect(offlineCandidateList(b)).toEqual((await call(app, president, 'GET', '/api/deliberation/juries/31310/candidates')).json());
    expect(offlineStatistics(b)).toEqual((await call(app, president, 'GET', '/api/deliberation/juries/31310/statistics')).json());
    for (const id of [golden, incomplete, admis]) expect(offlinePvi(b, id)).toEqual(await pvi(president, id));
    expect(offlinePvi(b, 999_999)).toBeNull();
  });

  it('applies the queue in order, journals each change at its original time with the offline mark; the offline views equal the server after sync', async () => {
    const b = await bundleOf(president);
    const t1 = new Date(clock.t - 20 * 60_000).toISOString();
    const t2 = new Date(clock.t - 15 * 60_000).toISOString();
    const t3 = new Date(clock.t - 12 * 60_000).toISOString();
    // the golden candidate raised to Admis, then the same grade changed again (version predicted: 2),
    // and the missing grade of the incomplete candidate entered
    const queue = [
      change({ candidateId: golden, epreuve: 'U1', value: '10', version: 1, enteredAt: t1, comment: 'Erreur de report' }),
      change({ candidateId: golden, epreuve: 'U1', value: '10,5', version: 2, enteredAt: t2 }),
      change({ candidateId: incomplete, epreuve: 'U41', value: '12', version: 0, enteredAt: t3 }),
    ];
    const local = withChanges(b, queue);
    expect(offlinePvi(local, golden)!.group1).toMatchObject({ decision: 'ADMIS', moyenne: '10,17' });
    expect(offlinePvi(local, incomplete)!.group1.decision).not.toBe('INCOMPLET');

    const res = await sync(president, queue.map(wire));
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: any) => r.status)).toEqual(['applied', 'applied', 'applied']);
    // what the browser showed offline is what the server now holds (values, versions, member, time)
    for (const id of [golden, incomplete]) expect(offlinePvi(local, id)).toEqual(await pvi(president, id));
    expect(offlineCandidateList(local)).toEqual((await call(app, president, 'GET', '/api/deliberation/juries/31310/candidates')).json());

    const entries = await offlineEntries();
    expect(entries.map((e) => [e.action, e.subject, e.at, e.actor_name])).toEqual([
      ['NOTE_MODIFIEE', `grade:${golden}:U1`, t1, 'DUBOIS Pierre'],
      ['NOTE_MODIFIEE', `grade:${golden}:U1`, t2, 'DUBOIS Pierre'],
      ['NOTE_MODIFIEE', `grade:${incomplete}:U41`, t3, 'DUBOIS Pierre'],
    ]);
    expect(entries[0]!.seq).toBeLessThan(entries[1]!.seq);
    expect(JSON.parse(entries[0]!.before_json!)).toEqual({ note: '9,00' });
    expect(JSON.parse(entries[0]!.after_json!)).toEqual({ note: '10,00', groupe: 1, horsLigne: true, saisieLe: t1, recueLe: clock.now().toISOString() });
    expect(entries[0]!.reason).toBe('Erreur de report');
    expect(JSON.parse(entries[1]!.before_json!)).toEqual({ note: '10,00' });
    expect(await verifyJournal(h.db)).toMatchObject({ problems: [] });
  });

  it('a resent change (lost answer) is recognised: not applied nor journaled twice', async () => {
    const b = await bundleOf(president);
    const v = b.candidates.find((c) => c.candidate.id === admis)!.leafGrades.find((g) => g.epreuveCode === 'U3')!.version;
    const c = wire(change({ candidateId: admis, epreuve: 'U3', value: '13', version: v }));
    expect((await sync(president, [c])).json().results[0].status).toBe('applied');
    const before = (await offlineEntries()).length;
    const again = (await sync(president, [c])).json().results[0];
    expect(again).toMatchObject({ status: 'duplicate', message: 'Note U3 enregistrée.' });
    expect((await offlineEntries()).length).toBe(before);
    expect(cellOf(await pvi(president, admis), 'U3')).toMatchObject({ value: '13,00', version: v + 1 });
  });

  it('a grade changed online meanwhile is a conflict with the current value; later changes of that grade wait; the others go through', async () => {
    const b = await bundleOf(president);
    const u3 = b.candidates.find((c) => c.candidate.id === golden)!.leafGrades.find((g) => g.epreuveCode === 'U3')!;
    // the vice-président changes U3 online while the président is offline
    expect((await call(app, vice, 'POST', `/api/deliberation/candidates/${golden}/grade-changes`, { group: 1, epreuve: 'U3', value: '12', version: u3.version })).statusCode).toBe(200);
    const queue = [
      change({ candidateId: golden, epreuve: 'U3', value: '14', version: u3.version }),
      change({ candidateId: golden, epreuve: 'U3', value: '15', version: u3.version + 1 }),
      change({ candidateId: admis, epreuve: 'U5', value: '11', version: 1 }),
    ];
    const results = (await sync(president, queue.map(wire))).json().results;
    expect(results.map((r: any) => [r.status, r.conflict])).toEqual([['conflict', 'grade'], ['conflict', 'grade'], ['applied', null]]);
    expect(results[0].message).toContain('modifiée entre-temps par MARTIN Claire (valeur actuelle : 12,00)');
    expect(results[0].current).toMatchObject({ value: '12,00', version: u3.version + 1, updatedBy: 'MARTIN Claire' });
    expect(results[1].message).toBe('Une modification précédente de cette note est en conflit : résolvez-la d’abord.');
    // nothing of the conflicting changes was written
    expect(cellOf(await pvi(president, golden), 'U3')).toMatchObject({ value: '12,00', updatedBy: 'MARTIN Claire' });

    // the jury keeps its first value (applied on the current version), and for the second keeps the server's
    const mine = (await sync(president, [{ ...wire(queue[0]!), version: results[0].current.version, resolution: 'keep-mine' }])).json().results[0];
    expect(mine.status).toBe('applied');
    expect(cellOf(await pvi(president, golden), 'U3')).toMatchObject({ value: '14,00', updatedBy: 'DUBOIS Pierre' });
    const theirs = (await sync(president, [{ ...wire(queue[1]!), resolution: 'keep-server' }])).json().results[0];
    expect(theirs).toMatchObject({ status: 'discarded' });
    expect(cellOf(await pvi(president, golden), 'U3').value).toBe('14,00');
    const discarded = (await listJournal(h.db, { juryCode: '31310', action: 'NOTE_HORS_LIGNE_ABANDONNEE' })).rows;
    expect(discarded).toHaveLength(1);
    expect(JSON.parse(discarded[0]!.after_json!)).toMatchObject({ note: '15,00', horsLigne: true, saisieLe: queue[1]!.enteredAt });
    expect(JSON.parse(discarded[0]!.before_json!)).toEqual({ note: '14,00' });
    expect(await verifyJournal(h.db)).toMatchObject({ problems: [] });
  });

  it('a change whose value is already on the server (the other member typed the same) is done, not a conflict', async () => {
    const b = await bundleOf(president);
    const u5 = b.candidates.find((c) => c.candidate.id === golden)!.leafGrades.find((g) => g.epreuveCode === 'U5')!;
    expect((await call(app, vice, 'POST', `/api/deliberation/candidates/${golden}/grade-changes`, { group: 1, epreuve: 'U5', value: '11', version: u5.version })).statusCode).toBe(200);
    const r = (await sync(president, [wire(change({ candidateId: golden, epreuve: 'U5', value: '11,00', version: u5.version }))])).json().results[0];
    expect(r).toMatchObject({ status: 'unchanged', message: 'La note U5 avait déjà cette valeur sur le serveur.' });
  });

  it('a jury state that moved meanwhile is a conflict; applied again in the new state only if that state allows it', async () => {
    const b = await bundleOf(president);
    const u42 = b.candidates.find((c) => c.candidate.id === admis)!.leafGrades.find((g) => g.epreuveCode === 'U42')!;
    await h.db.updateTable('jury').set({ etat: '105' }).where('code', '=', '31310').execute();
    const c = change({ candidateId: admis, epreuve: 'U42', value: '8', version: u42.version });
    const r = (await sync(president, [wire(c)])).json().results[0];
    expect(r).toMatchObject({ status: 'conflict', conflict: 'state', current: { value: '12,00' } });
    expect(r.message).toContain("L'état du jury a changé pendant la coupure du réseau (110 → 105");
    expect((await sync(president, [{ ...wire(c), expectedEtat: '105', resolution: 'keep-mine' }])).json().results[0].status).toBe('applied');

    // closed meanwhile: the change cannot be applied any more; the jury can only abandon it (journaled)
    await h.db.updateTable('jury').set({ etat: '130' }).where('code', '=', '31310').execute();
    const late = change({ candidateId: admis, epreuve: 'U42', value: '9', version: u42.version + 1, expectedEtat: '105' });
    expect((await sync(president, [wire(late)])).json().results[0]).toMatchObject({ status: 'conflict', conflict: 'state' });
    const again = (await sync(president, [{ ...wire(late), expectedEtat: '130', resolution: 'keep-mine' }])).json().results[0];
    expect(again.status).toBe('rejected');
    expect(again.message).toContain('ne peuvent pas être modifiées');
    expect((await sync(president, [{ ...wire(late), resolution: 'keep-server' }])).json().results[0].status).toBe('discarded');
    expect(cellOf(await pvi(president, admis), 'U42').value).toBe('8,00');
    await h.db.updateTable('jury').set({ etat: '110' }).where('code', '=', '31310').execute();
  });

  it('bad input: each bad change is rejected with a French reason, nothing written; the request itself is checked', async () => {
    const journal = (await listJournal(h.db, { limit: 1 })).total;
    const results = (await sync(president, [
      wire(change({ candidateId: golden, epreuve: 'U2E', value: '21', version: 1 })),
      wire(change({ candidateId: golden, epreuve: 'ZZ9', value: '12', version: 0 })),
      wire(change({ candidateId: 999_999, epreuve: 'U1', value: '12', version: 1 })),
    ])).json().results;
    expect(results.map((r: any) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(results[0].message).toBe("La note « 21 » n'est pas comprise entre 0 et 20 : saisissez un nombre de 0 à 20 avec 2 décimales au plus, ABS, AJ ou DI.");
    expect(results[1].message).toBe("L'épreuve « ZZ9 » n'existe pas dans la spécialité 31310.");
    expect(results[2].message).toBe('Candidat introuvable.');
    expect((await listJournal(h.db, { limit: 1 })).total).toBe(journal);
    // the whole request
    const one = wire(change({ candidateId: golden, epreuve: 'U1', value: '12', version: 3 }));
    expect((await sync(president, [])).statusCode).toBe(400);
    expect((await sync(president, [{ ...one, enteredAt: 'hier' }])).statusCode).toBe(400);
    expect((await sync(president, [{ ...one, id: 'x' }])).statusCode).toBe(400);
    expect((await sync(noMember, [one])).json()).toMatchObject({ message: expect.stringContaining('Indiquez d’abord qui délibère') });
    expect((await sync(centre, [one])).statusCode).toBe(403);
    expect((await sync(other, [one])).statusCode).toBe(404);
    expect((await sync(null as unknown as Session, [one])).statusCode).toBe(401);
    expect((await listJournal(h.db, { limit: 1 })).total).toBe(journal);
  });
});

describe('offline change time', () => {
  it('is the original time when plausible, else the reception time', async () => {
    const { changeTime } = await import('../../../src/features/deliberation/change-grade.js');
    const now = new Date('2023-06-06T10:00:00.000Z');
    expect(changeTime(now, { enteredAt: '2023-06-06T09:40:00.000Z' }).toISOString()).toBe('2023-06-06T09:40:00.000Z');
    expect(changeTime(now, { enteredAt: '2023-06-06T10:05:00.000Z' })).toEqual(now);
    expect(changeTime(now, { enteredAt: '2023-04-01T10:00:00.000Z' })).toEqual(now);
    expect(changeTime(now, undefined)).toEqual(now);
  });
});
