// Display text of grades, averages and coefficients, the French way (truncated, decimal comma).
import { formatCoefficient, formatGrade } from '../../domain/grades.js';
import { formatFr, type Rational } from '../../domain/rational.js';
import type { UnitGrade } from '../../domain/rules/index.js';
import { DECISION_LABELS, type Decision, type GradeValue } from '../../domain/types.js';

export const gradeText = (g: GradeValue | undefined | null): string => formatGrade(g ?? undefined);

/** A rational truncated to 2 decimals ("9,95"), or null. */
export const ratText = (r: Rational | null | undefined): string | null => (r ? formatFr(r) : null);

export function unitGradeText(g: UnitGrade | 'ABS' | undefined): string {
  if (g === null || g === undefined) return '';
  return typeof g === 'string' ? g : formatFr(g);
}

export const coefText = (centi: number): string => formatCoefficient(centi);

export const decisionLabel = (d: Decision): string => DECISION_LABELS[d];

/** The 1st-group decisions, in the memo's order (positive, negative, then no decision). */
export const DECISIONS: readonly Decision[] = ['ADMIS', 'CONTROLE', 'REFUSE', 'INCOMPLET'];
export const DECISIONS_2 = ['ADMIS', 'REFUSE', 'INCOMPLET'] as const;
