// Use case: an account changes its own password (required after a one-time password). The current
// password is checked (rate limited as a login), the new one must meet the policy and differ; the
// account's other sessions end. Journaled (never a password).
import type { DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { deleteOtherUserSessions } from '../../db/repositories/sessions.js';
import { findUser, updateUser } from '../../db/repositories/users.js';
import { AppError } from '../../errors/app-error.js';
import type { AuthContext } from './context.js';
import { hashPassword, verifyPassword } from './password.js';
import { assertPasswordPolicy } from './password-policy.js';
import { assertNotRateLimited, clearLoginFailures, limitKeys, recordLoginFailure } from './rate-limit.js';

export const WRONG_CURRENT_PASSWORD = 'Le mot de passe actuel est incorrect.';
export const SAME_PASSWORD = 'Le nouveau mot de passe doit être différent du mot de passe actuel.';

export interface ChangePasswordInput {
  readonly current: string;
  readonly next: string;
  readonly address: string;
}

export async function changeOwnPassword(handle: DbHandle, auth: AuthContext, input: ChangePasswordInput, now: Date): Promise<void> {
  const db = handle.db;
  const user = await findUser(db, auth.user.login);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const keys = limitKeys(user.login, input.address);
  await assertNotRateLimited(db, keys, now);
  if (!(await verifyPassword(input.current, user.passwordHash))) {
    await recordLoginFailure(db, keys, now);
    throw new AppError('VALIDATION', WRONG_CURRENT_PASSWORD);
  }
  await clearLoginFailures(db, keys);
  if (input.next === input.current) throw new AppError('VALIDATION', SAME_PASSWORD);
  assertPasswordPolicy(input.next, [user.login, user.name, user.scope]);
  const passwordHash = await hashPassword(input.next);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, user.login, { passwordHash, mustChangePassword: false, updatedAt: now.toISOString() });
    await deleteOtherUserSessions(trx, user.login, auth.sessionId);
    await appendJournal(trx, [{
      at: now, actor: auth.actor, action: 'MOT_DE_PASSE_CHANGE', subject: `user:${user.login}`,
      after: { motDePasseAUsageUniqueRemplace: user.mustChangePassword },
    }]);
  });
}
