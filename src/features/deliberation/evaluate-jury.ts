// Load → evaluate for the jury portal: the rules of the session's exam, the jury's ruleset, and each
// candidate's inputs and result (pure engine). Juries are small (tens of candidates): one pass.
import type { Db } from '../../db/connect.js';
import { loadCandidateInputs } from '../../db/repositories/candidate-inputs.js';
import { loadSpecialiteRows, rulesetFromRows, sameEpreuveRows } from '../../db/repositories/rulesets.js';
import type { EpreuveRow } from '../../db/schema.js';
import { rulesFor, type CandidateResult, type CompiledRuleset, type ExamRules } from '../../domain/rules/index.js';
import type { CandidateInput, Ruleset } from '../../domain/types.js';

export interface JuryRules {
  readonly rules: ExamRules;
  readonly ruleset: Ruleset;
  readonly compiled: CompiledRuleset;
}

interface CachedRules {
  readonly exam: string;
  readonly rows: readonly EpreuveRow[];
  readonly rules: JuryRules;
}

/**
 * Compiled rulesets by spécialité, reused while the rows they were built from are the same. The rows
 * are read on every request (one statement with the session's exam): an import by this instance or
 * another one is seen at once; only the building and compiling are saved. A compiled ruleset is
 * shared by the evaluations that follow (its tables stay warm; the engine is reentrant:
 * tests/domain/bts-reentrant.test.ts).
 */
const compiledRules = new Map<string, CachedRules>();
const MAX_CACHED_RULES = 1000;

export async function loadJuryRules(db: Db, specialiteCode: string): Promise<JuryRules> {
  const r = await findJuryRules(db, specialiteCode);
  if (!r) throw new Error(`aucune épreuve définie pour la spécialité ${specialiteCode}`);
  return r;
}

/** The rules of a spécialité, or undefined when it has no épreuve. */
export async function findJuryRules(db: Db, specialiteCode: string): Promise<JuryRules | undefined> {
  const { examDomaine, rows } = await loadSpecialiteRows(db, specialiteCode);
  if (rows.length === 0) return undefined;
  const exam = examDomaine ?? 'BTS';
  const cached = compiledRules.get(specialiteCode);
  if (cached && cached.exam === exam && sameEpreuveRows(cached.rows, rows)) return cached.rules;
  const rules = rulesFor(exam);
  const ruleset = rulesetFromRows(rows);
  const fresh: JuryRules = { rules, ruleset, compiled: rules.compile(ruleset) };
  if (compiledRules.size >= MAX_CACHED_RULES) compiledRules.clear();
  compiledRules.set(specialiteCode, { exam, rows, rules: fresh });
  return fresh;
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
