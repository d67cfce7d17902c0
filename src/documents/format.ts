// How documents print numbers and labels. One format in every document, PDF and CSV alike (issue
// #14): two decimals and the decimal comma ("9,95/20", "9,00/20", "3,00", "68,97%"). Averages and
// points are TRUNCATED to 2 decimals (domain formatters); grades have at most 2 decimals anyway.

import { formatHundredths } from '../domain/grades.js';
import { formatDot, formatFr, type Rational } from '../domain/rational.js';
import type { UnitGrade } from '../domain/rules/result.js';
import { DECISION_LABELS, type Decision, type GradeValue } from '../domain/types.js';
import type { Etablissement } from './model.js';

export type DecimalSep = '.' | ',';

/** "LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)" */
export function etablissementLabel(e: Etablissement | null | undefined): string {
  if (!e) return '';
  const ville = e.ville ? ` – ${e.ville}` : '';
  return `${e.libelle}${ville} (${e.uai})`;
}

/** "02319252150 - 001" */
export function candidateNumber(numero: string, inscription: string): string {
  return `${numero} - ${inscription}`;
}

/** An average, truncated to 2 decimals: "9,95" (or "9.95"); null -> "". */
export function average(r: Rational | null | undefined, sep: DecimalSep = ','): string {
  if (!r) return '';
  return sep === '.' ? formatDot(r) : formatFr(r);
}

/** A grade (a unit's exact mean): truncated, two decimals: "9,00", "12,50", "11,83". */
export function gradeNumber(r: Rational, sep: DecimalSep = ','): string {
  return average(r, sep);
}

/** A grade in hundredths, same style: 900 -> "9,00". */
export function gradeHundredths(h: number, sep: DecimalSep = ','): string {
  return formatHundredths(h, sep);
}

/** A coefficient in hundredths: 300 -> "3,00", 150 -> "1,50". */
export function coefficient(centi: number, sep: DecimalSep = ','): string {
  return gradeHundredths(centi, sep);
}

/** Points (grade × coefficient), 2 decimals truncated: "27,00". */
export function points(r: Rational | null | undefined, sep: DecimalSep = ','): string {
  return average(r, sep);
}

/** A unit grade for the "Note" column: "9,00/20", "ABS", "DI", "" when missing. */
export function unitGradeText(g: UnitGrade, sep: DecimalSep = ',', suffix = '/20'): string {
  if (g === null) return '';
  if (g === 'ABS' || g === 'DI') return g;
  return gradeNumber(g, sep) + suffix;
}

/** A leaf (or contrôle) grade: "6,00/20", "ABS", "AJ", "DI", "" when missing. */
export function gradeValueText(g: GradeValue | null | undefined, sep: DecimalSep = ',', suffix = '/20'): string {
  if (!g) return '';
  return g.kind === 'NOTE' ? gradeHundredths(g.hundredths, sep) + suffix : g.kind;
}

export function decisionLabel(d: Decision): string {
  return DECISION_LABELS[d];
}

/**
 * A share as a percentage with 2 decimals, computed on integers and rounded half up:
 * 20/29 -> "68,97%"; exactly 100 % -> "100%" as the memo prints it; total 0 -> "-".
 */
export function percentage(count: number, total: number, sep: DecimalSep = ','): string {
  if (total <= 0) return '-';
  if (count === total) return '100%';
  const hundredths = Math.floor((2 * count * 10000 + total) / (2 * total));
  return `${formatHundredths(hundredths, sep)}%`;
}
