// Each candidate's grades packed in one row of `candidate_grades` (migration 0019, ADR 0021), kept by
// triggers on `grade`. A bulk writer (the import, a restore) writes millions of grade rows in one
// transaction: repacking a candidate at each row would cost several times the writing, so it
// suspends the triggers for its transaction and rebuilds the table once before it commits.
//
// - SQLite: the triggers are dropped inside the transaction and created again, from their own
//   definitions as read in the schema, before the commit (DDL is transactional: other connections
//   never see them missing; a rollback brings them back);
// - PostgreSQL: the transaction-scoped setting delib.grade_packing = 'off' skips the trigger (its
//   WHEN clause), for this transaction only; the rebuild first takes, alone, the gate that each
//   trigger run shares, so that no grade change of another transaction is half-way meanwhile.
import { sql } from 'kysely';
import type { Db, DialectName } from './connect.js';
import './schema-grades-packed.js';

/** between a leaf code and its value, and between grades: control characters, never in a code */
export const PACK_UNIT_SEP = '\x1f';
export const PACK_RECORD_SEP = '\x1e';

const VALUE = `CASE kind WHEN 'NOTE' THEN CAST(hundredths AS TEXT) WHEN 'ABS' THEN 'A' WHEN 'AJ' THEN 'J' WHEN 'DI' THEN 'D' ELSE '' END`;

/** The packed text of a candidate's grade rows (aggregate over `grade`), as the triggers write it. */
export function packedGradesSql(dialect: DialectName): string {
  const chr = dialect === 'postgres' ? 'chr' : 'char';
  return `string_agg(epreuve_code || ${chr}(31) || ${VALUE}, ${chr}(30) ORDER BY epreuve_code)`;
}

/** What a suspension must restore (SQLite: the triggers' definitions). */
export interface SuspendedPacking {
  readonly dialect: DialectName;
  readonly triggers: readonly string[];
}

/** Stops the triggers of `candidate_grades` for the rest of the transaction `trx`. */
export async function suspendGradePacking(trx: Db, dialect: DialectName): Promise<SuspendedPacking> {
  if (!trx.isTransaction) throw new Error('suspendGradePacking : une transaction est requise');
  if (dialect === 'postgres') {
    await sql`SELECT set_config('delib.grade_packing', 'off', true)`.execute(trx);
    return { dialect, triggers: [] };
  }
  const rows = await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master
    WHERE type = 'trigger' AND tbl_name = 'grade' AND name LIKE 'grade_pack_%' ORDER BY name`.execute(trx);
  for (const r of rows.rows) await sql`DROP TRIGGER ${sql.id(r.name)}`.execute(trx);
  return { dialect, triggers: rows.rows.map((r) => r.sql) };
}

/**
 * Rebuilds `candidate_grades` from `grade` (rows written only where they differ, rows of candidates
 * without grades removed) and restores the triggers, in the transaction that suspended them.
 */
export async function resumeGradePacking(trx: Db, suspended: SuspendedPacking): Promise<void> {
  if (suspended.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(19, 0)`.execute(trx);
  await rebuildGradePacking(trx, suspended.dialect);
  if (suspended.dialect === 'postgres') {
    await sql`SELECT set_config('delib.grade_packing', 'on', true)`.execute(trx);
    return;
  }
  for (const ddl of suspended.triggers) await sql.raw(ddl).execute(trx);
}

/** `candidate_grades` made equal to what `grade` gives. */
export async function rebuildGradePacking(db: Db, dialect: DialectName): Promise<void> {
  await sql.raw(`INSERT INTO candidate_grades (candidate_id, packed)
      SELECT candidate_id, ${packedGradesSql(dialect)} FROM grade WHERE true GROUP BY candidate_id
    ON CONFLICT (candidate_id) DO UPDATE SET packed = excluded.packed WHERE candidate_grades.packed IS DISTINCT FROM excluded.packed`).execute(db);
  await sql`DELETE FROM candidate_grades WHERE NOT EXISTS (SELECT 1 FROM grade WHERE grade.candidate_id = candidate_grades.candidate_id)`.execute(db);
}

/** Runs `work` in `trx` with the packing suspended, then rebuilds it (not when `work` throws: the transaction rolls back). */
export async function withGradePackingSuspended<T>(trx: Db, dialect: DialectName, work: () => Promise<T>): Promise<T> {
  const suspended = await suspendGradePacking(trx, dialect);
  const out = await work();
  await resumeGradePacking(trx, suspended);
  return out;
}
