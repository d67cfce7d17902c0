// Where the import writes: one transaction on one connection, with the fastest bulk path of each
// dialect — prepared multi-row INSERTs on SQLite, COPY on PostgreSQL (ADR 0005).
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { DbHandle } from '../../db/connect.js';
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
    return runIn(handle.db, work, (table, cols, rows) => {
      sqliteBulkInsert(handle, table, cols, rows);
      return Promise.resolve();
    });
  }
  if (!handle.pool) throw new Error('connexion PostgreSQL sans pool');
  const client = await handle.pool.connect();
  // A Kysely instance bound to this one client, so that COPY runs in the same transaction. Kysely
  // releases the connection after the transaction: that release is deferred to our finally.
  const release = client.release;
  client.release = () => undefined;
  const single = new Kysely<Database>({ dialect: new PostgresDialect({ pool: singleClientPool(client) }) });
  try {
    return await runIn(single, work, (table, cols, rows) => copyRows(client, table, cols, rows));
  } finally {
    client.release = release;
    client.release();
  }
}

async function runIn(
  db: Kysely<Database>,
  work: (tx: ImportTx) => Promise<boolean>,
  append: (table: string, cols: readonly string[], rows: readonly (readonly Cell[])[]) => Promise<void>,
): Promise<boolean> {
  try {
    return await db.transaction().execute(async (trx) => {
      const tx: ImportTx = {
        trx,
        append,
        upsert: (table, cols, rows, conflict) => {
          const updates = cols.filter((c) => !conflict.includes(c)).map((c) => `${c} = excluded.${c}`);
          return bulkInsert(trx, table, cols, rows, `ON CONFLICT (${conflict.join(', ')}) DO ${updates.length ? 'UPDATE SET ' + updates.join(', ') : 'NOTHING'}`);
        },
      };
      const ok = await work(tx);
      if (!ok) throw new Rollback();
      return true;
    });
  } catch (e) {
    if (e instanceof Rollback) return false;
    throw e;
  }
}

function singleClientPool(client: pg.PoolClient) {
  return {
    connect: async () => client,
    end: async () => undefined,
  } as unknown as pg.Pool;
}

function copyEscape(v: Cell): string {
  if (v === null) return '\\N';
  const s = typeof v === 'number' ? String(v) : v;
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

async function copyRows(client: pg.PoolClient, table: string, cols: readonly string[], rows: readonly (readonly Cell[])[]): Promise<void> {
  if (rows.length === 0) return;
  const lines: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) lines[i] = rows[i]!.map(copyEscape).join('\t');
  const stream = client.query(copyFrom(`COPY ${table} (${cols.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from([lines.join('\n') + '\n']), stream);
}
