// Server-side sessions: a random 256-bit token in an HttpOnly cookie, stored as its SHA-256 digest.
// Sliding idle expiry bounded by an absolute lifetime; the token rotates periodically (the previous
// one stays valid for a short grace, for requests already in flight).
import type { Db } from '../../db/connect.js';
import {
  deleteExpiredSessions, deleteSession, deleteSessionByIdOrPrevious, findSessionWithUser, insertSession, rotateSessionId, touchSession, type SessionRecord,
} from '../../db/repositories/sessions.js';
import type { JuryView } from '../../db/repositories/juries.js';
import type { UserRecord } from '../../db/repositories/users.js';
import { newToken, sha256Hex } from './tokens.js';

export const SESSION_COOKIE = 'delib_sid';
export const SESSION_POLICY = {
  idleMs: 8 * 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  rotateAfterMs: 15 * 60 * 1000,
  rotationGraceMs: 60 * 1000,
  touchEveryMs: 60 * 1000,
} as const;

const iso = (ms: number) => new Date(ms).toISOString();

function expiryFrom(createdAtMs: number, nowMs: number): string {
  return iso(Math.min(nowMs + SESSION_POLICY.idleMs, createdAtMs + SESSION_POLICY.absoluteMs));
}

export interface NewSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly id: string;
}

/** Opens a new session (a new id at every login: no session fixation). */
export async function openSession(db: Db, userLogin: string, now: Date): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const id = sha256Hex(token);
  const t = now.getTime();
  await deleteExpiredSessions(db, now.toISOString());
  await insertSession(db, {
    id, userLogin, csrfToken, createdAt: iso(t), lastSeenAt: iso(t), expiresAt: expiryFrom(t, t), rotatedAt: iso(t),
  });
  return { token, csrfToken, id };
}

export async function closeSession(db: Db, token: string): Promise<void> {
  await deleteSessionByIdOrPrevious(db, sha256Hex(token));
}

export interface ResolvedSession {
  readonly session: SessionRecord;
  readonly user: UserRecord;
  /** the jury of a jury account, read with the session (undefined for other roles) */
  readonly jury: JuryView | undefined;
  /** set when the token was rotated by this request: the caller sends the new cookie */
  readonly newToken?: string;
}

/** The live session of a cookie token (sliding its expiry, rotating its id when due), or null. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<ResolvedSession | null> {
  const t = now.getTime();
  // the session, its account and a jury account's jury in one read (a logout or a deactivation by
  // another instance is seen at once: nothing of this is cached)
  const found = await findSessionWithUser(db, sha256Hex(token), iso(t - SESSION_POLICY.rotationGraceMs));
  if (!found) return null;
  const { session, user, jury } = found;
  if (session.expiresAt <= iso(t)) {
    await deleteSession(db, session.id);
    return null;
  }
  if (!user || !user.active) {
    await deleteSession(db, session.id);
    return null;
  }
  if (t - Date.parse(session.lastSeenAt) >= SESSION_POLICY.touchEveryMs) {
    await touchSession(db, session.id, iso(t), expiryFrom(Date.parse(session.createdAt), t));
  }
  if (t - Date.parse(session.rotatedAt) >= SESSION_POLICY.rotateAfterMs) {
    const rotated = newToken();
    const newId = sha256Hex(rotated);
    if (await rotateSessionId(db, session.id, newId, iso(t))) {
      return { session: { ...session, id: newId, prevId: session.id, rotatedAt: iso(t) }, user, jury, newToken: rotated };
    }
  }
  return { session, user, jury };
}
