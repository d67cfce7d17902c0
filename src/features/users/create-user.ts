// Use case: create an account (académie, screen or command line). Journaled, without the password.
// Without a typed password a one-time password is generated and returned once; a personal account
// must change a password set by someone else at its first login.
import type { DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { findUser, insertUserIfMissing } from '../../db/repositories/users.js';
import type { Actor, Role } from '../../domain/types.js';
import { AppError } from '../../server/app-error.js';
import { enforce } from '../auth/authorize.js';
import { hashOneTimePassword, isPersonalRole, newOneTimePassword } from '../auth/one-time-password.js';
import { hashPassword } from '../auth/password.js';
import { assertPasswordPolicy } from '../auth/password-policy.js';
import { canManageUsers } from './policies.js';
import { presentUser } from './present-user.js';
import type { UserDto } from './schemas.js';
import { assertScopeExists } from './scope-check.js';

export interface CreateUserInput {
  readonly login: string;
  readonly name: string;
  readonly role: Role;
  readonly scope: string;
  /** absent: a one-time password is generated (returned once) */
  readonly password?: string | undefined;
}

export interface CreatedUser {
  readonly user: UserDto;
  /** the generated one-time password, to hand over (never stored, never journaled) */
  readonly oneTimePassword: string | null;
}

export const LOGIN_TAKEN_MESSAGE = 'Cet identifiant est déjà utilisé.';

export async function createUser(handle: DbHandle, actor: Actor, input: CreateUserInput, now: Date): Promise<CreatedUser> {
  enforce(canManageUsers(actor));
  await assertScopeExists(handle.db, input.role, input.scope);
  if (input.password !== undefined) assertPasswordPolicy(input.password, [input.login, input.name, input.scope]);
  if (await findUser(handle.db, input.login)) throw new AppError('CONFLICT', LOGIN_TAKEN_MESSAGE);
  const oneTimePassword = input.password === undefined ? newOneTimePassword() : null;
  const passwordHash = oneTimePassword !== null ? await hashOneTimePassword(oneTimePassword) : await hashPassword(input.password!);
  const mustChangePassword = isPersonalRole(input.role);
  await handle.db.transaction().execute(async (trx) => {
    const inserted = await insertUserIfMissing(trx, {
      login: input.login, name: input.name, role: input.role, scope: input.scope, passwordHash, createdAt: now.toISOString(), mustChangePassword,
    });
    if (!inserted) throw new AppError('CONFLICT', LOGIN_TAKEN_MESSAGE);
    await appendJournal(trx, [{
      at: now, actor, action: 'UTILISATEUR_CREE', subject: `user:${input.login}`,
      after: {
        login: input.login, name: input.name, role: input.role, scope: input.scope,
        motDePasse: oneTimePassword !== null ? 'à usage unique, généré' : 'saisi', changementObligatoire: mustChangePassword,
      },
    }]);
  });
  const created = await findUser(handle.db, input.login);
  return { user: await presentUser(handle.db, created!), oneTimePassword };
}
