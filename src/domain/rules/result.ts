// What the decision engine returns: decisions, exact averages, per-unit detail and the trace of the
// rule that fired. Pure data (Rationals from ../rational.ts), ready for the PVI, lists and exports.

import type { Rational } from '../rational.js';
import type { ControleGradeValue, Decision, Decision2, Domaine } from '../types.js';

/** Stable identifiers of the rules that can decide a group. */
export const GROUP1_RULE_IDS = [
  'INCOMPLET_UNITE_MANQUANTE',
  'INCOMPLET_AUCUNE_UNITE',
  'REFUSE_ABSENCE',
  'ADMIS_MOYENNE',
  'CONTROLE_MOYENNE_PRO',
  'CONTROLE_SANS_EPREUVE_PRO',
  'REFUSE_MOYENNE_PRO',
  'REFUSE_MOYENNE',
] as const;

export const GROUP2_RULE_IDS = [
  'CONTROLE_INCOMPLET_CHOIX',
  'CONTROLE_CHOIX_INVALIDE',
  'CONTROLE_INCOMPLET_NOTE',
  'ADMIS_CONTROLE',
  'REFUSE_CONTROLE',
] as const;

export type Group1RuleId = (typeof GROUP1_RULE_IDS)[number];
export type Group2RuleId = (typeof GROUP2_RULE_IDS)[number];
export type RuleId = Group1RuleId | Group2RuleId;

/** Why a group got its decision: a stable rule id and a French sentence for people. */
export interface Trace<R extends RuleId = RuleId> {
  readonly rule: R;
  readonly message: string;
}

/** A unit grade: exact mean of its leaves, 'ABS', 'DI' (every leaf DI), or null (a leaf is missing). */
export type UnitGrade = Rational | 'ABS' | 'DI' | null;

export interface UnitControleResult {
  /** the contrôle grade, null while not entered */
  readonly grade: ControleGradeValue | null;
  /** the grade retained for moyenne_2 (better of initial and contrôle); null while the contrôle grade is missing */
  readonly retained: Rational | 'ABS' | null;
  /** the contrôle grade is strictly better and replaces the initial one ("Meilleure note retenue") */
  readonly meilleureNoteRetenue: boolean;
  /** retained × coefficient (ABS counts 0); null while the contrôle grade is missing */
  readonly points: Rational | null;
}

export interface UnitResult {
  readonly code: string;
  readonly libelle: string;
  /** coefficient in hundredths */
  readonly coefCenti: number;
  readonly domaine: Domaine;
  readonly facultative: boolean;
  /** may be chosen as an épreuve de contrôle */
  readonly controleEligible: boolean;
  readonly ects: number | null;
  /** initial unit grade */
  readonly grade: UnitGrade;
  /**
   * counted in the 1st-group average: a compulsory unit that is neither DI nor missing (ABS counts 0);
   * a facultative unit that has a number (it only adds its bonus)
   */
  readonly counted: boolean;
  /** grade × coefficient (ABS -> 0) when counted, else null */
  readonly points: Rational | null;
  /** facultative unit: max(0, grade − 10) × coefficient when counted, else null */
  readonly bonus: Rational | null;
  /** 2nd-group detail when the unit is one of the candidate's (valid) contrôle choices */
  readonly controle: UnitControleResult | null;
  /** the grade in force at the end: the retained one after contrôle if any, else the initial grade */
  readonly finalGrade: UnitGrade;
  /** the final grade is ≥ 10 and the unit defines ECTS */
  readonly ectsAcquis: boolean;
}

export interface Group1Result {
  readonly decision: Decision;
  /** (Σ note×coef + bonus) / Σ coef; null when INCOMPLET */
  readonly moyenne: Rational | null;
  /** over counted compulsory professionnel units, no bonus; null when none counted or INCOMPLET */
  readonly moyennePro: Rational | null;
  /** Σ note×coef + bonus (numerator of moyenne); null when INCOMPLET */
  readonly totalPoints: Rational | null;
  /** Σ coef of counted compulsory units, hundredths */
  readonly totalCoefCenti: number;
  /** Σ note×coef over counted professionnel units; null when none counted or INCOMPLET */
  readonly totalPointsPro: Rational | null;
  readonly totalCoefProCenti: number;
  /** Σ bonus of facultative units */
  readonly bonus: Rational;
  /** compulsory units without a grade (ruleset order) */
  readonly missingUnits: readonly string[];
  /** compulsory units at ABS (ruleset order) */
  readonly absentUnits: readonly string[];
  readonly trace: Trace<Group1RuleId>;
}

export interface Group2Result {
  readonly decision: Decision2;
  /** the two chosen units, as given (null when not chosen) */
  readonly choices: readonly [string, string] | null;
  /** moyenne after contrôle (same formula, bonus included); null unless decided */
  readonly moyenne: Rational | null;
  readonly totalPoints: Rational | null;
  readonly totalCoefCenti: number;
  /** chosen units still without a contrôle grade */
  readonly missingControleGrades: readonly string[];
  readonly trace: Trace<Group2RuleId>;
}

export interface CandidateResult {
  /** the exam and version of the rules that decided, e.g. "BTS-2024.1" */
  readonly rulesVersion: string;
  /** one entry per unit of the ruleset, in ruleset order */
  readonly units: readonly UnitResult[];
  readonly group1: Group1Result;
  /** present only when group1.decision is CONTROLE */
  readonly group2: Group2Result | null;
  /**
   * Where the candidate stands: group 1 decision, replaced by the 2nd-group decision once it is
   * ADMIS or REFUSE (stays CONTROLE while the 2nd group is incomplete).
   */
  readonly finalDecision: Decision;
  /** 120 when finally admitted, else Σ ECTS of units whose final grade is ≥ 10 */
  readonly ects: number;
}
