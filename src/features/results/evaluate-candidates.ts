// Decisions of candidates from the database: load (chunked) → evaluate (pure engine).
import type { Db } from '../../db/connect.js';
import { loadCandidateInputs, type CandidateKey, type CandidateScope } from '../../db/repositories/candidate-inputs.js';
import { loadRulesets } from '../../db/repositories/rulesets.js';
import { rulesFor, type CandidateResult, type CompiledRuleset } from '../../domain/rules/index.js';

export interface EvaluatedCandidate {
  readonly candidate: CandidateKey;
  readonly result: CandidateResult;
}

/** Yields chunks of evaluated candidates (ordered by id). */
export async function* evaluateCandidates(db: Db, scope: CandidateScope = {}): AsyncGenerator<EvaluatedCandidate[]> {
  const session = await db.selectFrom('exam_session').select('domaine').where('id', '=', 1).executeTakeFirst();
  const rules = rulesFor(session?.domaine ?? 'BTS');
  const rulesets = await loadRulesets(db);
  const juries = new Map((await db.selectFrom('jury').select(['code', 'specialite_code']).execute()).map((j) => [j.code, j.specialite_code]));
  const compiled = new Map<string, CompiledRuleset>();
  for (const [spec, r] of rulesets) compiled.set(spec, rules.compile(r.ruleset));
  for await (const chunk of loadCandidateInputs(db, scope)) {
    yield chunk.map(({ candidate, input }) => {
      const spec = juries.get(candidate.juryCode);
      const ruleset = spec === undefined ? undefined : compiled.get(spec);
      if (!ruleset) throw new Error(`aucune épreuve définie pour la spécialité du jury ${candidate.juryCode}`);
      return { candidate, result: rules.evaluate(ruleset, input) };
    });
  }
}
