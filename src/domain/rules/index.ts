// The registry of exam rules. An exam is data (its ExamParams, and its units as a Ruleset per
// spécialité) plus, when its logic differs, a small module exposing the same ExamRules shape.

import type { CandidateInput, Ruleset } from '../types.js';
import { BTS_PARAMS, evaluate, evaluateMany, type ExamParams } from './bts.js';
import { compileRuleset, EngineTables, type CompiledRuleset } from './compile.js';
import type { CandidateResult } from './result.js';

export interface ExamRules {
  readonly exam: string;
  readonly version: string;
  readonly params: ExamParams;
  /** whether the exam awards mentions (the BTS does not) */
  readonly mentions: boolean;
  compile(ruleset: Ruleset): CompiledRuleset;
  evaluate(ruleset: Ruleset | CompiledRuleset, input: CandidateInput): CandidateResult;
  evaluateMany(ruleset: Ruleset | CompiledRuleset, inputs: readonly CandidateInput[]): CandidateResult[];
}

/** the tables shared by the rulesets the BTS rules compile (values made once, never changed) */
const BTS_TABLES = new EngineTables(true);

export const BTS_RULES: ExamRules = Object.freeze({
  exam: 'BTS',
  version: BTS_PARAMS.version,
  params: BTS_PARAMS,
  mentions: false,
  compile: (ruleset: Ruleset) => compileRuleset(ruleset, BTS_TABLES),
  evaluate: (ruleset: Ruleset | CompiledRuleset, input: CandidateInput) => evaluate(ruleset, input, BTS_PARAMS),
  evaluateMany: (ruleset: Ruleset | CompiledRuleset, inputs: readonly CandidateInput[]) =>
    evaluateMany(ruleset, inputs, BTS_PARAMS),
});

const REGISTRY: ReadonlyMap<string, ExamRules> = new Map([['BTS', BTS_RULES]]);

/** Exams with rules. */
export function knownExams(): string[] {
  return [...REGISTRY.keys()];
}

/** The rules of an exam ('BTS', case-insensitive); throws on an unknown exam. */
export function rulesFor(exam: string): ExamRules {
  const rules = REGISTRY.get(exam.trim().toUpperCase());
  if (!rules) throw new RangeError(`Aucune règle de délibération pour l'examen « ${exam} » (connus : ${knownExams().join(', ')})`);
  return rules;
}

export { BTS_PARAMS, evaluate, evaluateMany, type ExamParams } from './bts.js';
export { compileRuleset, compiled, type CompiledRuleset } from './compile.js';
export { choiceRefusal, choiceRefusals, eligibleUnits, isControle, type ChoiceRefusal } from './controle.js';
export { leafDetails, leafResult, isSingleLeaf, type LeafResult } from './leaves.js';
export * from './result.js';
