// Use case: the PVI of one candidate (load → evaluate → present). Also the answer of a grade change.
import type { Db } from '../../db/connect.js';
import type { DeliberationCandidate } from '../../db/repositories/deliberation.js';
import { listCandidateStoredGrades } from '../../db/repositories/grades.js';
import type { JuryView } from '../../db/repositories/juries.js';
import { AppError } from '../../errors/app-error.js';
import type { AuthContext } from '../auth/context.js';
import { evaluateJury, loadJuryRules, type JuryRules } from './evaluate-jury.js';
import { CANDIDATE_NOT_FOUND, loadReadableCandidate } from './load.js';
import { presentJuryHeader } from './present-header.js';
import { presentPvi } from './present-pvi.js';
import type { PviDto } from './schemas.js';

/** `known`: the spécialité's rules when the caller has read them already. */
export async function buildPvi(db: Db, auth: AuthContext, candidate: DeliberationCandidate, jury: JuryView, known?: JuryRules): Promise<PviDto> {
  const rules = known ?? await loadJuryRules(db, jury.specialiteCode);
  const [evaluatedById, stored] = await Promise.all([evaluateJury(db, jury.code, rules, [candidate.id]), listCandidateStoredGrades(db, candidate.id)]);
  const evaluated = evaluatedById.get(candidate.id);
  if (!evaluated) throw new AppError('NOT_FOUND', CANDIDATE_NOT_FOUND);
  return presentPvi({
    header: presentJuryHeader(auth, jury),
    candidate,
    ruleset: rules.ruleset,
    input: evaluated.input,
    result: evaluated.result,
    leafGrades: stored.leaf,
    controleGrades: stored.controle,
    rulesVersion: evaluated.result.rulesVersion,
  });
}

export async function getPvi(db: Db, auth: AuthContext, id: number): Promise<PviDto> {
  const { candidate, jury } = await loadReadableCandidate(db, auth.actor, id);
  return buildPvi(db, auth, candidate, jury);
}
