// Use case: create an account (académie). Journaled, without the password.
import type { DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { findUser, insertUserIfMissing } from '../../db/repositories/users.js';
import type { Actor, Role } from '../../domain/types.js';
import { AppError } from '../../server/app-error.js';
import { enforce } from '../auth/authorize.js';
import { hashPassword } from '../auth/password.js';
import { canManageUsers } from './policies.js';
import { presentUser } from './present-user.js';
import type { UserDto } from './schemas.js';
import { assertScopeExists } from './scope-check.js';

export interface CreateUserInput {
  readonly login: string;
  readonly name: string;
  readonly role: Role;
  readonly scope: string;
  readonly password: string;
}

export const LOGIN_TAKEN_MESSAGE = 'Cet identifiant est déjà utilisé.';

export async function createUser(handle: DbHandle, actor: Actor, input: CreateUserInput, now: Date): Promise<UserDto> {
  enforce(canManageUsers(actor));
  await assertScopeExists(handle.db, input.role, input.scope);
  const passwordHash = await hashPassword(input.password);
  await handle.db.transaction().execute(async (trx) => {
    const inserted = await insertUserIfMissing(trx, { ...input, passwordHash, createdAt: now.toISOString() });
    if (!inserted) throw new AppError('CONFLICT', LOGIN_TAKEN_MESSAGE);
    await appendJournal(trx, [{
      at: now, actor, action: 'UTILISATEUR_CREE', subject: `user:${input.login}`,
      after: { login: input.login, name: input.name, role: input.role, scope: input.scope },
    }]);
  });
  const created = await findUser(handle.db, input.login);
  return presentUser(handle.db, created!);
}
