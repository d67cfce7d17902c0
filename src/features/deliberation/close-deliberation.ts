// Use case: the jury closes its deliberation — the normal transition 110 → 130 (1st group) or
// 210 → 211 (2nd group) of the domain's table. In one transaction: the jury row is held in its state
// first (no grade change can slip in between), the guard facts are computed (juries/jury-facts.ts,
// candidates named by anonymous number with what they miss), then compare-and-set and journal entry.
import type { DbHandle } from '../../db/connect.js';
import { holdJuryState } from '../../db/repositories/deliberation.js';
import { findJury } from '../../db/repositories/juries.js';
import { stateLabel, transition } from '../../domain/jury-state.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import type { AuthContext } from '../auth/context.js';
import { applyStateChange, loadVisibleJury, STATE_CHANGED } from '../juries/apply-state-change.js';
import { loadJuryGuardFacts } from '../juries/jury-facts.js';
import { refusalError, transitionContext } from '../juries/lifecycle.js';
import { ACTING_MEMBER_REQUIRED } from './change-grade.js';
import { closeActionFor, closeVerdict, needsActingMember } from './policies.js';
import { presentJuryHeader } from './present-header.js';
import type { JuryHeaderDto } from './schemas.js';

export const CLOSE_RESERVED = 'La clôture de la délibération est réservée au président ou au vice-président du jury.';

export async function closeDeliberation(handle: DbHandle, auth: AuthContext, code: string, expectedEtat: string, now: Date): Promise<JuryHeaderDto> {
  const { actor } = auth;
  await handle.db.transaction().execute(async (trx) => {
    const jury = await loadVisibleJury(trx, actor, code);
    const close = closeActionFor(actor, jury.etat);
    if (actor.role !== 'jury') enforce(closeVerdict(actor, jury), { forbidden: CLOSE_RESERVED });
    if (jury.etat !== expectedEtat) throw new AppError('CONFLICT', STATE_CHANGED);
    if (!close) throw new AppError('CONFLICT', `La délibération du jury n'est pas ouverte : le jury est à l'état ${stateLabel(jury.etat)}.`);
    if (needsActingMember(actor, auth.actingMember)) throw new AppError('FORBIDDEN', ACTING_MEMBER_REQUIRED);
    if (!(await holdJuryState(trx, code, jury.etat))) throw new AppError('CONFLICT', STATE_CHANGED);
    // the guard facts of both closings, candidates named by anonymous number ("T230A031000008 : U41")
    const ctx = transitionContext(actor, await loadJuryGuardFacts(trx, jury.code, 'anonymat'), auth.actingMember);
    // the jury sees what each incomplete 2nd-group candidate misses, not only his number
    const result = transition(jury.etat, close.action, { ...ctx, incompleteControleCandidates: ctx.missingControleGrades });
    if (!result.ok) throw refusalError(result);
    await applyStateChange(trx, { actor, jury, from: jury.etat, to: result.to, at: now, journalAction: 'JURY_TRANSITION' });
  });
  return presentJuryHeader(auth, (await findJury(handle.db, code))!);
}
