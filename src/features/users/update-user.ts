// Use case: update an account (académie): name, active flag, a typed new password. Deactivation and
// a new password close the account's sessions; a personal account must change a password typed by
// someone else at its next login. Journaled (never the password).
import type { DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { deleteUserSessions } from '../../db/repositories/sessions.js';
import { findUser, updateUser as updateUserRecord } from '../../db/repositories/users.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { isPersonalRole } from '../auth/one-time-password.js';
import { hashPassword } from '../auth/password.js';
import { assertPasswordPolicy } from '../auth/password-policy.js';
import { canManageUsers } from './policies.js';
import { presentUser } from './present-user.js';
import type { UserDto } from './schemas.js';

export interface UpdateUserInput {
  readonly name?: string | undefined;
  readonly active?: boolean | undefined;
  readonly password?: string | undefined;
}

export const ACCOUNT_NOT_FOUND = 'Compte introuvable.';
export const SELF_DEACTIVATION = 'Vous ne pouvez pas désactiver votre propre compte.';

export async function updateUser(handle: DbHandle, actor: Actor, login: string, input: UpdateUserInput, now: Date): Promise<UserDto> {
  enforce(canManageUsers(actor));
  if (input.active === false && login === actor.login) throw new AppError('CONFLICT', SELF_DEACTIVATION);
  const existing = await findUser(handle.db, login);
  if (!existing) throw new AppError('NOT_FOUND', ACCOUNT_NOT_FOUND);
  if (input.password !== undefined) assertPasswordPolicy(input.password, [login, input.name ?? existing.name, existing.scope]);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  await handle.db.transaction().execute(async (trx) => {
    const before = await findUser(trx, login);
    if (!before) throw new AppError('NOT_FOUND', ACCOUNT_NOT_FOUND);
    const mustChangePassword = passwordHash !== undefined ? isPersonalRole(before.role) && login !== actor.login : undefined;
    await updateUserRecord(trx, login, { name: input.name, active: input.active, passwordHash, mustChangePassword, updatedAt: now.toISOString() });
    if (input.active === false || passwordHash !== undefined) await deleteUserSessions(trx, login);
    await appendJournal(trx, [{
      at: now, actor, action: 'UTILISATEUR_MODIFIE', subject: `user:${login}`,
      before: { name: before.name, active: before.active },
      after: {
        name: input.name ?? before.name, active: input.active ?? before.active,
        ...(passwordHash !== undefined ? { motDePasseReinitialise: true } : {}),
      },
    }]);
  });
  return presentUser(handle.db, (await findUser(handle.db, login))!);
}
