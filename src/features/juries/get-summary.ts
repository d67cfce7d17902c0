// Use case: the Vue synthétique — every state with its number of juries in scope and the bulk action
// this user may launch from it.
import type { Db } from '../../db/connect.js';
import { JURY_STATES, JURY_STATE_LABELS, type Actor, type JuryState } from '../../domain/types.js';
import { enforce } from '../auth/authorize.js';
import { bulkButtonFor } from './bulk-actions.js';
import { juriesInScope } from './jury-scope.js';
import { juryScreensVerdict } from './policies.js';

export interface StateSummary {
  etat: JuryState;
  libelle: string;
  count: number;
  bulk: { action: string; label: string; allowed: boolean } | null;
}

export async function getSummary(db: Db, actor: Actor): Promise<StateSummary[]> {
  enforce(juryScreensVerdict(actor));
  const counts = new Map<JuryState, number>();
  for (const j of await juriesInScope(db, actor)) counts.set(j.etat, (counts.get(j.etat) ?? 0) + 1);
  return JURY_STATES.map((etat) => {
    const count = counts.get(etat) ?? 0;
    const bulk = bulkButtonFor(etat, actor.role);
    return { etat, libelle: JURY_STATE_LABELS[etat], count, bulk: bulk ? { ...bulk, allowed: count > 0 } : null };
  });
}
