// Distributions for the deliberation aids (issue #16, points 2 and 3): averages by one-point band,
// five-number summaries of grades, decision counts, and the rule that flags a jury far from its
// spécialité. Pure; every band and comparison is exact (averages truncated to hundredths first, as
// they are printed: 9,999… is in the band [9 ; 10[).
import { add, compare, div, fromInt, mul, sub, toNumberApprox, truncateHundredths, ZERO, type Rational } from './rational.js';
import type { CandidateResult } from './rules/index.js';
import type { Decision } from './types.js';

/** 20 bands of one point: [0 ; 1[, [1 ; 2[ … [19 ; 20] */
export const BANDS = 20;

/** The band of an average (0..19). */
export function bandOf(average: Rational): number {
  const h = Number(truncateHundredths(average));
  return Math.max(0, Math.min(BANDS - 1, Math.floor(h / 100)));
}

/** Counts of 1st-group averages by band (INCOMPLET candidates have no average and are not counted). */
export function averageBands(results: Iterable<CandidateResult>): number[] {
  const out = new Array<number>(BANDS).fill(0);
  for (const r of results) if (r.group1.moyenne) out[bandOf(r.group1.moyenne)]!++;
  return out;
}

export type DecisionCounts = Record<Decision, number>;

export function decisionCounts(results: Iterable<CandidateResult>): DecisionCounts {
  const c: DecisionCounts = { ADMIS: 0, CONTROLE: 0, REFUSE: 0, INCOMPLET: 0 };
  for (const r of results) c[r.group1.decision]++;
  return c;
}

export interface Summary {
  readonly n: number;
  /** hundredths (truncated values); null when n = 0 */
  readonly min: number | null;
  readonly q1: number | null;
  readonly median: number | null;
  readonly q3: number | null;
  readonly max: number | null;
  /** exact mean */
  readonly mean: Rational | null;
}

/** Quartiles by the nearest-rank method: the value of rank ⌈p × n⌉ in ascending order. */
export function summary(values: readonly Rational[]): Summary {
  const n = values.length;
  if (n === 0) return { n, min: null, q1: null, median: null, q3: null, max: null, mean: null };
  const h = values.map((v) => Number(truncateHundredths(v))).sort((a, b) => a - b);
  const rank = (p: number) => h[Math.max(0, Math.ceil(p * n) - 1)]!;
  let sum = ZERO;
  for (const v of values) sum = add(sum, v);
  return { n, min: h[0]!, q1: rank(0.25), median: rank(0.5), q3: rank(0.75), max: h[n - 1]!, mean: div(sum, fromInt(n)) };
}

/** The numeric unit grades of unit `index` (ABS, DI and missing are not grades). */
export function unitGrades(results: Iterable<CandidateResult>, index: number): Rational[] {
  const out: Rational[] = [];
  for (const r of results) {
    const g = r.units[index]?.grade;
    if (g && typeof g === 'object') out.push(g);
  }
  return out;
}

// ---- harmonisation (point 3) ---------------------------------------------------------------------

export interface GroupFigures {
  /** candidates with a 1st-group decision other than INCOMPLET */
  readonly decided: number;
  readonly admis: number;
  /** Σ of the averages of the decided candidates (exact) */
  readonly sum: Rational;
  /** Σ of their squares (exact) */
  readonly sumSquares: Rational;
}

export function groupFigures(results: Iterable<CandidateResult>): GroupFigures {
  let decided = 0, admis = 0;
  let sum = ZERO, sumSquares = ZERO;
  for (const r of results) {
    const m = r.group1.moyenne;
    if (r.group1.decision === 'INCOMPLET' || !m) continue;
    decided++;
    if (r.group1.decision === 'ADMIS') admis++;
    sum = add(sum, m);
    sumSquares = add(sumSquares, mul(m, m));
  }
  return { decided, admis, sum, sumSquares };
}

export function mergeFigures(list: readonly GroupFigures[]): GroupFigures {
  return list.reduce((a, b) => ({ decided: a.decided + b.decided, admis: a.admis + b.admis, sum: add(a.sum, b.sum), sumSquares: add(a.sumSquares, b.sumSquares) }),
    { decided: 0, admis: 0, sum: ZERO, sumSquares: ZERO });
}

export interface Deviation {
  /** the jury's admission rate is more than two standard errors from the spécialité's */
  readonly rate: boolean;
  /** the jury's mean average is more than two standard errors from the spécialité's */
  readonly mean: boolean;
}

/**
 * The flag rule: a jury of n decided candidates is far from its spécialité when its figure differs
 * from the spécialité's by more than two standard deviations of that figure for n candidates drawn
 * from the spécialité: admission rate p_j with |p_j − p| > 2 √(p (1 − p) / n), mean average m_j with
 * |m_j − m| > 2 σ / √n (σ: the standard deviation of the spécialité's averages). Compared exactly,
 * squared: (p_j − p)² n > 4 p (1 − p), (m_j − m)² n > 4 σ². A jury alone in its spécialité, or
 * without decided candidates, is never flagged.
 */
export function deviation(jury: GroupFigures, spe: GroupFigures): Deviation {
  const n = jury.decided;
  if (n === 0 || spe.decided === 0 || jury.decided === spe.decided) return { rate: false, mean: false };
  const N = fromInt(spe.decided);
  const nR = fromInt(n);
  const p = div(fromInt(spe.admis), N);
  const pj = div(fromInt(jury.admis), nR);
  const dp = sub(pj, p);
  const rate = compare(mul(mul(dp, dp), nR), mul(fromInt(4), mul(p, sub(fromInt(1), p)))) > 0;
  const m = div(spe.sum, N);
  const mj = div(jury.sum, nR);
  const variance = sub(div(spe.sumSquares, N), mul(m, m));
  const dm = sub(mj, m);
  const mean = compare(mul(mul(dm, dm), nR), mul(fromInt(4), variance)) > 0;
  return { rate, mean };
}

export interface Tolerance {
  /** half-width of the admission-rate band, as a share (0..1) */
  readonly rate: number;
  /** half-width of the mean-average band, in points */
  readonly mean: number;
}

/**
 * The half-widths of `deviation`'s bands for a jury of `n` decided candidates, for display only
 * (the flag itself compares exactly): 2 √(p (1 − p) / n) and 2 σ / √n. Null when the rule does not
 * apply (no decided candidate, or the jury is the whole spécialité).
 */
export function tolerance(n: number, spe: GroupFigures): Tolerance | null {
  if (n === 0 || spe.decided === 0 || n === spe.decided) return null;
  const N = fromInt(spe.decided);
  const p = toNumberApprox(div(fromInt(spe.admis), N));
  const m = div(spe.sum, N);
  const variance = Math.max(0, toNumberApprox(sub(div(spe.sumSquares, N), mul(m, m))));
  return { rate: 2 * Math.sqrt((p * (1 - p)) / n), mean: 2 * Math.sqrt(variance / n) };
}
