// The BTS decision engine (SPEC §3): unit grades, 1st group, 2nd group (épreuves de contrôle), ECTS.
// Pure and deterministic. Every comparison that decides is exact (integers and Rationals).

import { add, compare, ratio, ZERO, type Rational } from '../rational.js';
import type { CandidateInput, Decision, Ruleset } from '../types.js';
import { cachedUnitResult, compiled, gradeOfHundredths, keepUnitResult, productRatio, unitResult, type CompiledRuleset } from './compile.js';
import { evaluateGroup2 } from './controle.js';
import { BTS_PARAMS, EMPTY, limitsOf, type ExamParams } from './params.js';
import type { CandidateResult, Group1Result, Group1RuleId, Group2Result, Trace, UnitResult } from './result.js';
import { averageTrace, traces } from './trace.js';

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
  const units: UnitResult[] = new Array<UnitResult>(cu.length);

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
    if (isMissing) {
      units[i] = u.missingResult;
      if (!u.facultative) (missing ??= []).push(u.code);
      continue;
    }
    if (isAbs) {
      units[i] = u.absResult;
      if (!u.facultative) {
        (absent ??= []).push(u.code);
        coefSum += u.coef;
        if (u.pro) coefPro += u.coef;
      }
      continue;
    }
    if (d === 0) {
      units[i] = u.diResult;
      continue;
    }
    // a number: the unit's result is shared by every candidate with the same grades (cached)
    let unit = cachedUnitResult(u, params, n, d);
    if (unit === undefined) {
      let grade: Rational;
      let points: Rational;
      if (u.single) {
        const h = n / d; // exact: n = h × d
        grade = gradeOfHundredths(h);
        points = productRatio(h, u.coef, 10000);
      } else {
        grade = ratio(n, 100 * d);
        points = productRatio(n, u.coef, 10000 * d);
      }
      const over = n - bonusBase * d;
      const bonus = u.facultative ? (over > 0 ? productRatio(over, u.coef, 10000 * d) : ZERO) : null;
      unit = unitResult(u, grade, true, points, bonus, u.def.ects !== null && n >= ectsMin * d);
      keepUnitResult(u, params, n, d, unit);
    }
    units[i] = unit;
    if (unit.ectsAcquis) ects += unit.ects!;
    if (u.facultative) {
      const over = n - bonusBase * d;
      if (over > 0) {
        total.add(over, u.coef, d);
        bonusTotal = add(bonusTotal, unit.bonus!);
      }
    } else {
      total.add(n, u.coef, d);
      coefSum += u.coef;
      if (u.pro) {
        pro.add(n, u.coef, d);
        coefPro += u.coef;
      }
    }
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
  const red = c.reducers;
  const moyenne = total.toRational(100 * coefSum, red);
  const totalPoints = total.toRational(10000, red);
  const moyennePro = coefPro > 0 ? pro.toRational(100 * coefPro, red) : null;
  const totalPointsPro = coefPro > 0 ? pro.toRational(10000, red) : null;
  let decision: Decision;
  let trace: Trace<Group1RuleId>;
  if (absent !== null) {
    decision = 'REFUSE';
    trace = traces.absence(absent);
  } else if (compare(moyenne, lim.admis) >= 0) {
    decision = 'ADMIS';
    trace = averageTrace('ADMIS_MOYENNE', moyenne, null, params);
  } else if (compare(moyenne, lim.controleMin) >= 0) {
    if (moyennePro === null) {
      decision = 'CONTROLE';
      trace = averageTrace('CONTROLE_SANS_EPREUVE_PRO', moyenne, null, params);
    } else if (compare(moyennePro, lim.proMin) >= 0) {
      decision = 'CONTROLE';
      trace = averageTrace('CONTROLE_MOYENNE_PRO', moyenne, moyennePro, params);
    } else {
      decision = 'REFUSE';
      trace = averageTrace('REFUSE_MOYENNE_PRO', moyenne, moyennePro, params);
    }
  } else {
    decision = 'REFUSE';
    trace = averageTrace('REFUSE_MOYENNE', moyenne, null, params);
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
