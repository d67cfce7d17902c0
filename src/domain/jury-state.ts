// The jury lifecycle (SPEC §2) as ONE transition table, the exceptional changes of
// "Gérer l'avancement des jurys", and the named predicates every other file uses instead of
// comparing state codes.

import { CENTRE_GROUP_STATES, compareStates, groupOf } from './jury-state-order.js';
import { JURY_STATE_LABELS, JURY_STATES, type ActingMember, type JuryState, type Role } from './types.js';

export * from './jury-state-order.js';

export const JURY_ACTIONS = [
  'OUVRIR_MODIFICATION_NOTES',
  'OUVRIR_DELIBERATION_1',
  'CLOTURER_DELIBERATION_1',
  'TERMINER_GROUPE_1',
  'VERROUILLER_GROUPE_1',
  'OUVRIR_RECUEIL_2',
  'CLOTURER_SANS_GROUPE_2',
  'OUVRIR_DELIBERATION_2',
  'CLOTURER_DELIBERATION_2',
  'TERMINER_GROUPE_2',
  'VERROUILLER_GROUPE_2',
] as const;
export type JuryAction = (typeof JURY_ACTIONS)[number];

export function isJuryAction(x: string): x is JuryAction {
  return (JURY_ACTIONS as readonly string[]).includes(x);
}

export function isJuryState(x: string): x is JuryState {
  return (JURY_STATES as readonly string[]).includes(x);
}

/** Facts the guards need. A guard whose fact is absent fails (MISSING_CONTEXT): it never passes by default. */
export interface TransitionContext {
  readonly role: Role;
  /**
   * Transitions of a jury account (the closings): who of the président / vice-président acts. Their
   * name signs the change in the journal, so it is required; absent or null, the change is refused.
   */
  readonly actingMember?: ActingMember | null;
  /** 110 → 130: the missing grades (one description each, e.g. "02319252150 - 001 : U3") */
  readonly missingGrades?: readonly string[];
  /** 110 → 130: candidates without a decision (INCOMPLET) */
  readonly incompleteCandidates?: readonly string[];
  /** 198 → 200 / 198 → 218: number of candidates at CONTROLE */
  readonly controleCount?: number;
  /** 200 → 210: missing 2nd-group choices or grades (one description each) */
  readonly missingControleGrades?: readonly string[];
  /** 210 → 211: 2nd-group candidates without a decision */
  readonly incompleteControleCandidates?: readonly string[];
}

export type TransitionErrorCode =
  | 'UNKNOWN_ACTION'
  | 'FORBIDDEN_ROLE'
  | 'INVALID_STATE'
  | 'ACTING_MEMBER_REQUIRED'
  | 'MISSING_CONTEXT'
  | 'MISSING_GRADES'
  | 'INCOMPLETE_CANDIDATES'
  | 'NO_CONTROLE_CANDIDATE'
  | 'HAS_CONTROLE_CANDIDATES'
  | 'MISSING_CONTROLE_GRADES'
  | 'INCOMPLETE_CONTROLE_CANDIDATES'
  | 'REASON_REQUIRED'
  | 'SAME_STATE'
  | 'UNKNOWN_STATE'
  | 'EXCEPTIONAL_NOT_ALLOWED'
  | 'OPEN_DOUBLE_ENTRIES';

export interface TransitionFailure {
  readonly ok: false;
  readonly code: TransitionErrorCode;
  /** French, ready for the screen */
  readonly message: string;
  /** the items that block (missing grades, candidates...), when the refusal lists them */
  readonly details?: readonly string[];
}

export type TransitionResult = { readonly ok: true; readonly to: JuryState; readonly action: JuryAction } | TransitionFailure;

type Guard = (ctx: TransitionContext) => TransitionFailure | null;

export interface TransitionRule {
  readonly from: readonly JuryState[];
  readonly action: JuryAction;
  readonly to: JuryState;
  readonly role: Role;
  /** the memo's label of the action */
  readonly label: string;
  readonly guard?: Guard;
}

function failure(code: TransitionErrorCode, message: string, details?: readonly string[]): TransitionFailure {
  return details === undefined ? { ok: false, code, message } : { ok: false, code, message, details };
}

const LIST_MAX = 10;
function enumerate(items: readonly string[]): string {
  const shown = items.slice(0, LIST_MAX).join(' ; ');
  return items.length > LIST_MAX ? `${shown} … et ${items.length - LIST_MAX} autre(s)` : shown;
}

function missingFact(what: string): TransitionFailure {
  return failure('MISSING_CONTEXT', `Vérification impossible : information manquante (${what})`);
}

const closeGroup1: Guard = (ctx) => {
  if (ctx.missingGrades === undefined) return missingFact('notes manquantes');
  if (ctx.incompleteCandidates === undefined) return missingFact('candidats sans décision');
  if (ctx.missingGrades.length > 0) {
    const n = ctx.missingGrades.length;
    return failure('MISSING_GRADES', `Clôture impossible : ${n} note(s) manquante(s) : ${enumerate(ctx.missingGrades)}`, ctx.missingGrades);
  }
  if (ctx.incompleteCandidates.length > 0) {
    const n = ctx.incompleteCandidates.length;
    return failure('INCOMPLETE_CANDIDATES', `Clôture impossible : ${n} candidat(s) sans décision : ${enumerate(ctx.incompleteCandidates)}`, ctx.incompleteCandidates);
  }
  return null;
};

const withControle: Guard = (ctx) => {
  if (ctx.controleCount === undefined) return missingFact('nombre de candidats aux épreuves de contrôle');
  if (ctx.controleCount === 0) {
    return failure('NO_CONTROLE_CANDIDATE', "Aucun candidat n'est admis aux épreuves de contrôle : utiliser « Clôturer sans 2nd groupe »");
  }
  return null;
};

const withoutControle: Guard = (ctx) => {
  if (ctx.controleCount === undefined) return missingFact('nombre de candidats aux épreuves de contrôle');
  if (ctx.controleCount > 0) {
    return failure('HAS_CONTROLE_CANDIDATES', `${ctx.controleCount} candidat(s) passent les épreuves de contrôle : ouvrir le recueil des notes du 2nd groupe`);
  }
  return null;
};

const openGroup2: Guard = (ctx) => {
  if (ctx.missingControleGrades === undefined) return missingFact('notes du 2nd groupe manquantes');
  if (ctx.missingControleGrades.length > 0) {
    const n = ctx.missingControleGrades.length;
    return failure('MISSING_CONTROLE_GRADES', `Ouverture impossible : ${n} note(s) du 2nd groupe manquante(s) : ${enumerate(ctx.missingControleGrades)}`, ctx.missingControleGrades);
  }
  return null;
};

const closeGroup2: Guard = (ctx) => {
  if (ctx.incompleteControleCandidates === undefined) return missingFact('candidats du 2nd groupe sans décision');
  if (ctx.incompleteControleCandidates.length > 0) {
    const n = ctx.incompleteControleCandidates.length;
    return failure('INCOMPLETE_CONTROLE_CANDIDATES', `Clôture impossible : ${n} candidat(s) du 2nd groupe sans décision : ${enumerate(ctx.incompleteControleCandidates)}`, ctx.incompleteControleCandidates);
  }
  return null;
};

/** THE transition table: the only changes the normal activities may perform. */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: ['000'], action: 'OUVRIR_MODIFICATION_NOTES', to: '105', role: 'academie', label: 'Ouvrir la modification des notes' },
  { from: ['000', '105'], action: 'OUVRIR_DELIBERATION_1', to: '110', role: 'academie', label: 'Ouvrir la délibération du 1er groupe' },
  { from: ['110'], action: 'CLOTURER_DELIBERATION_1', to: '130', role: 'jury', label: 'Clôturer la délibération du 1er groupe', guard: closeGroup1 },
  { from: ['130'], action: 'TERMINER_GROUPE_1', to: '140', role: 'centre', label: 'Terminer le 1er groupe' },
  { from: ['140'], action: 'VERROUILLER_GROUPE_1', to: '198', role: 'academie', label: 'Verrouiller le 1er groupe' },
  { from: ['198'], action: 'OUVRIR_RECUEIL_2', to: '200', role: 'academie', label: 'Ouvrir le recueil des notes du 2nd groupe', guard: withControle },
  { from: ['198'], action: 'CLOTURER_SANS_GROUPE_2', to: '218', role: 'academie', label: 'Clôturer sans 2nd groupe', guard: withoutControle },
  { from: ['200'], action: 'OUVRIR_DELIBERATION_2', to: '210', role: 'centre', label: 'Ouvrir la délibération du 2nd groupe', guard: openGroup2 },
  { from: ['210'], action: 'CLOTURER_DELIBERATION_2', to: '211', role: 'jury', label: 'Clôturer la délibération du 2nd groupe', guard: closeGroup2 },
  { from: ['211'], action: 'TERMINER_GROUPE_2', to: '214', role: 'centre', label: 'Terminer le 2nd groupe' },
  { from: ['214'], action: 'VERROUILLER_GROUPE_2', to: '218', role: 'academie', label: 'Verrouiller le 2nd groupe' },
];

const BY_ACTION: ReadonlyMap<JuryAction, TransitionRule> = new Map(TRANSITIONS.map((t) => [t.action, t]));

export const JURY_ACTION_LABELS: Readonly<Record<JuryAction, string>> = Object.fromEntries(
  TRANSITIONS.map((t) => [t.action, t.label]),
) as Record<JuryAction, string>;

export function transitionRule(action: JuryAction): TransitionRule {
  return BY_ACTION.get(action)!;
}

/** "130 Editions après la délibération du 1er groupe" */
export function stateLabel(state: JuryState): string {
  return `${state} ${JURY_STATE_LABELS[state]}`;
}

/** "réservé au …" */
const RESERVED_TO: Readonly<Record<Role, string>> = {
  academie: "au service des examens de l'académie",
  centre: 'au chef de centre de délibération',
  jury: 'au président ou au vice-président du jury',
  centre_epreuve: "au chef de centre d'épreuve",
};

/** A normal action on a jury in `state`, by ctx.role, with the guard facts of ctx. */
export function transition(state: JuryState, action: string, ctx: TransitionContext): TransitionResult {
  const rule = isJuryAction(action) ? BY_ACTION.get(action) : undefined;
  if (!rule) return failure('UNKNOWN_ACTION', `Action inconnue : « ${action} »`);
  if (ctx.role !== rule.role) {
    return failure('FORBIDDEN_ROLE', `« ${rule.label} » est réservé ${RESERVED_TO[rule.role]}`);
  }
  if (!rule.from.includes(state)) {
    const expected = rule.from.map(stateLabel).join(' ou ');
    return failure('INVALID_STATE', `« ${rule.label} » est impossible pour un jury à l'état ${stateLabel(state)} : état requis ${expected}`);
  }
  // every change a jury account makes is signed by the member who deliberates (whatever the route)
  if (rule.role === 'jury' && !ctx.actingMember) {
    return failure('ACTING_MEMBER_REQUIRED', `« ${rule.label} » : indiquez d’abord qui délibère (président ou vice-président du jury) : son nom signe la clôture au journal`);
  }
  const refused = rule.guard?.(ctx) ?? null;
  return refused ?? { ok: true, to: rule.to, action: rule.action };
}

// ---- Exceptional changes: "Gérer l'avancement des jurys" --------------------------------------

export type ExceptionalResult =
  | { readonly ok: true; readonly from: JuryState; readonly to: JuryState; readonly reason: string }
  | TransitionFailure;

/**
 * States `role` may set by an exceptional change: académie any other state; centre an earlier state
 * of the same group, never into or out of 198/218; nobody else.
 */
export function exceptionalTargets(state: JuryState, role: Role): JuryState[] {
  if (role === 'academie') return JURY_STATES.filter((s) => s !== state);
  if (role !== 'centre') return [];
  const same = CENTRE_GROUP_STATES[groupOf(state)];
  if (!same.includes(state)) return [];
  return same.filter((s) => compareStates(s, state) < 0);
}

/** What an exceptional change must know besides the states: the open double entries of the jury. */
export interface ExceptionalContext {
  /** 2nd-group grades typed under double entry and not in force yet (one description each) */
  readonly openDoubleEntries?: readonly string[];
  /** the académie confirms the change over them (with its reason): they stay open and listed */
  readonly overrideOpenDoubleEntries?: boolean;
}

/**
 * An exceptional state change, with its mandatory reason (journaled by the caller). Refused over open
 * double entries (listed), unless the académie confirms it: a state change must not make a typed but
 * unconfirmed grade vanish or count.
 */
export function exceptionalTransition(
  from: JuryState, to: string, role: Role, reason: string | null | undefined, ctx: ExceptionalContext = {},
): ExceptionalResult {
  if (role !== 'academie' && role !== 'centre') {
    return failure('FORBIDDEN_ROLE', "Le changement exceptionnel d'état d'un jury est réservé à l'académie et au chef de centre de délibération");
  }
  if (!isJuryState(to)) return failure('UNKNOWN_STATE', `État de jury inconnu : « ${to} »`);
  if (from === to) return failure('SAME_STATE', `Le jury est déjà à l'état ${stateLabel(from)}`);
  if (!exceptionalTargets(from, role).includes(to)) {
    return failure(
      'EXCEPTIONAL_NOT_ALLOWED',
      `Passage de l'état ${from} à l'état ${to} refusé : le chef de centre ne peut que ramener un jury à un état antérieur du même groupe, sans passer par 198 ni 218`,
    );
  }
  const why = (reason ?? '').trim();
  if (why === '') return failure('REASON_REQUIRED', "Le motif du changement d'état est obligatoire");
  const open = ctx.openDoubleEntries ?? [];
  if (open.length > 0 && !(role === 'academie' && ctx.overrideOpenDoubleEntries === true)) {
    const how = role === 'academie'
      ? "résolvez-les (seconde saisie ou arbitrage) ou confirmez le changement avec son motif : elles resteront ouvertes et listées"
      : "résolvez-les d'abord (seconde saisie ou arbitrage)";
    return failure('OPEN_DOUBLE_ENTRIES', `Changement d'état refusé : ${open.length} note(s) du 2nd groupe en double saisie non résolue(s) : ${enumerate(open)} ; ${how}`, open);
  }
  return { ok: true, from, to, reason: why };
}

export interface NormalTarget {
  readonly action: JuryAction;
  readonly to: JuryState;
  readonly label: string;
}

export interface AllowedTargets {
  /** normal actions `role` may take from this state (guards are checked when performed) */
  readonly normal: readonly NormalTarget[];
  /** exceptional targets ("Gérer l'avancement des jurys"), to be shown as such */
  readonly exceptional: readonly JuryState[];
}

export function allowedTargets(state: JuryState, role: Role): AllowedTargets {
  const normal = TRANSITIONS.filter((t) => t.role === role && t.from.includes(state)).map((t) => ({ action: t.action, to: t.to, label: t.label }));
  return { normal, exceptional: exceptionalTargets(state, role) };
}

export interface BulkAction {
  readonly state: JuryState;
  readonly action: JuryAction;
  /** the button of the Vue synthétique */
  readonly button: string;
}

/** The bulk actions of the Vue synthétique (centre), by state. */
export const BULK_ACTIONS: readonly BulkAction[] = [
  { state: '130', action: 'TERMINER_GROUPE_1', button: 'Terminer 1er groupe' },
  { state: '200', action: 'OUVRIR_DELIBERATION_2', button: 'Ouvrir délibération 2nd groupe' },
  { state: '211', action: 'TERMINER_GROUPE_2', button: 'Terminer 2nd groupe' },
];

export function bulkActionFor(state: JuryState): BulkAction | null {
  return BULK_ACTIONS.find((b) => b.state === state) ?? null;
}
