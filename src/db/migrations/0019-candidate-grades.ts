// FROZEN: never edit a migration that has shipped; add a new one.
// Each candidate's grades packed in one row (issue #18 point 2, ADR 0021). The results of a national
// session used to aggregate 2,3 million grade rows at each reading; `candidate_grades` holds, per
// candidate with at least one grade row, `code␟value␞…` (épreuve-code order), the same text the
// loader decodes. `grade` stays the truth: the rows are derived by triggers on `grade` in the same
// transaction as any write, whoever makes it (the application, a test, an operator's SQL). Bulk
// writers (import, restore) suspend the triggers for their transaction and rebuild the table before
// they commit (src/db/grade-packing.ts).
//
// SQLite: three row triggers. PostgreSQL: one row trigger, skipped while the transaction-scoped
// setting delib.grade_packing is 'off'; it locks the candidate (advisory, transaction-scoped) before
// aggregating, so that two transactions changing grades of one candidate cannot leave the packed row
// without one of the changes (READ COMMITTED), and takes a shared gate that a rebuild takes alone.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './util.js';

/** One grade as text: the hundredths for a number, A (ABS), J (AJ), D (DI), empty when cleared. */
const VALUE = `CASE kind WHEN 'NOTE' THEN CAST(hundredths AS TEXT) WHEN 'ABS' THEN 'A' WHEN 'AJ' THEN 'J' WHEN 'DI' THEN 'D' ELSE '' END`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('candidate_grades')
    .addColumn('candidate_id', 'integer', (c) => c.primaryKey())
    .addColumn('packed', 'text', (c) => c.notNull())
    .execute();
  if (isPostgres(db)) {
    const packed = `string_agg(epreuve_code || chr(31) || ${VALUE}, chr(30) ORDER BY epreuve_code)`;
    await sql.raw(`CREATE FUNCTION grade_pack_candidate(p_id integer) RETURNS void LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(19, 0);
        PERFORM pg_advisory_xact_lock(19, p_id);
        INSERT INTO candidate_grades (candidate_id, packed)
          SELECT p_id, ${packed} FROM grade WHERE candidate_id = p_id HAVING count(*) > 0
          ON CONFLICT (candidate_id) DO UPDATE SET packed = excluded.packed;
        IF NOT FOUND THEN
          DELETE FROM candidate_grades WHERE candidate_id = p_id;
        END IF;
      END $fn$`).execute(db);
    await sql.raw(`CREATE FUNCTION grade_pack_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          PERFORM grade_pack_candidate(OLD.candidate_id);
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.candidate_id <> OLD.candidate_id) THEN
          PERFORM grade_pack_candidate(NEW.candidate_id);
        END IF;
        RETURN NULL;
      END $fn$`).execute(db);
    await sql.raw(`CREATE TRIGGER grade_pack AFTER INSERT OR UPDATE OF candidate_id, epreuve_code, kind, hundredths OR DELETE ON grade
      FOR EACH ROW WHEN (current_setting('delib.grade_packing', true) IS DISTINCT FROM 'off')
      EXECUTE FUNCTION grade_pack_trigger()`).execute(db);
    await sql.raw(`INSERT INTO candidate_grades (candidate_id, packed) SELECT candidate_id, ${packed} FROM grade GROUP BY candidate_id`).execute(db);
    return;
  }
  // The triggers are stored in the schema, which every SQLite reading the file parses: they use
  // group_concat over an ordered subquery (any SQLite), not string_agg(… ORDER BY …) (3.44+), so that
  // an operator's older sqlite3 tool still opens the database.
  const packedOf = (id: string, when = '') => `SELECT ${id}, p FROM (SELECT group_concat(t, char(30)) AS p FROM (
        SELECT epreuve_code || char(31) || ${VALUE} AS t FROM grade WHERE candidate_id = ${id}${when} ORDER BY epreuve_code)) WHERE p IS NOT NULL`;
  const repack = (id: string) => `DELETE FROM candidate_grades WHERE candidate_id = ${id};
      INSERT INTO candidate_grades (candidate_id, packed) ${packedOf(id)};`;
  await sql.raw(`CREATE TRIGGER grade_pack_insert AFTER INSERT ON grade BEGIN
      ${repack('NEW.candidate_id')}
    END`).execute(db);
  await sql.raw(`CREATE TRIGGER grade_pack_update AFTER UPDATE OF candidate_id, epreuve_code, kind, hundredths ON grade BEGIN
      ${repack('OLD.candidate_id')}
      DELETE FROM candidate_grades WHERE candidate_id = NEW.candidate_id AND NEW.candidate_id <> OLD.candidate_id;
      INSERT INTO candidate_grades (candidate_id, packed) ${packedOf('NEW.candidate_id', ' AND NEW.candidate_id <> OLD.candidate_id')};
    END`).execute(db);
  await sql.raw(`CREATE TRIGGER grade_pack_delete AFTER DELETE ON grade BEGIN
      ${repack('OLD.candidate_id')}
    END`).execute(db);
  // run once now by the application's SQLite (3.44+: string_agg): the text the triggers write
  const packed = `string_agg(epreuve_code || char(31) || ${VALUE}, char(30) ORDER BY epreuve_code)`;
  await sql.raw(`INSERT INTO candidate_grades (candidate_id, packed) SELECT candidate_id, ${packed} FROM grade GROUP BY candidate_id`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP TRIGGER IF EXISTS grade_pack ON grade`.execute(db);
    await sql`DROP FUNCTION IF EXISTS grade_pack_trigger()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS grade_pack_candidate(integer)`.execute(db);
  } else {
    for (const t of ['grade_pack_insert', 'grade_pack_update', 'grade_pack_delete']) await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
  }
  await db.schema.dropTable('candidate_grades').execute();
}
