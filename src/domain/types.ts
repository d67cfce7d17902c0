// Core domain shapes shared by every layer. Pure data: no I/O, no classes with behaviour.
//
// Numbers that decide results are integers: grades and coefficients are stored in hundredths
// (12,5 -> 1250; coefficient 1,5 -> 150). Averages are exact rationals (see rational.ts).

/** A grade on one leaf épreuve (or a contrôle grade). `undefined` means "no value" (missing). */
export type GradeValue =
  | { readonly kind: 'NOTE'; readonly hundredths: number }
  | { readonly kind: 'ABS' }
  | { readonly kind: 'AJ' }
  | { readonly kind: 'DI' };

export type GradeKind = GradeValue['kind'];

/** A contrôle (2nd group) grade: a number or ABS. */
export type ControleGradeValue = Extract<GradeValue, { kind: 'NOTE' } | { kind: 'ABS' }>;

export type Domaine = 'general' | 'professionnel';

/** A leaf épreuve (a sub-épreuve, or a unit without sub-épreuves, which is its own only leaf). */
export interface LeafDef {
  readonly code: string;
  readonly libelle: string;
  /** coefficient in hundredths (1 -> 100, 1,5 -> 150) */
  readonly coefCenti: number;
}

/** A unit (épreuve) of a spécialité, as the rules see it. */
export interface UnitDef {
  readonly code: string;
  readonly libelle: string;
  /** coefficient in hundredths */
  readonly coefCenti: number;
  readonly domaine: Domaine;
  /** may be chosen as an épreuve de contrôle (2nd group) */
  readonly controle: boolean;
  /** optional unit: only points above 10 count, as a bonus */
  readonly facultative: boolean;
  /** ECTS credits of the unit, when defined */
  readonly ects: number | null;
  /** leaves: the sub-épreuves, or [the unit itself with coefficient 100] when it has none */
  readonly leaves: readonly LeafDef[];
}

/** What the engine needs about one spécialité: its units in display order. */
export interface Ruleset {
  readonly units: readonly UnitDef[];
}

/** One candidate's inputs for the engine. Keys are leaf codes (grades) and unit codes (contrôle). */
export interface CandidateInput {
  readonly grades: Readonly<Record<string, GradeValue | undefined>>;
  /** the two units chosen for the contrôle (2nd group), when chosen */
  readonly controleChoices?: readonly [string, string] | null;
  /** contrôle grades by unit code */
  readonly controleGrades?: Readonly<Record<string, ControleGradeValue | undefined>>;
}

export type Decision = 'ADMIS' | 'CONTROLE' | 'REFUSE' | 'INCOMPLET';
export type Decision2 = 'ADMIS' | 'REFUSE' | 'INCOMPLET';

/** The French labels of decisions, as the memo prints them. */
export const DECISION_LABELS: Readonly<Record<Decision, string>> = {
  ADMIS: 'Admis',
  CONTROLE: 'Passe les épreuves de contrôle',
  REFUSE: 'Refusé',
  INCOMPLET: 'Incomplet',
};

export const JURY_STATES = ['000', '105', '110', '130', '140', '198', '200', '210', '211', '214', '218'] as const;
export type JuryState = (typeof JURY_STATES)[number];

export const JURY_STATE_LABELS: Readonly<Record<JuryState, string>> = {
  '000': 'Délibération non commencée',
  '105': 'Modification de notes avant la délibération du 1er groupe',
  '110': 'Délibération du 1er groupe',
  '130': 'Editions après la délibération du 1er groupe',
  '140': '1er groupe terminé en centre',
  '198': '1er groupe verrouillé en académie',
  '200': 'Recueil des notes du 2nd groupe',
  '210': 'Délibération du 2nd groupe',
  '211': 'Editions après la délibération du 2nd groupe',
  '214': '2nd groupe terminé en centre',
  '218': '2nd groupe verrouillé en académie',
};

export type Role = 'academie' | 'centre' | 'jury' | 'centre_epreuve';

/** Every role, in the order the académie lists them. */
export const ROLES: readonly Role[] = ['academie', 'centre', 'centre_epreuve', 'jury'];

/** Who of a jury's président / vice-président acts for the jury account (their name is journaled). */
export type ActingMember = 'president' | 'vice_president';

/** Who is acting: a role and its scope. */
export interface Actor {
  readonly role: Role;
  /** login of the account (journal "who") */
  readonly login: string;
  /** display name of the acting person (jury: président or vice-président by name) */
  readonly name: string;
  /** académie code for `academie`, UAI for `centre` / `centre_epreuve`, jury code for `jury` */
  readonly scope: string;
}

/** French names of the roles, for messages and screens. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  academie: "Service des examens de l'académie",
  centre: 'Chef de centre de délibération',
  jury: 'Président ou vice-président du jury',
  centre_epreuve: "Chef de centre d'épreuve",
};
