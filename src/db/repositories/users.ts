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
}

export interface NewUser {
  readonly login: string;
  readonly name: string;
  readonly role: Role;
  readonly scope: string;
  readonly passwordHash: string;
  readonly active?: boolean;
  readonly createdAt: string;
}

export interface UserPatch {
  readonly name?: string;
  readonly active?: boolean;
  readonly passwordHash?: string;
  readonly updatedAt: string;
}

function toRecord(r: AppUserRow): UserRecord {
  return {
    login: r.login,
    name: r.display_name,
    role: r.role as Role,
    scope: r.scope,
    passwordHash: r.password_hash,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

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
      updated_at: p.updatedAt,
    })
    .where('login', '=', login)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
