// FROZEN: never edit a migration that has shipped; add a new one.
// Accounts, server-side sessions and the login-failure log used for rate limiting.
import type { Kysely } from 'kysely';
import { autoIdType } from './util.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_user')
    .addColumn('login', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text')
    .execute();

  // `id` and `prev_id` are SHA-256 digests (hex) of the cookie token: the token itself is never stored.
  await db.schema
    .createTable('app_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('prev_id', 'text')
    .addColumn('user_login', 'text', (c) => c.notNull().references('app_user.login').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('rotated_at', 'text', (c) => c.notNull())
    .addColumn('acting_member', 'text')
    .execute();
  await db.schema.createIndex('app_session_prev_idx').on('app_session').column('prev_id').execute();
  await db.schema.createIndex('app_session_user_idx').on('app_session').column('user_login').execute();

  // One row per failed login; `key` is a SHA-256 digest of "login:<login>" or "ip:<address>".
  await db.schema
    .createTable('auth_failure')
    .addColumn('id', autoIdType(db), (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_failure_key_idx').on('auth_failure').columns(['key', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['auth_failure', 'app_session', 'app_user']) {
    await db.schema.dropTable(t).execute();
  }
}
