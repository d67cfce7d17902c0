// Shared loading step of the 2nd-group screens: the CONTROLE candidates the actor may see, in the
// juries whose state allows the activity, each with the engine's result (decision, units, DI...).
import type { Db } from '../../db/connect.js';
import { listSecondGroupCandidates, type SecondGroupCandidate } from '../../db/repositories/second-group.js';
import type { CandidateResult } from '../../domain/rules/index.js';
import type { Actor, JuryState } from '../../domain/types.js';
import { juriesInScope } from '../juries/jury-scope.js';
import { evaluateCandidates } from '../results/evaluate-candidates.js';
import { isControle } from './eligibility.js';
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

/**
 * The CONTROLE candidates visible to `actor` in the juries of its scope whose state passes `stateOk`
 * (jury, then name order).
 */
export async function loadControleCandidates(db: Db, actor: Actor, stateOk: (etat: JuryState) => boolean): Promise<ControleCandidate[]> {
  const juries = (await juriesInScope(db, actor)).filter((j) => stateOk(j.etat));
  const candidates = (await listSecondGroupCandidates(db, {
    juryCodes: juries.map((j) => j.code),
    ...(actor.role === 'centre_epreuve' ? { centreEpreuveUai: actor.scope } : {}),
  })).filter((c) => candidateVisible(actor, factsOf(c)));
  const results = await resultsOf(db, candidates.map((c) => c.id));
  const out: ControleCandidate[] = [];
  for (const candidate of candidates) {
    const result = results.get(candidate.id);
    if (result && isControle(result)) out.push({ candidate, result });
  }
  return out;
}
