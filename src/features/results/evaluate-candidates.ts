// Decisions of candidates from the database: load (chunked) → evaluate (pure engine).
import type { Db } from '../../db/connect.js';
import { loadCandidateInputs, type CandidateKey, type CandidateScope } from '../../db/repositories/candidate-inputs.js';
import { loadRulesets } from '../../db/repositories/rulesets.js';
import { rulesFor, type CandidateResult, type CompiledRuleset } from '../../domain/rules/index.js';

export interface EvaluatedCandidate {
  readonly candidate: CandidateKey;
  readonly result: CandidateResult;
}

/**
 * Results are yielded a few hundred at a time, whatever the loading chunk: a consumer that keeps only
 * a line per candidate lets each result die young (cheap for the garbage collector), instead of
 * holding thousands of full results (units, exact averages, traces) at once.
 */
const YIELD_EVERY = 256;

/** Yields chunks of evaluated candidates (ordered by id). */
export async function* evaluateCandidates(db: Db, scope: CandidateScope = {}): AsyncGenerator<EvaluatedCandidate[]> {
  const session = await db.selectFrom('exam_session').select('domaine').where('id', '=', 1).executeTakeFirst();
  const rules = rulesFor(session?.domaine ?? 'BTS');
  // Juries and rulesets are read for the candidates met, not for the whole session: a jury's
  // candidates (a request of the jury portal) need one jury and one spécialité.
  const specialiteOf = new Map<string, string>();
  const compiled = new Map<string, CompiledRuleset>();
  const rulesetOf = (juryCode: string): CompiledRuleset => {
    const spec = specialiteOf.get(juryCode);
    const ruleset = spec === undefined ? undefined : compiled.get(spec);
    if (!ruleset) throw new Error(`aucune épreuve définie pour la spécialité du jury ${juryCode}`);
    return ruleset;
  };
  for await (const loaded of loadCandidateInputs(db, scope)) {
    const newJuries = [...new Set(loaded.map((l) => l.candidate.juryCode))].filter((j) => !specialiteOf.has(j));
    if (newJuries.length) {
      for (const j of await db.selectFrom('jury').select(['code', 'specialite_code']).where('code', 'in', newJuries).execute()) specialiteOf.set(j.code, j.specialite_code);
      const newSpecs = [...new Set(newJuries.map((j) => specialiteOf.get(j)))].filter((s): s is string => s !== undefined && !compiled.has(s));
      if (newSpecs.length) for (const [spec, r] of await loadRulesets(db, newSpecs)) compiled.set(spec, rules.compile(r.ruleset));
    }
    for (let start = 0; start < loaded.length; start += YIELD_EVERY) {
      const end = Math.min(loaded.length, start + YIELD_EVERY);
      const out = new Array<EvaluatedCandidate>(end - start);
      for (let i = start; i < end; i++) {
        const { candidate, input } = loaded[i]!;
        out[i - start] = { candidate, result: rules.evaluate(rulesetOf(candidate.juryCode), input) };
      }
      yield out;
    }
  }
}
