// Presenter: journal row → entry for people (before/after as short French text).
import type { JournalRow } from '../../db/schema.js';
import { JURY_STATE_LABELS, type JuryState } from '../../domain/types.js';
import { frenchDateTime } from '../../jobs/local-time.js';
import { journalActionLabel } from './action-labels.js';
import type { JournalEntryDto } from './schemas.js';

const KEY_LABELS: Readonly<Record<string, string>> = {
  etat: 'état', emergencyEnabled: 'accès de secours', name: 'nom', active: 'actif', role: 'rôle', scope: 'périmètre',
  login: 'identifiant', motDePasseReinitialise: 'mot de passe réinitialisé', note: 'note',
  premiereSaisie: 'première saisie', secondeSaisie: 'seconde saisie', doubleSaisie: 'double saisie',
  saisiesEnCours: 'saisies en cours', doubleSaisieNonResolue: 'double saisie non résolue',
  horsLigne: 'saisie hors ligne', saisieLe: 'saisie le', recueLe: 'reçue par le serveur le',
};

/** Times of offline changes (journal after_json), shown in the office's time zone. */
const TIME_KEYS = new Set(['saisieLe', 'recueLe']);

function valueText(key: string, v: unknown): string {
  if (key === 'etat' && typeof v === 'string' && v in JURY_STATE_LABELS) return `${v} - ${JURY_STATE_LABELS[v as JuryState]}`;
  if (TIME_KEYS.has(key) && typeof v === 'string' && Number.isFinite(Date.parse(v))) return frenchDateTime(new Date(v));
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function describeJson(json: string | null): string | null {
  if (json === null) return null;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return json;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return valueText('', v);
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 1 && entries[0]![0] === 'etat') return valueText('etat', entries[0]![1]);
  return entries.map(([k, x]) => `${KEY_LABELS[k] ?? k} : ${valueText(k, x)}`).join(', ');
}

export function presentEntry(r: JournalRow): JournalEntryDto {
  return {
    seq: r.seq,
    at: r.at,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    actionLabel: journalActionLabel(r.action),
    juryCode: r.jury_code,
    subject: r.subject,
    before: describeJson(r.before_json),
    after: describeJson(r.after_json),
    reason: r.reason,
  };
}

export const MASKED_VALUE = 'note masquée jusqu’à la seconde saisie (double saisie à l’aveugle)';

/** The entry without its values: a blind entry of someone else (src/domain/double-entry.ts). */
export function maskValues(e: JournalEntryDto): JournalEntryDto {
  return { ...e, before: e.before === null ? null : MASKED_VALUE, after: e.after === null ? null : MASKED_VALUE };
}
