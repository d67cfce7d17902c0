// "Candidats proches d'un seuil" (issue #16): the candidates whose average (or professional average)
// lies within a margin below a threshold that decides, and for each grade the jury may change, the
// exact smallest grade (in hundredths) that alone would change the decision.
//
// Pure, over the exact engine: a candidate is near a threshold when the engine's exact average is in
// [threshold − margin, threshold); the smallest grade is searched with the engine itself (the decision
// only moves up when one grade goes up: averages are non-decreasing in each grade), by bisection over
// 0..20,00, so that what is shown is exactly what the engine would decide.
//
// The thresholds (the exam's parameters; 10, 8 and 10 for the BTS):
//  - 1st group, ADMIS: average in [admis − margin, admis), decision CONTROLE or REFUSE (professional
//    average) → smallest grade that makes the candidate ADMIS;
//  - 1st group, CONTROLE: average in [contrôle − margin, contrôle), decision REFUSE → smallest grade
//    that makes him pass the contrôle (or admitted);
//  - 1st group, PRO: average between contrôle and admis, refused for a professional average in
//    [pro − margin, pro) → smallest grade that makes him pass the contrôle (or admitted);
//  - 2nd group, ADMIS_CONTROLE: average after the contrôle in [admis − margin, admis) → smallest
//    contrôle grade (of either chosen unit) that makes him ADMIS.
// A candidate refused for an absence, or incomplete, is near no threshold (no grade decides).
// The grades that may change: every leaf with a number (sub-épreuves and optional units included),
// except those the caller says are locked (bénéfices); in the 2nd group, the contrôle grades of the
// two chosen units that are numbers.

import { compare, fromHundredths, sub, type Rational } from './rational.js';
import { compiled as compile, type CandidateResult, type CompiledRuleset, type ExamRules } from './rules/index.js';
import type { CandidateInput, Decision, GradeValue, Ruleset } from './types.js';

export type ThresholdKind = 'ADMIS' | 'CONTROLE' | 'PRO' | 'ADMIS_CONTROLE';

export const THRESHOLD_LABELS: Readonly<Record<ThresholdKind, string>> = {
  ADMIS: 'Admis (moyenne 10)',
  CONTROLE: 'Épreuves de contrôle (moyenne 8)',
  PRO: 'Moyenne des épreuves professionnelles (10)',
  ADMIS_CONTROLE: 'Admis après les épreuves de contrôle (moyenne 10)',
};

/** The default margin below a threshold: 0,50 point. */
export const DEFAULT_MARGIN_CENTI = 50;
export const MAX_MARGIN_CENTI = 2000;
export const MAX_GRADE_CENTI = 2000;

export interface NearInput<K> {
  readonly key: K;
  readonly input: CandidateInput;
  /** the engine's result for `input` (computed when not given) */
  readonly result?: CandidateResult;
  /** leaf codes whose grade may not be changed (bénéfices) */
  readonly lockedLeaves?: ReadonlySet<string>;
}

/** One grade the jury may change, and the smallest value of it that alone changes the decision. */
export interface Lever {
  /** 1: a leaf grade (épreuve or sub-épreuve); 2: a contrôle grade */
  readonly group: 1 | 2;
  /** the leaf code (group 1) or the unit code (group 2) */
  readonly epreuve: string;
  /** the unit it belongs to */
  readonly unit: string;
  readonly facultative: boolean;
  /** the current grade, in hundredths */
  readonly currentCenti: number;
  /** the smallest grade (hundredths, ≤ 20,00) that alone changes the decision; null: none does */
  readonly smallestCenti: number | null;
}

export interface NearCandidate<K> {
  readonly key: K;
  readonly threshold: ThresholdKind;
  /** the threshold, in hundredths */
  readonly thresholdCenti: number;
  /** the exact average compared with the threshold */
  readonly value: Rational;
  /** threshold − value (> 0, ≤ margin) */
  readonly gap: Rational;
  /** the decision now, and the one a lever reaches (or better) */
  readonly decision: Decision;
  readonly target: Decision;
  /** in ruleset order */
  readonly levers: readonly Lever[];
}

export interface NearOptions {
  /** 1: the 1st group's thresholds (leaf grades); 2: after the contrôle (contrôle grades) */
  readonly group: 1 | 2;
  /** the margin below a threshold, in hundredths (1..2000) */
  readonly marginCenti?: number;
}

const RANK: Readonly<Record<Decision, number>> = { INCOMPLET: -1, REFUSE: 0, CONTROLE: 1, ADMIS: 2 };

/** Does the result reach `target` (or better) for the group considered? */
function reaches(result: CandidateResult, group: 1 | 2, target: Decision): boolean {
  if (group === 2) return result.group2?.decision === 'ADMIS';
  return RANK[result.group1.decision] >= RANK[target];
}

/**
 * The smallest h in (current, max] such that `reachesWith(h)`, or null; `reachesWith` must be monotone
 * (false up to some h, true from it) and false at `current`.
 */
export function smallestReaching(currentCenti: number, reachesWith: (h: number) => boolean, maxCenti = MAX_GRADE_CENTI): number | null {
  if (currentCenti >= maxCenti || !reachesWith(maxCenti)) return null;
  let lo = currentCenti; // false
  let hi = maxCenti; // true
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (reachesWith(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

const note = (hundredths: number): GradeValue => ({ kind: 'NOTE', hundredths });

function withLeaf(input: CandidateInput, leaf: string, h: number): CandidateInput {
  return { ...input, grades: { ...input.grades, [leaf]: note(h) } };
}

function withControle(input: CandidateInput, unit: string, h: number): CandidateInput {
  return { ...input, controleGrades: { ...(input.controleGrades ?? {}), [unit]: { kind: 'NOTE', hundredths: h } } };
}

interface Candidacy {
  readonly threshold: ThresholdKind;
  readonly thresholdCenti: number;
  readonly value: Rational;
  readonly target: Decision;
}

/** The thresholds a result is near (gap in (0, margin]). */
function candidacies(rules: ExamRules, result: CandidateResult, group: 1 | 2, marginCenti: number): Candidacy[] {
  const p = rules.params;
  const margin = fromHundredths(marginCenti);
  const out: Candidacy[] = [];
  const near = (value: Rational | null, thresholdCenti: number): boolean => {
    if (value === null) return false;
    const gap = sub(fromHundredths(thresholdCenti), value);
    return compare(gap, fromHundredths(0)) > 0 && compare(gap, margin) <= 0;
  };
  if (group === 2) {
    const g2 = result.group2;
    if (g2 && g2.decision === 'REFUSE' && near(g2.moyenne, p.admisCenti)) {
      out.push({ threshold: 'ADMIS_CONTROLE', thresholdCenti: p.admisCenti, value: g2.moyenne!, target: 'ADMIS' });
    }
    return out;
  }
  const g1 = result.group1;
  const rule = g1.trace.rule;
  if (rule === 'CONTROLE_MOYENNE_PRO' || rule === 'CONTROLE_SANS_EPREUVE_PRO' || rule === 'REFUSE_MOYENNE_PRO') {
    if (near(g1.moyenne, p.admisCenti)) out.push({ threshold: 'ADMIS', thresholdCenti: p.admisCenti, value: g1.moyenne!, target: 'ADMIS' });
  }
  if (rule === 'REFUSE_MOYENNE' && near(g1.moyenne, p.controleMinCenti)) {
    out.push({ threshold: 'CONTROLE', thresholdCenti: p.controleMinCenti, value: g1.moyenne!, target: 'CONTROLE' });
  }
  if (rule === 'REFUSE_MOYENNE_PRO' && near(g1.moyennePro, p.proMinCenti)) {
    out.push({ threshold: 'PRO', thresholdCenti: p.proMinCenti, value: g1.moyennePro!, target: 'CONTROLE' });
  }
  return out;
}

/** The grades that may change, for the group considered, in ruleset order. */
function leversOf(compiled: CompiledRuleset, c: NearInput<unknown>, result: CandidateResult, group: 1 | 2): Omit<Lever, 'smallestCenti'>[] {
  const out: Omit<Lever, 'smallestCenti'>[] = [];
  if (group === 2) {
    for (const unit of result.group2?.choices ?? []) {
      const g = c.input.controleGrades?.[unit];
      const def = compiled.units[compiled.unitIndex.get(unit) ?? -1];
      if (g?.kind === 'NOTE' && def) out.push({ group: 2, epreuve: unit, unit, facultative: false, currentCenti: g.hundredths });
    }
    return out;
  }
  for (const u of compiled.units) {
    for (const leaf of u.leafCodes) {
      const g = c.input.grades[leaf];
      if (g?.kind !== 'NOTE' || c.lockedLeaves?.has(leaf)) continue;
      out.push({ group: 1, epreuve: leaf, unit: u.code, facultative: u.facultative, currentCenti: g.hundredths });
    }
  }
  return out;
}

/**
 * The candidates near a threshold, sorted by gap (then in the given order), each with its levers.
 * A candidate near two thresholds (e.g. average 9,80 and professional average 9,90) is listed twice.
 */
export function nearThresholds<K>(
  rules: ExamRules,
  ruleset: Ruleset | CompiledRuleset,
  candidates: readonly NearInput<K>[],
  options: NearOptions,
): NearCandidate<K>[] {
  const marginCenti = options.marginCenti ?? DEFAULT_MARGIN_CENTI;
  if (!Number.isInteger(marginCenti) || marginCenti < 1 || marginCenti > MAX_MARGIN_CENTI) {
    throw new RangeError(`La marge doit être comprise entre 0,01 et 20 points (reçu ${marginCenti / 100}).`);
  }
  const compiled = compile(ruleset);
  const { group } = options;
  const found: { order: number; near: NearCandidate<K> }[] = [];
  candidates.forEach((c, order) => {
    const result = c.result ?? rules.evaluate(compiled, c.input);
    const near = candidacies(rules, result, group, marginCenti);
    if (near.length === 0) return;
    const levers = leversOf(compiled, c as NearInput<unknown>, result, group);
    for (const n of near) {
      const withGrade = (lever: Omit<Lever, 'smallestCenti'>) => (h: number): boolean => {
        const input = lever.group === 1 ? withLeaf(c.input, lever.epreuve, h) : withControle(c.input, lever.epreuve, h);
        return reaches(rules.evaluate(compiled, input), group, n.target);
      };
      found.push({
        order,
        near: {
          key: c.key,
          threshold: n.threshold,
          thresholdCenti: n.thresholdCenti,
          value: n.value,
          gap: sub(fromHundredths(n.thresholdCenti), n.value),
          decision: group === 2 ? result.group2!.decision : result.group1.decision,
          target: n.target,
          levers: levers.map((l) => ({ ...l, smallestCenti: smallestReaching(l.currentCenti, withGrade(l)) })),
        },
      });
    }
  });
  found.sort((a, b) => compare(a.near.gap, b.near.gap) || a.order - b.order);
  return found.map((f) => f.near);
}
