// Presenter: a jury as the screens show it, with what this user may do to it (the same policies the
// server enforces, so the buttons follow the rules).
import type { JuryView } from '../../db/repositories/juries.js';
import { JURY_STATE_LABELS, type Actor } from '../../domain/types.js';
import { exceptionalTargets, transitionOptions } from './lifecycle.js';
import { emergencyVerdict } from './policies.js';
import type { JuryDto } from './schemas.js';

/** 'YYYY-MM-DDTHH:MM' → 'dd/mm/yyyy hh:mm' */
export function formatDateTime(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]} ${m[4] ?? '00'}:${m[5] ?? '00'}`;
}

export function presentJury(actor: Actor, j: JuryView): JuryDto {
  return {
    code: j.code,
    specialiteCode: j.specialiteCode,
    specialiteLibelle: j.specialiteLibelle,
    centreUai: j.centreUai,
    centreLibelle: j.centreLibelle,
    debutDeliberation: formatDateTime(j.debutDeliberation),
    finDeliberation: formatDateTime(j.finDeliberation),
    etat: j.etat,
    etatLibelle: JURY_STATE_LABELS[j.etat],
    emergencyEnabled: j.emergencyEnabled,
    actions: {
      transitions: transitionOptions(actor, j).map((t) => ({ ...t, toLibelle: JURY_STATE_LABELS[t.to] })),
      exceptionalTargets: exceptionalTargets(actor, j).map((etat) => ({ etat, libelle: JURY_STATE_LABELS[etat] })),
      canToggleEmergency: emergencyVerdict(actor, j) === 'allowed',
    },
  };
}
