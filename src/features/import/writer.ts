// Where the import writes: one transaction on one connection, with the fastest bulk path of each
// dialect — prepared multi-row INSERTs on SQLite, COPY on PostgreSQL (ADR 0005).
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { DbHandle, DialectName } from '../../db/connect.js';
import { resumeGradePacking, suspendGradePacking } from '../../db/grade-packing.js';
import type { Database } from '../../db/schema.js';
import { bulkInsert, sqliteBulkInsert } from '../../db/bulk.js';

type Cell = string | number | null;

export interface ImportTx {
  readonly trx: Transaction<Database>;
  /** plain insert of new rows (no conflict possible) — the bulk path */
  append(table: string, columns: readonly string[], rows: readonly (readonly Cell[])[]): Promise<void>;
  /** insert-or-update rows by a conflict target */
  upsert(table: string, columns: readonly string[], rows: readonly (readonly Cell[])[], conflict: readonly string[]): Promise<void>;
}

class Rollback extends Error {}

/**
 * Runs `work` in one transaction. If it returns false the transaction is rolled back.
 * Returns what `work` returned.
 */
export async function withImportTransaction(handle: DbHandle, work: (tx: ImportTx) => Promise<boolean>): Promise<boolean> {
  if (handle.dialect === 'sqlite') {
    return runIn(handle.db, 'sqlite', work, (table, cols, rows) => {
      sqliteBulkInsert(handle, table, cols, rows);
      return Promise.resolve();
    }, () => Promise.resolve());
  }
  if (!handle.pool) throw new Error('connexion PostgreSQL sans pool');
  const client = await handle.pool.connect();
  const copy = new CopyWriter(client);
  // A Kysely instance bound to this one client, so that COPY runs in the same transaction. Every
  // statement first ends the COPY in progress (a COPY holds the connection until it ends). Kysely
  // releases the connection after the transaction: the real release is in our finally.
  const bound = {
    query: async (text: string, values?: unknown[]) => {
      await copy.end();
      return client.query(text, values);
    },
    release: () => undefined,
  };
  const single = new Kysely<Database>({ dialect: new PostgresDialect({ pool: singleClientPool(bound) }) });
  let failed = true;
  try {
    const ok = await runIn(single, 'postgres', work, (table, cols, rows) => copy.write(table, cols, rows), () => copy.end());
    // Fresh statistics for the planner: right after a bulk load it has none (autovacuum comes later),
    // and a jury's list then read all 2,3 million grades (a hash join over a sequential scan, 5 s a
    // request, measured) instead of using the indexes.
    if (ok) await client.query(`ANALYZE ${IMPORTED_TABLES.join(', ')}`);
    failed = false;
    return ok;
  } finally {
    // after a failure the connection may be mid-COPY or in an aborted transaction: it is closed
    // (which rolls back) instead of going back to the pool
    client.release(failed || copy.open ? new Error('import interrompu : connexion fermée') : undefined);
  }
}

/** the tables an import fills (statistics refreshed after it) */
const IMPORTED_TABLES = ['exam_session', 'etablissement', 'specialite', 'epreuve', 'jury', 'candidate', 'grade', 'candidate_grades', 'controle_choice', 'controle_grade'];

async function runIn(
  db: Kysely<Database>,
  dialect: DialectName,
  work: (tx: ImportTx) => Promise<boolean>,
  append: (table: string, cols: readonly string[], rows: readonly (readonly Cell[])[]) => Promise<void>,
  endAppend: () => Promise<void>,
): Promise<boolean> {
  try {
    return await db.transaction().execute(async (trx) => {
      // millions of grade rows: candidate_grades is rebuilt once at the end, not at each row (ADR 0021)
      const packing = await suspendGradePacking(trx, dialect);
      const tx: ImportTx = {
        trx,
        append,
        upsert: (table, cols, rows, conflict) => {
          const updates = cols.filter((c) => !conflict.includes(c)).map((c) => `${c} = excluded.${c}`);
          return bulkInsert(trx, table, cols, rows, `ON CONFLICT (${conflict.join(', ')}) DO ${updates.length ? 'UPDATE SET ' + updates.join(', ') : 'NOTHING'}`);
        },
      };
      const ok = await work(tx);
      await endAppend();
      if (!ok) throw new Rollback();
      await resumeGradePacking(trx, packing);
      return true;
    });
  } catch (e) {
    if (e instanceof Rollback) return false;
    throw e;
  }
}

function singleClientPool(client: { query: (text: string, values?: unknown[]) => Promise<unknown>; release: () => void }) {
  return {
    connect: async () => client,
    end: async () => undefined,
  } as unknown as pg.Pool;
}

/**
 * One `COPY … FROM STDIN` per table, kept open while batches of the same table follow one another:
 * PostgreSQL loads a batch while the next one is parsed (the socket buffers between them), and
 * memory holds at most one encoded batch (writes wait for the connection to drain).
 */
class CopyWriter {
  private stream: Writable | null = null;
  private done: Promise<void> = Promise.resolve();
  private target = '';
  private failure: Error | null = null;

  constructor(private readonly client: pg.PoolClient) {}

  get open(): boolean {
    return this.stream !== null;
  }

  async write(table: string, cols: readonly string[], rows: readonly (readonly Cell[])[]): Promise<void> {
    if (rows.length === 0) return;
    const target = `${table} (${cols.join(', ')})`;
    if (this.stream && this.target !== target) await this.end();
    this.check();
    if (!this.stream) {
      const s = this.client.query(copyFrom(`COPY ${target} FROM STDIN`));
      s.on('error', (e: Error) => {
        this.failure ??= e;
      });
      this.stream = s;
      this.target = target;
      // one 'finished' watch per COPY (one per batch added listeners until the COPY ended)
      this.done = finished(s).then(() => undefined, () => undefined);
    }
    if (!this.stream.write(encodeCopyRows(rows))) {
      const ac = new AbortController();
      await Promise.race([once(this.stream, 'drain', { signal: ac.signal }).catch(() => undefined), this.done]);
      ac.abort();
    }
    this.check();
  }

  /** ends the COPY in progress (if any) and waits until PostgreSQL has taken every row */
  async end(): Promise<void> {
    const s = this.stream;
    if (!s) return;
    s.end();
    try {
      await finished(s);
    } catch (e) {
      this.failure ??= e as Error;
    }
    this.stream = null;
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}

const COPY_SPECIAL = /[\\\t\n\r]/;

function copyText(s: string): string {
  return COPY_SPECIAL.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

/** Rows in COPY's text format: tab-separated, `\N` for null, backslash escapes. */
export function encodeCopyRows(rows: readonly (readonly Cell[])[]): string {
  let out = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let j = 0; j < r.length; j++) {
      const v = r[j]!;
      if (j > 0) out += '\t';
      out += v === null ? '\\N' : typeof v === 'number' ? String(v) : copyText(v);
    }
    out += '\n';
  }
  return out;
}
