// Presenter of the logged-in user (GET /api/auth/me and the login answer).
import type { DbHandle } from '../../db/connect.js';
import type { MeResponse } from './schemas.js';
import type { AuthContext } from './context.js';
import { scopeLabel } from './scope-label.js';

export async function presentMe(handle: DbHandle, auth: AuthContext | null): Promise<MeResponse> {
  if (!auth) return { user: null, csrfToken: '' };
  const { user, actor } = auth;
  return {
    user: {
      login: user.login,
      name: user.name,
      role: user.role,
      scope: user.scope,
      scopeLabel: await scopeLabel(handle.db, user.role, user.scope),
      actingMember: auth.actingMember ? { member: auth.actingMember, name: actor.name } : null,
      mustChangePassword: user.mustChangePassword,
    },
    csrfToken: auth.csrfToken,
  };
}
