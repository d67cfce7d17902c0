// FROZEN: never edit a migration that has shipped; add a new one.
// Blind double entry of contrôle grades (issue #20, ADR 0012): controle_grade now holds only the
// value in force (what the engine, the documents and `delib results` read). Under double entry the
// two typed values live in controle_grade_entry (entry 1 and entry 2) and reach controle_grade only
// when they agree or when a third person arbitrates. controle_grade_second becomes entry 2.
//
// Existing data: for juries at 200 (the only state where grades are entered), a first entry under
// double entry that was not confirmed by an equal second entry leaves controle_grade (it no longer
// counts); every first entry under double entry is copied as entry 1. Juries past 200 keep their
// values in force (the deliberation already used them).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('controle_grade_entry')
    .addColumn('candidate_id', 'integer', (c) => c.notNull())
    .addColumn('epreuve_code', 'text', (c) => c.notNull())
    .addColumn('entry', 'integer', (c) => c.notNull()) // 1 | 2
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('hundredths', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    // null: a value in force (imported, or typed before the double entry was enabled) turned into entry 1
    .addColumn('entered_at', 'text')
    .addColumn('entered_by', 'text')
    .addColumn('entered_by_login', 'text')
    .addPrimaryKeyConstraint('controle_grade_entry_pk', ['candidate_id', 'epreuve_code', 'entry'])
    .execute();

  await sql`INSERT INTO controle_grade_entry (candidate_id, epreuve_code, entry, kind, hundredths, version, entered_at, entered_by, entered_by_login)
    SELECT candidate_id, epreuve_code, 2, kind, hundredths, version, entered_at, entered_by, entered_by_login FROM controle_grade_second`.execute(db);
  await sql`INSERT INTO controle_grade_entry (candidate_id, epreuve_code, entry, kind, hundredths, version, entered_at, entered_by, entered_by_login)
    SELECT g.candidate_id, g.epreuve_code, 1, g.kind, g.hundredths, 1, g.entered_at, g.entered_by, g.entered_by_login
    FROM controle_grade g JOIN candidate c ON c.id = g.candidate_id
    WHERE EXISTS (SELECT 1 FROM controle_double_entry d WHERE d.jury_code = c.jury_code AND d.epreuve_code = g.epreuve_code)`.execute(db);
  await sql`DELETE FROM controle_grade WHERE updated_at IS NULL
    AND EXISTS (SELECT 1 FROM candidate c JOIN jury j ON j.code = c.jury_code JOIN controle_double_entry d ON d.jury_code = c.jury_code
      WHERE c.id = controle_grade.candidate_id AND d.epreuve_code = controle_grade.epreuve_code AND j.etat = '200')
    AND NOT EXISTS (SELECT 1 FROM controle_grade_second s WHERE s.candidate_id = controle_grade.candidate_id AND s.epreuve_code = controle_grade.epreuve_code
      AND s.kind = controle_grade.kind AND (s.hundredths = controle_grade.hundredths OR (s.hundredths IS NULL AND controle_grade.hundredths IS NULL)))`.execute(db);
  await db.schema.dropTable('controle_grade_second').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('controle_grade_second')
    .addColumn('candidate_id', 'integer', (c) => c.notNull())
    .addColumn('epreuve_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('hundredths', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_by_login', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('controle_grade_second_pk', ['candidate_id', 'epreuve_code'])
    .execute();
  await sql`INSERT INTO controle_grade_second (candidate_id, epreuve_code, kind, hundredths, version, entered_at, entered_by, entered_by_login)
    SELECT candidate_id, epreuve_code, kind, hundredths, version, COALESCE(entered_at, ''), COALESCE(entered_by, ''), COALESCE(entered_by_login, '')
    FROM controle_grade_entry WHERE entry = 2`.execute(db);
  // the former model kept the first entry as the value in force
  await sql`INSERT INTO controle_grade (candidate_id, epreuve_code, kind, hundredths, version, entered_at, entered_by, entered_by_login)
    SELECT e.candidate_id, e.epreuve_code, e.kind, e.hundredths, 1, e.entered_at, e.entered_by, e.entered_by_login FROM controle_grade_entry e
    WHERE e.entry = 1 AND NOT EXISTS (SELECT 1 FROM controle_grade g WHERE g.candidate_id = e.candidate_id AND g.epreuve_code = e.epreuve_code)`.execute(db);
  await db.schema.dropTable('controle_grade_entry').execute();
}
