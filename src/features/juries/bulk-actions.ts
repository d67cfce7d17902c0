// Bulk buttons of the Vue synthétique: the centre's from the domain (bulkActionFor), plus the
// académie's openings and locks (not in the domain table yet; their states come from the domain's
// transition table).
import { bulkActionFor, transitionRule, type JuryAction } from '../../domain/jury-state.js';
import type { JuryState, Role } from '../../domain/types.js';

export interface BulkButton {
  readonly action: JuryAction;
  readonly label: string;
}

const ACADEMIE_BUTTONS: readonly BulkButton[] = [
  { action: 'OUVRIR_DELIBERATION_1', label: 'Ouvrir délibération 1er groupe' },
  { action: 'VERROUILLER_GROUPE_1', label: 'Verrouiller 1er groupe' },
  { action: 'VERROUILLER_GROUPE_2', label: 'Verrouiller 2nd groupe' },
];

/** The bulk button of a state, as offered to a role (null: none). */
export function bulkButtonFor(state: JuryState, role: Role): BulkButton | null {
  if (role === 'centre') {
    const b = bulkActionFor(state);
    return b ? { action: b.action, label: b.button } : null;
  }
  if (role === 'academie') return ACADEMIE_BUTTONS.find((b) => transitionRule(b.action).from.includes(state)) ?? null;
  return null;
}
