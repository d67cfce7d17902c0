import { useState } from 'react';
import { juryApi, useInvalidateJuries } from '../../api/hooks.js';
import { errorMessage } from '../../api/client.js';
import type { JuryItem } from '../../api/types.js';
import { targetsOf, type LifecycleConfig } from './config.js';

export interface RowOutcome {
  ok: boolean;
  message: string;
}

/**
 * Applies every changed "Nouvel état" one jury at a time (each change is its own checked, journaled
 * request), and keeps the per-row outcome to show next to each jury.
 */
export function useSaveChanges(config: LifecycleConfig) {
  const invalidate = useInvalidateJuries();
  const [saving, setSaving] = useState(false);
  const [outcomes, setOutcomes] = useState<Record<string, RowOutcome>>({});

  async function save(juries: JuryItem[], changes: Record<string, string>, reason: string): Promise<Record<string, RowOutcome>> {
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
            await juryApi.exceptional(jury.code, to, reason, jury.etat);
          } else {
            if (!target?.action) throw new Error("Ce changement d'état n'est pas autorisé.");
            await juryApi.transition(jury.code, target.action, jury.etat);
          }
          result[jury.code] = { ok: true, message: `Enregistré : ${label}` };
        } catch (err) {
          result[jury.code] = { ok: false, message: errorMessage(err) };
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
