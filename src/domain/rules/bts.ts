// The BTS decision engine (SPEC §3): unit grades, 1st group, 2nd group (épreuves de contrôle), ECTS.
// Pure and deterministic. Every comparison that decides is exact (integers and Rationals).

import { add, compare, ZERO, type Rational } from '../rational.js';
import type { CandidateInput, Decision, Ruleset } from '../types.js';
import { compiled, countEvaluation, ExactSum, gradeOfHundredths, pointsOfHundredths, unitGrade, unitPoints, type CompiledRuleset } from './compile.js';
import { evaluateGroup2 } from './controle.js';
import { BTS_PARAMS, EMPTY, limitsOf, type ExamParams, type Limits, type MutableUnit } from './params.js';
import type { CandidateResult, Group1Result, Group1RuleId, Group2Result, Trace, UnitGrade } from './result.js';
import type { Traces } from './trace.js';

export { BTS_PARAMS, type ExamParams } from './params.js';

/** The scratch of one evaluation: its two running sums (total and professional). */
class Scratch {
  readonly total = new ExactSum();
  readonly pro = new ExactSum();
}

/**
 * A compiled ruleset with one set of exam parameters: their limits and trace sentences, made once.
 * Reentrant: an evaluation takes the evaluator's spare scratch, or makes its own when another
 * evaluation holds it (one nested in a getter of the input, or interleaved by the caller), and
 * writes nothing else that another evaluation reads.
 */
export class Evaluator {
  readonly limits: Limits;
  readonly traces: Traces;
  /** a scratch no evaluation is using, null while one is */
  private spare: Scratch | null = new Scratch();

  constructor(
    readonly ruleset: CompiledRuleset,
    readonly params: ExamParams,
  ) {
    this.limits = limitsOf(params);
    this.traces = ruleset.shared.tracesFor(params);
  }

  evaluate(input: CandidateInput): CandidateResult {
    if (this.ruleset.untilTables !== 0) countEvaluation(this.ruleset);
    let s = this.spare;
    if (s === null) s = new Scratch();
    else this.spare = null;
    const result = evaluateWith(this, s, input);
    // given back only after a normal return: a throwing evaluation's scratch is dropped
    this.spare = s;
    return result;
  }
}

/** The evaluator of a ruleset and exam parameters, made once per pair (kept by the compiled ruleset). */
export function evaluatorFor(ruleset: Ruleset | CompiledRuleset, params: ExamParams = BTS_PARAMS): Evaluator {
  const c = compiled(ruleset);
  const slot = c.evaluators;
  const last = slot.last;
  if (last !== null && last.params === params) return last;
  let ev = slot.byParams.get(params);
  if (ev === undefined) {
    ev = new Evaluator(c, params);
    slot.byParams.set(params, ev);
  }
  slot.last = ev;
  return ev;
}

/** Evaluates one candidate. Pass a compiled ruleset (compileRuleset) or a Ruleset (compiled once, cached). */
export function evaluate(
  ruleset: Ruleset | CompiledRuleset,
  input: CandidateInput,
  params: ExamParams = BTS_PARAMS,
): CandidateResult {
  return evaluatorFor(ruleset, params).evaluate(input);
}

function evaluateWith(ev: Evaluator, s: Scratch, input: CandidateInput): CandidateResult {
  const c = ev.ruleset;
  const params = ev.params;
  const grades = input.grades;
  const total = s.total;
  const pro = s.pro;
  total.reset(c.scale);
  pro.reset(c.scale);
  const bonusBase = params.bonusBaseCenti;
  const ectsMin = params.ectsUnitMinCenti;
  let coefSum = 0;
  let coefPro = 0;
  let ects = 0;
  let bonusTotal: Rational = ZERO;
  let missing: string[] | null = null;
  let absent: string[] | null = null;
  const cu = c.units;
  const units: MutableUnit[] = new Array<MutableUnit>(cu.length);

  for (let i = 0; i < cu.length; i++) {
    const u = cu[i]!;
    const codes = u.leafCodes;
    const coefs = u.leafCoefs;
    let n = 0;
    let d = 0;
    let isMissing = false;
    let isAbs = false;
    for (let j = 0; j < codes.length; j++) {
      const g = grades[codes[j]!];
      if (g == null) {
        isMissing = true;
        break;
      }
      const k = g.kind;
      if (k === 'NOTE') {
        n += g.hundredths * coefs[j]!;
        d += coefs[j]!;
      } else if (k === 'AJ') {
        d += coefs[j]!;
      } else if (k === 'ABS') {
        isAbs = true;
      }
    }
    let grade: UnitGrade;
    let counted = false;
    let points: Rational | null = null;
    let bonus: Rational | null = null;
    let acquired = false;
    if (isMissing) {
      grade = null;
      if (!u.facultative) (missing ??= []).push(u.code);
    } else if (isAbs) {
      grade = 'ABS';
      if (!u.facultative) {
        (absent ??= []).push(u.code);
        counted = true;
        points = ZERO;
        coefSum += u.coef;
        if (u.pro) coefPro += u.coef;
      }
    } else if (d === 0) {
      grade = 'DI';
    } else {
      counted = true;
      if (u.single) {
        const h = n / d; // exact: n = h × d
        grade = gradeOfHundredths(c, h);
        points = pointsOfHundredths(u, h);
      } else {
        grade = unitGrade(u, n, d);
        points = unitPoints(u, n, d);
      }
      const unitEcts = u.def.ects;
      if (unitEcts !== null && n >= ectsMin * d) {
        acquired = true;
        ects += unitEcts;
      }
      // d divides the accumulators' scale when no leaf is DI
      const m = d === u.fullD ? u.scaleMult : 0;
      if (u.facultative) {
        const over = n - bonusBase * d;
        if (over > 0) {
          total.addOnScale(over, u.coef, d, m);
          // over × coef / (10000 d): from the unit's table (over = (h − base) × d for one leaf)
          bonus = u.single ? pointsOfHundredths(u, over / d) : unitPoints(u, over, d);
          // ZERO + bonus is bonus itself (reduced)
          bonusTotal = bonusTotal === ZERO ? bonus : add(bonusTotal, bonus);
        } else {
          bonus = ZERO;
        }
      } else {
        total.addOnScale(n, u.coef, d, m);
        coefSum += u.coef;
        if (u.pro) {
          pro.addOnScale(n, u.coef, d, m);
          coefPro += u.coef;
        }
      }
    }
    const def = u.def;
    units[i] = {
      code: u.code,
      libelle: def.libelle,
      coefCenti: u.coef,
      domaine: def.domaine,
      facultative: u.facultative,
      controleEligible: u.controle,
      ects: def.ects,
      grade,
      counted,
      points,
      bonus,
      controle: null,
      finalGrade: grade,
      ectsAcquis: acquired,
    };
  }

  const group1 = decideGroup1(ev, s, coefSum, coefPro, bonusTotal, missing, absent);
  let group2: Group2Result | null = null;
  let finalDecision: Decision = group1.decision;
  if (group1.decision === 'CONTROLE') {
    const g2 = evaluateGroup2(ev, units, input, group1);
    group2 = g2.result;
    ects += g2.ectsDelta;
    if (group2.decision !== 'INCOMPLET') finalDecision = group2.decision;
  }
  return {
    rulesVersion: params.version,
    units,
    group1,
    group2,
    finalDecision,
    ects: finalDecision === 'ADMIS' ? params.ectsAdmis : ects,
  };
}

function group1Result(
  decision: Decision,
  trace: Trace<Group1RuleId>,
  coefSum: number,
  coefPro: number,
  bonus: Rational,
  missing: string[] | null,
  absent: string[] | null,
  moyenne: Rational | null,
  moyennePro: Rational | null,
  totalPoints: Rational | null,
  totalPointsPro: Rational | null,
): Group1Result {
  // one literal, always the same shape (object spreads are slow on this path)
  return {
    decision,
    moyenne,
    moyennePro,
    totalPoints,
    totalCoefCenti: coefSum,
    totalPointsPro,
    totalCoefProCenti: coefPro,
    bonus,
    missingUnits: missing ?? EMPTY,
    absentUnits: absent ?? EMPTY,
    trace,
  };
}

function decideGroup1(
  ev: Evaluator,
  s: Scratch,
  coefSum: number,
  coefPro: number,
  bonus: Rational,
  missing: string[] | null,
  absent: string[] | null,
): Group1Result {
  const traces = ev.traces;
  if (missing !== null || coefSum === 0) {
    const trace = missing !== null ? traces.missingUnits(missing) : traces.noUnit();
    return group1Result('INCOMPLET', trace, coefSum, coefPro, bonus, missing, absent, null, null, null, null);
  }
  const c = ev.ruleset;
  const lim = ev.limits;
  const total = s.total;
  const pro = s.pro;
  total.toRationals(100 * coefSum, 10000, c.reducers.total, c.otherReducers);
  const moyenne = total.first;
  const totalPoints = total.second;
  let moyennePro: Rational | null = null;
  let totalPointsPro: Rational | null = null;
  if (coefPro > 0) {
    pro.toRationals(100 * coefPro, 10000, c.reducers.pro, c.otherReducers);
    moyennePro = pro.first;
    totalPointsPro = pro.second;
  }
  let decision: Decision;
  let trace: Trace<Group1RuleId>;
  if (absent !== null) {
    decision = 'REFUSE';
    trace = traces.absence(absent);
  } else if (compare(moyenne, lim.admis) >= 0) {
    decision = 'ADMIS';
    trace = traces.admisMoyenne(moyenne);
  } else if (compare(moyenne, lim.controleMin) >= 0) {
    if (moyennePro === null) {
      decision = 'CONTROLE';
      trace = traces.controleSansPro(moyenne);
    } else if (compare(moyennePro, lim.proMin) >= 0) {
      decision = 'CONTROLE';
      trace = traces.controlePro(moyenne, moyennePro);
    } else {
      decision = 'REFUSE';
      trace = traces.refusePro(moyenne, moyennePro);
    }
  } else {
    decision = 'REFUSE';
    trace = traces.refuse(moyenne);
  }
  return group1Result(decision, trace, coefSum, coefPro, bonus, missing, absent, moyenne, moyennePro, totalPoints, totalPointsPro);
}

/** Evaluates many candidates against one ruleset (compiled once). */
export function evaluateMany(
  ruleset: Ruleset | CompiledRuleset,
  inputs: readonly CandidateInput[],
  params: ExamParams = BTS_PARAMS,
): CandidateResult[] {
  const ev = evaluatorFor(ruleset, params);
  const out = new Array<CandidateResult>(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = ev.evaluate(inputs[i]!);
  return out;
}
