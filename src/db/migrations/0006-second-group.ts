// FROZEN: never edit a migration that has shipped; add a new one.
// The 2nd group's organisation (issue #6):
// - who entered the contrôle choices and when (controle_choice.updated_*);
// - who entered a contrôle grade at 200 and when (controle_grade.entered_*). updated_* / orig_* stay
//   the jury's changes at 210 (migration 0004): an entry at 200 is not a "note modifiée en délibération";
// - the blind second entry of contrôle grades (controle_grade_second) and where it is required
//   (controle_double_entry: one row per jury × épreuve);
// - the date, time and room of each 2nd-group épreuve in a centre d'épreuve (controle_schedule).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('controle_choice').addColumn('updated_at', 'text').execute();
  await db.schema.alterTable('controle_choice').addColumn('updated_by', 'text').execute();

  await db.schema.alterTable('controle_grade').addColumn('entered_at', 'text').execute();
  await db.schema.alterTable('controle_grade').addColumn('entered_by', 'text').execute();
  await db.schema.alterTable('controle_grade').addColumn('entered_by_login', 'text').execute();

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

  await db.schema
    .createTable('controle_double_entry')
    .addColumn('jury_code', 'text', (c) => c.notNull())
    .addColumn('epreuve_code', 'text', (c) => c.notNull())
    .addColumn('enabled_at', 'text', (c) => c.notNull())
    .addColumn('enabled_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('controle_double_entry_pk', ['jury_code', 'epreuve_code'])
    .execute();

  await db.schema
    .createTable('controle_schedule')
    .addColumn('centre_epreuve_uai', 'text', (c) => c.notNull())
    .addColumn('specialite_code', 'text', (c) => c.notNull())
    .addColumn('epreuve_code', 'text', (c) => c.notNull())
    .addColumn('date', 'text') // ISO 'YYYY-MM-DD'
    .addColumn('heure', 'text') // 'HH:MM'
    .addColumn('salle', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text')
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('controle_schedule_pk', ['centre_epreuve_uai', 'specialite_code', 'epreuve_code'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('controle_schedule').execute();
  await db.schema.dropTable('controle_double_entry').execute();
  await db.schema.dropTable('controle_grade_second').execute();
  for (const c of ['entered_by_login', 'entered_by', 'entered_at']) await db.schema.alterTable('controle_grade').dropColumn(c).execute();
  for (const c of ['updated_by', 'updated_at']) await db.schema.alterTable('controle_choice').dropColumn(c).execute();
}
