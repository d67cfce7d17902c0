// The parameters of an exam's rules (thresholds, ECTS) and the shared helpers of its engine.

import { ratio, type Rational } from '../rational.js';
import type { UnitResult } from './result.js';
import type { Thresholds } from './trace.js';

/** The parameters that make an exam's rules: thresholds in hundredths of a point, ECTS. */
export interface ExamParams extends Thresholds {
  readonly exam: string;
  /** recorded in every result, so that a decision can be traced to the rules that made it */
  readonly version: string;
  /** an optional unit only adds the points above this grade (hundredths) */
  readonly bonusBaseCenti: number;
  /** a unit grade from which its ECTS are acquired (hundredths) */
  readonly ectsUnitMinCenti: number;
  /** ECTS of the diploma, granted when admitted */
  readonly ectsAdmis: number;
}

export const BTS_PARAMS: ExamParams = Object.freeze({
  exam: 'BTS',
  version: 'BTS-2024.1',
  admisCenti: 1000,
  controleMinCenti: 800,
  proMinCenti: 1000,
  bonusBaseCenti: 1000,
  ectsUnitMinCenti: 1000,
  ectsAdmis: 120,
});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type MutableUnit = Mutable<UnitResult>;

export const EMPTY: readonly string[] = Object.freeze([]);

export interface Limits {
  readonly admis: Rational;
  readonly controleMin: Rational;
  readonly proMin: Rational;
}
/** The thresholds as Rationals (an evaluator makes them once, bts.ts). */
export function limitsOf(p: ExamParams): Limits {
  return { admis: ratio(p.admisCenti, 100), controleMin: ratio(p.controleMinCenti, 100), proMin: ratio(p.proMinCenti, 100) };
}
