// Crash tests (issue #8 §3): `delib import` of a large generated session is killed with SIGKILL
// while its transaction is open (SQLite: the write lock is held; PostgreSQL: the import's backend
// holds locks on the session tables). On restart nothing of the partial import is present, the
// previous data is intact (digest of every table), the journal verifies, the database is not
// wedged (the same import then runs to completion).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { DbHandle } from '../../src/db/connect.js';
import { appendJournal, verifyJournal } from '../../src/db/repositories/journal.js';
import { databaseDigest } from '../../src/features/backup/digest.js';
import { generateSession } from '../../src/features/generate/synthetic.js';
import { importSession } from '../../src/features/import/import-session.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { user } from '../support/factories.js';
import { MEMO_SAMPLE, spawnDelib } from '../security/support.js';

const actor = { role: 'academie' as const, login: 'academie', name: 'Service des examens', scope: 'A03' };
const now = new Date('2023-06-06T09:00:00Z');
const work = mkdtempSync(join(tmpdir(), 'delib-crash-'));
const big = join(work, 'session-10000');

beforeAll(async () => {
  await generateSession({ candidates: 10_000, seed: 7, out: big });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Is a write transaction open on this SQLite file (held by another process)? */
function sqliteWriterActive(file: string): boolean {
  const probe = new BetterSqlite3(file, { timeout: 0 });
  try {
    probe.prepare('BEGIN IMMEDIATE').run();
    probe.prepare('ROLLBACK').run();
    return false;
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw e;
  } finally {
    probe.close();
  }
}

async function pgWriterActive(h: DbHandle): Promise<boolean> {
  const schema = / \(schéma ([a-z0-9_]+)\)$/.exec(h.where)![1]!;
  const r = await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM pg_locks l
    JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relname IN ('exam_session', 'candidate', 'grade') AND l.mode = 'RowExclusiveLock' AND l.granted`.execute(h.db);
  return (r.rows[0]?.n ?? 0) > 0;
}

const writerActive = (h: DbHandle) => (h.dialect === 'sqlite' ? Promise.resolve(sqliteWriterActive(h.where.slice('sqlite:'.length))) : pgWriterActive(h));

async function waitFor(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timeout: ${what}`);
    await sleep(15);
  }
}

describeEachDialect('crash: SIGKILL during `delib import`', (dialect) => {
  let h: DbHandle;
  let baseline: string;
  beforeAll(async () => {
    h = await freshDb(dialect);
    // the memo's jury before it opens (state 000): the large session may then replace its data
    // (from 110 on an import only compares, and this one would change its spécialité's épreuves)
    const memo = join(work, 'memo-000');
    cpSync(MEMO_SAMPLE, memo, { recursive: true });
    writeFileSync(join(memo, 'jurys.csv'), readFileSync(join(memo, 'jurys.csv'), 'utf8').replace(/;110(\r?\n)/, ';000$1'));
    const res = await importSession(h, memo, actor, now);
    if (!res.ok) throw new Error('baseline import failed');
    await user(h.db, { login: 'academie', role: 'academie', scope: 'A03' });
    await appendJournal(h.db, [{ at: now, actor, action: 'JURY_ETAT_EXCEPTIONNEL', juryCode: '31310', subject: 'jury:31310', reason: 'avant le crash' }]);
    baseline = await databaseDigest(h.db);
  });
  afterAll(async () => h.close());

  for (const delayMs of [150, 700]) {
    it(`killed ${delayMs} ms into the import transaction: nothing partial, previous data intact`, async () => {
      const child = spawnDelib(h, ['import', big]);
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
      await waitFor(() => writerActive(h), 60_000, 'import transaction never started');
      await sleep(delayMs);
      const stillWriting = await writerActive(h);
      child.kill('SIGKILL');
      const end = await exited;
      expect(end.signal).toBe('SIGKILL');
      expect(stdout).not.toMatch(/Import terminé/);
      expect(stillWriting, 'the kill must land inside the transaction').toBe(true);
      // PostgreSQL rolls the dead client's transaction back when it notices the closed socket
      await waitFor(async () => !(await writerActive(h)), 30_000, 'locks of the killed import never released');

      expect(await databaseDigest(h.db)).toBe(baseline);
      expect(await h.db.selectFrom('candidate').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 2 });
      expect((await verifyJournal(h.db)).problems).toEqual([]);
      if (dialect === 'sqlite') {
        const r = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(h.db);
        expect(r.rows).toEqual([{ integrity_check: 'ok' }]);
      }
    }, 120_000);
  }

  it('after the crashes the same import runs to completion (nothing left locked)', async () => {
    const res = await importSession(h, big, actor, now);
    expect(res.ok).toBe(true);
    expect((await verifyJournal(h.db)).problems).toEqual([]);
  }, 120_000);
});
