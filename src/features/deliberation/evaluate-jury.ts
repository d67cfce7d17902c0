// Load → evaluate for the jury portal: the rules of the session's exam, the jury's ruleset, and each
// candidate's inputs and result (pure engine). Juries are small (tens of candidates): one pass.
import type { Db } from '../../db/connect.js';
import { loadCandidateInputs } from '../../db/repositories/candidate-inputs.js';
import { loadRulesets } from '../../db/repositories/rulesets.js';
import { getExamSession } from '../../db/repositories/session.js';
import { rulesFor, type CandidateResult, type CompiledRuleset, type ExamRules } from '../../domain/rules/index.js';
import type { CandidateInput, Ruleset } from '../../domain/types.js';

export interface JuryRules {
  readonly rules: ExamRules;
  readonly ruleset: Ruleset;
  readonly compiled: CompiledRuleset;
}

export async function loadJuryRules(db: Db, specialiteCode: string): Promise<JuryRules> {
  const session = await getExamSession(db);
  const rules = rulesFor(session?.domaine ?? 'BTS');
  const spec = (await loadRulesets(db, [specialiteCode])).get(specialiteCode);
  if (!spec) throw new Error(`aucune épreuve définie pour la spécialité ${specialiteCode}`);
  return { rules, ruleset: spec.ruleset, compiled: rules.compile(spec.ruleset) };
}

export interface Evaluated {
  readonly input: CandidateInput;
  readonly result: CandidateResult;
}

/** Every candidate of the jury (or only `candidateIds`), by candidate id. */
export async function evaluateJury(db: Db, juryCode: string, r: JuryRules, candidateIds?: readonly number[]): Promise<Map<number, Evaluated>> {
  const out = new Map<number, Evaluated>();
  const scope = candidateIds ? { candidateIds } : { juryCodes: [juryCode] };
  for await (const chunk of loadCandidateInputs(db, scope)) {
    for (const { candidate, input } of chunk) out.set(candidate.id, { input, result: r.rules.evaluate(r.compiled, input) });
  }
  return out;
}
