// The search criteria of SPEC §6 (RLN selection): a field, an operator, values; criteria combine
// with AND. Pure: field definitions, validation, and the predicate for the fields computed in code
// (the décision). Database fields are compiled to parameterized SQL in data/criteria-sql.ts; nothing
// from the input ever becomes SQL text.
import { DECISION_LABELS, type Decision } from '../../domain/types.js';

export const CRITERION_OPERATORS = ['egal', 'different', 'contient', 'commence-par', 'parmi'] as const;
export type CriterionOperator = (typeof CRITERION_OPERATORS)[number];

export const OPERATOR_LABELS: Readonly<Record<CriterionOperator, string>> = {
  egal: 'Egal',
  different: "N'est pas égal à",
  contient: 'Contient',
  'commence-par': 'Commence par',
  parmi: 'Parmi',
};

export const CRITERION_FIELDS = [
  'numero-candidat', 'numero-inscription', 'nom', 'prenoms', 'date-naissance', 'sexe', 'ine', 'specialite', 'jury', 'categorie',
  'forme-passage', 'etablissement-inscription', 'centre-epreuve', 'decision', 'presume-fraudeur', 'liste-rouge', 'handicap',
] as const;
export type CriterionField = (typeof CRITERION_FIELDS)[number];

export type FieldType = 'text' | 'date' | 'boolean' | 'choice';

export interface FieldInfo {
  readonly label: string;
  readonly type: FieldType;
  /** values offered for a choice or boolean field (value, label) */
  readonly choices?: readonly (readonly [string, string])[];
  /** computed (not a column): filtered in code after evaluation */
  readonly computed?: boolean;
}

const YES_NO = [['oui', 'Oui'], ['non', 'Non']] as const;

export const FIELD_INFO: Readonly<Record<CriterionField, FieldInfo>> = {
  'numero-candidat': { label: 'N° Candidat', type: 'text' },
  'numero-inscription': { label: 'N° Inscription', type: 'text' },
  nom: { label: 'Nom de famille', type: 'text' },
  prenoms: { label: 'Prénoms', type: 'text' },
  'date-naissance': { label: 'Date de naissance', type: 'date' },
  sexe: { label: 'Sexe', type: 'choice', choices: [['M', 'Masculin'], ['F', 'Féminin']] },
  ine: { label: 'INE', type: 'text' },
  specialite: { label: 'Spécialité', type: 'text' },
  jury: { label: 'Jury', type: 'text' },
  categorie: { label: 'Catégorie du candidat', type: 'text' },
  'forme-passage': { label: 'Forme de passage', type: 'choice', choices: [['GLOBALE', 'Globale'], ['PROGRESSIVE', 'Progressive']] },
  'etablissement-inscription': { label: "Etablissement d'inscription", type: 'text' },
  'centre-epreuve': { label: "Centre d'épreuve", type: 'text' },
  decision: {
    label: 'Décision', type: 'choice', computed: true,
    choices: (['ADMIS', 'CONTROLE', 'REFUSE', 'INCOMPLET'] as const).map((d) => [d, DECISION_LABELS[d]] as const),
  },
  'presume-fraudeur': { label: 'Présumé fraudeur', type: 'boolean', choices: YES_NO },
  'liste-rouge': { label: 'Liste rouge', type: 'boolean', choices: YES_NO },
  handicap: { label: 'Handicap', type: 'boolean', choices: YES_NO },
};

export interface Criterion {
  readonly field: CriterionField;
  readonly op: CriterionOperator;
  /** one value, or several for "parmi" */
  readonly values: readonly string[];
}

/** Operators that make sense for a type of field. */
export function operatorsFor(type: FieldType): readonly CriterionOperator[] {
  return type === 'text' ? CRITERION_OPERATORS : ['egal', 'different', 'parmi'];
}

const FR_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** "01/09/2002" -> "2002-09-01"; null when not a date. */
export function isoDate(value: string): string | null {
  const m = FR_DATE.exec(value.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** French reasons why a criterion is invalid (empty when valid). */
export function criterionProblems(c: Criterion): string[] {
  const info = FIELD_INFO[c.field];
  const out: string[] = [];
  if (!operatorsFor(info.type).includes(c.op)) out.push(`Opérateur « ${OPERATOR_LABELS[c.op]} » non applicable au critère « ${info.label} »`);
  const values = c.values.map((v) => v.trim()).filter(Boolean);
  if (values.length === 0) out.push(`Critère « ${info.label} » : valeur manquante`);
  if (c.op !== 'parmi' && values.length > 1) out.push(`Critère « ${info.label} » : une seule valeur attendue (utilisez « Parmi »)`);
  if (info.type === 'date') {
    for (const v of values) if (!isoDate(v)) out.push(`Critère « ${info.label} » : date invalide « ${v} » (jj/mm/aaaa)`);
  }
  if ((info.type === 'boolean' || info.type === 'choice') && info.choices) {
    const allowed = info.choices.map(([v]) => v.toLowerCase());
    for (const v of values) if (!allowed.includes(v.toLowerCase()) && !decisionCode(v, c.field)) out.push(`Critère « ${info.label} » : valeur « ${v} » inconnue`);
  }
  return out;
}

function decisionCode(value: string, field: CriterionField): Decision | null {
  if (field !== 'decision') return null;
  const v = value.trim().toLowerCase();
  for (const [code, label] of Object.entries(DECISION_LABELS) as [Decision, string][]) {
    if (code.toLowerCase() === v || label.toLowerCase() === v) return code;
  }
  return null;
}

/** Whether the criteria mention a field (e.g. présumé fraudeur explicitly selected). */
export function mentions(criteria: readonly Criterion[], field: CriterionField): boolean {
  return criteria.some((c) => c.field === field);
}

/** The criteria computed in code (not compiled to SQL). */
export function computedCriteria(criteria: readonly Criterion[]): Criterion[] {
  return criteria.filter((c) => FIELD_INFO[c.field].computed);
}

/** The predicate of the computed criteria on a candidate's décision. */
export function matchesDecision(criteria: readonly Criterion[], decision: Decision): boolean {
  return computedCriteria(criteria).every((c) => {
    const codes = c.values.map((v) => decisionCode(v, 'decision'));
    const hit = codes.includes(decision);
    return c.op === 'different' ? !hit : hit;
  });
}
