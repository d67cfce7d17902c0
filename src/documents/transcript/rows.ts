// What the RLN and the PVI print for a candidate, as text rows (pure): units and sub-épreuves,
// totals and averages, decisions, épreuves de contrôle. Numbers follow the memo's AZBTSUN example:
// "9.0/20", coefficients "3.0", points "27.00", "Total : 20.0", "Moyenne : 9.95/20" (truncated).

import { average, coefficient, decisionLabel, gradeValueText, points, unitGradeText } from '../format.js';
import type { TranscriptLeaf, TranscriptResult, TranscriptUnit } from '../model.js';
import type { Decision } from '../../domain/types.js';
import { compare, fromInt } from '../../domain/rational.js';
import type { UnitGrade } from '../../domain/rules/result.js';

export interface TranscriptRow {
  readonly label: string;
  readonly note: string;
  readonly coeff: string;
  readonly points: string;
  readonly ects: string;
  readonly observations: string;
  /** a sub-épreuve line (indented, smaller) */
  readonly leaf: boolean;
}

export interface SummaryRow {
  readonly label: string;
  readonly total: string;
  readonly points: string;
  readonly moyenne: string;
}

export const FOOTNOTES: readonly string[] = [
  '(1) : ECTS - Crédits européens (European Credits Transfer System). Les ECTS acquis les sessions précédentes sont conservés.',
  '(2) : Epreuve professionnelle.',
  '(3) : Epreuve générale pouvant être choisie en épreuve de contrôle.',
  "(4) : La meilleure note entre l'épreuve initiale et celle de contrôle correspondante est retenue pour la moyenne générale à l'issue des épreuves de contrôle.",
];

export const LEGAL_NOTICE =
  "Le présent document vaut ce que de droit jusqu'à délivrance du diplôme pour le candidat admis. Il n'en sera pas délivré de duplicata. Prévoir des copies en cas de besoin.";

export const NOTA =
  "NOTA: le changement de réglementation peut entraîner la modification ou la suppression de la validité des bénéficiaires ou des dispenses. Il est conseillé de se renseigner au plus tard lors de l'inscription à l'examen.";

export const DECISION_PREFIX = 'DECISION DU JURY: ';
export const PROPOSED_PREFIX = 'DECISION PROPOSEE: ';

export const BEST_GRADE_KEPT = 'Meilleure note retenue (4)';

/** Footnote marker of a unit: (2) professionnel, (3) général pouvant être choisi en contrôle. */
export function unitMarker(u: TranscriptUnit): string {
  if (u.facultative) return '';
  if (u.domaine === 'professionnel') return ' (2)';
  return u.controleEligible ? ' (3)' : '';
}

function unitObservations(u: TranscriptUnit): string {
  const notes: string[] = [];
  if (u.facultative) notes.push('Épreuve facultative');
  if (u.grade === 'DI') notes.push('Dispensé');
  else if (u.grade === 'ABS') notes.push('Absent');
  else if (u.grade === null && !u.facultative) notes.push('Note manquante');
  if (u.benefice) notes.push(`Bénéfice ${u.benefice}`);
  return notes.join(' - ');
}

function leafObservations(l: TranscriptLeaf): string {
  const notes: string[] = [];
  if (l.grade?.kind === 'DI') notes.push('Dispensé');
  else if (l.grade?.kind === 'AJ') notes.push('Absence justifiée');
  else if (l.grade?.kind === 'ABS') notes.push('Absent');
  if (l.benefice) notes.push(`Bénéfice ${l.benefice}`);
  return notes.join(' - ');
}

const TEN = fromInt(10);
const atLeastTen = (g: UnitGrade | Parameters<typeof compare>[0] | 'ABS' | null): boolean => g !== null && typeof g === 'object' && compare(g, TEN) >= 0;

/**
 * Per-unit credits (SPEC §3, memo's RLN): printed only for a candidate finally refused — admitted,
 * the decision line says 120; while CONTROLE (or incomplete) no credits at all. In the units table
 * beside a 1st-group grade ≥ 10 only; a unit the contrôle brought to 10 gets them on its contrôle row.
 */
function perUnitEcts(result: TranscriptResult): boolean {
  return result.finalDecision === 'REFUSE';
}

/** The rows of the units table: each unit, then its sub-épreuves. */
export function unitRows(units: readonly TranscriptUnit[], result: TranscriptResult): TranscriptRow[] {
  const rows: TranscriptRow[] = [];
  const withEcts = perUnitEcts(result);
  for (const u of units) {
    if (u.facultative && u.grade === null) continue; // optional unit not taken
    rows.push({
      label: `${u.code} ${u.libelle}${unitMarker(u)}`,
      note: unitGradeText(u.grade),
      coeff: coefficient(u.coefCenti),
      points: u.facultative ? points(u.bonus) : points(u.points),
      ects: withEcts && u.ects !== null && atLeastTen(u.grade) ? String(u.ects) : '',
      observations: unitObservations(u),
      leaf: false,
    });
    for (const l of u.leaves) {
      rows.push({
        label: l.libelle,
        note: gradeValueText(l.grade),
        coeff: coefficient(l.coefCenti),
        points: '',
        ects: '',
        observations: leafObservations(l),
        leaf: true,
      });
    }
  }
  return rows;
}

const moyenne = (r: Parameters<typeof average>[0]): string => (r ? `Moyenne : ${average(r)}/20` : 'Moyenne : -');

/** "RÉSULTAT : Épreuves … Moyenne : 9.95/20" and "Épreuves professionnelles … Moyenne : 10.00/20". */
export function group1Summary(result: TranscriptResult): SummaryRow[] {
  const g = result.group1;
  const rows: SummaryRow[] = [
    { label: 'RÉSULTAT : Épreuves', total: `Total : ${coefficient(g.totalCoefCenti)}`, points: points(g.totalPoints), moyenne: moyenne(g.moyenne) },
  ];
  if (g.moyennePro) {
    rows.push({ label: 'Épreuves professionnelles', total: `Total : ${coefficient(g.totalCoefProCenti)}`, points: points(g.totalPointsPro), moyenne: moyenne(g.moyennePro) });
  }
  return rows;
}

/** The épreuves de contrôle are printed once the 2nd group is decided. */
export function hasControleResult(result: TranscriptResult): boolean {
  return result.group2 !== null && result.group2.decision !== 'INCOMPLET';
}

/** "DECISION DU JURY: Admis CRÉDITS EUROPÉENS (ECTS) : 120 crédits" (ECTS once the decision is final). */
export function decisionLine(decision: Decision, ects: number | null, prefix = DECISION_PREFIX): string {
  const base = `${prefix}${decisionLabel(decision)}`;
  if (ects === null || ects <= 0) return base;
  return `${base} CRÉDITS EUROPÉENS (ECTS) : ${ects} crédit${ects > 1 ? 's' : ''}`;
}

/** The 1st-group decision line: ECTS printed only when it is final (not CONTROLE, not INCOMPLET). */
export function group1DecisionLine(result: TranscriptResult, prefix = DECISION_PREFIX): string {
  const d = result.group1.decision;
  const final = d === 'ADMIS' || d === 'REFUSE';
  return decisionLine(d, final ? result.ects : null, prefix);
}

/** The rows of the contrôle table (in the order of the candidate's choices). */
export function controleRows(units: readonly TranscriptUnit[], result: TranscriptResult): TranscriptRow[] {
  const choices = result.group2?.choices ?? [];
  const chosen = choices.map((code) => units.find((u) => u.code === code)).filter((u): u is TranscriptUnit => !!u && !!u.controle);
  const withEcts = perUnitEcts(result);
  return chosen.map((u) => ({
    label: `${u.code} ${u.libelle}`,
    note: gradeValueText(u.controle!.grade),
    coeff: '',
    points: '',
    ects: withEcts && u.ects !== null && !atLeastTen(u.grade) && atLeastTen(u.controle!.retained) ? String(u.ects) : '',
    observations: u.controle!.meilleureNoteRetenue ? BEST_GRADE_KEPT : '',
    leaf: false,
  }));
}

export function group2Summary(result: TranscriptResult): SummaryRow | null {
  const g = result.group2;
  if (!g) return null;
  return { label: 'RÉSULTAT : Épreuves de contrôle', total: `Total : ${coefficient(g.totalCoefCenti)}`, points: points(g.totalPoints), moyenne: moyenne(g.moyenne) };
}

export function group2DecisionLine(result: TranscriptResult, prefix = DECISION_PREFIX): string {
  const g = result.group2;
  if (!g) return '';
  return decisionLine(g.decision, g.decision === 'INCOMPLET' ? null : result.ects, prefix);
}
