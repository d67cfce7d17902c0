// Accounts (app_user). Returns domain-shaped records; the caller owns the transaction.
import type { Db } from '../connect.js';
import type { AppUserRow } from '../schema-auth.js';
import type { Role } from '../../domain/types.js';

export interface UserRecord {
  readonly login: string;
  readonly name: string;
  readonly role: Role;
  readonly scope: string;
  readonly passwordHash: string;
  readonly active: boolean;
  readonly createdAt: string;
  readonly updatedAt: string | null;
  /** a one-time password: the account must choose its own before anything else */
  readonly mustChangePassword: boolean;
  readonly provisionedAt: string | null;
  /** agent identity federation: the ID token claim ('email' | 'sub') and value this account answers to */
  readonly sso: { readonly claim: SsoClaim; readonly value: string } | null;
}

export type SsoClaim = 'email' | 'sub';

export interface NewUser {
  readonly login: string;
  readonly name: string;
  readonly role: Role;
  readonly scope: string;
  readonly passwordHash: string;
  readonly active?: boolean;
  readonly createdAt: string;
  readonly mustChangePassword?: boolean;
  readonly provisionedAt?: string | null;
  readonly sso?: { readonly claim: SsoClaim; readonly value: string } | null;
}

export interface UserPatch {
  readonly name?: string;
  readonly active?: boolean;
  readonly passwordHash?: string;
  readonly mustChangePassword?: boolean;
  readonly updatedAt: string;
}

type UserColumns = Pick<AppUserRow, 'login' | 'display_name' | 'role' | 'scope' | 'password_hash' | 'active' | 'created_at' | 'updated_at'
  | 'must_change_password' | 'provisioned_at' | 'sso_claim' | 'sso_value'>;

export function toUserRecord(r: UserColumns): UserRecord {
  return {
    login: r.login,
    name: r.display_name,
    role: r.role as Role,
    scope: r.scope,
    passwordHash: r.password_hash,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    mustChangePassword: r.must_change_password === 1,
    provisionedAt: r.provisioned_at,
    sso: r.sso_claim !== null && r.sso_value !== null ? { claim: r.sso_claim as SsoClaim, value: r.sso_value } : null,
  };
}

const toRecord = toUserRecord;

export async function findUser(db: Db, login: string): Promise<UserRecord | undefined> {
  const r = await db.selectFrom('app_user').selectAll().where('login', '=', login).executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  const rows = await db.selectFrom('app_user').selectAll().orderBy('role').orderBy('login').execute();
  return rows.map(toRecord);
}

export async function insertUser(db: Db, u: NewUser): Promise<void> {
  await db
    .insertInto('app_user')
    .values({
      login: u.login,
      display_name: u.name,
      role: u.role,
      scope: u.scope,
      password_hash: u.passwordHash,
      active: u.active === false ? 0 : 1,
      created_at: u.createdAt,
      updated_at: null,
      must_change_password: u.mustChangePassword ? 1 : 0,
      provisioned_at: u.provisionedAt ?? null,
      sso_claim: u.sso?.claim ?? null,
      sso_value: u.sso?.value ?? null,
    })
    .execute();
}

/** Inserts the account unless the login exists; returns true when inserted. */
export async function insertUserIfMissing(db: Db, u: NewUser): Promise<boolean> {
  const res = await db
    .insertInto('app_user')
    .values({
      login: u.login,
      display_name: u.name,
      role: u.role,
      scope: u.scope,
      password_hash: u.passwordHash,
      active: u.active === false ? 0 : 1,
      created_at: u.createdAt,
      updated_at: null,
      must_change_password: u.mustChangePassword ? 1 : 0,
      provisioned_at: u.provisionedAt ?? null,
      sso_claim: u.sso?.claim ?? null,
      sso_value: u.sso?.value ?? null,
    })
    .onConflict((oc) => oc.column('login').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function updateUser(db: Db, login: string, p: UserPatch): Promise<boolean> {
  const res = await db
    .updateTable('app_user')
    .set({
      ...(p.name !== undefined ? { display_name: p.name } : {}),
      ...(p.active !== undefined ? { active: p.active ? 1 : 0 } : {}),
      ...(p.passwordHash !== undefined ? { password_hash: p.passwordHash } : {}),
      ...(p.mustChangePassword !== undefined ? { must_change_password: p.mustChangePassword ? 1 : 0 } : {}),
      updated_at: p.updatedAt,
    })
    .where('login', '=', login)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Sets or removes (null) the agent identity an account answers to. */
export async function setUserSso(db: Db, login: string, sso: { readonly claim: SsoClaim; readonly value: string } | null, at: string): Promise<void> {
  await db.updateTable('app_user').set({ sso_claim: sso?.claim ?? null, sso_value: sso?.value ?? null, updated_at: at }).where('login', '=', login).execute();
}

/** The account an agent identity (ID token claim and value) is mapped to, if any. */
export async function findUserBySso(db: Db, claim: SsoClaim, value: string): Promise<UserRecord | undefined> {
  const r = await db.selectFrom('app_user').selectAll().where('sso_claim', '=', claim).where('sso_value', '=', value).executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

/** Accounts of these logins (one statement). */
export async function findUsers(db: Db, logins: readonly string[]): Promise<UserRecord[]> {
  if (logins.length === 0) return [];
  const rows = await db.selectFrom('app_user').selectAll().where('login', 'in', [...logins]).execute();
  return rows.map(toRecord);
}

export interface ProvisionedAccount {
  readonly login: string;
  readonly name: string;
  readonly role: Role;
  readonly scope: string;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
}

/**
 * Creates the accounts, or refreshes those that exist (new password, active again, provisioned now):
 * one statement for the whole list (insert … on conflict do update, the same on both dialects).
 */
export async function upsertProvisionedAccounts(db: Db, accounts: readonly ProvisionedAccount[], at: string): Promise<void> {
  if (accounts.length === 0) return;
  await db
    .insertInto('app_user')
    .values(accounts.map((a) => ({
      login: a.login, display_name: a.name, role: a.role, scope: a.scope, password_hash: a.passwordHash, active: 1,
      created_at: at, updated_at: null, must_change_password: a.mustChangePassword ? 1 : 0, provisioned_at: at, sso_claim: null, sso_value: null,
    })))
    .onConflict((oc) => oc.column('login').doUpdateSet((eb) => ({
      display_name: eb.ref('excluded.display_name'),
      password_hash: eb.ref('excluded.password_hash'),
      must_change_password: eb.ref('excluded.must_change_password'),
      provisioned_at: eb.ref('excluded.provisioned_at'),
      active: 1,
      updated_at: at,
    })))
    .execute();
}

/** Deactivates every jury account (the end of the session); returns the logins deactivated. */
export async function deactivateJuryAccounts(db: Db, at: string): Promise<string[]> {
  const rows = await db.selectFrom('app_user').select('login').where('role', '=', 'jury').where('active', '=', 1).orderBy('login').execute();
  const logins = rows.map((r) => r.login);
  if (logins.length > 0) await db.updateTable('app_user').set({ active: 0, updated_at: at }).where('role', '=', 'jury').where('active', '=', 1).execute();
  return logins;
}

/** How many accounts a provisioning run created or refreshed, and the last run. */
export async function provisioningStatus(db: Db): Promise<{ accounts: number; lastAt: string | null }> {
  const r = await db.selectFrom('app_user').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('provisioned_at').as('last')])
    .where('provisioned_at', 'is not', null).executeTakeFirst();
  return { accounts: Number(r?.n ?? 0), lastAt: (r?.last as string | null | undefined) ?? null };
}
