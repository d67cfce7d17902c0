// Use case: reset an account's password (académie, screen or command line): a new one-time password,
// returned once, that a personal account must change at its next login. The former password stops
// working and the account's open sessions end. Journaled (never the password).
import type { DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { deleteUserSessions } from '../../db/repositories/sessions.js';
import { findUser, updateUser as updateUserRecord } from '../../db/repositories/users.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { hashOneTimePassword, isPersonalRole, newOneTimePassword, NO_PASSWORD_HASH } from '../auth/one-time-password.js';
import { hashPassword } from '../auth/password.js';
import { assertPasswordPolicy } from '../auth/password-policy.js';
import { canManageUsers } from './policies.js';
import { presentUser } from './present-user.js';
import type { UserDto } from './schemas.js';
import { ACCOUNT_NOT_FOUND } from './update-user.js';

export interface ResetPassword {
  readonly user: UserDto;
  /** the generated one-time password (null when the operator typed the new password) */
  readonly oneTimePassword: string | null;
}

/** `typed`: the new password read by the command line from standard input (policy checked); absent: generated. */
export async function resetPassword(handle: DbHandle, actor: Actor, login: string, now: Date, typed?: string): Promise<ResetPassword> {
  enforce(canManageUsers(actor));
  const existing = await findUser(handle.db, login);
  if (!existing) throw new AppError('NOT_FOUND', ACCOUNT_NOT_FOUND);
  if (existing.sso && existing.passwordHash === NO_PASSWORD_HASH) {
    throw new AppError('CONFLICT', "Ce compte d'agent se connecte par la fédération d'identité : il n'a pas de mot de passe.");
  }
  if (typed !== undefined) assertPasswordPolicy(typed, [login, existing.name, existing.scope]);
  const oneTimePassword = typed === undefined ? newOneTimePassword() : null;
  const passwordHash = oneTimePassword !== null ? await hashOneTimePassword(oneTimePassword) : await hashPassword(typed!);
  await handle.db.transaction().execute(async (trx) => {
    const mustChangePassword = isPersonalRole(existing.role) && login !== actor.login;
    await updateUserRecord(trx, login, { passwordHash, mustChangePassword, updatedAt: now.toISOString() });
    await deleteUserSessions(trx, login);
    await appendJournal(trx, [{
      at: now, actor, action: 'MOT_DE_PASSE_REINITIALISE', subject: `user:${login}`,
      after: { motDePasse: oneTimePassword !== null ? 'à usage unique, généré' : 'saisi', changementObligatoire: mustChangePassword },
    }]);
  });
  return { user: await presentUser(handle.db, (await findUser(handle.db, login))!), oneTimePassword };
}
