// Dedicated read connections for computing results on several threads: where a handle's database can
// be opened again (a SQLite file, a PostgreSQL server), and opening it for reading.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { connect, pgArrayRows, registerArrayRows, type DbHandle } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';

/** How another thread reaches the same database (structured-cloneable). */
export type ReaderSource =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string; readonly options?: string };

/**
 * The same database as `h`, for another connection; null for an in-memory SQLite database (another
 * connection would see another, empty database) or a pool built without a connection string.
 */
export function readerSource(h: DbHandle): ReaderSource | null {
  if (h.dialect === 'sqlite') {
    const s = h.sqlite;
    return s && !s.memory && s.name !== '' ? { dialect: 'sqlite', file: s.name } : null;
  }
  const o = h.pool?.options;
  if (!o?.connectionString) return null;
  return { dialect: 'postgres', connectionString: o.connectionString, ...(o.options ? { options: o.options } : {}) };
}

export interface Reader {
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

/** SQLite pages cached per reader: each reads its ranges once (the file stays in the OS's cache). */
const READER_CACHE_KIB = 8192;

/**
 * PostgreSQL's planner estimates ~50 000 groups for the ~60 000 grades of a 5 000-candidate range
 * (candidate_id's n_distinct), and picks a bitmap scan + a hash aggregate that spills to disk:
 * ≈ 100 ms per range, against ≈ 45 ms for the primary-key scan + a grouped aggregate (EXPLAIN
 * ANALYZE, 200 000 candidates). A reader's own connections only run the loader's range queries, so the
 * setting is made for their sessions.
 */
const PG_READER_SETTINGS = '-c enable_bitmapscan=off -c enable_hashagg=off';

/** A connection of its own to the source (a few, on PostgreSQL: the loader reads ahead). */
export async function openReader(source: ReaderSource): Promise<Reader> {
  if (source.dialect === 'sqlite') {
    const h = await connect(`sqlite:${source.file}`);
    h.sqlite!.pragma(`cache_size = -${READER_CACHE_KIB}`);
    return { db: h.db, close: () => h.close() };
  }
  const pool = new pg.Pool({
    connectionString: source.connectionString,
    max: 3,
    options: source.options ? `${source.options} ${PG_READER_SETTINGS}` : PG_READER_SETTINGS,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerArrayRows(db, pgArrayRows(pool));
  return { db, close: () => db.destroy() };
}
