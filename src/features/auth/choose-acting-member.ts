// Use case: a jury account says who is acting (président or vice-président): their name is journaled.
import type { DbHandle } from '../../db/connect.js';
import { setActingMember } from '../../db/repositories/sessions.js';
import { AppError } from '../../errors/app-error.js';
import { actorOf } from './auth-hooks.js';
import type { ActingMember, AuthContext } from './context.js';

export async function chooseActingMember(handle: DbHandle, auth: AuthContext, member: ActingMember): Promise<AuthContext> {
  if (auth.user.role !== 'jury') throw new AppError('FORBIDDEN', 'Seul un compte de jury désigne le membre du jury qui agit.');
  await setActingMember(handle.db, auth.sessionId, member);
  return { ...auth, actingMember: member, actor: await actorOf(handle, auth.user, member) };
}
