// Bulk writes: multi-row INSERT statements in chunks (SQLite, PostgreSQL) and COPY (PostgreSQL).
// One query per row is ~20x slower here; every bulk path goes through this module.
import { sql, type RawBuilder } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { DbHandle, Db } from './connect.js';

type Cell = string | number | null;

/** SQLite allows 32 766 bound parameters per statement, PostgreSQL 65 535. */
const MAX_PARAMS = 30_000;

/**
 * Inserts rows (arrays of cells in `columns` order) with multi-row INSERTs, in chunks.
 * `onConflict` is appended verbatim (trusted, code-defined SQL only).
 */
export async function bulkInsert(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly Cell[])[],
  onConflict = '',
): Promise<void> {
  if (rows.length === 0) return;
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) VALUES `;
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const values: RawBuilder<unknown>[] = chunk.map((r) => sql`(${sql.join(r.map((c) => sql`${c}`))})`);
    await sql`${sql.raw(head)}${sql.join(values)}${sql.raw(onConflict ? ' ' + onConflict : '')}`.execute(db);
  }
}

/**
 * Fast path for the SQLite connection: a prepared multi-row statement reused for full chunks.
 * Must run inside the caller's transaction on the same connection (better-sqlite3 is synchronous
 * and Kysely's SQLite driver uses this single connection).
 */
export function sqliteBulkInsert(
  handle: DbHandle,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly Cell[])[],
  onConflict = '',
): void {
  const sqlite = handle.sqlite;
  if (!sqlite) throw new Error('sqliteBulkInsert sans connexion SQLite');
  if (rows.length === 0) return;
  const perChunk = Math.min(500, Math.max(1, Math.floor(MAX_PARAMS / columns.length)));
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const head = `INSERT INTO ${ident(table)} (${columns.map(ident).join(',')}) VALUES `;
  const tail = onConflict ? ' ' + onConflict : '';
  // the statement of a full chunk, prepared once per connection (its text is built only then)
  const full = preparedFull(sqlite, head + perChunk + tail, () => head + Array(perChunk).fill(tuple).join(',') + tail);
  const flat: Cell[] = new Array(perChunk * columns.length);
  let start = 0;
  for (; start + perChunk <= rows.length; start += perChunk) {
    let k = 0;
    for (let i = start; i < start + perChunk; i++) {
      const r = rows[i]!;
      for (let j = 0; j < r.length; j++) flat[k++] = r[j]!;
    }
    full.run(flat);
  }
  const rest = rows.length - start;
  if (rest > 0) {
    const stmt = sqlite.prepare(head + Array(rest).fill(tuple).join(',') + tail);
    stmt.run(rows.slice(start).flat());
  }
}

/** The full-chunk statements, prepared once per connection (an import flushes hundreds of batches). */
const fullStatements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function preparedFull(sqlite: BetterSqlite3.Database, key: string, text: () => string): BetterSqlite3.Statement {
  let m = fullStatements.get(sqlite);
  if (!m) fullStatements.set(sqlite, (m = new Map()));
  let stmt = m.get(key);
  if (!stmt) m.set(key, (stmt = sqlite.prepare(text())));
  return stmt;
}

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`identifiant SQL invalide : ${name}`);
  return name;
}
