// Presenter: journal row → entry for people. The object names the candidate (his N° anonymat for a
// jury, his number for the others), the jury and the épreuve by its label; before/after are short
// French text; times are the office's (one time zone, stated by the page).
import type { JournalRow } from '../../db/schema.js';
import type { JournalSubjects } from '../../db/repositories/journal-subjects.js';
import { JURY_STATE_LABELS, type JuryState } from '../../domain/types.js';
import { frenchDateTime, officeTimeZone } from '../../jobs/local-time.js';
import { journalActionLabel } from './action-labels.js';
import { describeSnapshot, SNAPSHOT_ACTION } from './data-ledger.js';
import type { JournalEntryDto } from './schemas.js';

const KEY_LABELS: Readonly<Record<string, string>> = {
  etat: 'état', emergencyEnabled: 'accès de secours', name: 'nom', active: 'actif', role: 'rôle', scope: 'périmètre',
  login: 'identifiant', motDePasseReinitialise: 'mot de passe réinitialisé', note: 'note', groupe: 'groupe',
  premiereSaisie: 'première saisie', secondeSaisie: 'seconde saisie', doubleSaisie: 'double saisie',
  saisiesEnCours: 'saisies en cours', doubleSaisieNonResolue: 'double saisie non résolue',
  horsLigne: 'saisie hors ligne', saisieLe: 'saisie le', recueLe: 'reçue par le serveur le',
  epreuve1: '1re épreuve', epreuve2: '2de épreuve', date: 'date', heure: 'heure', salle: 'salle',
  etablissements: 'établissements', specialites: 'spécialités', epreuves: 'épreuves', jurys: 'jurys',
  candidats: 'candidats', candidatsNouveaux: 'nouveaux candidats', candidatsMisAJour: 'candidats mis à jour',
  notes: 'notes', choixControle: 'choix du 2nd groupe', notesControle: 'notes du 2nd groupe', optionnels: 'fichiers facultatifs',
};

const ROLE_LABELS: Readonly<Record<string, string>> = {
  academie: 'académie', centre: 'centre de délibération', jury: 'jury', centre_epreuve: "centre d'épreuve",
};

/** Times of offline changes (journal after_json), shown in the office's time zone. */
const TIME_KEYS = new Set(['saisieLe', 'recueLe']);
/** Keys whose value is an épreuve code of the entry's spécialité. */
const EPREUVE_KEYS = new Set(['epreuve1', 'epreuve2']);

/** How the page states its one time zone: "heure de Paris" (Europe/Paris) or the zone's name. */
export function timeZoneLabel(timeZone = officeTimeZone()): string {
  return timeZone === 'Europe/Paris' ? 'heure de Paris' : `fuseau ${timeZone}`;
}

/** What a presenter knows about the entries of one page (empty: codes are shown as they are). */
export interface EntryContext {
  readonly subjects: JournalSubjects;
  /** the reader deliberates anonymously (jury): candidates by N° anonymat */
  readonly anonymous: boolean;
}

const NO_CONTEXT: EntryContext = { subjects: { candidates: new Map(), juries: new Map(), epreuves: new Map() }, anonymous: false };

function valueText(key: string, v: unknown, epreuve: (code: string) => string): string {
  if (key === 'etat' && typeof v === 'string' && v in JURY_STATE_LABELS) return `${v} - ${JURY_STATE_LABELS[v as JuryState]}`;
  if (TIME_KEYS.has(key) && typeof v === 'string' && Number.isFinite(Date.parse(v))) return frenchDateTime(new Date(v));
  if (EPREUVE_KEYS.has(key) && typeof v === 'string') return epreuve(v);
  if (key === 'groupe' && (v === 1 || v === 2)) return v === 1 ? '1er groupe' : '2nd groupe';
  if (key === 'role' && typeof v === 'string') return ROLE_LABELS[v] ?? v;
  if (key === 'optionnels' && Array.isArray(v)) return v.length === 0 ? 'aucun' : v.map((f) => `${String(f)}.csv`).join(', ');
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length === 0 ? 'aucune' : v.map((x) => valueText('', x, epreuve)).join(' ; ');
  if (typeof v === 'object') return objectText(v as Record<string, unknown>, epreuve);
  return String(v);
}

function objectText(o: Record<string, unknown>, epreuve: (code: string) => string): string {
  return Object.entries(o).map(([k, x]) => `${KEY_LABELS[k] ?? k} : ${valueText(k, x, epreuve)}`).join(', ');
}

export function describeJson(json: string | null, epreuve: (code: string) => string = (c) => c): string | null {
  if (json === null) return null;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return json;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return valueText('', v, epreuve);
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 1 && entries[0]![0] === 'etat') return valueText('etat', entries[0]![1], epreuve);
  return objectText(v as Record<string, unknown>, epreuve);
}

/** The parts of a subject ("grade:12:U1", "jury:31310", …) a page must look up. */
export function subjectRefs(subject: string | null): { candidateId?: number; juryCode?: string; specialiteCode?: string } {
  const p = (subject ?? '').split(':');
  switch (p[0]) {
    case 'grade': case 'controle_grade': case 'controle_grade_entry': case 'controle_choice': case 'candidate':
      return /^\d+$/.test(p[1] ?? '') ? { candidateId: Number(p[1]) } : {};
    case 'jury': case 'controle_double_entry':
      return p[1] ? { juryCode: p[1] } : {};
    case 'controle_schedule':
      return p[2] ? { specialiteCode: p[2] } : {};
    default:
      return {};
  }
}

const SLOT_LABELS: Readonly<Record<string, string>> = { '1': 'première saisie', '2': 'seconde saisie', first: 'première saisie', second: 'seconde saisie' };

/** "Mathématiques appliquées (U4)", or the code when the label is unknown. */
function epreuveText(specialite: string | undefined, code: string, ctx: EntryContext): string {
  const label = specialite === undefined ? undefined : ctx.subjects.epreuves.get(`${specialite}:${code}`);
  return label ? `${label} (${code})` : code;
}

function candidateText(id: number, ctx: EntryContext): string {
  const c = ctx.subjects.candidates.get(id);
  if (!c) return `Candidat (identifiant interne ${id})`;
  return ctx.anonymous ? `Candidat n° d'anonymat ${c.numeroAnonymat}` : `Candidat n° ${c.numeroCandidat}`;
}

/** The object of an entry, for people. */
export function subjectText(subject: string | null, ctx: EntryContext = NO_CONTEXT): string {
  if (!subject) return '';
  const p = subject.split(':');
  const spec = (id: string | undefined) => ctx.subjects.candidates.get(Number(id))?.specialiteCode;
  switch (p[0]) {
    case 'session':
      return 'Session (dossier importé)';
    case 'jury':
      return `Jury ${p[1] ?? ''}`;
    case 'user':
      return `Compte ${p.slice(1).join(':')}`;
    case 'candidate':
      return candidateText(Number(p[1]), ctx);
    case 'grade':
      return `${candidateText(Number(p[1]), ctx)} · ${epreuveText(spec(p[1]), p[2] ?? '', ctx)} · note du 1er groupe`;
    case 'controle_grade':
      return `${candidateText(Number(p[1]), ctx)} · ${epreuveText(spec(p[1]), p[2] ?? '', ctx)} · note du 2nd groupe`;
    case 'controle_grade_entry':
      return `${candidateText(Number(p[1]), ctx)} · ${epreuveText(spec(p[1]), p[2] ?? '', ctx)} · note du 2nd groupe, ${SLOT_LABELS[p[3] ?? ''] ?? p[3]}`;
    case 'controle_choice':
      return `${candidateText(Number(p[1]), ctx)} · choix des épreuves du 2nd groupe`;
    case 'controle_double_entry':
      return `Jury ${p[1] ?? ''} · ${epreuveText(ctx.subjects.juries.get(p[1] ?? ''), p[2] ?? '', ctx)} · double saisie`;
    case 'controle_schedule':
      return `Centre d'épreuve ${p[1] ?? ''} · spécialité ${p[2] ?? ''} · ${epreuveText(p[2], p[3] ?? '', ctx)}`;
    default:
      return subject;
  }
}

/** The spécialité whose épreuves the entry's values name (choices of a candidate). */
function entrySpecialite(r: JournalRow, ctx: EntryContext): string | undefined {
  const refs = subjectRefs(r.subject);
  if (refs.candidateId !== undefined) return ctx.subjects.candidates.get(refs.candidateId)?.specialiteCode;
  if (refs.juryCode !== undefined) return ctx.subjects.juries.get(refs.juryCode);
  return refs.specialiteCode;
}

export function presentEntry(r: JournalRow, ctx: EntryContext = NO_CONTEXT): JournalEntryDto {
  const spec = entrySpecialite(r, ctx);
  const epreuve = (code: string) => epreuveText(spec, code, ctx);
  return {
    id: r.id,
    seq: r.seq,
    at: r.at,
    atText: frenchDateTime(new Date(r.at)),
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    actionLabel: journalActionLabel(r.action),
    juryCode: r.jury_code,
    subject: r.subject,
    subjectText: subjectText(r.subject, ctx),
    before: describeJson(r.before_json, epreuve),
    after: r.action === SNAPSHOT_ACTION ? (describeSnapshot(r.after_json) ?? describeJson(r.after_json, epreuve)) : describeJson(r.after_json, epreuve),
    reason: r.reason,
  };
}

export const MASKED_VALUE = 'note masquée jusqu’à la seconde saisie (double saisie à l’aveugle)';

/** The entry without its values: a blind entry of someone else (src/domain/double-entry.ts). */
export function maskValues(e: JournalEntryDto): JournalEntryDto {
  return { ...e, before: e.before === null ? null : MASKED_VALUE, after: e.after === null ? null : MASKED_VALUE };
}
