// The jury's emergency access (papillon of the plan de secours): login `secours-<jury>` and a password
// generated with the plan. Only the password's hash is stored (jury.emergency_password_hash, scrypt
// with GENERATED_SECRET_SCRYPT: the password is a random 92-bit secret, ADR 0010); a new password revokes the previous one and the sessions opened with it;
// the login works only while the académie has enabled the access for that jury, and an open emergency
// session ends as soon as it is disabled (gate below).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect.js';
import { findJury, getEmergencyPasswordHash, setEmergencyAccess } from '../../db/repositories/juries.js';
import { deleteSession, deleteUserSessions } from '../../db/repositories/sessions.js';
import { findUser, insertUserIfMissing, type UserRecord } from '../../db/repositories/users.js';
import { AppError } from '../../errors/app-error.js';
import type { AppDeps } from '../../server/app.js';
import { BAD_CREDENTIALS_MESSAGE, type LoginInput } from '../auth/login.js';
import { GENERATED_SECRET_SCRYPT, hashPassword, newGeneratedSecret, verifyAgainstDummy, verifyPassword } from '../auth/password.js';
import { assertNotRateLimited, clearLoginFailures, limitKeys, recordLoginFailure } from '../auth/rate-limit.js';
import { closeSession, openSession, type NewSession } from '../auth/sessions.js';

export const EMERGENCY_LOGIN_PREFIX = 'secours-';
/** Stored as the emergency account's own password: not a scrypt hash, so the normal login never accepts it. */
export const EMERGENCY_ACCOUNT_HASH = '!acces-de-secours';
export const EMERGENCY_CLOSED = "L'accès de secours de ce jury n'est pas ouvert.";

const LOGIN_RE = /^secours-([A-Za-z0-9_-]{1,20})$/;

/** "secours-31310" */
export function emergencyLoginOf(juryCode: string): string {
  return `${EMERGENCY_LOGIN_PREFIX}${juryCode}`;
}

/** The jury code of an emergency login, or null. */
export function juryOfEmergencyLogin(login: string): string | null {
  return LOGIN_RE.exec(login.trim())?.[1] ?? null;
}

/** The password printed on the papillon: a generated secret (`newGeneratedSecret`). */
export const newEmergencyPassword = newGeneratedSecret;

/** A fresh password and its hash, not yet given to any jury. */
export interface HashedPassword {
  readonly password: string;
  readonly hash: string;
}

/** A fresh emergency password and its hash (≈ 6 ms of CPU and 2 MiB, in libuv's thread pool). */
export async function hashedEmergencyPassword(): Promise<HashedPassword> {
  const password = newEmergencyPassword();
  return { password, hash: await hashPassword(password, GENERATED_SECRET_SCRYPT) };
}

/**
 * Fresh passwords hashed ahead of use, at most `concurrency` at a time in the thread pool, while the
 * caller does other work (the emergency plan draws the current jury's documents): take() returns the
 * next one (waiting for its hash) and starts another while `count` allows. A password taken is used
 * once. close() stops preparing more.
 */
export class HashedPasswords {
  private readonly queue: Promise<HashedPassword>[] = [];
  private remaining: number;

  constructor(count: number, private readonly concurrency: number) {
    this.remaining = count;
    this.fill();
  }

  private fill(): void {
    while (this.queue.length < this.concurrency && this.remaining > 0) {
      this.remaining--;
      const p = hashedEmergencyPassword();
      p.catch(() => undefined); // awaited by take(); not an unhandled rejection if never taken
      this.queue.push(p);
    }
  }

  take(): Promise<HashedPassword> {
    const next = this.queue.shift() ?? hashedEmergencyPassword();
    this.fill();
    return next;
  }

  close(): void {
    this.remaining = 0;
  }
}

/**
 * Gives the jury a password hashed beforehand (hashedEmergencyPassword): stores only its hash and
 * the time, revokes the previous password and closes the sessions opened with it. Returns the
 * plaintext, which is never stored. Throws NOT_FOUND for an unknown jury. Runs in the caller's
 * transaction when given one.
 */
export async function setFreshEmergencyPassword(db: Db, juryCode: string, fresh: HashedPassword, now: Date): Promise<string> {
  if (!(await findJury(db, juryCode))) throw new AppError('NOT_FOUND', 'Jury introuvable.');
  await setEmergencyAccess(db, juryCode, { passwordHash: fresh.hash, generatedAt: now.toISOString() });
  await deleteUserSessions(db, emergencyLoginOf(juryCode));
  return fresh.password;
}

/**
 * A fresh emergency password for the jury (for its papillon): see setFreshEmergencyPassword.
 * Throws NOT_FOUND for an unknown jury (before hashing).
 */
export async function generateEmergencyPassword(db: Db, juryCode: string, now: Date): Promise<string> {
  if (!(await findJury(db, juryCode))) throw new AppError('NOT_FOUND', 'Jury introuvable.');
  return setFreshEmergencyPassword(db, juryCode, await hashedEmergencyPassword(), now);
}

/** The account the emergency sessions belong to (created at the first emergency login). */
async function emergencyAccount(db: Db, juryCode: string, now: Date): Promise<UserRecord | undefined> {
  const login = emergencyLoginOf(juryCode);
  await insertUserIfMissing(db, {
    login, name: `Jury ${juryCode} - accès de secours`, role: 'jury', scope: juryCode, passwordHash: EMERGENCY_ACCOUNT_HASH, createdAt: now.toISOString(),
  });
  const user = await findUser(db, login);
  return user && user.active && user.role === 'jury' && user.scope === juryCode ? user : undefined;
}

/** Whether the académie has enabled the jury's emergency access and a password exists. */
export async function emergencyAccessOpen(db: Db, juryCode: string): Promise<boolean> {
  const access = await getEmergencyPasswordHash(db, juryCode);
  return access !== undefined && access.enabled && access.hash !== null;
}

/**
 * Login through the emergency access: same answer whatever is wrong (unknown jury, access disabled,
 * no or wrong password), same rate limiting as accounts, and the same scrypt cost in every case (a
 * dummy hash with the emergency passwords' parameters when there is nothing to check).
 */
export async function emergencyLogin(db: Db, input: LoginInput, now: Date): Promise<{ user: UserRecord; session: NewSession }> {
  const keys = limitKeys(input.login, input.address);
  await assertNotRateLimited(db, keys, now);
  const code = juryOfEmergencyLogin(input.login);
  const access = code ? await getEmergencyPasswordHash(db, code) : undefined;
  const hash = access?.enabled && access.hash ? access.hash : null;
  const ok = hash ? await verifyPassword(input.password, hash) : await verifyAgainstDummy(input.password, GENERATED_SECRET_SCRYPT);
  const user = ok && code ? await emergencyAccount(db, code, now) : undefined;
  if (!user) {
    await recordLoginFailure(db, keys, now);
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS_MESSAGE);
  }
  await clearLoginFailures(db, keys);
  if (input.previousToken) await closeSession(db, input.previousToken);
  return { user, session: await openSession(db, user.login, now) };
}

export function isEmergencyAccount(user: UserRecord): boolean {
  return user.role === 'jury' && juryOfEmergencyLogin(user.login) === user.scope;
}

/**
 * Every /api request of an emergency session checks that the access is still enabled: once the
 * académie disables it, the session ends (401, or anonymous on public routes). Registered after the
 * session hook (auth-hooks.ts), on the root instance.
 */
export function registerEmergencyGate(app: FastifyInstance, deps: AppDeps): void {
  app.addHook('onRequest', async (req) => {
    const auth = req.auth;
    if (!auth || !isEmergencyAccount(auth.user)) return;
    if (await emergencyAccessOpen(deps.handle.db, auth.user.scope)) return;
    await deleteSession(deps.handle.db, auth.sessionId);
    req.auth = null;
    if (!req.routeOptions.config.public) throw new AppError('UNAUTHENTICATED', EMERGENCY_CLOSED);
  });
}
