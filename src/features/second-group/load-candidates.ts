// Shared loading step of the 2nd-group screens: the CONTROLE candidates the actor may see, in the
// juries whose state allows the activity, each with the engine's result (decision, units, DI...).
import type { Db } from '../../db/connect.js';
import { listSecondGroupCandidates, type SecondGroupCandidate } from '../../db/repositories/second-group.js';
import { isControle, type CandidateResult } from '../../domain/rules/index.js';
import type { Actor, JuryState } from '../../domain/types.js';
import { juriesInScope } from '../juries/jury-scope.js';
import { evaluateCandidates } from '../results/evaluate-candidates.js';
import { candidateVisible } from './policies.js';

export interface ControleCandidate {
  readonly candidate: SecondGroupCandidate;
  readonly result: CandidateResult;
}

/** Facts of the domain policies about a candidate. */
export function factsOf(c: SecondGroupCandidate) {
  return { juryCode: c.juryCode, centreDeliberationUai: c.centreDeliberationUai, centreEpreuveUai: c.centreEpreuve.uai };
}

/** Engine results of some candidates, by id. */
export async function resultsOf(db: Db, candidateIds: readonly number[]): Promise<Map<number, CandidateResult>> {
  const out = new Map<number, CandidateResult>();
  if (candidateIds.length === 0) return out;
  for await (const chunk of evaluateCandidates(db, { candidateIds })) for (const e of chunk) out.set(e.candidate.id, e.result);
  return out;
}

/** Beyond this many juries, the whole session is read (ranges of ids, rows as arrays) and filtered here. */
const WHOLE_SESSION_FROM = 500;

/**
 * The CONTROLE candidates visible to `actor` in the juries of its scope whose state passes `stateOk`
 * (jury, then name order). The engine runs over the juries' candidates first; only the CONTROLE
 * ones (≈ 5 %) are then read with their names, centres and spécialités — at national scale the
 * académie's juries hold 200 000 candidates, too many for a list of ids in one statement.
 */
export async function loadControleCandidates(db: Db, actor: Actor, stateOk: (etat: JuryState) => boolean): Promise<ControleCandidate[]> {
  const juries = (await juriesInScope(db, actor)).filter((j) => stateOk(j.etat));
  if (juries.length === 0) return [];
  const codes = new Set(juries.map((j) => j.code));
  const results = new Map<number, CandidateResult>();
  const scope = juries.length >= WHOLE_SESSION_FROM ? {} : { juryCodes: [...codes] };
  for await (const chunk of evaluateCandidates(db, scope)) {
    for (const e of chunk) if (codes.has(e.candidate.juryCode) && isControle(e.result)) results.set(e.candidate.id, e.result);
  }
  const candidates = (await listSecondGroupCandidates(db, {
    candidateIds: [...results.keys()],
    ...(actor.role === 'centre_epreuve' ? { centreEpreuveUai: actor.scope } : {}),
  })).filter((c) => codes.has(c.juryCode) && candidateVisible(actor, factsOf(c)));
  return candidates.map((candidate) => ({ candidate, result: results.get(candidate.id)! }));
}
