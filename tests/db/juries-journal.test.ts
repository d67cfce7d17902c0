import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDialect, freshDb } from '../support/db.js';
import type { DbHandle } from '../../src/db/connect.js';
import { compareAndSetJuryState, countJuriesByState, findJury, listJuries } from '../../src/db/repositories/juries.js';
import { appendJournal, listJournal, verifyJournal } from '../../src/db/repositories/journal.js';

const actor = { login: 'centre-0250001R', name: 'Chef de centre', role: 'centre' };

describeEachDialect('juries and journal repositories', (dialect) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await h.db.insertInto('etablissement').values([
      { uai: '0250001R', libelle: 'LP NELSON MANDELA', ville: 'AUDINCOURT CEDEX' },
      { uai: '0390007W', libelle: 'LYCEE DU JURA', ville: 'LONS-LE-SAUNIER' },
    ]).execute();
    await h.db.insertInto('specialite').values([
      { code: '31310', libelle: 'Banque - conseiller de clientèle' },
      { code: '31408', libelle: 'Comptabilité et gestion' },
    ]).execute();
    const j = { president: 'DUBOIS Pierre', vice_president: 'MARTIN Claire', debut_deliberation: null, fin_deliberation: null, emergency_password_hash: null, emergency_generated_at: null };
    await h.db.insertInto('jury').values([
      { ...j, code: '31310', specialite_code: '31310', centre_uai: '0250001R', etat: '110' },
      { ...j, code: '31408', specialite_code: '31408', centre_uai: '0390007W', etat: '130' },
    ]).execute();
  });
  afterAll(async () => h.close());

  it('lists juries in scope with their spécialité', async () => {
    const all = await listJuries(h.db);
    expect(all.map((j) => j.code)).toEqual(['31310', '31408']);
    const mine = await listJuries(h.db, { centreUai: '0250001R' });
    expect(mine).toHaveLength(1);
    expect(mine[0]!.specialiteLibelle).toBe('Banque - conseiller de clientèle');
    expect(mine[0]!.centreLibelle).toBe('LP NELSON MANDELA');
    expect((await countJuriesByState(h.db)).get('130')).toBe(1);
  });

  it('compare-and-set lets exactly one of two concurrent transitions win', async () => {
    const results = await Promise.all([
      h.db.transaction().execute((trx) => compareAndSetJuryState(trx, '31408', '130', '140')),
      h.db.transaction().execute((trx) => compareAndSetJuryState(trx, '31408', '130', '140')),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const j = await findJury(h.db, '31408');
    expect(j?.etat).toBe('140');
    expect(j?.version).toBe(2);
  });

  it('journal entries chain, filter and verify; tampering is detected', async () => {
    await h.db.transaction().execute((trx) =>
      appendJournal(trx, [
        { at: new Date('2023-06-06T10:00:00Z'), actor, action: 'JURY_ETAT', juryCode: '31310', subject: 'jury:31310', before: { etat: '110' }, after: { etat: '130' } },
        { at: new Date('2023-06-07T10:00:00Z'), actor, action: 'NOTE_MODIFIEE', juryCode: '31310', candidateId: 1, subject: 'grade:1:U1', before: { note: '9,00' }, after: { note: '11,00' } },
      ]),
    );
    await appendJournal(h.db, [{ at: new Date('2023-06-08T10:00:00Z'), actor, action: 'JURY_ETAT', juryCode: '31408', subject: 'jury:31408', reason: 'réouverture' }]);
    expect((await listJournal(h.db, { juryCode: '31310' })).total).toBe(2);
    expect((await listJournal(h.db, { action: 'JURY_ETAT' })).total).toBe(2);
    expect((await listJournal(h.db, { from: '2023-06-07', to: '2023-06-07' })).rows.map((r) => r.action)).toEqual(['NOTE_MODIFIEE']);
    expect((await listJournal(h.db, { juryCodes: [] })).total).toBe(0);
    expect(await verifyJournal(h.db)).toEqual({ entries: 3, problems: [] });

    await sql`UPDATE journal SET after_json = '{"note":"20,00"}' WHERE seq = 2`.execute(h.db);
    const tampered = await verifyJournal(h.db);
    expect(tampered.problems.map((p) => p.seq)).toContain(2);
  });
});

describeEachDialect('journal under concurrent writers', (dialect) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await freshDb(dialect);
  });
  afterAll(async () => h.close());

  it('concurrent appends chain without a gap or a fork; text of any kind goes through unchanged', async () => {
    // On PostgreSQL the entries are chained to a head read without the lock, then sent to
    // journal_append, which takes the lock and refuses a head that moved (the writer chains again).
    const start = 0;
    const odd = 'guillemets " et \\ barre, {accolades}, virgule, NULL, émoji 🎓, tab\tfin';
    await Promise.all(Array.from({ length: 12 }, (_, i) => h.db.transaction().execute((trx) => appendJournal(trx, [
      { at: new Date(Date.UTC(2023, 5, 6, 10, i)), actor, action: 'NOTE_MODIFIEE', juryCode: i % 2 ? '31310' : null, candidateId: i % 3 ? i : null, subject: `grade:${i}:U1`, before: { note: odd }, after: { note: `${i},00` }, reason: i % 2 ? odd : null },
      ...(i % 4 === 0 ? [{ at: new Date(Date.UTC(2023, 5, 6, 11, i)), actor, action: 'JURY_ETAT', subject: `jury:${i}` }] : []),
    ]))));
    const v = await verifyJournal(h.db);
    expect(v).toEqual({ entries: start + 12 + 3, problems: [] });
    const rows = (await listJournal(h.db, { action: 'NOTE_MODIFIEE', limit: 100 })).rows.filter((r) => r.subject.startsWith('grade:') && r.seq > start);
    expect(rows).toHaveLength(12);
    for (const r of rows) expect(JSON.parse(r.before_json!)).toEqual({ note: odd });
    expect(rows.filter((r) => r.reason !== null).every((r) => r.reason === odd)).toBe(true);
  });
});
