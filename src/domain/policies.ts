// Authorization as pure functions (SPEC §1): who sees which jury or candidate, and what they may do
// now. "hidden" (the caller answers 404) is distinct from "forbidden" (403). The same functions feed
// the UI (the actions sent with each resource) and the server checks.

import {
  canArbitrateControleGrades,
  canEnterControleChoices,
  canEnterControleGrades,
  canModifyGrades,
  exceptionalTargets,
  isDeliberating,
  resultsPublished,
  stateAtLeast,
  TRANSITIONS,
  type JuryAction,
} from './jury-state.js';
import type { Actor, JuryState } from './types.js';

export type AccessDecision = 'hidden' | 'forbidden' | 'allowed';

export interface JuryFacts {
  readonly code: string;
  /** UAI of the jury's centre de délibération */
  readonly centreUai: string;
  /**
   * UAIs of the centres d'épreuve of the jury's candidates: a centre d'épreuve sees a jury only
   * through its candidates (absent: it sees none)
   */
  readonly centresEpreuve?: readonly string[];
}

export interface JuryFactsWithState extends JuryFacts {
  readonly etat: JuryState;
}

export interface CandidateFacts {
  readonly juryCode: string;
  readonly centreDeliberationUai: string;
  readonly centreEpreuveUai: string;
}

/** What can be done on a jury besides the normal transitions (which use their JuryAction id). */
export const JURY_PERMISSIONS = [
  'viewCandidates',
  'viewGrades',
  'viewResults',
  'viewResults2',
  'modifyGrades',
  'closeDeliberation',
  'exceptional',
  'enterControleChoices',
  'enterControleGrades',
  'arbitrateControleGrades',
  'editions',
  'toggleEmergency',
] as const;
export type JuryPermission = (typeof JURY_PERMISSIONS)[number];
export type JuryCapability = JuryAction | JuryPermission;

// ---- Visibility --------------------------------------------------------------------------------

export function canSeeJury(actor: Actor, jury: JuryFacts): boolean {
  switch (actor.role) {
    case 'academie':
      return true;
    case 'centre':
      return jury.centreUai === actor.scope;
    case 'jury':
      return jury.code === actor.scope;
    case 'centre_epreuve':
      return jury.centresEpreuve?.includes(actor.scope) ?? false;
  }
}

export function canSeeCandidate(actor: Actor, cand: CandidateFacts): boolean {
  switch (actor.role) {
    case 'academie':
      return true;
    case 'centre':
      return cand.centreDeliberationUai === actor.scope;
    case 'jury':
      return cand.juryCode === actor.scope;
    case 'centre_epreuve':
      return cand.centreEpreuveUai === actor.scope;
  }
}

// ---- What may be done now ----------------------------------------------------------------------

function permitted(actor: Actor, etat: JuryState, p: JuryPermission): boolean {
  const role = actor.role;
  switch (p) {
    case 'viewCandidates':
      return true;
    case 'viewGrades':
      // grades and proposed decisions: the académie and the centre (emergency plans from 000),
      // the jury from 105 on; never a centre d'épreuve for the 1st group
      return role === 'academie' || role === 'centre' || (role === 'jury' && stateAtLeast(etat, '105'));
    case 'viewResults':
      return resultsPublished(etat, 1);
    case 'viewResults2':
      return resultsPublished(etat, 2);
    case 'modifyGrades':
      return role === 'jury' && (canModifyGrades(etat, 1) || canModifyGrades(etat, 2));
    case 'closeDeliberation':
      return role === 'jury' && isDeliberating(etat);
    case 'exceptional':
      return exceptionalTargets(etat, role).length > 0;
    case 'enterControleChoices':
      return (role === 'centre' || role === 'academie') && canEnterControleChoices(etat);
    case 'enterControleGrades':
      return (role === 'centre' || role === 'academie' || role === 'centre_epreuve') && canEnterControleGrades(etat);
    case 'arbitrateControleGrades':
      // a third person: who is not an author of either entry is checked on the row (double-entry.ts)
      return (role === 'centre' || role === 'academie') && canArbitrateControleGrades(etat);
    case 'editions':
      return role === 'centre' || role === 'academie';
    case 'toggleEmergency':
      return role === 'academie';
  }
}

function isPermission(x: string): x is JuryPermission {
  return (JURY_PERMISSIONS as readonly string[]).includes(x);
}

function capable(actor: Actor, etat: JuryState, what: JuryCapability): boolean {
  if (isPermission(what)) return permitted(actor, etat, what);
  return TRANSITIONS.some((t) => t.action === what && t.role === actor.role && t.from.includes(etat));
}

/**
 * Whether `actor` may do `what` on `jury` now: hidden (404) when out of scope, forbidden (403) when
 * in scope but not allowed (role or state), allowed otherwise. Guards of transitions (missing grades...)
 * are checked by `transition`.
 */
export function decideJury(actor: Actor, jury: JuryFactsWithState, what: JuryCapability): AccessDecision {
  if (!canSeeJury(actor, jury)) return 'hidden';
  return capable(actor, jury.etat, what) ? 'allowed' : 'forbidden';
}

/** Every capability `actor` has on `jury` now, to send with the resource (buttons follow it). */
export function juryActions(actor: Actor, jury: JuryFactsWithState): JuryCapability[] {
  if (!canSeeJury(actor, jury)) return [];
  const out: JuryCapability[] = [];
  for (const t of TRANSITIONS) if (t.role === actor.role && t.from.includes(jury.etat)) out.push(t.action);
  for (const p of JURY_PERMISSIONS) if (permitted(actor, jury.etat, p)) out.push(p);
  return out;
}

export type CandidatePermission = 'view' | 'viewGrades' | 'viewResults' | 'viewResults2' | 'modifyGrades' | 'enterControleChoices' | 'enterControleGrades' | 'arbitrateControleGrades';

/** Like decideJury, for one candidate of a jury in state `etat`. */
export function decideCandidate(actor: Actor, cand: CandidateFacts, etat: JuryState, what: CandidatePermission): AccessDecision {
  if (!canSeeCandidate(actor, cand)) return 'hidden';
  if (what === 'view') return 'allowed';
  return permitted(actor, etat, what) ? 'allowed' : 'forbidden';
}

// ---- Académie-only administration ----------------------------------------------------------------

export function canManageUsers(actor: Actor): boolean {
  return actor.role === 'academie';
}

export function canImport(actor: Actor): boolean {
  return actor.role === 'academie';
}

export function canToggleEmergency(actor: Actor): boolean {
  return actor.role === 'academie';
}

/** académie-only actions: forbidden for every other role (they are visible screens, not resources). */
export function decideAdmin(actor: Actor): AccessDecision {
  return actor.role === 'academie' ? 'allowed' : 'forbidden';
}
