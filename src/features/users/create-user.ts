// Use case: create an account (académie, screen or command line). Journaled, without the password.
// Without a typed password a one-time password is generated and returned once; a personal account
// must change a password set by someone else at its first login.
import type { DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { findUser, insertUserIfMissing } from '../../db/repositories/users.js';
import type { Actor, Role } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { hashOneTimePassword, isPersonalRole, newOneTimePassword, NO_PASSWORD_HASH } from '../auth/one-time-password.js';
import { hashPassword } from '../auth/password.js';
import { assertPasswordPolicy } from '../auth/password-policy.js';
import { canManageUsers } from './policies.js';
import { presentUser } from './present-user.js';
import type { UserDto } from './schemas.js';
import { assertScopeExists } from './scope-check.js';
import { assertIdentityFree, identityLabel, normalizeIdentity, type AgentIdentity } from './agent-identity.js';

export interface CreateUserInput {
  readonly login: string;
  readonly name: string;
  readonly role: Role;
  readonly scope: string;
  /** absent: a one-time password is generated (returned once), unless an agent identity is given (no password then) */
  readonly password?: string | undefined;
  /** the agent identity (ID token e-mail or subject) the account answers to through the identity federation */
  readonly sso?: AgentIdentity | undefined;
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
  const sso = input.sso ? normalizeIdentity(input.sso) : null;
  if (sso) await assertIdentityFree(handle, input.role, input.login, sso);
  const ssoOnly = sso !== null && input.password === undefined;
  const oneTimePassword = input.password === undefined && !ssoOnly ? newOneTimePassword() : null;
  const passwordHash = ssoOnly ? NO_PASSWORD_HASH
    : oneTimePassword !== null ? await hashOneTimePassword(oneTimePassword) : await hashPassword(input.password!);
  const mustChangePassword = !ssoOnly && isPersonalRole(input.role);
  await handle.db.transaction().execute(async (trx) => {
    const inserted = await insertUserIfMissing(trx, {
      login: input.login, name: input.name, role: input.role, scope: input.scope, passwordHash, createdAt: now.toISOString(), mustChangePassword, sso,
    });
    if (!inserted) throw new AppError('CONFLICT', LOGIN_TAKEN_MESSAGE);
    await appendJournal(trx, [{
      at: now, actor, action: 'UTILISATEUR_CREE', subject: `user:${input.login}`,
      after: {
        login: input.login, name: input.name, role: input.role, scope: input.scope,
        motDePasse: ssoOnly ? 'aucun (connexion agent)' : oneTimePassword !== null ? 'à usage unique, généré' : 'saisi', changementObligatoire: mustChangePassword,
        ...(sso ? { identiteAgent: identityLabel(sso) } : {}),
      },
    }]);
  });
  const created = await findUser(handle.db, input.login);
  return { user: await presentUser(handle.db, created!), oneTimePassword };
}
