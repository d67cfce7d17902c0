// FROZEN: never edit a migration that has shipped; add a new one.
// One hash chain per jury (issue #18 point 3, issue #13 point 3, ADR 0013). Every grade change of the
// country used to wait on the single chain's lock; now each journal entry belongs to a chain (the
// jury's code, or '' for what concerns the whole session: import summary, accounts, schedules), with
// its own numbering, head and lock, so that different juries never wait on each other.
//
// - journal.chain: the chain of the entry; existing entries stay in the session chain '' with their
//   numbers and hashes (the anchors printed before this migration stay checkable);
// - journal.key_id: the key that sealed the entry (HMAC), null for a plain SHA-256;
// - seq is numbered per chain: unique on (chain, seq) instead of seq;
// - journal_head (chain → seq, hash of its last entry) replaces journal_anchor (one row);
// - journal_checkpoint: the session anchors handed out (Merkle root of the heads), with the heads
//   they combine, so that `delib journal verify --anchor` can find the entries they name;
// - PostgreSQL: journal_append_chains replaces journal_append: it locks the heads of the chains it
//   appends to (row locks, in chain order) instead of one advisory lock for the country.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './util.js';
import * as m0009 from './0009-journal-append.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  if (pg) {
    await sql`ALTER TABLE journal ADD COLUMN chain text NOT NULL DEFAULT ''`.execute(db);
    await sql`ALTER TABLE journal ADD COLUMN key_id text`.execute(db);
    await sql`ALTER TABLE journal DROP CONSTRAINT journal_seq_key`.execute(db);
    await sql`DROP FUNCTION IF EXISTS journal_append(integer, text, integer[], text[], text[], text[], text[], text[], text[], integer[], text[], text[], text[], text[], text[], text[])`.execute(db);
  } else {
    // SQLite cannot drop the UNIQUE of a column: the table is rebuilt (ids kept).
    await sql`CREATE TABLE journal_new (
      id integer PRIMARY KEY,
      chain text NOT NULL DEFAULT '',
      seq integer NOT NULL,
      at text NOT NULL, actor_login text NOT NULL, actor_name text NOT NULL, actor_role text NOT NULL,
      action text NOT NULL, jury_code text, candidate_id integer, subject text NOT NULL,
      before_json text, after_json text, reason text, prev_hash text NOT NULL, hash text NOT NULL,
      key_id text)`.execute(db);
    await sql`INSERT INTO journal_new (id, chain, seq, at, actor_login, actor_name, actor_role, action, jury_code, candidate_id,
        subject, before_json, after_json, reason, prev_hash, hash, key_id)
      SELECT id, '', seq, at, actor_login, actor_name, actor_role, action, jury_code, candidate_id,
        subject, before_json, after_json, reason, prev_hash, hash, NULL FROM journal`.execute(db);
    await sql`DROP TABLE journal`.execute(db);
    await sql`ALTER TABLE journal_new RENAME TO journal`.execute(db);
    await db.schema.createIndex('journal_jury_idx').on('journal').columns(['jury_code', 'seq']).execute();
    await db.schema.createIndex('journal_candidate_idx').on('journal').column('candidate_id').execute();
  }
  await db.schema.createIndex('journal_chain_seq_idx').on('journal').columns(['chain', 'seq']).unique().execute();

  await db.schema
    .createTable('journal_head')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO journal_head (chain, seq, hash, updated_at) SELECT '', seq, hash, updated_at FROM journal_anchor`.execute(db);
  await db.schema.dropTable('journal_anchor').execute();

  await db.schema
    .createTable('journal_checkpoint')
    .addColumn('root', 'text', (c) => c.primaryKey())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('heads', 'text', (c) => c.notNull()) // JSON [[chain, seq, hash], …] in chain order
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  if (pg) {
    // The entries arrive chained and hashed by the application, after the heads it read without a
    // lock (expected_*: one per chain, seq 0 = empty chain). The heads of those chains are locked
    // (created first when new), in chain order so that two writers cannot deadlock; if one moved,
    // nothing is written and the current heads are returned: the caller, holding the locks now,
    // chains again. A VOLATILE function sees, after each lock, the rows committed meanwhile.
    await sql`CREATE FUNCTION journal_append_chains(
        p_chains text[], expected_seq integer[], expected_hash text[],
        p_chain text[], p_seq integer[], p_at text[], p_actor_login text[], p_actor_name text[], p_actor_role text[], p_action text[],
        p_jury_code text[], p_candidate_id integer[], p_subject text[], p_before_json text[], p_after_json text[],
        p_reason text[], p_prev_hash text[], p_hash text[], p_key_id text[])
      RETURNS TABLE (appended boolean, head_chain text, head_seq integer, head_hash text)
      LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        moved boolean;
      BEGIN
        INSERT INTO journal_head (chain, seq, hash, updated_at)
          SELECT c, 0, repeat('0', 64), '' FROM unnest(p_chains) AS c ORDER BY c
          ON CONFLICT (chain) DO NOTHING;
        PERFORM 1 FROM journal_head h WHERE h.chain = ANY (p_chains) ORDER BY h.chain FOR UPDATE;
        SELECT EXISTS (
          SELECT 1 FROM unnest(p_chains, expected_seq, expected_hash) AS e(chain, seq, hash)
          JOIN journal_head h ON h.chain = e.chain
          WHERE h.seq <> e.seq OR (h.seq > 0 AND h.hash <> e.hash)) INTO moved;
        IF moved THEN
          RETURN QUERY SELECT false, h.chain, h.seq, h.hash FROM journal_head h WHERE h.chain = ANY (p_chains);
          RETURN;
        END IF;
        INSERT INTO journal (chain, seq, at, actor_login, actor_name, actor_role, action, jury_code, candidate_id, subject,
            before_json, after_json, reason, prev_hash, hash, key_id)
          SELECT * FROM unnest(p_chain, p_seq, p_at, p_actor_login, p_actor_name, p_actor_role, p_action, p_jury_code,
            p_candidate_id, p_subject, p_before_json, p_after_json, p_reason, p_prev_hash, p_hash, p_key_id);
        UPDATE journal_head h SET seq = l.seq, hash = l.hash, updated_at = l.at
          FROM (SELECT DISTINCT ON (r.chain) r.chain, r.seq, r.hash, r.at
                FROM unnest(p_chain, p_seq, p_hash, p_at) AS r(chain, seq, hash, at) ORDER BY r.chain, r.seq DESC) l
          WHERE h.chain = l.chain;
        RETURN QUERY SELECT true, NULL::text, NULL::integer, NULL::text;
      END
      $fn$`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  if (pg) {
    await sql`DROP FUNCTION journal_append_chains(text[], integer[], text[], text[], integer[], text[], text[], text[], text[], text[], text[], integer[], text[], text[], text[], text[], text[], text[], text[])`.execute(db);
  }
  await db.schema.dropTable('journal_checkpoint').execute();
  await db.schema
    .createTable('journal_anchor')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO journal_anchor (id, seq, hash, updated_at) SELECT 1, seq, hash, updated_at FROM journal_head WHERE chain = ''`.execute(db);
  await db.schema.dropTable('journal_head').execute();
  await db.schema.dropIndex('journal_chain_seq_idx').execute();
  // Only the session chain can go back to one numbering: the down migration is for a database that
  // has not journaled per jury yet (tests, an aborted upgrade).
  await sql`DELETE FROM journal WHERE chain <> ''`.execute(db);
  if (pg) {
    await sql`ALTER TABLE journal DROP COLUMN chain`.execute(db);
    await sql`ALTER TABLE journal DROP COLUMN key_id`.execute(db);
    await sql`ALTER TABLE journal ADD CONSTRAINT journal_seq_key UNIQUE (seq)`.execute(db);
    await m0009.up(db);
  } else {
    await sql`ALTER TABLE journal DROP COLUMN key_id`.execute(db);
    await db.schema.dropIndex('journal_jury_idx').execute();
    await db.schema.dropIndex('journal_candidate_idx').execute();
    await sql`ALTER TABLE journal DROP COLUMN chain`.execute(db);
    await db.schema.createIndex('journal_seq_uq').on('journal').column('seq').unique().execute();
    await db.schema.createIndex('journal_jury_idx').on('journal').columns(['jury_code', 'seq']).execute();
    await db.schema.createIndex('journal_candidate_idx').on('journal').column('candidate_id').execute();
  }
}
