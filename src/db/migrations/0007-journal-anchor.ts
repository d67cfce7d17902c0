// FROZEN: never edit a migration that has shipped; add a new one.
// The anchor of the journal's hash chain: the number and hash of its last entry, written in the same
// transaction as every append. Deleting the last entries of the chain leaves every remaining link
// valid; the anchor makes that truncation visible (ADR 0007). Initialised from an existing journal.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('journal_anchor')
    .addColumn('id', 'integer', (c) => c.primaryKey()) // always 1
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO journal_anchor (id, seq, hash, updated_at)
    SELECT 1, seq, hash, at FROM journal WHERE seq = (SELECT MAX(seq) FROM journal)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('journal_anchor').execute();
}
