// Who may read and change what in the jury portal, from the domain policies (src/domain/policies.ts)
// and state predicates (src/domain/jury-state.ts). Pure: the same functions decide the server checks
// and the actions sent with each resource.
import { allowedTargets, canModifyGrades, type Group } from '../../domain/jury-state.js';
import { decideCandidate, decideJury, type CandidateFacts, type JuryFactsWithState } from '../../domain/policies.js';
import type { Actor, JuryState } from '../../domain/types.js';
import type { Verdict } from '../auth/authorize.js';
import type { ActingMember } from '../auth/context.js';

const CLOSE_ACTIONS = ['CLOTURER_DELIBERATION_1', 'CLOTURER_DELIBERATION_2'] as const;

/** Candidates, grades and proposed decisions of a jury: its jury (from 105), its centre, the académie. */
export function readVerdict(actor: Actor, jury: JuryFactsWithState): Verdict {
  return decideJury(actor, jury, 'viewGrades');
}

export function candidateReadVerdict(actor: Actor, cand: CandidateFacts, etat: JuryState): Verdict {
  return decideCandidate(actor, cand, etat, 'viewGrades');
}

/** The grades a jury may change in this state: 1 (leaf grades), 2 (contrôle grades) or none. */
export function modifiableGroup(etat: JuryState): Group | null {
  if (canModifyGrades(etat, 1)) return 1;
  if (canModifyGrades(etat, 2)) return 2;
  return null;
}

/** Changing a grade of `group`: the jury only, in a state that allows that group's changes. */
export function modifyVerdict(actor: Actor, cand: CandidateFacts, etat: JuryState, group: Group): Verdict {
  const v = decideCandidate(actor, cand, etat, 'modifyGrades');
  if (v !== 'allowed') return v;
  return canModifyGrades(etat, group) ? 'allowed' : 'forbidden';
}

/** The normal action that closes the deliberation from this state, for this actor (null: none). */
export function closeActionFor(actor: Actor, etat: JuryState): { action: string; label: string } | null {
  const t = allowedTargets(etat, actor.role).normal.find((n) => (CLOSE_ACTIONS as readonly string[]).includes(n.action));
  return t ? { action: t.action, label: t.label } : null;
}

export function closeVerdict(actor: Actor, jury: JuryFactsWithState): Verdict {
  return decideJury(actor, jury, 'closeDeliberation');
}

/** A jury account's changes are signed by the member who deliberates: he must be chosen first. */
export function needsActingMember(actor: Actor, acting: ActingMember | null): boolean {
  return actor.role === 'jury' && acting === null;
}
