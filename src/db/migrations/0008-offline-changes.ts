// FROZEN: never edit a migration that has shipped; add a new one.
// The changes a jury made offline, once the server has dealt with them (applied, already in place,
// or discarded by the jury after a conflict): the browser resends its queue after a lost answer,
// and a change already dealt with must not be applied or journaled twice (issue #9, ADR 0009).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('offline_change')
    .addColumn('id', 'text', (c) => c.primaryKey()) // chosen by the browser (random UUID)
    .addColumn('jury_code', 'text', (c) => c.notNull().references('jury.code'))
    .addColumn('user_login', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull()) // grade:<candidate>:<leaf> | controle_grade:<candidate>:<unit>
    .addColumn('status', 'text', (c) => c.notNull()) // applied | unchanged | discarded
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull()) // the browser's time of the change
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('offline_change_jury').on('offline_change').column('jury_code').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('offline_change').execute();
}
