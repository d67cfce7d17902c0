// The académie maps an agent identity of the identity federation (the ID token's e-mail or subject)
// to an account (ADR 0018): at creation or afterwards, journaled. Juries log in with their password
// only. An identity answers to one account at most (unique index of migration 0013).
import type { DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { deleteUserSessions } from '../../db/repositories/sessions.js';
import { findUser, findUserBySso, setUserSso, type SsoClaim } from '../../db/repositories/users.js';
import type { Actor, Role } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { NO_PASSWORD_HASH } from '../auth/one-time-password.js';
import { canManageUsers } from './policies.js';
import { presentUser } from './present-user.js';
import type { UserDto } from './schemas.js';
import { ACCOUNT_NOT_FOUND } from './update-user.js';

export interface AgentIdentity {
  readonly claim: SsoClaim;
  readonly value: string;
}

export const JURY_NO_SSO = "Un compte de jury se connecte par mot de passe : il ne peut pas être associé à une identité d'agent.";
export const SSO_FORMAT = "Identité d'agent attendue sous la forme email:prenom.nom@ac-academie.fr ou sub:<identifiant du fournisseur>.";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Normalizes (e-mail in lower case) and checks an identity; a French error otherwise. */
export function normalizeIdentity(i: AgentIdentity): AgentIdentity {
  const value = i.value.trim();
  if (i.claim === 'email') {
    if (!EMAIL.test(value) || value.length > 320) throw new AppError('VALIDATION', `Adresse électronique invalide : « ${value} ».`);
    return { claim: 'email', value: value.toLowerCase() };
  }
  if (value.length === 0 || value.length > 255 || /\s/.test(value)) throw new AppError('VALIDATION', `Sujet (sub) invalide : « ${value} ».`);
  return { claim: 'sub', value };
}

/** `email:…` or `sub:…` (command line). */
export function parseIdentity(text: string): AgentIdentity {
  const m = /^(email|sub):(.+)$/.exec(text.trim());
  if (!m) throw new AppError('VALIDATION', SSO_FORMAT);
  return normalizeIdentity({ claim: m[1] as SsoClaim, value: m[2]! });
}

export const identityLabel = (i: AgentIdentity | null) => (i ? `${i.claim}:${i.value}` : null);

/** Refuses a jury account and an identity already mapped to another account. */
export async function assertIdentityFree(handle: DbHandle, role: Role, login: string, i: AgentIdentity): Promise<void> {
  if (role === 'jury') throw new AppError('VALIDATION', JURY_NO_SSO);
  const owner = await findUserBySso(handle.db, i.claim, i.value);
  if (owner && owner.login !== login) throw new AppError('CONFLICT', `Cette identité d'agent est déjà associée au compte ${owner.login}.`);
}

/** Associates (or, with null, removes) the agent identity of an account; closes its sessions; journaled. */
export async function setAgentIdentity(handle: DbHandle, actor: Actor, login: string, identity: AgentIdentity | null, now: Date): Promise<UserDto> {
  enforce(canManageUsers(actor));
  const existing = await findUser(handle.db, login);
  if (!existing) throw new AppError('NOT_FOUND', ACCOUNT_NOT_FOUND);
  const next = identity ? normalizeIdentity(identity) : null;
  if (next) await assertIdentityFree(handle, existing.role, login, next);
  if (!next && existing.passwordHash === NO_PASSWORD_HASH) {
    throw new AppError('CONFLICT', "Ce compte d'agent n'a pas de mot de passe : sans identité d'agent, il ne pourrait plus se connecter. Désactivez-le plutôt.");
  }
  await handle.db.transaction().execute(async (trx) => {
    await setUserSso(trx, login, next, now.toISOString());
    await deleteUserSessions(trx, login);
    await appendJournal(trx, [{
      at: now, actor, action: 'IDENTITE_AGENT_MODIFIEE', subject: `user:${login}`,
      before: { identiteAgent: identityLabel(existing.sso) }, after: { identiteAgent: identityLabel(next) },
    }]);
  });
  return presentUser(handle.db, (await findUser(handle.db, login))!);
}
