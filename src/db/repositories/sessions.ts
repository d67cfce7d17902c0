// Server-side sessions (app_session) and the login-failure log (auth_failure).
// Session ids are stored as SHA-256 digests only; times are ISO strings (UTC, same format).
import type { Db } from '../connect.js';
import type { AppSessionRow } from '../schema-auth.js';
import { toJuryView, type JuryView } from './juries.js';
import { toUserRecord, type UserRecord } from './users.js';

export interface SessionRecord {
  readonly id: string;
  readonly prevId: string | null;
  readonly userLogin: string;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly rotatedAt: string;
  readonly actingMember: string | null;
}

function toRecord(r: AppSessionRow): SessionRecord {
  return {
    id: r.id,
    prevId: r.prev_id,
    userLogin: r.user_login,
    csrfToken: r.csrf_token,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    rotatedAt: r.rotated_at,
    actingMember: r.acting_member,
  };
}

export async function insertSession(db: Db, s: Omit<SessionRecord, 'prevId' | 'actingMember'>): Promise<void> {
  await db
    .insertInto('app_session')
    .values({
      id: s.id,
      prev_id: null,
      user_login: s.userLogin,
      csrf_token: s.csrfToken,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
      expires_at: s.expiresAt,
      rotated_at: s.rotatedAt,
      acting_member: null,
    })
    .execute();
}

/** A session with its account and, for a jury account, its jury (what every request needs, in one read). */
export interface SessionWithUser {
  readonly session: SessionRecord;
  /** undefined when the account no longer exists */
  readonly user: UserRecord | undefined;
  /** the jury of a jury account (undefined for other roles, or when the jury no longer exists) */
  readonly jury: JuryView | undefined;
}

/**
 * findSession, the account (findUser) and the jury of a jury account (findJury) in one statement:
 * three round trips on PostgreSQL before every request otherwise.
 */
export async function findSessionWithUser(db: Db, idHash: string, graceSince: string): Promise<SessionWithUser | undefined> {
  const r = await db
    .selectFrom('app_session as a')
    .leftJoin('app_user as u', 'u.login', 'a.user_login')
    .leftJoin('jury as j', (join) => join.onRef('j.code', '=', 'u.scope').on('u.role', '=', 'jury'))
    .leftJoin('specialite as s', 's.code', 'j.specialite_code')
    .leftJoin('etablissement as e', 'e.uai', 'j.centre_uai')
    .selectAll('a')
    .select([
      'u.login as u_login', 'u.display_name as u_display_name', 'u.role as u_role', 'u.scope as u_scope', 'u.password_hash as u_password_hash',
      'u.active as u_active', 'u.created_at as u_created_at', 'u.updated_at as u_updated_at',
      'u.must_change_password as u_must_change_password', 'u.provisioned_at as u_provisioned_at', 'u.sso_claim as u_sso_claim', 'u.sso_value as u_sso_value',
      'j.code as j_code', 'j.specialite_code as j_specialite_code', 's.libelle as j_specialite_libelle', 'j.centre_uai as j_centre_uai',
      'e.libelle as j_centre_libelle', 'e.ville as j_centre_ville', 'j.president as j_president', 'j.vice_president as j_vice_president',
      'j.debut_deliberation as j_debut_deliberation', 'j.fin_deliberation as j_fin_deliberation', 'j.etat as j_etat', 'j.version as j_version',
      'j.emergency_enabled as j_emergency_enabled', 'j.emergency_generated_at as j_emergency_generated_at',
    ])
    .where((eb) => eb.or([eb('a.id', '=', idHash), eb.and([eb('a.prev_id', '=', idHash), eb('a.rotated_at', '>', graceSince)])]))
    .executeTakeFirst();
  if (!r) return undefined;
  const user: UserRecord | undefined = r.u_login === null
    ? undefined
    : toUserRecord({
      login: r.u_login, display_name: r.u_display_name!, role: r.u_role!, scope: r.u_scope!, password_hash: r.u_password_hash!,
      active: r.u_active!, created_at: r.u_created_at!, updated_at: r.u_updated_at, must_change_password: r.u_must_change_password!,
      provisioned_at: r.u_provisioned_at, sso_claim: r.u_sso_claim, sso_value: r.u_sso_value,
    });
  const jury = r.j_code === null || r.j_specialite_libelle === null || r.j_centre_libelle === null
    ? undefined
    : toJuryView({
      code: r.j_code, specialite_code: r.j_specialite_code!, specialite_libelle: r.j_specialite_libelle, centre_uai: r.j_centre_uai!,
      centre_libelle: r.j_centre_libelle, centre_ville: r.j_centre_ville!, president: r.j_president!, vice_president: r.j_vice_president!,
      debut_deliberation: r.j_debut_deliberation, fin_deliberation: r.j_fin_deliberation, etat: r.j_etat!, version: r.j_version!,
      emergency_enabled: r.j_emergency_enabled!, emergency_generated_at: r.j_emergency_generated_at,
    });
  return { session: toRecord(r), user, jury };
}

export async function touchSession(db: Db, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable('app_session').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

/** Replaces the session id (compare-and-set on the old id); false when another request rotated it first. */
export async function rotateSessionId(db: Db, oldId: string, newId: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('app_session')
    .set({ id: newId, prev_id: oldId, rotated_at: at })
    .where('id', '=', oldId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setActingMember(db: Db, id: string, member: string | null): Promise<void> {
  await db.updateTable('app_session').set({ acting_member: member }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('app_session').where('id', '=', id).execute();
}

/** Deletes the session whose current or previous id is `idHash` (logout with a just-rotated token). */
export async function deleteSessionByIdOrPrevious(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('app_session').where((eb) => eb.or([eb('id', '=', idHash), eb('prev_id', '=', idHash)])).execute();
}

export async function deleteUserSessions(db: Db, userLogin: string): Promise<void> {
  await db.deleteFrom('app_session').where('user_login', '=', userLogin).execute();
}

/** Ends every session of the account but one (its own, after a password change). */
export async function deleteOtherUserSessions(db: Db, userLogin: string, keepId: string): Promise<void> {
  await db.deleteFrom('app_session').where('user_login', '=', userLogin).where('id', '!=', keepId).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('app_session').where('expires_at', '<=', now).execute();
}

// ---- login failures (rate limiting, shared by every instance using the database) ----

export async function recordAuthFailures(db: Db, keys: readonly string[], at: string): Promise<void> {
  if (keys.length === 0) return;
  await db.insertInto('auth_failure').values(keys.map((key) => ({ key, at }))).execute();
}

export async function countAuthFailures(db: Db, key: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('auth_failure')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function clearAuthFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('auth_failure').where('key', '=', key).execute();
}

export async function purgeAuthFailures(db: Db, before: string): Promise<void> {
  await db.deleteFrom('auth_failure').where('at', '<=', before).execute();
}

/** Ends every session of these accounts (one statement). */
export async function deleteSessionsOf(db: Db, logins: readonly string[]): Promise<void> {
  if (logins.length === 0) return;
  await db.deleteFrom('app_session').where('user_login', 'in', [...logins]).execute();
}
