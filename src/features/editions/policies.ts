// Who may produce which edition (SPEC §1, §5), on top of the domain policies: the académie and the
// centre produce every edition of their juries; a centre d'épreuve only the result lists of its own
// candidates; a jury none. Which jury states allow an edition comes from the domain.
import { decideJury, editionAvailability, type Availability, type EditionKind, type Group, type JuryFactsWithState } from '../../domain/index.js';
import type { Actor } from '../../domain/types.js';
import type { Verdict } from '../auth/authorize.js';

/** Editions a centre d'épreuve may produce (its candidates only). */
export const CENTRE_EPREUVE_EDITIONS: readonly EditionKind[] = ['resultats-centre-epreuve'];

export function editionRoleVerdict(actor: Actor, kind: EditionKind): Verdict {
  if (actor.role === 'academie' || actor.role === 'centre') return 'allowed';
  if (actor.role === 'centre_epreuve' && CENTRE_EPREUVE_EDITIONS.includes(kind)) return 'allowed';
  return 'forbidden';
}

/** Whether a jury (visible to the actor) may be selected for the edition, with the reason when not. */
export function juryEditionAvailability(actor: Actor, jury: JuryFactsWithState, kind: EditionKind, group: Group): Availability {
  if (actor.role !== 'centre_epreuve' && decideJury(actor, jury, 'editions') !== 'allowed') {
    return { ok: false, reason: "Vous n'avez pas le droit d'éditer les documents de ce jury" };
  }
  const a = editionAvailability(kind, group, jury.etat);
  // the screens show the state beside the reason: "Jury à l'état 105 : édition disponible à l'état 110 (…)"
  return a.ok ? a : { ok: false, reason: a.reason.replace(/^(Jury à l'état \d{3}) \([^)]*\)/, '$1') };
}

/** A centre d'épreuve sees only its candidates in the lists (the others in scope see all of a jury's). */
export function candidateCentreFilter(actor: Actor): string | undefined {
  return actor.role === 'centre_epreuve' ? actor.scope : undefined;
}
