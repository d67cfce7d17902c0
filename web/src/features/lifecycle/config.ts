import type { JuryItem, Transition } from '../../api/types.js';

/** How one jury-state screen behaves. The four centre activities and the académie ones share it. */
export interface LifecycleConfig {
  /** normal management acts, or the exceptional "Gérer l'avancement des jurys" (reason required) */
  mode: 'normal' | 'exceptional';
  /** keep only some of the transitions the server allows (académie screens split them by purpose) */
  transitionFilter?: (t: Transition, jury: JuryItem) => boolean;
  /** states whose bulk action button is shown in the Vue synthétique (default: all the server sends) */
  bulkStates?: readonly string[];
}

/** A state-pair filter: keep transitions from one of `pairs`' source states to its target. */
export function pairs(list: readonly (readonly [string, string])[]): (t: Transition, j: JuryItem) => boolean {
  return (t, j) => list.some(([from, to]) => j.etat === from && t.to === to);
}

/** The targets a row's "Nouvel état" select offers. */
export function targetsOf(jury: JuryItem, config: LifecycleConfig): { etat: string; libelle: string; action?: string }[] {
  if (config.mode === 'exceptional') return jury.actions.exceptionalTargets;
  const keep = config.transitionFilter ?? (() => true);
  return jury.actions.transitions
    .filter((t) => keep(t, jury))
    .map((t) => ({ etat: t.to, libelle: t.toLibelle, action: t.action }));
}
