// Migration 0011 (ADR 0013) on both databases: a journal written as one national chain becomes the
// session chain, with its numbers and hashes (an anchor printed before still verifies); new entries
// then go to their jury's chain, and the session anchor combines the heads.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { DbHandle } from '../../src/db/connect.js';
import * as m0011 from '../../src/db/migrations/0011-journal-chains.js';
import { appendJournal, hashEntry, journalHead, verifyJournal } from '../../src/db/repositories/journal.js';
import { describeEachDialect, freshDb } from '../support/db.js';

const actor = { login: 'academie', name: 'Service des examens', role: 'academie' };

describeEachDialect('migration 0011: one chain per jury', (dialect) => {
  let h: DbHandle;
  let raw: Kysely<unknown>;
  beforeAll(async () => {
    h = await freshDb(dialect);
    raw = h.db as unknown as Kysely<unknown>;
    await m0011.down(raw);
  });
  afterAll(async () => h.close());

  it('keeps the national chain as the session chain, its anchor checkable, and chains new entries per jury', async () => {
    // a journal of before: one chain, seq 1..3 across juries
    let prev = '0'.repeat(64);
    const legacy: string[] = [];
    for (const [i, jury] of ['31310', '31408', null].entries()) {
      const row = {
        seq: i + 1, at: `2023-06-06T10:0${i}:00.000Z`, actor_login: actor.login, actor_name: actor.name, actor_role: actor.role,
        action: 'JURY_TRANSITION', jury_code: jury, candidate_id: null, subject: `jury:${jury}`, before_json: '{"etat":"110"}',
        after_json: '{"etat":"130"}', reason: null, prev_hash: prev,
      };
      const hash = hashEntry({ ...row, chain: '', key_id: null });
      await sql`INSERT INTO journal (seq, at, actor_login, actor_name, actor_role, action, jury_code, candidate_id, subject, before_json, after_json, reason, prev_hash, hash)
        VALUES (${row.seq}, ${row.at}, ${row.actor_login}, ${row.actor_name}, ${row.actor_role}, ${row.action}, ${row.jury_code}, ${row.candidate_id},
          ${row.subject}, ${row.before_json}, ${row.after_json}, ${row.reason}, ${row.prev_hash}, ${hash})`.execute(raw);
      legacy.push(hash);
      prev = hash;
    }
    await sql`INSERT INTO journal_anchor (id, seq, hash, updated_at) VALUES (1, 3, ${prev}, '2023-06-06T10:02:00.000Z')`.execute(raw);

    await m0011.up(raw);

    const rows = await h.db.selectFrom('journal').select(['chain', 'seq', 'hash', 'key_id']).orderBy('id').execute();
    expect(rows).toEqual(legacy.map((hash, i) => ({ chain: '', seq: i + 1, hash, key_id: null })));
    expect(await h.db.selectFrom('journal_head').select(['chain', 'seq', 'hash']).execute()).toEqual([{ chain: '', seq: 3, hash: prev }]);
    expect(await verifyJournal(h.db)).toEqual({ entries: 3, problems: [] });
    expect((await verifyJournal(h.db, { expected: { seq: 2, hash: legacy[1]! } })).problems).toEqual([]); // printed on a PV before

    await appendJournal(h.db, [
      { at: new Date('2023-06-07T10:00:00Z'), actor, action: 'NOTE_MODIFIEE', juryCode: '31310', candidateId: 1, subject: 'grade:1:U1' },
      { at: new Date('2023-06-07T10:01:00Z'), actor, action: 'UTILISATEUR_CREE', subject: 'user:x' },
    ]);
    const after = await h.db.selectFrom('journal').select(['chain', 'seq']).orderBy('id').execute();
    expect(after.slice(3)).toEqual([{ chain: '31310', seq: 1 }, { chain: '', seq: 4 }]);
    const anchor = (await journalHead(h.db))!;
    expect(anchor.seq).toBe(5);
    expect(await verifyJournal(h.db, { expected: anchor })).toEqual({ entries: 5, problems: [] });
  });
});
