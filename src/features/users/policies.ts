// Verdicts of the académie-only administration, from the domain policies.
import { canImport, canManageUsers as mayManageUsers } from '../../domain/policies.js';
import type { Actor } from '../../domain/types.js';
import type { Verdict } from '../auth/authorize.js';

export function canManageUsers(actor: Actor): Verdict {
  return mayManageUsers(actor) ? 'allowed' : 'forbidden';
}

export function canImportSession(actor: Actor): Verdict {
  return canImport(actor) ? 'allowed' : 'forbidden';
}
