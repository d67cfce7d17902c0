// Dialect factory: one Kysely instance over SQLite (better-sqlite3, WAL) or PostgreSQL (pg).
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';
/** Repositories take either the database or a transaction: the caller owns the transaction. */
export type Db = Kysely<Database> | Transaction<Database>;

export interface DbHandle {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** the raw better-sqlite3 connection (bulk paths), when SQLite */
  readonly sqlite?: BetterSqlite3.Database;
  /** the raw pg pool (COPY), when PostgreSQL */
  readonly pool?: pg.Pool;
  /** human-readable location without credentials */
  readonly where: string;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = 'sqlite:data/delib.sqlite';

export interface ConnectOptions {
  /** PostgreSQL: schema to use (search_path); created if missing. Used by tests for isolation. */
  readonly pgSchema?: string;
  readonly poolSize?: number;
}

// PostgreSQL returns BIGINT (int8, e.g. COUNT) as strings by default; our counts fit in a number.
pg.types.setTypeParser(20, (v: string) => Number.parseInt(v, 10));

export function parseDatabaseUrl(url: string): { dialect: DialectName; target: string } {
  if (url.startsWith('sqlite:')) {
    const target = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!target) throw new Error('DATABASE_URL sqlite: sans chemin de fichier');
    return { dialect: 'sqlite', target };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { dialect: 'postgres', target: url };
  throw new Error(`DATABASE_URL non reconnue (attendu sqlite:<fichier> ou postgres://…) : ${redact(url)}`);
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * Rows as arrays, for the few reads where a row object per row is most of the cost (the whole
 * session's candidates for its results: 200 000 rows). Compiled Kysely queries run through the same
 * connection (SQLite) or pool (PostgreSQL) as the Kysely instance they are registered for; never
 * inside a transaction (a transaction is another instance, without rows as arrays: callers fall back
 * to Kysely, on the transaction's connection).
 */
export interface ArrayRows {
  all(sql: string, parameters: readonly unknown[]): Promise<unknown[][]>;
}

const ARRAY_ROWS = new WeakMap<object, ArrayRows>();

/** The array-rows reader of `db` (none for a transaction, or a Kysely instance made elsewhere). */
export function arrayRowsOf(db: Db): ArrayRows | undefined {
  return db.isTransaction ? undefined : ARRAY_ROWS.get(db);
}

/** better-sqlite3 statements in raw mode (their own, so that Kysely's cached ones keep returning objects). */
function sqliteArrayRows(sqlite: BetterSqlite3.Database): ArrayRows {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    all(sql, parameters) {
      let stmt = cache.get(sql);
      if (stmt === undefined || stmt.busy) {
        stmt = sqlite.prepare(sql).raw(true);
        if (cache.size >= 20) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return Promise.resolve(stmt.all(...parameters) as unknown[][]);
    },
  };
}

/** pg with rowMode 'array' (no object per row; the type parsers still apply). */
export function pgArrayRows(pool: pg.Pool): ArrayRows {
  return {
    async all(sql, parameters) {
      const r = await pool.query<unknown[]>({ text: sql, values: [...parameters], rowMode: 'array' });
      return r.rows;
    },
  };
}

/** Registers the array-rows reader of a Kysely instance. */
export function registerArrayRows(db: Kysely<Database>, rows: ArrayRows): void {
  ARRAY_ROWS.set(db, rows);
}

/** Statements kept per SQLite connection (least recently prepared dropped first). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 as Kysely sees it, with prepared statements reused by SQL text. Kysely's SQLite
 * driver prepares every query again (parse and plan by SQLite: a large share of the server's time under
 * load, docs/performance.md « Figures behind the code »). A statement still being iterated (a streamed query) is not shared: a fresh one is
 * prepared. SQLite re-prepares a cached statement by itself when the schema changes.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string): BetterSqlite3.Statement {
      const cached = cache.get(sql);
      if (cached !== undefined) return cached.busy ? sqlite.prepare(sql) : cached;
      const stmt = sqlite.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(sql, stmt);
      return stmt;
    },
    close(): void {
      cache.clear();
      sqlite.close();
    },
  };
}

export async function connect(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, options: ConnectOptions = {}): Promise<DbHandle> {
  const { dialect, target } = parseDatabaseUrl(url);
  if (dialect === 'sqlite') {
    const file = target === ':memory:' ? target : resolve(target);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('cache_size = -65536');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    registerArrayRows(db, sqliteArrayRows(sqlite));
    return { db, dialect, sqlite, where: `sqlite:${file}`, close: () => db.destroy() };
  }
  const schema = options.pgSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`schéma PostgreSQL invalide : ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: target });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: target,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerArrayRows(db, pgArrayRows(pool));
  return { db, dialect, pool, where: redact(target) + (schema ? ` (schéma ${schema})` : ''), close: () => db.destroy() };
}
