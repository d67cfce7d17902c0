// What the database holds, read from its catalogue (SQLite and PostgreSQL): tables, columns, primary
// keys, foreign keys (→ an order in which rows can be inserted), auto-increment columns, applied
// migrations. The backup discovers tables instead of listing them: a table added by a later
// migration is archived without touching this module.
import { sql, type Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import { isPostgres } from '../../db/migrations/util.js';

export interface TableInfo {
  readonly name: string;
  /** in declaration order */
  readonly columns: readonly string[];
  /** primary key columns, in key order (empty: none) */
  readonly primaryKey: readonly string[];
  /** tables this one references */
  readonly references: readonly string[];
  /** PostgreSQL: columns fed by a sequence (serial), to move past the restored ids */
  readonly serialColumns: readonly string[];
}

/** Kysely's own bookkeeping: each database keeps its own. */
export const BOOKKEEPING_TABLES: readonly string[] = ['kysely_migration', 'kysely_migration_lock'];

const IDENT = /^[a-z_][a-z0-9_]*$/;

function any(db: Db): Kysely<any> {
  return db as unknown as Kysely<any>;
}

async function tableNames(db: Db): Promise<string[]> {
  if (isPostgres(db)) {
    const r = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db);
  return r.rows.map((x) => x.name);
}

async function describeSqlite(db: Db, name: string): Promise<TableInfo> {
  const cols = await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${name}) ORDER BY cid`.execute(db);
  const fks = await sql<{ table: string }>`SELECT "table" FROM pragma_foreign_key_list(${name})`.execute(db);
  return {
    name,
    columns: cols.rows.map((c) => c.name),
    primaryKey: cols.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
    references: [...new Set(fks.rows.map((f) => f.table))],
    serialColumns: [],
  };
}

async function describePostgres(db: Db, name: string): Promise<TableInfo> {
  const cols = await sql<{ name: string; def: string | null }>`SELECT column_name AS name, column_default AS def
    FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${name} ORDER BY ordinal_position`.execute(db);
  const pk = await sql<{ name: string }>`SELECT a.attname AS name
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE i.indisprimary AND n.nspname = current_schema() AND c.relname = ${name}
    ORDER BY k.ord`.execute(db);
  const fks = await sql<{ parent: string }>`SELECT p.relname AS parent
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.relname = ${name}`.execute(db);
  return {
    name,
    columns: cols.rows.map((c) => c.name),
    primaryKey: pk.rows.map((c) => c.name),
    references: [...new Set(fks.rows.map((f) => f.parent))],
    serialColumns: cols.rows.filter((c) => c.def?.startsWith('nextval(')).map((c) => c.name),
  };
}

/** Every table except Kysely's bookkeeping, parents before children (an insertion order). */
export async function describeTables(db: Db): Promise<TableInfo[]> {
  const names = (await tableNames(db)).filter((n) => !BOOKKEEPING_TABLES.includes(n)).sort();
  const infos: TableInfo[] = [];
  for (const n of names) {
    if (!IDENT.test(n)) throw new Error(`nom de table inattendu : ${n}`);
    const info = isPostgres(db) ? await describePostgres(db, n) : await describeSqlite(db, n);
    const bad = info.columns.find((c) => !IDENT.test(c));
    if (bad) throw new Error(`nom de colonne inattendu : ${n}.${bad}`);
    infos.push(info);
  }
  return insertionOrder(infos);
}

/** Topological order (parents first); ties by name, so the order is stable. */
export function insertionOrder(tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>): void => {
    if (done.has(t.name)) return;
    if (path.has(t.name)) throw new Error(`références circulaires entre tables : ${[...path].join(' → ')}`);
    path.add(t.name);
    for (const r of [...t.references].sort()) {
      const parent = byName.get(r);
      if (parent && parent.name !== t.name) visit(parent, path);
    }
    path.delete(t.name);
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(t, new Set());
  return out;
}

/** Names of the migrations applied to this database, in order. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const rows = await any(db).selectFrom('kysely_migration').select('name').orderBy('name').execute();
  return rows.map((r: { name: string }) => r.name);
}

export async function countRows(db: Db, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Reads a whole table page by page, in primary-key order (keyset pagination: constant cost per
 * page). Rows are arrays in `columns` order. A table without a primary key is read by offset.
 */
export async function* readTable(db: Db, t: TableInfo, pageSize = 2000): AsyncGenerator<unknown[][]> {
  const cols = sql.join(t.columns.map((c) => sql.ref(c)));
  const key = t.primaryKey;
  const keyIdx = key.map((k) => t.columns.indexOf(k));
  const order = key.length ? sql.join(key.map((c) => sql.ref(c))) : cols;
  let after: unknown[] | null = null;
  let offset = 0;
  for (;;) {
    let where = sql``;
    if (after && key.length === 1) where = sql`WHERE ${sql.ref(key[0]!)} > ${after[0]}`;
    else if (after) where = sql`WHERE (${sql.join(key.map((c) => sql.ref(c)))}) > (${sql.join(after.map((v) => sql`${v}`))})`;
    const tail = key.length ? sql`LIMIT ${pageSize}` : sql`LIMIT ${pageSize} OFFSET ${offset}`;
    const r = await sql<Record<string, unknown>>`SELECT ${cols} FROM ${sql.table(t.name)} ${where} ORDER BY ${order} ${tail}`.execute(db);
    if (r.rows.length === 0) return;
    const page = r.rows.map((row) => t.columns.map((c) => row[c]));
    yield page;
    if (r.rows.length < pageSize) return;
    offset += r.rows.length;
    const lastRow = page[page.length - 1]!;
    after = keyIdx.map((i) => lastRow[i]);
  }
}
