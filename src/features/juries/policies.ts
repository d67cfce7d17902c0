// Scope policies of the jury screens, on top of the domain policies (src/domain/policies.ts).
// Local additions (not in the domain yet): who may use the jury lifecycle screens and the journal.
import { canSeeJury, decideAdmin, decideJury } from '../../domain/policies.js';
import type { Actor, JuryState } from '../../domain/types.js';
import type { Verdict } from '../auth/authorize.js';

export interface JuryScopeFacts {
  readonly code: string;
  readonly centreUai: string;
  readonly etat: JuryState;
  /** centres d'épreuve hosting candidates of the jury (only needed for a centre d'épreuve actor) */
  readonly centresEpreuve?: readonly string[];
}

export function juryVisibility(actor: Actor, jury: Omit<JuryScopeFacts, 'etat'>): Verdict {
  return canSeeJury(actor, jury) ? 'allowed' : 'hidden';
}

/** The jury lifecycle screens (Vue synthétique / détaillée) are not a centre d'épreuve activity. */
export function juryScreensVerdict(actor: Actor): Verdict {
  return actor.role === 'centre_epreuve' ? 'forbidden' : 'allowed';
}

/** The journal: académie (all), centre and jury (their juries); not the centre d'épreuve. */
export function journalVerdict(actor: Actor): Verdict {
  return actor.role === 'centre_epreuve' ? 'forbidden' : 'allowed';
}

/** The whole journal, including entries about no jury (imports, accounts): the académie's. */
export function seesWholeJournal(actor: Actor): boolean {
  return decideAdmin(actor) === 'allowed';
}

export function emergencyVerdict(actor: Actor, jury: JuryScopeFacts): Verdict {
  return decideJury(actor, jury, 'toggleEmergency');
}
