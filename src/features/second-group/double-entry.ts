// The double-entry rule (documented on the grade-entry screen, ADR 0012): when the double entry is
// enabled for an épreuve of a jury, a contrôle grade goes in force only once a second person typed
// the same value blind, or a third person arbitrated. Until then it is missing everywhere (engine,
// documents, `delib results`); "Contrôler les notes manquantes" says why, "Ouvrir la délibération du
// 2nd groupe" is refused, and an exceptional state change is refused over it (listed).
import type { Db } from '../../db/connect.js';
import { listGradeEntries, listOpenEntryKeys, entryKey, type StoredGradeEntries } from '../../db/repositories/second-group-grades.js';
import { listSecondGroupCandidates, unitLabels } from '../../db/repositories/second-group.js';
import { gradeStatus, isBlind, type DoubleEntryFacts, type EntryRefusal, type GradeStatus } from '../../domain/double-entry.js';
import { canEnterControleGrades } from '../../domain/jury-state.js';
import { numeroLabel } from './format.js';

export const STATUS_LABELS: Readonly<Record<GradeStatus, string>> = {
  MANQUANTE: 'Non saisie',
  SAISIE: 'Saisie',
  ATTENTE_SECONDE: 'En attente de l’autre saisie',
  CONCORDANTE: 'Double saisie concordante',
  DISCORDANTE: 'Double saisie discordante',
  ARBITREE: 'Discordance arbitrée',
};

/** The domain's view of what is stored for one grade. */
export function doubleEntryFacts(stored: StoredGradeEntries | undefined, required: boolean): DoubleEntryFacts {
  const typed = (e: StoredGradeEntries['first']) => (e?.value ? { value: e.value, byLogin: e.enteredByLogin } : undefined);
  return { required, inForce: stored?.inForce?.value, first: typed(stored?.first), second: typed(stored?.second) };
}

export const SAME_PERSON = 'Double saisie : les deux saisies d’une même note doivent être faites par deux personnes différentes (vous avez fait l’autre saisie de cette note).';

const ordinal = (n: 1 | 2) => (n === 1 ? 'Première' : 'Seconde');

/** Why the actor may not type this entry, in French. */
export function entryRefusalMessage(r: EntryRefusal, n: 1 | 2, ctx: { epreuve: string; juryCode: string; author: string | null }): string {
  switch (r) {
    case 'NOT_DOUBLE_ENTRY':
      return `La double saisie n’est pas activée pour l’épreuve « ${ctx.epreuve} » du jury ${ctx.juryCode}.`;
    case 'IN_FORCE':
      return 'Note prise en compte : elle ne se modifie plus par la saisie des notes.';
    case 'BOTH_TYPED':
      return 'Les deux saisies diffèrent : la note retenue est fixée par arbitrage (onglet « Discordances »), par une personne qui n’a fait aucune des deux saisies ou par l’académie.';
    case 'SAME_PERSON':
      return SAME_PERSON;
    case 'OTHER_AUTHOR':
      return ctx.author
        ? `${ordinal(n)} saisie faite par ${ctx.author}, valeur masquée : seule cette personne peut la corriger tant que l’autre saisie n’est pas faite.`
        : `${ordinal(n)} saisie : la note saisie avant l’activation de la double saisie, valeur masquée ; faites l’autre saisie.`;
  }
}

export interface OpenDoubleEntry {
  readonly candidateId: number;
  readonly juryCode: string;
  readonly epreuveCode: string;
  readonly status: 'ATTENTE_SECONDE' | 'DISCORDANTE';
  /** "02246250290 - 001 JOOMUN Rayane : Mathématiques (double saisie : saisies discordantes)" */
  readonly description: string;
}

/** "seconde saisie manquante" / "saisies discordantes" */
export function gapReason(g: Pick<OpenDoubleEntry, 'status'>): string {
  return g.status === 'DISCORDANTE' ? 'double saisie : saisies discordantes' : 'double saisie : seconde saisie manquante';
}

/**
 * The open double entries of these juries (typed, not in force: the grade is missing), in candidate
 * then unit order, optionally of one épreuve only.
 */
export async function listOpenDoubleEntries(db: Db, juryCodes: readonly string[], epreuveCode?: string): Promise<OpenDoubleEntry[]> {
  const keys = (await listOpenEntryKeys(db, juryCodes)).filter((k) => epreuveCode === undefined || k.epreuveCode === epreuveCode);
  if (keys.length === 0) return [];
  const ids = [...new Set(keys.map((k) => k.candidateId))];
  const stored = await listGradeEntries(db, ids);
  const candidates = new Map((await listSecondGroupCandidates(db, { candidateIds: ids })).map((c) => [c.id, c]));
  const labels = await unitLabels(db, [...new Set([...candidates.values()].map((c) => c.specialiteCode))]);
  return keys.map((k) => {
    const status = gradeStatus(doubleEntryFacts(stored.get(entryKey(k.candidateId, k.epreuveCode)), true)) === 'DISCORDANTE' ? 'DISCORDANTE' : 'ATTENTE_SECONDE';
    const c = candidates.get(k.candidateId);
    const label = (c && labels.get(c.specialiteCode)?.get(k.epreuveCode)) ?? k.epreuveCode;
    const who = c ? `${numeroLabel(c)} ${c.nom} ${c.prenoms}` : String(k.candidateId);
    return { ...k, status, description: `${who} : ${label} (${gapReason({ status })})` };
  });
}

/** Open double entries of these juries, by candidate id (the reason a chosen unit is missing). */
export async function loadDoubleEntryGaps(db: Db, juryCodes: readonly string[]): Promise<Map<number, OpenDoubleEntry[]>> {
  const out = new Map<number, OpenDoubleEntry[]>();
  for (const g of await listOpenDoubleEntries(db, juryCodes)) out.set(g.candidateId, [...(out.get(g.candidateId) ?? []), g]);
  return out;
}

/** The grade a journal subject is about ("controle_grade:12:U4", "controle_grade_entry:12:U4:1"), if any. */
export function gradeOfSubject(subject: string | null): { candidateId: number; epreuveCode: string } | null {
  const m = subject ? /^controle_grade(?:_entry)?:(\d+):([^:]+)/.exec(subject) : null;
  return m ? { candidateId: Number(m[1]), epreuveCode: m[2]! } : null;
}

/**
 * Grades (entryKey) among these candidates' whose single typed entry is still blind: nothing in force
 * and the other entry may still be typed (jury at 200). Their values are shown to their author only.
 */
export async function blindGradeKeys(db: Db, candidateIds: readonly number[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (candidateIds.length === 0) return out;
  const stored = await listGradeEntries(db, candidateIds);
  const etat = new Map((await listSecondGroupCandidates(db, { candidateIds })).map((c) => [c.id, c.juryEtat]));
  for (const [key, s] of stored) {
    const e = etat.get(s.inForce?.candidateId ?? s.first?.candidateId ?? s.second?.candidateId ?? -1);
    if (e !== undefined && canEnterControleGrades(e) && isBlind(doubleEntryFacts(s, true))) out.add(key);
  }
  return out;
}
