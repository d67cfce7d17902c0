// Use case: list the accounts (académie).
import type { Db } from '../../db/connect.js';
import { listUsers as listUserRecords } from '../../db/repositories/users.js';
import type { Actor } from '../../domain/types.js';
import { enforce } from '../auth/authorize.js';
import { canManageUsers } from './policies.js';
import { presentUser } from './present-user.js';
import type { UserDto } from './schemas.js';

export async function listUsers(db: Db, actor: Actor): Promise<UserDto[]> {
  enforce(canManageUsers(actor));
  const labels = new Map<string, string>();
  const out: UserDto[] = [];
  for (const u of await listUserRecords(db)) out.push(await presentUser(db, u, labels));
  return out;
}
