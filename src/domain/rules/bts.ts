// The BTS decision engine (SPEC §3): unit grades, 1st group, 2nd group (épreuves de contrôle), ECTS.
// Pure and deterministic. Every comparison that decides is exact (integers and Rationals).

import { add, compare, ZERO, type Rational } from '../rational.js';
import type { CandidateInput, Decision, Ruleset } from '../types.js';
import { compiled, gradeOfHundredths, pointsOfHundredths, unitGrade, unitPoints, type CompiledRuleset } from './compile.js';
import { evaluateGroup2 } from './controle.js';
import { BTS_PARAMS, EMPTY, limitsOf, type ExamParams, type MutableUnit } from './params.js';
import type { CandidateResult, Group1Result, Group1RuleId, Group2Result, Trace, UnitGrade } from './result.js';
import { traces } from './trace.js';

export { BTS_PARAMS, type ExamParams } from './params.js';

/** Evaluates one candidate. Pass a compiled ruleset (compileRuleset) or a Ruleset (compiled once, cached). */
export function evaluate(
  ruleset: Ruleset | CompiledRuleset,
  input: CandidateInput,
  params: ExamParams = BTS_PARAMS,
): CandidateResult {
  const c = compiled(ruleset);
  const grades = input.grades;
  const total = c.acc.total;
  const pro = c.acc.pro;
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
        grade = gradeOfHundredths(h);
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

  const group1 = decideGroup1(params, coefSum, coefPro, bonusTotal, missing, absent, c);
  let group2: Group2Result | null = null;
  let finalDecision: Decision = group1.decision;
  if (group1.decision === 'CONTROLE') {
    const g2 = evaluateGroup2(c, units, input, group1, params);
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
  params: ExamParams,
  coefSum: number,
  coefPro: number,
  bonus: Rational,
  missing: string[] | null,
  absent: string[] | null,
  c: CompiledRuleset,
): Group1Result {
  if (missing !== null || coefSum === 0) {
    const trace = missing !== null ? traces.missingUnits(missing) : traces.noUnit();
    return group1Result('INCOMPLET', trace, coefSum, coefPro, bonus, missing, absent, null, null, null, null);
  }
  const lim = limitsOf(params);
  const total = c.acc.total;
  const pro = c.acc.pro;
  total.toRationals(100 * coefSum, 10000, c.reducers.total);
  const moyenne = total.first;
  const totalPoints = total.second;
  let moyennePro: Rational | null = null;
  let totalPointsPro: Rational | null = null;
  if (coefPro > 0) {
    pro.toRationals(100 * coefPro, 10000, c.reducers.pro);
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
    trace = traces.admis(moyenne, params.admisCenti);
  } else if (compare(moyenne, lim.controleMin) >= 0) {
    if (moyennePro === null) {
      decision = 'CONTROLE';
      trace = traces.controleSansPro(moyenne, params);
    } else if (compare(moyennePro, lim.proMin) >= 0) {
      decision = 'CONTROLE';
      trace = traces.controlePro(moyenne, moyennePro, params);
    } else {
      decision = 'REFUSE';
      trace = traces.refusePro(moyenne, moyennePro, params);
    }
  } else {
    decision = 'REFUSE';
    trace = traces.refuse(moyenne, params);
  }
  return group1Result(decision, trace, coefSum, coefPro, bonus, missing, absent, moyenne, moyennePro, totalPoints, totalPointsPro);
}

/** Evaluates many candidates against one ruleset (compiled once). */
export function evaluateMany(
  ruleset: Ruleset | CompiledRuleset,
  inputs: readonly CandidateInput[],
  params: ExamParams = BTS_PARAMS,
): CandidateResult[] {
  const c = compiled(ruleset);
  const out = new Array<CandidateResult>(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = evaluate(c, inputs[i]!, params);
  return out;
}
