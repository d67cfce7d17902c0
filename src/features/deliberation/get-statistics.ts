// Use case: the live statistics of a jury (recomputed from the current grades at each request), with
// the figures of its spécialité (the other juries' decisions, counted).
import type { Db } from '../../db/connect.js';
import type { AuthContext } from '../auth/context.js';
import { loadCandidateInputs } from '../../db/repositories/candidate-inputs.js';
import { listJuries } from '../../db/repositories/juries.js';
import type { Decision } from '../../domain/types.js';
import { evaluateJury, loadJuryRules, type JuryRules } from './evaluate-jury.js';
import { loadReadableJury } from './load.js';
import { presentJuryHeader } from './present-header.js';
import type { StatisticsDto } from './schemas.js';
import { presentStatistics, type OtherJuriesDecisions } from './statistics.js';

export async function getStatistics(db: Db, auth: AuthContext, code: string): Promise<StatisticsDto> {
  const jury = await loadReadableJury(db, auth, code);
  const rules = await loadJuryRules(db, jury.specialiteCode);
  const evaluated = [...(await evaluateJury(db, code, rules)).values()];
  return presentStatistics(presentJuryHeader(auth, jury), rules.ruleset, evaluated, await otherJuriesDecisions(db, jury.specialiteCode, code, rules));
}

/**
 * The 1st-group decisions of the other juries of the spécialité, counted (as the statistics handed to
 * the juries, memo §3.3): only numbers leave, never a candidate.
 */
export async function otherJuriesDecisions(db: Db, specialiteCode: string, code: string, rules: JuryRules): Promise<OtherJuriesDecisions> {
  const out: Partial<Record<Decision, number>> = {};
  const others = (await listJuries(db, { specialite: specialiteCode })).map((j) => j.code).filter((c) => c !== code);
  // one read for all of them (the offline bundle asks every 30 s per jury)
  for await (const chunk of loadCandidateInputs(db, { juryCodes: others })) {
    for (const { input } of chunk) {
      const d = rules.rules.evaluate(rules.compiled, input).group1.decision;
      out[d] = (out[d] ?? 0) + 1;
    }
  }
  return out;
}
