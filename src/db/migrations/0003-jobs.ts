// FROZEN: never edit a migration that has shipped; add a new one.
// Background jobs (ADR 0003): the queue, its log lines, the documents it produced; and the edition
// parameters each user memorised ("Mémoriser ces résultats").
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { autoIdType, isPostgres } from './util.js';

/** Ids are never reused, even after a purge (a log line or document must never reach another job). */
function idColumn(db: Kysely<unknown>) {
  return (c: ColumnDefinitionBuilder) => (isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job')
    .addColumn('id', autoIdType(db), idColumn(db))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('owner_login', 'text', (c) => c.notNull())
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('owner_role', 'text', (c) => c.notNull())
    .addColumn('owner_scope', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_label', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('worker_id', 'text')
    .addColumn('heartbeat_at', 'text')
    .addColumn('result_json', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('job_status_idx').on('job').columns(['status', 'id']).execute();
  await db.schema.createIndex('job_owner_idx').on('job').columns(['owner_role', 'owner_scope', 'kind', 'id']).execute();

  await db.schema
    .createTable('job_log')
    .addColumn('id', autoIdType(db), idColumn(db))
    .addColumn('job_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_log_job_idx').on('job_log').columns(['job_id', 'id']).execute();

  // A document row is inserted only once its bytes are complete (in `bytes`, or in a file renamed
  // from its temporary name): a half-written document is never offered.
  await db.schema
    .createTable('job_document')
    .addColumn('id', 'text', (c) => c.primaryKey()) // opaque random identifier (downloads)
    .addColumn('job_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage', 'text', (c) => c.notNull()) // 'db' | 'fs'
    .addColumn('storage_path', 'text')
    .addColumn('bytes', isPostgres(db) ? sql`bytea` : 'blob')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_document_job_idx').on('job_document').columns(['job_id', 'name']).execute();

  await db.schema
    .createTable('edition_preference')
    .addColumn('user_login', 'text', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('edition_preference_pk', ['user_login', 'edition'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['edition_preference', 'job_document', 'job_log', 'job']) {
    await db.schema.dropTable(t).execute();
  }
}
