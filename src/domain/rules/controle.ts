// The 2nd group (épreuves de contrôle) of SPEC §3: validity of the two choices, the better of the
// initial and contrôle grades, moyenne_2 and its decision.

import { add, compare, div, fromHundredths, mul, ratio, sub, ZERO, type Rational } from '../rational.js';
import type { CandidateInput, ControleGradeValue } from '../types.js';
import type { Evaluator } from './bts.js';
import { EMPTY, type MutableUnit } from './params.js';
import type { CandidateResult, Group1Result, Group2Result, UnitControleResult, UnitResult } from './result.js';

/**
 * Why a unit may not be chosen for the 2nd group (SPEC §3): not in the ruleset, optional, not
 * flagged contrôle, or DI for the candidate (bénéfice units are allowed).
 */
export type ChoiceRefusal = 'INCONNUE' | 'FACULTATIVE' | 'HORS_CONTROLE' | 'DISPENSE';

/** The rule for one chosen unit (its result for the candidate, undefined when not in the ruleset). */
export function choiceRefusal(unit: Pick<UnitResult, 'facultative' | 'controleEligible' | 'grade'> | undefined): ChoiceRefusal | null {
  if (unit === undefined) return 'INCONNUE';
  if (unit.facultative) return 'FACULTATIVE';
  if (!unit.controleEligible) return 'HORS_CONTROLE';
  if (unit.grade === 'DI') return 'DISPENSE';
  return null;
}

/** The units a candidate may choose for the 2nd group, in ruleset order. */
export function eligibleUnits(result: CandidateResult): UnitResult[] {
  return result.units.filter((u) => choiceRefusal(u) === null);
}

/** The candidate passes the épreuves de contrôle (1st-group decision CONTROLE). */
export function isControle(result: CandidateResult): boolean {
  return result.group1.decision === 'CONTROLE';
}

/**
 * The problems of the choice (a, b): the same unit twice, and each refused unit (a, then b; a unit
 * chosen twice is looked at once). `unitOf` gives a code's unit result (undefined: not in the ruleset).
 */
export function choiceRefusals(
  a: string,
  b: string,
  unitOf: (code: string) => UnitResult | undefined,
): { readonly twice: boolean; readonly refused: readonly { readonly code: string; readonly refusal: ChoiceRefusal }[] } {
  const refused: { code: string; refusal: ChoiceRefusal }[] = [];
  for (const code of a === b ? [a] : [a, b]) {
    const refusal = choiceRefusal(unitOf(code));
    if (refusal !== null) refused.push({ code, refusal });
  }
  return { twice: a === b, refused };
}

/** The engine's trace words for a refused unit. */
function refusalReason(code: string, refusal: ChoiceRefusal): string {
  switch (refusal) {
    case 'INCONNUE': return `unité ${code} inconnue`;
    case 'FACULTATIVE': return `${code} est une unité facultative`;
    case 'HORS_CONTROLE': return `${code} n'est pas une épreuve de contrôle`;
    case 'DISPENSE': return `${code} : candidat dispensé`;
  }
}

function group2Result(
  decision: Group2Result['decision'],
  trace: Group2Result['trace'],
  choices: Group2Result['choices'],
  totalCoefCenti: number,
  moyenne: Rational | null,
  totalPoints: Rational | null,
  missingControleGrades: readonly string[],
): Group2Result {
  // one literal, always the same shape
  return { decision, choices, moyenne, totalPoints, totalCoefCenti, missingControleGrades, trace };
}

export function evaluateGroup2(
  ev: Evaluator,
  units: MutableUnit[],
  input: CandidateInput,
  g1: Group1Result,
): { result: Group2Result; ectsDelta: number } {
  const c = ev.ruleset;
  const params = ev.params;
  const traces = ev.traces;
  const choices = input.controleChoices ?? null;
  const coef = g1.totalCoefCenti;
  if (choices === null) {
    return { result: group2Result('INCOMPLET', traces.noChoices(), null, coef, null, null, EMPTY), ectsDelta: 0 };
  }
  const [a, b] = choices;
  const check = choiceRefusals(a, b, (code) => {
    const i = c.unitIndex.get(code);
    return i === undefined ? undefined : units[i];
  });
  if (check.twice || check.refused.length > 0) {
    const reasons: string[] = check.twice ? [`l'unité ${a} est choisie deux fois`] : [];
    for (const r of check.refused) reasons.push(refusalReason(r.code, r.refusal));
    return { result: group2Result('INCOMPLET', traces.invalidChoices(reasons), choices, coef, null, null, EMPTY), ectsDelta: 0 };
  }

  const missingGrades: string[] = [];
  let totalPoints = g1.totalPoints ?? ZERO;
  let ectsDelta = 0;
  for (const code of choices) {
    const i = c.unitIndex.get(code)!;
    const unit = units[i]!;
    const cg = input.controleGrades?.[code] ?? null;
    if (cg === null) {
      missingGrades.push(code);
      unit.controle = { grade: null, retained: null, meilleureNoteRetenue: false, points: null };
      continue;
    }
    const detail = retain(unit, cg);
    unit.controle = detail;
    unit.finalGrade = detail.retained;
    totalPoints = add(sub(totalPoints, unit.points ?? ZERO), detail.points ?? ZERO);
    const nowAcquired = unit.ects !== null && detail.retained !== 'ABS' && detail.retained !== null && compare(detail.retained, ratio(params.ectsUnitMinCenti, 100)) >= 0;
    if (nowAcquired !== unit.ectsAcquis) {
      ectsDelta += nowAcquired ? unit.ects! : -unit.ects!;
      unit.ectsAcquis = nowAcquired;
    }
  }
  if (missingGrades.length > 0) {
    const trace = traces.missingControle(missingGrades);
    return { result: group2Result('INCOMPLET', trace, choices, coef, null, null, missingGrades), ectsDelta };
  }
  const moyenne = div(totalPoints, ratio(coef, 100));
  const result = compare(moyenne, ev.limits.admis) >= 0
    ? group2Result('ADMIS', traces.admisControle(moyenne), choices, coef, moyenne, totalPoints, EMPTY)
    : group2Result('REFUSE', traces.refuseControle(moyenne), choices, coef, moyenne, totalPoints, EMPTY);
  return { result, ectsDelta };
}

/**
 * The better of the initial unit grade and the contrôle grade (ABS at contrôle keeps the initial).
 * The chosen unit is compulsory, eligible and not DI (checked before); at CONTROLE it cannot be
 * missing or ABS either, but an initial ABS is handled as 0 all the same.
 */
function retain(unit: UnitResult, cg: ControleGradeValue): UnitControleResult {
  const initial = typeof unit.grade === 'object' && unit.grade !== null ? unit.grade : null; // null: ABS
  const initialPoints = unit.points ?? ZERO;
  if (cg.kind === 'ABS') {
    return { grade: cg, retained: initial ?? 'ABS', meilleureNoteRetenue: false, points: initialPoints };
  }
  const r = fromHundredths(cg.hundredths);
  const better = initial === null || compare(r, initial) > 0;
  if (!better) return { grade: cg, retained: initial, meilleureNoteRetenue: false, points: initialPoints };
  return { grade: cg, retained: r, meilleureNoteRetenue: true, points: mul(r, ratio(unit.coefCenti, 100)) };
}
