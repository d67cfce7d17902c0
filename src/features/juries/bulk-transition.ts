// Use case: a bulk action of the Vue synthétique ("Terminer 1er groupe", "Ouvrir délibération 2nd
// groupe", "Terminer 2nd groupe", and the académie's openings and locks) on every jury in scope on
// which the action is available now. Each jury in its own transaction: a refusal does not stop the rest.
import type { DbHandle } from '../../db/connect.js';
import type { ActingMember, Actor } from '../../domain/types.js';
import { isAppError, type AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { juriesInScope } from './jury-scope.js';
import { assertMayPerform, transitionOptions } from './lifecycle.js';
import { juryScreensVerdict } from './policies.js';
import type { BulkResultDto } from './schemas.js';
import { transitionInTransaction } from './transition-jury.js';

function refusalText(e: AppError): string {
  const d = e.details ?? [];
  if (d.length === 0 || e.message.includes(d[0]!.message)) return e.message;
  return `${e.message} (${d.slice(0, 5).map((x) => x.message).join(' ; ')}${d.length > 5 ? ' …' : ''})`;
}

export async function bulkTransition(handle: DbHandle, actor: Actor, action: string, now: Date, actingMember: ActingMember | null): Promise<BulkResultDto> {
  enforce(juryScreensVerdict(actor));
  assertMayPerform(actor, action);
  const targets = (await juriesInScope(handle.db, actor)).filter((j) => transitionOptions(actor, j).some((t) => t.action === action));
  const result: BulkResultDto = { done: [], refused: [] };
  for (const jury of targets) {
    try {
      await handle.db.transaction().execute((trx) => transitionInTransaction(trx, actor, jury.code, action, jury.etat, now, actingMember));
      result.done.push(jury.code);
    } catch (e) {
      if (!isAppError(e)) throw e;
      result.refused.push({ code: jury.code, message: refusalText(e) });
    }
  }
  return result;
}
