// FROZEN: never edit a migration that has shipped; add a new one.
// PostgreSQL: appending to the journal's hash chain in one round trip under its lock. Writers of the
// chain are serialized by a transaction-scoped advisory lock held until the commit, and every grade
// change of the country waits for it: taking the lock, reading the head, inserting the entries and
// moving the anchor cost three round trips to Node under the lock (measured under load: 8 to 9 of 10
// active backends waiting on it). journal_append takes the lock, checks that the head is still the
// one the entries were chained to (hashes are computed by the application, as before), and inserts
// them with the anchor; when another writer moved the head first, it inserts nothing and returns the
// new head — the caller, now holding the lock, chains again and calls it once more. A VOLATILE
// function reads with a fresh snapshot after the lock is granted (READ COMMITTED). SQLite has a
// single writer: nothing to do.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './util.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE FUNCTION journal_append(
      expected_seq integer, expected_hash text,
      p_seq integer[], p_at text[], p_actor_login text[], p_actor_name text[], p_actor_role text[], p_action text[],
      p_jury_code text[], p_candidate_id integer[], p_subject text[], p_before_json text[], p_after_json text[],
      p_reason text[], p_prev_hash text[], p_hash text[])
    RETURNS TABLE (appended boolean, head_seq integer, head_hash text)
    LANGUAGE plpgsql VOLATILE AS $fn$
    DECLARE
      cur_seq integer;
      cur_hash text;
      n integer := cardinality(p_seq);
    BEGIN
      PERFORM pg_advisory_xact_lock(731001);
      SELECT j.seq, j.hash INTO cur_seq, cur_hash FROM journal j ORDER BY j.seq DESC LIMIT 1;
      IF cur_seq IS DISTINCT FROM expected_seq OR cur_hash IS DISTINCT FROM expected_hash THEN
        RETURN QUERY SELECT false, cur_seq, cur_hash;
        RETURN;
      END IF;
      INSERT INTO journal (seq, at, actor_login, actor_name, actor_role, action, jury_code, candidate_id, subject,
          before_json, after_json, reason, prev_hash, hash)
        SELECT * FROM unnest(p_seq, p_at, p_actor_login, p_actor_name, p_actor_role, p_action, p_jury_code, p_candidate_id,
          p_subject, p_before_json, p_after_json, p_reason, p_prev_hash, p_hash);
      INSERT INTO journal_anchor (id, seq, hash, updated_at) VALUES (1, p_seq[n], p_hash[n], p_at[n])
        ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, updated_at = excluded.updated_at;
      RETURN QUERY SELECT true, p_seq[n], p_hash[n];
    END
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP FUNCTION journal_append(integer, text, integer[], text[], text[], text[], text[], text[], text[], integer[], text[], text[], text[], text[], text[], text[])`.execute(db);
}
