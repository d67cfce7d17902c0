// Use case: the jury closes its deliberation — the normal transition 110 → 130 (1st group) or
// 210 → 211 (2nd group) of the domain's table. In one transaction: the jury row is held in its state
// first (no grade change can slip in between), the guard facts are computed (candidates named by
// anonymous number with their missing units), then compare-and-set and journal entry.
import type { Db, DbHandle } from '../../db/connect.js';
import { holdJuryState, listJuryCandidates } from '../../db/repositories/deliberation.js';
import { findJury, type JuryView } from '../../db/repositories/juries.js';
import { stateLabel, transition, type TransitionContext } from '../../domain/jury-state.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../server/app-error.js';
import { enforce } from '../auth/authorize.js';
import type { AuthContext } from '../auth/context.js';
import { applyStateChange, loadVisibleJury, STATE_CHANGED } from '../juries/apply-state-change.js';
import { refusalError } from '../juries/lifecycle.js';
import { ACTING_MEMBER_REQUIRED } from './change-grade.js';
import { evaluateJury, loadJuryRules } from './evaluate-jury.js';
import { closeActionFor, closeVerdict, needsActingMember } from './policies.js';
import { presentJuryHeader } from './present-header.js';
import type { JuryHeaderDto } from './schemas.js';

export const CLOSE_RESERVED = 'La clôture de la délibération est réservée au président ou au vice-président du jury.';

/** The guard facts of both closings, candidates named by anonymous number ("T230A031000008 : U41"). */
export async function closingFacts(db: Db, actor: Actor, jury: JuryView): Promise<TransitionContext> {
  const rules = await loadJuryRules(db, jury.specialiteCode);
  const results = await evaluateJury(db, jury.code, rules);
  const missingGrades: string[] = [];
  const incomplete: string[] = [];
  const incomplete2: string[] = [];
  let controleCount = 0;
  for (const c of await listJuryCandidates(db, jury.code)) {
    const result = results.get(c.id)?.result;
    if (!result) continue;
    const g1 = result.group1;
    if (g1.decision === 'INCOMPLET') {
      incomplete.push(c.numeroAnonymat);
      const units = g1.missingUnits.length > 0 ? g1.missingUnits : ['aucune unité notée'];
      for (const u of units) missingGrades.push(`${c.numeroAnonymat} : ${u}`);
    }
    const g2 = result.group2;
    if (g1.decision !== 'CONTROLE' || !g2) continue;
    controleCount++;
    if (g2.decision !== 'INCOMPLET') continue;
    const what = !g2.choices ? 'choix des épreuves non saisis' : g2.missingControleGrades.length > 0 ? g2.missingControleGrades.join(', ') : g2.trace.message;
    incomplete2.push(`${c.numeroAnonymat} : ${what}`);
  }
  return {
    role: actor.role, missingGrades, incompleteCandidates: incomplete, controleCount, missingControleGrades: incomplete2,
    incompleteControleCandidates: incomplete2,
  };
}

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
    const result = transition(jury.etat, close.action, { ...(await closingFacts(trx, actor, jury)), actingMember: auth.actingMember });
    if (!result.ok) throw refusalError(result);
    await applyStateChange(trx, { actor, jury, from: jury.etat, to: result.to, at: now, journalAction: 'JURY_TRANSITION' });
  });
  return presentJuryHeader(auth, (await findJury(handle.db, code))!);
}
