// Tamper-evident journal (issue #8 §1): an insider with database access edits, deletes, reorders or
// truncates entries with raw SQL; verifyJournal and `delib journal verify` must find it. Truncation
// at the tail is caught by the chain's head (journal_head); an insider who also rewrites the head is
// caught by an anchor kept outside the database (printed on a PV, in a backup's manifest). Since
// ADR 0013 each jury has its own chain: these entries are all jury 31310's; the per-jury cases
// (several chains, the session anchor as their Merkle root, keyed chains) follow.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import fc from 'fast-check';
import type { DbHandle } from '../../src/db/connect.js';
import {
  appendJournal, formatAnchor, hashEntry, journalHead, merkleRoot, parseAnchor, verifyJournal, type JournalEntryInput,
} from '../../src/db/repositories/journal.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { runDelib } from './support.js';

const centre = { login: 'centre-0250001R', name: 'Chef de centre', role: 'centre' };
const jury = { login: 'jury-31310', name: 'DUBOIS Pierre', role: 'jury' };

function entries(n: number): JournalEntryInput[] {
  return Array.from({ length: n }, (_, i) => i % 2 === 0
    ? { at: new Date(Date.UTC(2023, 5, 6, 10, i)), actor: jury, action: 'NOTE_MODIFIEE', juryCode: '31310', candidateId: 1 + i, subject: `grade:${1 + i}:U1`, before: { note: '9,00' }, after: { note: '11,00' } }
    : { at: new Date(Date.UTC(2023, 5, 6, 10, i)), actor: centre, action: 'JURY_TRANSITION', juryCode: '31310', subject: 'jury:31310', before: { etat: '110' }, after: { etat: '130' } });
}

/** Appends `n` entries, one transaction each (as the use cases do). */
async function seed(h: DbHandle, n = 6): Promise<void> {
  for (const e of entries(n)) await h.db.transaction().execute((trx) => appendJournal(trx, [e]));
}

async function seqOf(h: DbHandle): Promise<number[]> {
  return (await h.db.selectFrom('journal').select('seq').orderBy('id').execute()).map((r) => r.seq);
}

/** Re-hashes the whole chain from the rows as they are (an insider covering his tracks) and its head. */
async function rechain(h: DbHandle): Promise<void> {
  const rows = await h.db.selectFrom('journal').selectAll().orderBy('id').execute();
  let prev = '0'.repeat(64);
  let seq = 0;
  for (const r of rows) {
    seq++;
    const { id, hash: _h, ...rest } = r;
    const fixed = { ...rest, seq, prev_hash: prev };
    const hash = hashEntry(fixed);
    await h.db.updateTable('journal').set({ seq: -id }).where('id', '=', id).execute();
    await h.db.updateTable('journal').set({ ...fixed, hash }).where('id', '=', id).execute();
    prev = hash;
  }
  await h.db.updateTable('journal_head').set({ seq, hash: prev }).where('chain', '=', '31310').execute();
}

async function snapshotJournal(h: DbHandle) {
  return {
    rows: await h.db.selectFrom('journal').selectAll().orderBy('id').execute(),
    anchor: await h.db.selectFrom('journal_head').selectAll().execute(),
  };
}

/** Puts the untouched chain and anchor back (each test tampers with its own copy). */
async function restoreJournal(h: DbHandle, j: Awaited<ReturnType<typeof snapshotJournal>>): Promise<void> {
  await h.db.deleteFrom('journal').execute();
  await h.db.insertInto('journal').values(j.rows).execute();
  await h.db.deleteFrom('journal_head').execute();
  await h.db.insertInto('journal_head').values(j.anchor).execute();
}

describeEachDialect('tamper-evident journal (raw SQL tampering)', (dialect) => {
  let h: DbHandle;
  let pristine: Awaited<ReturnType<typeof snapshotJournal>>;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await seed(h);
    pristine = await snapshotJournal(h);
  });
  afterAll(async () => h.close());
  beforeEach(async () => restoreJournal(h, pristine));

  it('an untouched journal verifies, and its anchor is the Merkle root of the chains\' heads', async () => {
    expect(await verifyJournal(h.db)).toEqual({ entries: 6, problems: [] });
    const head = (await journalHead(h.db))!;
    const last = await h.db.selectFrom('journal').select(['seq', 'hash']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(head).toEqual({ seq: 6, hash: merkleRoot([{ chain: '31310', seq: 6, hash: last.hash }]) });
    expect(parseAnchor(formatAnchor(head))).toEqual(head);
    expect(await verifyJournal(h.db, { expected: head })).toEqual({ entries: 6, problems: [] });
  });

  it('UPDATE of one field of a middle entry is found (its own hash no longer matches)', async () => {
    await sql`UPDATE journal SET after_json = ${'{"note":"20,00"}'} WHERE seq = 3`.execute(h.db);
    const r = await verifyJournal(h.db);
    expect(r.problems).toContainEqual({ chain: '31310', seq: 3, problem: expect.stringContaining('contenu modifié') });
  });

  it('UPDATE of the actor, the date or the reason is found as well', async () => {
    await sql`UPDATE journal SET actor_name = ${'MARTIN Claire'} WHERE seq = 2`.execute(h.db);
    await sql`UPDATE journal SET at = ${'2023-06-01T00:00:00.000Z'} WHERE seq = 4`.execute(h.db);
    await sql`UPDATE journal SET reason = ${'motif inventé'} WHERE seq = 5`.execute(h.db);
    const seqs = (await verifyJournal(h.db)).problems.map((p) => p.seq);
    expect(seqs).toEqual(expect.arrayContaining([2, 4, 5]));
  });

  it('an edit whose hash is recomputed breaks the link of the next entry', async () => {
    const row = await h.db.selectFrom('journal').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    const { id, hash: _old, ...rest } = row;
    const forged = { ...rest, after_json: '{"note":"20,00"}' };
    await h.db.updateTable('journal').set({ after_json: forged.after_json, hash: hashEntry(forged) }).where('id', '=', id).execute();
    const r = await verifyJournal(h.db);
    expect(r.problems).toContainEqual({ chain: '31310', seq: 4, problem: expect.stringContaining('chaînage rompu') });
  });

  it('DELETE of a middle entry is found', async () => {
    await sql`DELETE FROM journal WHERE seq = 3`.execute(h.db);
    const r = await verifyJournal(h.db);
    expect(r.entries).toBe(5);
    expect(r.problems).toContainEqual({ chain: '31310', seq: 4, problem: expect.stringContaining('supprimée ou déplacée') });
  });

  it('swapping the seq of two entries (reordering) is found', async () => {
    await sql`UPDATE journal SET seq = -1 WHERE seq = 2`.execute(h.db);
    await sql`UPDATE journal SET seq = 2 WHERE seq = 3`.execute(h.db);
    await sql`UPDATE journal SET seq = 3 WHERE seq = -1`.execute(h.db);
    expect(await seqOf(h)).toEqual([1, 3, 2, 4, 5, 6]);
    const r = await verifyJournal(h.db);
    expect(r.problems.map((p) => p.seq)).toEqual(expect.arrayContaining([2, 3]));
  });

  it('swapping whole rows (ids, seqs and contents) is found', async () => {
    const rows = await h.db.selectFrom('journal').selectAll().where('seq', 'in', [2, 3]).orderBy('seq').execute();
    const [a, b] = rows as [typeof rows[number], typeof rows[number]];
    const { id: ida, ...ra } = a;
    const { id: idb, ...rb } = b;
    await h.db.updateTable('journal').set({ seq: -2 }).where('id', '=', ida).execute();
    await h.db.updateTable('journal').set({ ...ra, seq: -3 }).where('id', '=', idb).execute();
    await h.db.updateTable('journal').set({ ...rb }).where('id', '=', ida).execute();
    await h.db.updateTable('journal').set({ seq: 2 }).where('id', '=', idb).execute();
    expect((await verifyJournal(h.db)).problems.length).toBeGreaterThan(0);
  });

  it('DELETE of the last entry (truncation at the tail) is found by the anchor', async () => {
    await sql`DELETE FROM journal WHERE seq = 6`.execute(h.db);
    const r = await verifyJournal(h.db);
    expect(r.problems).toEqual([{ chain: '31310', seq: 6, problem: expect.stringContaining('fin du journal supprimée') }]);
  });

  it('DELETE of every entry is found by the anchor', async () => {
    await sql`DELETE FROM journal`.execute(h.db);
    expect((await verifyJournal(h.db)).problems).toEqual([{ chain: '31310', seq: 6, problem: expect.stringContaining('journal vidé') }]);
  });

  it('DELETE of the anchor itself is found', async () => {
    await sql`DELETE FROM journal_head`.execute(h.db);
    expect((await verifyJournal(h.db)).problems).toEqual([{ chain: '31310', seq: 6, problem: expect.stringContaining('ancre du journal absente') }]);
  });

  it('an entry appended by hand (valid hash, anchor untouched) is found', async () => {
    const last = await h.db.selectFrom('journal').selectAll().where('seq', '=', 6).executeTakeFirstOrThrow();
    const { id: _id, hash, ...rest } = last;
    const forged = { ...rest, seq: 7, prev_hash: hash, after_json: '{"note":"20,00"}' };
    await h.db.insertInto('journal').values({ ...forged, hash: hashEntry(forged) }).execute();
    expect((await verifyJournal(h.db)).problems).toEqual([{ chain: '31310', seq: 7, problem: expect.stringContaining('hors de l\'application') }]);
  });

  it('tail truncation with the anchor rewritten too is found by an anchor kept outside the database', async () => {
    const printedOnPv = (await journalHead(h.db))!;
    await sql`DELETE FROM journal WHERE seq >= 5`.execute(h.db);
    const newLast = await h.db.selectFrom('journal').select(['seq', 'hash']).where('seq', '=', 4).executeTakeFirstOrThrow();
    await h.db.updateTable('journal_head').set({ seq: newLast.seq, hash: newLast.hash }).execute();
    expect((await verifyJournal(h.db)).problems).toEqual([]); // internally consistent…
    const r = await verifyJournal(h.db, { expected: printedOnPv }); // …but not what the PV says
    expect(r.problems).toEqual([{ chain: '31310', seq: 6, problem: expect.stringContaining('tronqué') }]);
  });

  it('a whole chain re-hashed after an edit is found by an anchor kept outside the database', async () => {
    const printedOnPv = (await journalHead(h.db))!;
    await sql`UPDATE journal SET after_json = ${'{"note":"20,00"}'} WHERE seq = 3`.execute(h.db);
    await rechain(h);
    expect((await verifyJournal(h.db)).problems).toEqual([]);
    expect((await verifyJournal(h.db, { expected: printedOnPv })).problems).toEqual([{ chain: '31310', seq: 6, problem: expect.stringContaining('réécrit') }]);
  });

  it('`delib journal verify` exits 0 with the anchor, 1 naming the entry when tampered, and checks --anchor', async () => {
    const ok = runDelib(h, ['journal', 'verify']);
    expect(ok.status, ok.stderr).toBe(0);
    const anchor = formatAnchor((await journalHead(h.db))!);
    expect(ok.stdout).toContain(anchor);

    await sql`DELETE FROM journal WHERE seq = 6`.execute(h.db);
    const cut = runDelib(h, ['journal', 'verify']);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/entrée n° 6 : fin du journal supprimée/);

    // the insider also rewrites the anchor: only the anchor kept outside (PV, backup) tells
    const row = await h.db.selectFrom('journal').select(['seq', 'hash']).where('seq', '=', 5).executeTakeFirstOrThrow();
    await h.db.updateTable('journal_head').set({ seq: row.seq, hash: row.hash }).execute();
    const external = runDelib(h, ['journal', 'verify', '--anchor', anchor]);
    expect(external.status).toBe(1);
    expect(external.stderr).toMatch(/entrée n° 6 .*tronqué/);
  });

  it('an anchor that does not parse is refused (`--anchor` usage error)', () => {
    expect(parseAnchor('pas-une-ancre')).toBeNull();
    expect(parseAnchor(`6:${'g'.repeat(64)}`)).toBeNull();
  });

  it('appendJournal outside a transaction still moves the chain and its head together', async () => {
    await appendJournal(h.db, entries(3));
    expect(await verifyJournal(h.db)).toEqual({ entries: 9, problems: [] });
    expect((await journalHead(h.db))!.seq).toBe(9);
  });
});

describeEachDialect('tamper-evident journal (property: any single raw edit is found)', (dialect) => {
  it('random UPDATE / DELETE / swap / truncate of random entries is always reported', async () => {
    const h = await freshDb(dialect);
    try {
      await seed(h, 8);
      const pristine = await h.db.selectFrom('journal').selectAll().orderBy('id').execute();
      const anchor = await h.db.selectFrom('journal_head').selectAll().execute();
      const columns = ['chain', 'key_id', 'at', 'actor_login', 'actor_name', 'actor_role', 'action', 'jury_code', 'subject', 'before_json', 'after_json', 'reason', 'prev_hash', 'hash'] as const;
      const op = fc.oneof(
        fc.record({ kind: fc.constant('update' as const), seq: fc.integer({ min: 1, max: 8 }), column: fc.constantFrom(...columns), value: fc.string({ maxLength: 20 }) }),
        fc.record({ kind: fc.constant('delete' as const), seq: fc.integer({ min: 1, max: 8 }) }),
        fc.record({ kind: fc.constant('swap' as const), a: fc.integer({ min: 1, max: 8 }), b: fc.integer({ min: 1, max: 8 }) }).filter((o) => o.a !== o.b),
        fc.record({ kind: fc.constant('truncate' as const), from: fc.integer({ min: 1, max: 8 }) }),
      );
      await fc.assert(fc.asyncProperty(op, async (o) => {
        await h.db.deleteFrom('journal').execute();
        await h.db.insertInto('journal').values(pristine).execute();
        await h.db.deleteFrom('journal_head').execute();
        await h.db.insertInto('journal_head').values(anchor).execute();
        if (o.kind === 'update') {
          const before = pristine.find((r) => r.seq === o.seq)![o.column];
          fc.pre(before !== o.value);
          await h.db.updateTable('journal').set({ [o.column]: o.value }).where('seq', '=', o.seq).execute();
        } else if (o.kind === 'delete') {
          await h.db.deleteFrom('journal').where('seq', '=', o.seq).execute();
        } else if (o.kind === 'swap') {
          await h.db.updateTable('journal').set({ seq: -1 }).where('seq', '=', o.a).execute();
          await h.db.updateTable('journal').set({ seq: o.a }).where('seq', '=', o.b).execute();
          await h.db.updateTable('journal').set({ seq: o.b }).where('seq', '=', -1).execute();
        } else {
          await h.db.deleteFrom('journal').where('seq', '>=', o.from).execute();
        }
        const r = await verifyJournal(h.db);
        expect(r.problems.length).toBeGreaterThan(0);
      }), { seed: 8008, numRuns: dialect === 'sqlite' ? 60 : 25 });
    } finally {
      await h.close();
    }
  });
});
