// The jury states, used only as a fallback for the search select while the summary loads.
// Labels come from the domain (single source of truth); the server's summary is preferred.
import { JURY_STATES, JURY_STATE_LABELS } from '../../../../src/domain/types.js';

export const JURY_STATES_FALLBACK: { etat: string; libelle: string }[] =
  JURY_STATES.map((etat) => ({ etat, libelle: JURY_STATE_LABELS[etat] }));
