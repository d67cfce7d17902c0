// Server-side sessions (app_session) and the login-failure log (auth_failure).
// Session ids are stored as SHA-256 digests only; times are ISO strings (UTC, same format).
import type { Db } from '../connect.js';
import type { AppSessionRow } from '../schema-auth.js';

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

/** The session whose current id is `idHash`, or whose previous id is `idHash` and was rotated after `graceSince`. */
export async function findSession(db: Db, idHash: string, graceSince: string): Promise<SessionRecord | undefined> {
  const r = await db
    .selectFrom('app_session')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idHash), eb.and([eb('prev_id', '=', idHash), eb('rotated_at', '>', graceSince)])]))
    .executeTakeFirst();
  return r ? toRecord(r) : undefined;
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
