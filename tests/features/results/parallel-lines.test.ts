// Result lines computed on several threads (each with its own connection) are the lines of the single
// thread, byte for byte, on both dialects: ranges shared between the main thread and workers, ranges
// left to workers only, a worker that cannot start (the main thread computes its ranges), the memo
// sample, and the cases that stay on one thread (a transaction, an in-memory database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { connect, type DbHandle } from '../../../src/db/connect.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { candidateIdEdges } from '../../../src/db/repositories/candidate-inputs.js';
import { importSession } from '../../../src/features/import/import-session.js';
import type { ParallelStats } from '../../../src/features/results/parallel-lines.js';
import { readerSource } from '../../../src/features/results/reader.js';
import { computeResultLines, resultsCsv, type ResultLine } from '../../../src/features/results/results-table.js';
import type { Actor } from '../../../src/domain/types.js';
import { candidate, controleChoice, controleGrade, epreuves, etablissement, examSession, grades, jury, specialite } from '../../support/factories.js';

const SAMPLE = join(import.meta.dirname, '../../fixtures/samples/memo-31310');
const EXPECTED = readFileSync(join(import.meta.dirname, '../../fixtures/samples/memo-31310.results.csv'), 'utf8').replace(/^\uFEFF/, '').replace(/\r/g, '');
const actor: Actor = { role: 'academie', login: 'test', name: 'Test', scope: 'A03' };

const N = 47;

/** A session of N candidates in 3 juries, every decision, numbered in an order unrelated to their ids. */
async function session(h: DbHandle): Promise<void> {
  await examSession(h.db);
  await etablissement(h.db, '0250001R');
  await specialite(h.db, '31310');
  await epreuves(h.db, '31310');
  for (const code of ['31310', '31311', '31312']) await jury(h.db, code, { specialite: '31310' });
  for (let id = 1; id <= N; id++) {
    await candidate(h.db, { id, jury: ['31310', '31311', '31312'][id % 3]! });
    // numero_candidat in another order than the ids (the merge of sorted ranges is exercised)
    await h.db.updateTable('candidate').set({ numero_candidat: String(90000000000 - ((id * 17) % N) * 1000 - id) }).where('id', '=', id).execute();
    const base = 600 + ((id * 37) % 900); // 6,00 … 14,99: ADMIS, CONTROLE, REFUSE
    const leaf = id % 11 === 0 ? 'ABS' : id % 13 === 0 ? null : base;
    await grades(h.db, id, { U1: base, U2E: base + 50, U2O: base - 50, U3: leaf, U41: base, U42: base + 10, U5: id % 7 === 0 ? 'DI' : base });
  }
  // a second inscription of candidate 5's numero, and contrôle data
  await h.db.updateTable('candidate').set({ numero_candidat: '90000000001', numero_inscription: '002' }).where('id', '=', 6).execute();
  await h.db.updateTable('candidate').set({ numero_candidat: '90000000001' }).where('id', '=', 9).execute();
  for (const id of [3, 8, 20]) {
    await controleChoice(h.db, id, 'U1', 'U2');
    await controleGrade(h.db, id, 'U1', 1200 + id);
    await controleGrade(h.db, id, 'U2', id === 20 ? 'ABS' : 900);
  }
}

describeEachDialect('result lines on several threads', (dialect) => {
  let h: DbHandle;
  let single: ResultLine[];
  beforeAll(async () => {
    h = await freshDb(dialect);
    await session(h);
    single = await computeResultLines(h.db);
  });
  afterAll(async () => h.close());

  it('single-thread reference: every candidate once, sorted, several decisions', () => {
    expect(single).toHaveLength(N);
    const keys = single.map((l) => `${l.numero_candidat};${l.numero_inscription}`);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(single.map((l) => l.decision_1)).size).toBeGreaterThanOrEqual(3);
  });

  it('cuts the session into ranges of the asked size', async () => {
    expect(await candidateIdEdges(h.db, 10)).toEqual([10, 20, 30, 40]);
    expect(await candidateIdEdges(h.db, 47)).toEqual([47]);
    expect(await candidateIdEdges(h.db, 100)).toEqual([]);
  });

  it('gives the same lines with the main thread and two workers sharing small ranges', async () => {
    let stats: ParallelStats | undefined;
    const lines = await computeResultLines(h.db, { handle: h, threads: 3, rangeSize: 4, onStats: (s) => (stats = s) });
    expect(resultsCsv(lines)).toBe(resultsCsv(single));
    expect(lines).toEqual(single);
    expect(stats).toMatchObject({ ranges: 12, workers: 2 });
  });

  it('gives the same lines when the workers compute every range', async () => {
    let stats: ParallelStats | undefined;
    const lines = await computeResultLines(h.db, { handle: h, threads: 4, rangeSize: 5, onlyWorkers: true, onStats: (s) => (stats = s) });
    expect(lines).toEqual(single);
    expect(stats).toEqual({ ranges: 10, workers: 3, byWorkers: 10, recomputed: 0 });
  });

  it('computes on the main thread the ranges of a worker that cannot start', async () => {
    let stats: ParallelStats | undefined;
    const workerEntry = new URL('./no-such-worker.mjs', import.meta.url);
    const lines = await computeResultLines(h.db, { handle: h, threads: 2, rangeSize: 6, onlyWorkers: true, workerEntry, onStats: (s) => (stats = s) });
    expect(lines).toEqual(single);
    expect(stats).toEqual({ ranges: 8, workers: 1, byWorkers: 0, recomputed: 8 });
  });

  it('stays on one thread by default, in a transaction, without the handle, or for a single range', async () => {
    const seen: ParallelStats[] = [];
    const onStats = (s: ParallelStats) => seen.push(s);
    const inTrx = await h.db.transaction().execute((trx) => computeResultLines(trx, { handle: h, threads: 3, rangeSize: 4, onStats }));
    expect(inTrx).toEqual(single);
    expect(await computeResultLines(h.db, { threads: 3, rangeSize: 4, onStats })).toEqual(single);
    expect(await computeResultLines(h.db, { handle: h, rangeSize: 4, onStats })).toEqual(single); // default: one thread
    expect(await computeResultLines(h.db, { handle: h, threads: 3, onStats })).toEqual(single); // 47 candidates: one range
    expect(seen).toEqual([]);
  });

  it('reports a candidate the engine cannot evaluate with the same error as one thread', async () => {
    await h.db.transaction().execute(async (trx) => {
      await specialite(trx, '99999');
      await jury(trx, '99999', { specialite: '99999' });
      await candidate(trx, { id: 200, jury: '99999' });
    });
    const e = {
      one: await computeResultLines(h.db).catch((err: Error) => err.message),
      many: await computeResultLines(h.db, { handle: h, threads: 3, rangeSize: 4, onlyWorkers: true }).catch((err: Error) => err.message),
    };
    expect(e.one).toMatch(/aucune épreuve définie pour la spécialité du jury 99999/);
    expect(e.many).toBe(e.one);
    await h.db.deleteFrom('candidate').where('id', '=', 200).execute();
  });

  it('gives the memo sample its expected results on several threads', async () => {
    const other = await freshDb(dialect);
    const dir = mkdtempSync(join(tmpdir(), 'delib-parallel-'));
    try {
      cpSync(SAMPLE, dir, { recursive: true });
      expect((await importSession(other, dir, actor, new Date('2023-06-06T09:00:00Z'))).ok).toBe(true);
      let stats: ParallelStats | undefined;
      const lines = await computeResultLines(other.db, { handle: other, threads: 2, rangeSize: 1, onlyWorkers: true, onStats: (s) => (stats = s) });
      expect(resultsCsv(lines)).toBe(EXPECTED);
      expect(stats).toMatchObject({ byWorkers: 3, recomputed: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await other.close();
    }
  });
});

describe('an in-memory database', () => {
  it('has no reader source for an in-memory SQLite database (another connection sees another database)', async () => {
    const mem = await connect('sqlite::memory:');
    try {
      await migrateToLatest(mem.db);
      expect(readerSource(mem)).toBeNull();
      await session(mem);
      const seen: ParallelStats[] = [];
      expect(await computeResultLines(mem.db, { handle: mem, threads: 3, rangeSize: 4, onStats: (s) => seen.push(s) })).toHaveLength(N);
      expect(seen).toEqual([]);
    } finally {
      await mem.close();
    }
  });
});
