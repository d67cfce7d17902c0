// Who may do what in the 2nd-group activities, from the domain policies (src/domain/policies.ts) and
// state predicates (src/domain/jury-state.ts). Pure: the server checks and the screens' flags use them.
import { canArbitrateControleGrades, canEnterControleChoices, canEnterControleGrades } from '../../domain/jury-state.js';
import { canSeeCandidate, canSeeJury, decideCandidate, type CandidateFacts } from '../../domain/policies.js';
import { JURY_STATES, type Actor, type JuryState } from '../../domain/types.js';
import type { Verdict } from '../auth/authorize.js';

/** States in which the choices may be entered (198–200), the grades (200), mismatches arbitrated (200, 210). */
export const CHOICE_STATES: readonly JuryState[] = JURY_STATES.filter(canEnterControleChoices);
export const GRADE_STATES: readonly JuryState[] = JURY_STATES.filter(canEnterControleGrades);
export const ARBITRATION_STATES: readonly JuryState[] = JURY_STATES.filter(canArbitrateControleGrades);

export type SecondGroupScreen = 'choices' | 'schedule' | 'grades' | 'double-entry';

/**
 * Role-level access to each screen (a centre d'épreuve has no choices screen). The schedule: the
 * centre d'épreuve, the académie, and the centre de délibération for its own candidates (memo §5.2,
 * "Saisir les choix et dates des épreuves du 2nd groupe").
 */
export function screenVerdict(actor: Actor, screen: SecondGroupScreen): Verdict {
  const roles: Record<SecondGroupScreen, readonly Actor['role'][]> = {
    choices: ['centre', 'academie'],
    schedule: ['centre_epreuve', 'academie', 'centre'],
    grades: ['centre', 'academie', 'centre_epreuve'],
    'double-entry': ['centre', 'academie'],
  };
  return roles[screen].includes(actor.role) ? 'allowed' : 'forbidden';
}

export function candidateVisible(actor: Actor, c: CandidateFacts): boolean {
  return canSeeCandidate(actor, c);
}

export function choiceVerdict(actor: Actor, c: CandidateFacts, etat: JuryState): Verdict {
  return decideCandidate(actor, c, etat, 'enterControleChoices');
}

export function gradeVerdict(actor: Actor, c: CandidateFacts, etat: JuryState): Verdict {
  return decideCandidate(actor, c, etat, 'enterControleGrades');
}

/** Enabling the double entry of a jury's épreuve: its centre (or the académie), while grades are collected. */
export function doubleEntryVerdict(actor: Actor, jury: { code: string; centreUai: string; etat: JuryState }): Verdict {
  if (!canSeeJury(actor, jury)) return 'hidden';
  if (screenVerdict(actor, 'double-entry') !== 'allowed') return 'forbidden';
  return canEnterControleChoices(jury.etat) ? 'allowed' : 'forbidden';
}

/**
 * Arbitrating a double-entry mismatch: the centre de délibération or the académie, while the jury is
 * at 200 or 210. That the arbitrator typed neither entry is checked on the row (domain/double-entry.ts).
 */
export function arbitrateVerdict(actor: Actor, c: CandidateFacts, etat: JuryState): Verdict {
  return decideCandidate(actor, c, etat, 'arbitrateControleGrades');
}

/**
 * The schedule of a centre d'épreuve: that centre d'épreuve, or the académie; a centre de délibération
 * too, row by row: only the épreuves of its own candidates, and none that candidates of another centre
 * de délibération also sit (checked on the rows, schedule.ts).
 */
export function scheduleVerdict(actor: Actor, centreEpreuveUai: string): Verdict {
  if (actor.role === 'academie' || actor.role === 'centre') return 'allowed';
  if (actor.role === 'centre_epreuve') return actor.scope === centreEpreuveUai ? 'allowed' : 'hidden';
  return 'forbidden';
}
