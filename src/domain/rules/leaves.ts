// Per-leaf detail of a unit, for the PVI (procès-verbal individuel): each sub-épreuve with its
// grade, coefficient and points. The engine itself works on units (bts.ts).

import { ratio, type Rational } from '../rational.js';
import type { CandidateInput, GradeValue, LeafDef, UnitDef } from '../types.js';

export interface LeafResult {
  readonly code: string;
  readonly libelle: string;
  readonly coefCenti: number;
  /** the leaf grade as given; undefined when missing */
  readonly grade: GradeValue | undefined;
  /** a number or AJ (0) or ABS (0): enters the unit mean; DI and missing do not */
  readonly counted: boolean;
  /** grade × coefficient (AJ/ABS -> 0) when counted */
  readonly points: Rational | null;
}

export function leafResult(leaf: LeafDef, grade: GradeValue | undefined | null): LeafResult {
  const g = grade ?? undefined;
  let points: Rational | null = null;
  if (g !== undefined && g.kind !== 'DI') points = g.kind === 'NOTE' ? ratio(g.hundredths * leaf.coefCenti, 10000) : ratio(0, 1);
  return { code: leaf.code, libelle: leaf.libelle, coefCenti: leaf.coefCenti, grade: g, counted: points !== null, points };
}

/** The leaves of a unit with the candidate's grades, in ruleset order. */
export function leafDetails(unit: UnitDef, grades: CandidateInput['grades']): LeafResult[] {
  return unit.leaves.map((leaf) => leafResult(leaf, grades[leaf.code]));
}

/** true when the unit is its own only leaf (no sub-épreuves to display) */
export function isSingleLeaf(unit: UnitDef): boolean {
  return unit.leaves.length === 1 && unit.leaves[0]!.code === unit.code;
}
