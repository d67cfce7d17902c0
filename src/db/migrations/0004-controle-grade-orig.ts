// FROZEN: never edit a migration that has shipped; add a new one.
// The jury may change a contrôle grade during the 2nd-group deliberation (210): like leaf grades
// (grade.orig_*), the value before the first change is kept.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('controle_grade').addColumn('orig_kind', 'text').execute();
  await db.schema.alterTable('controle_grade').addColumn('orig_hundredths', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('controle_grade').dropColumn('orig_hundredths').execute();
  await db.schema.alterTable('controle_grade').dropColumn('orig_kind').execute();
}
