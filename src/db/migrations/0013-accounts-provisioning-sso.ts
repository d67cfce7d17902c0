// FROZEN: never edit a migration that has shipped; add a new one.
// Day one of a real session (issue #19, ADR 0015):
// - app_user.must_change_password: the account logs in with a one-time password (set by someone
//   else: the command line, the académie, a provisioning run) and must choose its own first;
// - app_user.provisioned_at: the account was created or refreshed by a provisioning run (its last);
// - app_user.sso_claim / sso_value: an agent account reached through the agent identity federation
//   (OpenID Connect), matched on the ID token's e-mail or subject; such an account may have no usable
//   password (its hash is then a marker that never verifies);
// - oidc_login: the pending OpenID Connect logins (state digest → nonce, PKCE verifier), consumed once.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('app_user').addColumn('provisioned_at', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('sso_claim', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('sso_value', 'text').execute();
  await db.schema.createIndex('app_user_sso_idx').on('app_user').columns(['sso_claim', 'sso_value']).unique().execute();

  await db.schema
    .createTable('oidc_login')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oidc_login').execute();
  await db.schema.dropIndex('app_user_sso_idx').execute();
  for (const c of ['sso_value', 'sso_claim', 'provisioned_at', 'must_change_password']) {
    await db.schema.alterTable('app_user').dropColumn(c).execute();
  }
}
