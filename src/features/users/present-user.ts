// Presenter: account record → UserDto (never the password hash).
import type { Db } from '../../db/connect.js';
import type { UserRecord } from '../../db/repositories/users.js';
import { scopeLabel } from '../auth/scope-label.js';
import type { UserDto } from './schemas.js';
import { NO_PASSWORD_HASH } from '../auth/one-time-password.js';

export async function presentUser(db: Db, u: UserRecord, labels = new Map<string, string>()): Promise<UserDto> {
  const key = `${u.role}:${u.scope}`;
  let label = labels.get(key);
  if (label === undefined) {
    label = await scopeLabel(db, u.role, u.scope);
    labels.set(key, label);
  }
  return { login: u.login, name: u.name, role: u.role, scope: u.scope, scopeLabel: label, active: u.active, createdAt: u.createdAt,
    temporaryCredential: u.mustChangePassword, provisionedAt: u.provisionedAt,
    sso: u.sso ? { claim: u.sso.claim, value: u.sso.value } : null, ssoOnly: u.passwordHash === NO_PASSWORD_HASH,
  };
}
