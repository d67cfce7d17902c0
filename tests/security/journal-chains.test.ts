// One hash chain per jury (issue #18 point 3, ADR 0013) and the optional keyed chain (issue #13
// point 3): what the per-jury design must still catch — an entry reordered, deleted, edited or moved
// in one jury's chain, heads swapped between juries, a chain truncated (even a whole jury's chain,
// head included), a forged or unknown session anchor — and that the writers of different juries do
// not wait on each other. With a key, a chain re-hashed by someone who only has the database is found.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DbHandle } from '../../src/db/connect.js';
import {
  appendJournal, formatAnchor, hashEntry, journalHead, merkleRoot, parseAnchor, verifyJournal, type ChainHead, type JournalEntryInput,
} from '../../src/db/repositories/journal.js';
import { parseJournalKeys, setJournalKeyring, type JournalKeyring } from '../../src/db/repositories/journal-keys.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { runDelib } from './support.js';

const academie = { login: 'academie-A03', name: 'Service des examens', role: 'academie' };
const jury = (code: string) => ({ login: `jury-${code}`, name: `Président ${code}`, role: 'jury' });

function entry(code: string | null, i: number): JournalEntryInput {
  return code === null
    ? { at: new Date(Date.UTC(2023, 5, 6, 9, i)), actor: academie, action: 'UTILISATEUR_CREE', subject: `user:u${i}` }
    : { at: new Date(Date.UTC(2023, 5, 6, 10, i)), actor: jury(code), action: 'NOTE_MODIFIEE', juryCode: code, candidateId: i, subject: `grade:${i}:U1`, before: { note: '9,00' }, after: { note: `${10 + i},00` } };
}

/** 4 entries of 31310, 3 of 31408, 2 of the session chain, interleaved, one transaction each. */
async function seed(h: DbHandle): Promise<void> {
  const order: (string | null)[] = ['31310', '31408', null, '31310', '31408', '31310', null, '31408', '31310'];
  for (const [i, c] of order.entries()) await h.db.transaction().execute((trx) => appendJournal(trx, [entry(c, i)]));
}

async function snapshot(h: DbHandle) {
  return {
    rows: await h.db.selectFrom('journal').selectAll().orderBy('id').execute(),
    heads: await h.db.selectFrom('journal_head').selectAll().execute(),
  };
}

async function restore(h: DbHandle, s: Awaited<ReturnType<typeof snapshot>>): Promise<void> {
  await h.db.deleteFrom('journal').execute();
  await h.db.insertInto('journal').values(s.rows).execute();
  await h.db.deleteFrom('journal_head').execute();
  await h.db.insertInto('journal_head').values(s.heads).execute();
  await h.db.deleteFrom('journal_checkpoint').execute();
}

/** An insider re-hashes one chain from its rows as they are, and its head (plain SHA-256, or a guessed key). */
async function rechain(h: DbHandle, chain: string, keyring?: JournalKeyring): Promise<void> {
  const rows = await h.db.selectFrom('journal').selectAll().where('chain', '=', chain).orderBy('id').execute();
  let prev = '0'.repeat(64);
  let seq = 0;
  for (const r of rows) {
    seq++;
    const { id, hash: _h, ...rest } = r;
    const fixed = { ...rest, seq, prev_hash: prev, key_id: keyring?.signing?.id ?? null };
    const hash = hashEntry(fixed, keyring ?? { signing: null, byId: new Map() });
    await h.db.updateTable('journal').set({ seq: -id }).where('id', '=', id).execute();
    await h.db.updateTable('journal').set({ ...fixed, hash }).where('id', '=', id).execute();
    prev = hash;
  }
  await h.db.updateTable('journal_head').set({ seq, hash: prev }).where('chain', '=', chain).execute();
}

const chainsOf = (problems: readonly { chain: string }[]) => [...new Set(problems.map((p) => p.chain))].sort();

describeEachDialect('journal: one chain per jury, session anchor (raw SQL tampering)', (dialect) => {
  let h: DbHandle;
  let pristine: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await seed(h);
    pristine = await snapshot(h);
  });
  afterAll(async () => h.close());
  beforeEach(async () => restore(h, pristine));

  it('each jury has its own numbering and head; the anchor is the Merkle root of the heads', async () => {
    const rows = await h.db.selectFrom('journal').select(['chain', 'seq']).orderBy('id').execute();
    expect(rows.map((r) => `${r.chain}:${r.seq}`)).toEqual(['31310:1', '31408:1', ':1', '31310:2', '31408:2', '31310:3', ':2', '31408:3', '31310:4']);
    expect(await verifyJournal(h.db)).toEqual({ entries: 9, problems: [] });
    const heads = await h.db.selectFrom('journal_head').select(['chain', 'seq', 'hash']).orderBy('chain').execute();
    expect(heads.map((x) => `${x.chain}:${x.seq}`)).toEqual([':2', '31310:4', '31408:3']);
    const anchor = (await journalHead(h.db))!;
    expect(anchor).toEqual({ seq: 9, hash: merkleRoot(heads) });
    expect(await verifyJournal(h.db, { expected: anchor })).toEqual({ entries: 9, problems: [] });
    // the root depends on every head and on which chain it belongs to
    const swapped: ChainHead[] = heads.map((x) => (x.chain === '31310' ? { ...x, chain: '31408' } : x.chain === '31408' ? { ...x, chain: '31310' } : x));
    expect(merkleRoot(swapped)).not.toBe(anchor.hash);
    expect(await verifyJournal(h.db, { chains: ['31408'] })).toEqual({ entries: 3, problems: [] });
  });

  it('reordering two entries of one jury\'s chain is found in that chain only', async () => {
    await sql`UPDATE journal SET seq = -1 WHERE chain = '31408' AND seq = 1`.execute(h.db);
    await sql`UPDATE journal SET seq = 1 WHERE chain = '31408' AND seq = 2`.execute(h.db);
    await sql`UPDATE journal SET seq = 2 WHERE chain = '31408' AND seq = -1`.execute(h.db);
    const r = await verifyJournal(h.db);
    expect(chainsOf(r.problems)).toEqual(['31408']);
    expect(r.problems.map((p) => p.seq)).toEqual(expect.arrayContaining([1, 2]));
    expect((await verifyJournal(h.db, { chains: ['31310'] })).problems).toEqual([]);
  });

  it('deleting a middle entry of one jury\'s chain is found', async () => {
    await sql`DELETE FROM journal WHERE chain = '31310' AND seq = 2`.execute(h.db);
    const r = await verifyJournal(h.db);
    expect(r.problems).toContainEqual({ chain: '31310', seq: 3, problem: expect.stringContaining('supprimée ou déplacée') });
    expect(chainsOf(r.problems)).toEqual(['31310']);
  });

  it('editing an entry of one jury\'s chain is found, re-hashed or not', async () => {
    await sql`UPDATE journal SET after_json = ${'{"note":"20,00"}'} WHERE chain = '31408' AND seq = 2`.execute(h.db);
    expect((await verifyJournal(h.db)).problems).toEqual([{ chain: '31408', seq: 2, problem: expect.stringContaining('contenu modifié') }]);
    const row = await h.db.selectFrom('journal').selectAll().where('chain', '=', '31408').where('seq', '=', 2).executeTakeFirstOrThrow();
    const { id, hash: _old, ...rest } = row;
    await h.db.updateTable('journal').set({ hash: hashEntry(rest) }).where('id', '=', id).execute();
    expect((await verifyJournal(h.db)).problems).toEqual([{ chain: '31408', seq: 3, problem: expect.stringContaining('chaînage rompu') }]);
  });

  it('moving an entry to another jury\'s chain is found in both', async () => {
    await sql`UPDATE journal SET chain = '31408', seq = 4 WHERE chain = '31310' AND seq = 4`.execute(h.db);
    const r = await verifyJournal(h.db);
    expect(chainsOf(r.problems)).toEqual(['31310', '31408']);
  });

  it('swapping the heads of two juries is found in both chains', async () => {
    const a = pristine.heads.find((x) => x.chain === '31310')!;
    const b = pristine.heads.find((x) => x.chain === '31408')!;
    await h.db.updateTable('journal_head').set({ seq: b.seq, hash: b.hash }).where('chain', '=', '31310').execute();
    await h.db.updateTable('journal_head').set({ seq: a.seq, hash: a.hash }).where('chain', '=', '31408').execute();
    const r = await verifyJournal(h.db);
    expect(chainsOf(r.problems)).toEqual(['31310', '31408']);
  });

  it('a jury\'s chain truncated with its head rewritten passes alone, not against the session anchor', async () => {
    const printed = (await journalHead(h.db))!;
    await sql`DELETE FROM journal WHERE chain = '31310' AND seq >= 3`.execute(h.db);
    const last = await h.db.selectFrom('journal').select(['seq', 'hash']).where('chain', '=', '31310').where('seq', '=', 2).executeTakeFirstOrThrow();
    await h.db.updateTable('journal_head').set({ seq: 2, hash: last.hash }).where('chain', '=', '31310').execute();
    expect((await verifyJournal(h.db)).problems).toEqual([]);
    expect((await verifyJournal(h.db, { expected: printed })).problems).toEqual([{ chain: '31310', seq: 4, problem: expect.stringContaining('tronqué') }]);
  });

  it('a whole jury\'s chain deleted with its head is found by the session anchor', async () => {
    const printed = (await journalHead(h.db))!;
    await sql`DELETE FROM journal WHERE chain = '31408'`.execute(h.db);
    await sql`DELETE FROM journal_head WHERE chain = '31408'`.execute(h.db);
    expect((await verifyJournal(h.db)).problems).toEqual([]);
    expect((await verifyJournal(h.db, { expected: printed })).problems).toEqual([{ chain: '31408', seq: 3, problem: expect.stringContaining('tronqué') }]);
  });

  it('a jury\'s chain rewritten and re-hashed is found by the session anchor', async () => {
    const printed = (await journalHead(h.db))!;
    await sql`UPDATE journal SET after_json = ${'{"note":"20,00"}'} WHERE chain = '31310' AND seq = 1`.execute(h.db);
    await rechain(h, '31310');
    expect((await verifyJournal(h.db)).problems).toEqual([]);
    expect((await verifyJournal(h.db, { expected: printed })).problems).toEqual([{ chain: '31310', seq: 4, problem: expect.stringContaining('réécrit') }]);
  });

  it('a forged anchor is refused: unknown root, or recorded heads edited to match a rewrite', async () => {
    const printed = (await journalHead(h.db))!;
    const unknown = (await verifyJournal(h.db, { expected: { seq: 9, hash: 'f'.repeat(64) } })).problems;
    expect(unknown).toEqual([{ chain: '', seq: 9, problem: expect.stringContaining('introuvable') }]);
    // the insider rewrites 31310 and the heads recorded with the printed anchor: the root no longer matches
    await sql`UPDATE journal SET after_json = ${'{"note":"20,00"}'} WHERE chain = '31310' AND seq = 1`.execute(h.db);
    await rechain(h, '31310');
    const newHead = await h.db.selectFrom('journal_head').select(['chain', 'seq', 'hash']).orderBy('chain').execute();
    await h.db.updateTable('journal_checkpoint').set({ heads: JSON.stringify(newHead.map((x) => [x.chain, x.seq, x.hash])) }).where('root', '=', printed.hash).execute();
    expect((await verifyJournal(h.db, { expected: printed })).problems).toEqual([{ chain: '', seq: 9, problem: expect.stringContaining('journal_checkpoint altérée') }]);
    // …or deletes the record: the anchor is unknown
    await h.db.deleteFrom('journal_checkpoint').execute();
    expect((await verifyJournal(h.db, { expected: printed })).problems).toEqual([{ chain: '', seq: 9, problem: expect.stringContaining('introuvable') }]);
  });

  it('an anchor printed before ADR 0013 (<seq>:<hash> of the single chain) names an entry of the session chain', async () => {
    const s2 = await h.db.selectFrom('journal').select(['seq', 'hash']).where('chain', '=', '').where('seq', '=', 2).executeTakeFirstOrThrow();
    expect((await verifyJournal(h.db, { expected: { seq: 2, hash: s2.hash } })).problems).toEqual([]);
    await sql`UPDATE journal SET subject = 'user:autre' WHERE chain = '' AND seq = 2`.execute(h.db);
    await rechain(h, '');
    expect((await verifyJournal(h.db, { expected: { seq: 2, hash: s2.hash } })).problems).toEqual([{ chain: '', seq: 2, problem: expect.stringContaining('introuvable') }]);
  });

  it('`delib journal verify` prints the session anchor and checks it with --anchor, naming the jury', async () => {
    const ok = runDelib(h, ['journal', 'verify']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/9 entrée\(s\) vérifiée\(s\) dans 3 chaîne\(s\)/);
    const anchor = /Ancre de session \(à conserver hors de la base\) : (\S+)/.exec(ok.stdout)![1]!;
    expect(parseAnchor(anchor)).not.toBeNull();
    expect(runDelib(h, ['journal', 'verify', '--anchor', anchor]).status).toBe(0);
    await sql`DELETE FROM journal WHERE chain = '31408' AND seq = 3`.execute(h.db);
    await sql`UPDATE journal_head SET seq = 2, hash = (SELECT hash FROM journal WHERE chain = '31408' AND seq = 2) WHERE chain = '31408'`.execute(h.db);
    expect(runDelib(h, ['journal', 'verify']).status).toBe(0);
    const cut = runDelib(h, ['journal', 'verify', '--anchor', anchor]);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/jury 31408, entrée n° 3 : .*tronqué/);
  });
});

describeEachDialect('journal: writers of different juries do not wait on each other', (dialect) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await seed(h);
  });
  afterAll(async () => h.close());

  it('concurrent appends to many chains chain without a gap or a fork', async () => {
    await Promise.all(Array.from({ length: 24 }, (_, i) => h.db.transaction().execute((trx) => appendJournal(trx, [
      entry(['31310', '31408', '20112', null][i % 4]!, 100 + i),
      ...(i % 5 === 0 ? [entry('31310', 200 + i), entry(null, 300 + i)] : []),
    ]))));
    expect(await verifyJournal(h.db)).toEqual({ entries: 9 + 24 + 10, problems: [] });
  });

  it.runIf(dialect === 'postgres')('a jury\'s append commits while another jury\'s transaction holds its chain; the same jury waits', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const first = h.db.transaction().execute(async (trx) => {
      await appendJournal(trx, [entry('31310', 900)]);
      locked();
      await held; // 31310's head stays locked until this commits
    });
    await isLocked;
    const other = h.db.transaction().execute((trx) => appendJournal(trx, [entry('31408', 901)]));
    const outcome = await Promise.race([other.then(() => 'committed'), new Promise((r) => setTimeout(() => r('waiting'), 3000))]);
    expect(outcome).toBe('committed');
    let sameDone = false;
    const same = h.db.transaction().execute((trx) => appendJournal(trx, [entry('31310', 902)])).then(() => (sameDone = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(sameDone).toBe(false);
    release();
    await first;
    await same;
    expect((await verifyJournal(h.db)).problems).toEqual([]);
  });
});

const K1 = 'k2026a:' + 'a'.repeat(40);
const K2 = 'k2026b:' + 'b'.repeat(40);

describeEachDialect('journal sealed by a key (DELIB_JOURNAL_KEY)', (dialect) => {
  let h: DbHandle;
  const k1 = parseJournalKeys({ DELIB_JOURNAL_KEY: K1 });
  const rotated = parseJournalKeys({ DELIB_JOURNAL_KEY: K2, DELIB_JOURNAL_OLD_KEYS: K1 });
  const none = parseJournalKeys({});
  beforeAll(async () => {
    h = await freshDb(dialect);
    setJournalKeyring(k1);
    await seed(h);
  });
  afterEach(() => setJournalKeyring(k1));
  afterAll(async () => {
    setJournalKeyring(undefined);
    await h.close();
  });

  it('every entry records the key that sealed it and verifies with it, and only with it', async () => {
    const ids = await h.db.selectFrom('journal').select('key_id').distinct().execute();
    expect(ids).toEqual([{ key_id: 'k2026a' }]);
    expect(await verifyJournal(h.db, { keyring: k1 })).toEqual({ entries: 9, problems: [] });
    const without = await verifyJournal(h.db, { keyring: none });
    expect(without.problems).toHaveLength(9);
    expect(without.problems[0]!.problem).toMatch(/clé « k2026a », absente de DELIB_JOURNAL_KEY/);
    const wrong = parseJournalKeys({ DELIB_JOURNAL_KEY: 'k2026a:' + 'c'.repeat(40) });
    expect((await verifyJournal(h.db, { keyring: wrong })).problems.filter((p) => p.problem.includes('contenu modifié'))).toHaveLength(9);
  });

  it('someone with only the database cannot re-hash a chain: plain SHA-256 or a guessed key is found', async () => {
    const s = await snapshot(h);
    try {
      const printed = (await journalHead(h.db))!;
      await sql`UPDATE journal SET after_json = ${'{"note":"20,00"}'} WHERE chain = '31310' AND seq = 2`.execute(h.db);
      await rechain(h, '31310'); // plain SHA-256, key_id cleared
      const plain = await verifyJournal(h.db, { keyring: k1 });
      expect(plain.problems.filter((p) => p.problem.includes('non scellée')).map((p) => p.seq)).toEqual([1, 2, 3, 4]);
      await rechain(h, '31310', parseJournalKeys({ DELIB_JOURNAL_KEY: 'k2026a:' + 'z'.repeat(40) })); // the right id, a guessed secret
      const guessed = await verifyJournal(h.db, { keyring: k1 });
      expect(guessed.problems.filter((p) => p.problem.includes('contenu modifié')).map((p) => p.seq)).toEqual([1, 2, 3, 4]);
      // the session anchor still works the same way
      expect((await verifyJournal(h.db, { keyring: k1, expected: printed })).problems).toContainEqual({ chain: '31310', seq: 4, problem: expect.stringContaining('réécrit') });
    } finally {
      await restore(h, s);
    }
  });

  it('rotation: new entries under the new key, the old ones still verify while the old key is kept', async () => {
    setJournalKeyring(rotated);
    await appendJournal(h.db, [entry('31310', 50), entry(null, 51)]);
    const byKey = await h.db.selectFrom('journal').select(['chain', 'seq', 'key_id']).where('key_id', '=', 'k2026b').orderBy('id').execute();
    expect(byKey.map((r) => `${r.chain}:${r.seq}`)).toEqual(['31310:5', ':3']);
    expect(await verifyJournal(h.db, { keyring: rotated })).toEqual({ entries: 11, problems: [] });
    const oldKeyLost = await verifyJournal(h.db, { keyring: parseJournalKeys({ DELIB_JOURNAL_KEY: K2 }) });
    expect(oldKeyLost.problems).toHaveLength(9);
    expect(oldKeyLost.problems.every((p) => p.problem.includes('« k2026a »'))).toBe(true);
  });

  it('`delib journal verify` needs the key: 0 with the keys, 1 naming the missing key without, 1 on a malformed key', async () => {
    const keys = { DELIB_JOURNAL_KEY: K2, DELIB_JOURNAL_OLD_KEYS: K1 };
    const ok = runDelib(h, ['journal', 'verify'], keys);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/scellées par clé \(« k2026b » en service\)/);
    const anchor = /Ancre de session \(à conserver hors de la base\) : (\S+)/.exec(ok.stdout)![1]!;
    expect(runDelib(h, ['journal', 'verify', '--anchor', anchor], keys).status).toBe(0);
    const without = runDelib(h, ['journal', 'verify'], { DELIB_JOURNAL_KEY: '', DELIB_JOURNAL_OLD_KEYS: '' });
    expect(without.status).toBe(1);
    expect(without.stderr).toMatch(/scellée par la clé « k2026a », absente de DELIB_JOURNAL_KEY et DELIB_JOURNAL_OLD_KEYS/);
    const bad = runDelib(h, ['journal', 'verify'], { DELIB_JOURNAL_KEY: 'k:court' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/DELIB_JOURNAL_KEY : le secret de la clé « k » doit faire au moins 32 caractères/);
  });

  it('a malformed keyring is refused with the variable named', () => {
    expect(() => parseJournalKeys({ DELIB_JOURNAL_KEY: 'sans-secret' })).toThrow(/DELIB_JOURNAL_KEY : « <identifiant>:<secret> » attendu/);
    expect(() => parseJournalKeys({ DELIB_JOURNAL_KEY: K1, DELIB_JOURNAL_OLD_KEYS: 'k2026a:' + 'd'.repeat(40) })).toThrow(/deux secrets différents/);
    expect(formatAnchor({ seq: 1, hash: 'a'.repeat(64) })).toBe(`1:${'a'.repeat(64)}`);
  });
});
