// Use case: a normal transition of one jury (Vue détaillée "Nouvel état", the jury's "Clôturer", the
// académie's openings and locks): load → decide (domain, with guard facts) → compare-and-set + journal,
// in one transaction.
import type { DbHandle, Db } from '../../db/connect.js';
import { findJury } from '../../db/repositories/juries.js';
import { holdJuriesInStates } from '../../db/repositories/second-group.js';
import type { ActingMember, Actor, JuryState } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { applyStateChange, loadVisibleJury, STATE_CHANGED } from './apply-state-change.js';
import { loadJuryGuardFacts } from './jury-facts.js';
import { assertMayPerform, decideTransition } from './lifecycle.js';
import { presentJury } from './present-jury.js';
import type { JuryDto } from './schemas.js';

/**
 * The transition inside the caller's transaction; throws AppError on refusal. `actingMember`: who acts
 * for a jury account (its closings are refused without one, as in the jury portal).
 */
export async function transitionInTransaction(
  trx: Db, actor: Actor, code: string, action: string, expected: JuryState, now: Date, actingMember: ActingMember | null,
): Promise<void> {
  const jury = await loadVisibleJury(trx, actor, code);
  assertMayPerform(actor, action);
  if (jury.etat !== expected) throw new AppError('CONFLICT', STATE_CHANGED);
  // hold the jury row first (PostgreSQL): a concurrent 2nd-group entry (choices, grades) either
  // commits before the guard facts are read, or waits for this transition and then sees its state
  if ((await holdJuriesInStates(trx, [code], [expected])).length > 0) throw new AppError('CONFLICT', STATE_CHANGED);
  const to = await decideTransition(actor, jury.etat, action, () => loadJuryGuardFacts(trx, code), actingMember);
  await applyStateChange(trx, { actor, jury, from: expected, to, at: now, journalAction: 'JURY_TRANSITION' });
}

export async function transitionJury(
  handle: DbHandle, actor: Actor, code: string, input: { action: string; expectedEtat: JuryState }, now: Date, actingMember: ActingMember | null,
): Promise<JuryDto> {
  await handle.db.transaction().execute((trx) => transitionInTransaction(trx, actor, code, input.action, input.expectedEtat, now, actingMember));
  return presentJury(actor, (await findJury(handle.db, code))!);
}
