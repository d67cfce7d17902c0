// Which jury states allow each edition and activity of the DÉLIBÉRATION menu (SPEC §5), so that
// screens (greyed juries with the reason), the API and the CLI apply the same rule.

import { stateAtLeast, stateBetween, type Group } from './jury-state-order.js';
import { JURY_STATE_LABELS, type JuryState } from './types.js';

export const EDITION_KINDS = [
  'livrets',
  'plan-secours',
  'liste-anonyme',
  'liste-correspondance',
  'liste-handicap',
  'liste-triee',
  'stats-decision',
  'stats-epreuve',
  'resultats-admis',
  'resultats-controle',
  'resultats-non-admis',
  'resultats-centre-epreuve',
  'pv-tenue',
  'rln',
  'convocations',
  'bordereaux',
  'notes-manquantes',
  'fraudeurs-liste-rouge',
] as const;
export type EditionKind = (typeof EDITION_KINDS)[number];

export const ACTIVITY_KINDS = ['saisie-choix-controle', 'saisie-notes-controle', 'avancement-jurys'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Inclusive range of jury states. */
export interface StateRange {
  readonly min: JuryState;
  readonly max: JuryState;
}

const ANY: StateRange = { min: '000', max: '218' };
const r = (min: JuryState, max: JuryState): StateRange => ({ min, max });

/** Allowed states of each edition, per group (absent group: the edition does not exist for it). */
export const EDITION_STATES: Readonly<Record<EditionKind, Partial<Record<Group, StateRange>>>> = {
  livrets: { 1: r('000', '110') },
  'plan-secours': { 1: r('000', '110'), 2: r('200', '210') },
  'liste-anonyme': { 1: r('110', '110') },
  'liste-correspondance': { 1: r('110', '110') },
  'liste-handicap': { 1: r('110', '110') },
  'liste-triee': { 1: r('110', '110') },
  'stats-decision': { 1: r('110', '110') },
  'stats-epreuve': { 1: r('110', '110') },
  'resultats-admis': { 1: r('130', '218'), 2: r('211', '218') },
  'resultats-controle': { 1: r('130', '218') },
  'resultats-non-admis': { 1: r('130', '218'), 2: r('211', '218') },
  'resultats-centre-epreuve': { 1: r('130', '218'), 2: r('211', '218') },
  'pv-tenue': { 1: r('130', '218'), 2: r('211', '218') },
  rln: { 1: r('140', '218') },
  convocations: { 2: r('200', '200') },
  bordereaux: { 2: r('200', '200') },
  'notes-manquantes': { 2: r('200', '200') },
  'fraudeurs-liste-rouge': { 1: ANY, 2: ANY },
};

export const ACTIVITY_STATES: Readonly<Record<ActivityKind, StateRange>> = {
  'saisie-choix-controle': r('198', '200'),
  'saisie-notes-controle': r('200', '200'),
  'avancement-jurys': ANY,
};

export function isEditionKind(x: string): x is EditionKind {
  return (EDITION_KINDS as readonly string[]).includes(x);
}

export type Availability = { readonly ok: true } | { readonly ok: false; readonly reason: string };

function describe(range: StateRange): string {
  if (range.min === range.max) return `à l'état ${range.min} (${JURY_STATE_LABELS[range.min]})`;
  if (range.max === '218') return `à partir de l'état ${range.min} (${JURY_STATE_LABELS[range.min]})`;
  if (range.min === '000') return `jusqu'à l'état ${range.max} (${JURY_STATE_LABELS[range.max]})`;
  return `de l'état ${range.min} à l'état ${range.max}`;
}

function check(range: StateRange, state: JuryState, what: string): Availability {
  if (stateBetween(state, range.min, range.max)) return { ok: true };
  return { ok: false, reason: `Jury à l'état ${state} (${JURY_STATE_LABELS[state]}) : ${what} disponible ${describe(range)}` };
}

/** The groups for which an edition exists. */
export function editionGroups(kind: EditionKind): Group[] {
  const g = EDITION_STATES[kind];
  return ([1, 2] as const).filter((x) => g[x] !== undefined);
}

/** Whether a jury in `state` may be selected for an edition of `group`, with the reason when not. */
export function editionAvailability(kind: EditionKind, group: Group, state: JuryState): Availability {
  const range = EDITION_STATES[kind][group];
  if (range === undefined) {
    return { ok: false, reason: `Cette édition n'existe pas pour le ${group === 1 ? '1er' : '2nd'} groupe` };
  }
  return check(range, state, 'édition');
}

/**
 * Whether a jury back in `state` has gone below the state that allowed an edition (issue #13.5): a
 * document produced before such a rollback (an RLN at 140, the jury back to 110) is withdrawn.
 */
export function belowEdition(kind: EditionKind, group: Group, state: JuryState): boolean {
  const range = EDITION_STATES[kind][group];
  return range !== undefined && !stateAtLeast(state, range.min);
}

export function activityAvailability(kind: ActivityKind, state: JuryState): Availability {
  return check(ACTIVITY_STATES[kind], state, 'activité');
}
