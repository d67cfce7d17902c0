import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { isPostgres } from './migrations/util.js';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-auth.js';
import * as m0003 from './migrations/0003-jobs.js';
import * as m0004 from './migrations/0004-controle-grade-orig.js';
import * as m0006 from './migrations/0006-second-group.js';
import * as m0007 from './migrations/0007-journal-anchor.js';
import * as m0008 from './migrations/0008-offline-changes.js';
import * as m0009 from './migrations/0009-journal-append.js';
import * as m0010 from './migrations/0010-double-entry-blind.js';
import * as m0011 from './migrations/0011-journal-chains.js';
import * as m0013 from './migrations/0013-accounts-provisioning-sso.js';
import * as m0015 from './migrations/0015-verification-pv-versions.js';
import * as m0019 from './migrations/0019-candidate-grades.js';

/** Every migration, in order. Frozen: append only. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-auth': m0002,
  '0003-jobs': m0003,
  '0004-controle-grade-orig': m0004,
  '0006-second-group': m0006,
  '0007-journal-anchor': m0007,
  '0008-offline-changes': m0008,
  '0009-journal-append': m0009,
  '0010-double-entry-blind': m0010,
  '0011-journal-chains': m0011,
  '0013-accounts-provisioning-sso': m0013,
  '0015-verification-pv-versions': m0015,
  '0019-candidate-grades': m0019,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

async function migratorOf(db: Kysely<any>): Promise<Migrator> {
  // PostgreSQL: pin Kysely's bookkeeping tables to the current schema. Without it, the migrator's
  // existence check sees kysely_migration* in ANY schema (another instance or test schema) and then
  // fails with 'relation "kysely_migration_lock" does not exist'.
  const schema = isPostgres(db) ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s : undefined;
  return new Migrator({ db, provider: new StaticProvider(), ...(schema ? { migrationTableSchema: schema } : {}) });
}

/** Brings the schema to the latest version; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = await migratorOf(db);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} en échec : ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations this build knows and the database has not run (readiness). */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = await migratorOf(db);
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}
