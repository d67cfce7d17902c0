// Many parallel grade modifications and transitions (issue #8 §3): invariants hold on both dialects
// (PostgreSQL with a pool of connections: real concurrency). One winner per version; the chain has
// no gap or duplicate; the journal equals the state (replaying the journal's after-values in chain
// order gives the current grades); no grade change lands after the deliberation was closed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { gradeFromRow } from '../../src/db/repositories/candidate-inputs.js';
import { verifyJournal } from '../../src/db/repositories/journal.js';
import { formatGrade } from '../../src/domain/grades.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { allMemoGrades, candidate, grades } from '../support/factories.js';
import { testApp, type Session } from '../server/helpers.js';
import { loginAll, securityWorld, type Who, type World } from '../security/world.js';

const LEAVES = ['U1', 'U2E', 'U2O', 'U3', 'U41', 'U42', 'U5'];

describeEachDialect('concurrency: parallel grade changes and transitions', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let s: Map<Who, Session | null>;
  let jury: Session;
  const extra: number[] = [];
  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await securityWorld(h);
    for (let i = 0; i < 6; i++) {
      const id = await candidate(h.db, { id: 300 + i, jury: '31310', centreEpreuve: '0250013D' });
      await grades(h.db, id, allMemoGrades(1000 + i * 50));
      extra.push(id);
    }
    app = await testApp(h);
    s = await loginAll(app);
    jury = s.get('jury-31310')!;
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const change = (id: number, epreuve: string, value: string, version: number) =>
    app.inject({ method: 'POST', url: `/api/deliberation/candidates/${id}/grade-changes`, headers: { cookie: jury.cookie, 'x-csrf-token': jury.csrf }, payload: { group: 1, epreuve, value, version } });

  async function version(id: number, epreuve: string): Promise<number> {
    return (await h.db.selectFrom('grade').select('version').where('candidate_id', '=', id).where('epreuve_code', '=', epreuve).executeTakeFirstOrThrow()).version;
  }

  /** The journal replayed: last after-value of each grade, in chain order, against the table. */
  async function expectJournalEqualsState(): Promise<void> {
    const entries = await h.db.selectFrom('journal').select(['seq', 'subject', 'after_json']).where('action', '=', 'NOTE_MODIFIEE').orderBy('id').execute();
    const replay = new Map<string, string>();
    for (const e of entries) {
      const [, cand, code] = e.subject.split(':');
      replay.set(`${cand}:${code}`, (JSON.parse(e.after_json!) as { note: string }).note);
    }
    expect(replay.size).toBeGreaterThan(0);
    for (const [key, note] of replay) {
      const [cand, code] = key.split(':');
      const g = await h.db.selectFrom('grade').select(['kind', 'hundredths']).where('candidate_id', '=', Number(cand)).where('epreuve_code', '=', code!).executeTakeFirstOrThrow();
      expect(formatGrade(gradeFromRow(g.kind, g.hundredths)), key).toBe(note);
    }
    // and every changed grade (updated_at set) is in the journal
    const changed = await h.db.selectFrom('grade').select(['candidate_id', 'epreuve_code']).where('updated_at', 'is not', null).execute();
    for (const g of changed) expect(replay.has(`${g.candidate_id}:${g.epreuve_code}`)).toBe(true);
    // each chain (one per jury, ADR 0013) is numbered without a gap
    const rows = await h.db.selectFrom('journal').select(['chain', 'seq']).orderBy('chain').orderBy('seq').execute();
    for (const chain of new Set(rows.map((r) => r.chain))) {
      const seqs = rows.filter((r) => r.chain === chain).map((r) => r.seq);
      expect(seqs, `chaîne ${chain}`).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    }
    expect((await verifyJournal(h.db)).problems).toEqual([]);
  }

  it('16 parallel changes of one grade from the same version: exactly one winner, 15 conflicts with the current value', async () => {
    const v = await version(w.c1, 'U1');
    const values = Array.from({ length: 16 }, (_, i) => `${10 + (i % 10)},${String(i).padStart(2, '0')}`);
    const res = await Promise.all(values.map((x) => change(w.c1, 'U1', x, v)));
    const won = res.filter((r) => r.statusCode === 200);
    const lost = res.filter((r) => r.statusCode === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(15);
    expect(res.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    const winner = values[res.indexOf(won[0]!)]!;
    for (const l of lost) expect(l.json().current).toMatchObject({ value: winner, version: v + 1 });
    expect(await version(w.c1, 'U1')).toBe(v + 1);
    await expectJournalEqualsState();
  });

  it('rounds of parallel changes on many grades: one winner per (grade, version), the journal equals the state', async () => {
    for (let round = 0; round < 4; round++) {
      const calls: Promise<{ statusCode: number }>[] = [];
      for (const id of extra) {
        for (const leaf of LEAVES.slice(0, 3)) {
          const v = await version(id, leaf);
          // values unique per (round, k): a change to the value already there is a no-op 200
          for (let k = 0; k < 3; k++) calls.push(change(id, leaf, `${14 + k},${round}${id % 10}`, v));
        }
      }
      const res = await Promise.all(calls);
      expect(res.filter((r) => r.statusCode >= 500)).toEqual([]);
      expect(res.filter((r) => r.statusCode === 200)).toHaveLength(extra.length * 3);
    }
    for (const id of extra) for (const leaf of LEAVES.slice(0, 3)) expect(await version(id, leaf)).toBe(5);
    await expectJournalEqualsState();
  });

  it('parallel transitions of one jury (and a concurrent exceptional change): one winner, state and version consistent', async () => {
    const centre = s.get('centre-0250001R')!;
    const aca = s.get('academie')!;
    const before = (await h.db.selectFrom('jury').select(['etat', 'version']).where('code', '=', '31311').executeTakeFirstOrThrow());
    expect(before.etat).toBe('130');
    const calls = [
      ...Array.from({ length: 8 }, () => app.inject({ method: 'POST', url: '/api/juries/31311/transitions', headers: { cookie: centre.cookie, 'x-csrf-token': centre.csrf }, payload: { action: 'TERMINER_GROUPE_1', expectedEtat: '130' } })),
      ...Array.from({ length: 4 }, () => app.inject({ method: 'POST', url: '/api/juries/31311/exceptional-state', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf }, payload: { to: '110', expectedEtat: '130', reason: 'Réouverture' } })),
    ];
    const res = await Promise.all(calls);
    expect(res.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(res.every((r) => [200, 409, 422].includes(r.statusCode))).toBe(true);
    const after = await h.db.selectFrom('jury').select(['etat', 'version']).where('code', '=', '31311').executeTakeFirstOrThrow();
    expect(after.version).toBe(before.version + 1);
    const entries = await h.db.selectFrom('journal').select('after_json').where('jury_code', '=', '31311').execute();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.after_json!).etat).toBe(after.etat);
  });

  it('grade changes racing the closing of the deliberation: none lands after the close, the journal equals the state', async () => {
    const calls: Promise<{ statusCode: number; body: string }>[] = [];
    for (const id of extra) {
      const v = await version(id, 'U5');
      calls.push(change(id, 'U5', '15', v));
    }
    calls.splice(3, 0, app.inject({ method: 'POST', url: '/api/deliberation/juries/31310/close', headers: { cookie: jury.cookie, 'x-csrf-token': jury.csrf }, payload: { expectedEtat: '110' } }));
    const res = await Promise.all(calls);
    expect(res.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    const closeEntry = await h.db.selectFrom('journal').select('seq').where('chain', '=', '31310').where('action', '!=', 'NOTE_MODIFIEE').where('action', '!=', 'IDENTITE_CONSULTEE').orderBy('seq', 'desc').executeTakeFirst();
    const etat = (await h.db.selectFrom('jury').select('etat').where('code', '=', '31310').executeTakeFirstOrThrow()).etat;
    if (etat === '130') {
      expect(closeEntry).toBeDefined();
      const late = await h.db.selectFrom('journal').select('seq').where('chain', '=', '31310').where('action', '=', 'NOTE_MODIFIEE').where('seq', '>', closeEntry!.seq).execute();
      expect(late, 'a grade changed after the close').toEqual([]);
    }
    await expectJournalEqualsState();
  });
});
