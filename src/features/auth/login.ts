// Use case: log in. Same answer whatever was wrong (unknown login, wrong password, inactive account);
// rate limited per login and per address; a brand-new session at every login.
import type { Db } from '../../db/connect.js';
import { findUser, type UserRecord } from '../../db/repositories/users.js';
import { AppError } from '../../errors/app-error.js';
import { verifyAgainstDummy, verifyPassword } from './password.js';
import { assertNotRateLimited, clearLoginFailures, limitKeys, recordLoginFailure } from './rate-limit.js';
import { closeSession, openSession, type NewSession } from './sessions.js';

export const BAD_CREDENTIALS_MESSAGE = 'Identifiant ou mot de passe incorrect.';

export interface LoginInput {
  readonly login: string;
  readonly password: string;
  readonly address: string;
  /** the session cookie sent with the login request, if any: that session is closed */
  readonly previousToken?: string | undefined;
}

export async function login(db: Db, input: LoginInput, now: Date): Promise<{ user: UserRecord; session: NewSession }> {
  const keys = limitKeys(input.login, input.address);
  await assertNotRateLimited(db, keys, now);
  const user = await findUser(db, input.login);
  const ok = user ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstDummy(input.password);
  if (!user || !ok || !user.active) {
    await recordLoginFailure(db, keys, now);
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS_MESSAGE);
  }
  await clearLoginFailures(db, keys);
  if (input.previousToken) await closeSession(db, input.previousToken);
  const session = await openSession(db, user.login, now);
  return { user, session };
}
