import { useState } from 'react';
import { juryApi, useInvalidateJuries } from '../../api/hooks.js';
import { ApiError, errorMessage } from '../../api/client.js';
import type { JuryItem } from '../../api/types.js';
import { targetsOf, type LifecycleConfig } from './config.js';

export interface RowOutcome {
  ok: boolean;
  message: string;
  /**
   * refused over 2nd-group grades in double entry not resolved yet (the exceptional change answers 422
   * only for that), listed in `details`: the académie may confirm the change
   */
  openDoubleEntries?: string[];
}

function outcomeOf(err: unknown): RowOutcome {
  if (err instanceof ApiError && err.status === 422 && Array.isArray(err.details)) {
    const details = (err.details as { message?: unknown }[]).map((d) => String(d.message ?? ''));
    // the list is shown once, under the table (OpenDoubleEntries)
    return { ok: false, message: `Refusé : ${details.length} note(s) du 2nd groupe en double saisie non résolue(s), listée(s) sous le tableau.`, openDoubleEntries: details };
  }
  return { ok: false, message: errorMessage(err) };
}

/**
 * Applies every changed "Nouvel état" one jury at a time (each change is its own checked, journaled
 * request), and keeps the per-row outcome to show next to each jury.
 */
export function useSaveChanges(config: LifecycleConfig) {
  const invalidate = useInvalidateJuries();
  const [saving, setSaving] = useState(false);
  const [outcomes, setOutcomes] = useState<Record<string, RowOutcome>>({});

  /** `confirmOpen`: juries whose change the académie confirms over open double entries */
  async function save(juries: JuryItem[], changes: Record<string, string>, reason: string, confirmOpen: ReadonlySet<string> = new Set()): Promise<Record<string, RowOutcome>> {
    setSaving(true);
    const result: Record<string, RowOutcome> = {};
    try {
      for (const jury of juries) {
        const to = changes[jury.code];
        if (!to) continue;
        const target = targetsOf(jury, config).find((t) => t.etat === to);
        const label = target ? `${target.etat} - ${target.libelle}` : to;
        try {
          if (config.mode === 'exceptional') {
            await juryApi.exceptional(jury.code, to, reason, jury.etat, confirmOpen.has(jury.code));
          } else {
            if (!target?.action) throw new Error("Ce changement d'état n'est pas autorisé.");
            await juryApi.transition(jury.code, target.action, jury.etat);
          }
          result[jury.code] = { ok: true, message: `Enregistré : ${label}` };
        } catch (err) {
          result[jury.code] = outcomeOf(err);
        }
      }
    } finally {
      setOutcomes(result);
      setSaving(false);
      await invalidate();
    }
    return result;
  }

  return { save, saving, outcomes, clear: () => setOutcomes({}) };
}
