// The double-entry rule (documented on the grade-entry screen): when the double entry is enabled for
// an épreuve of a jury, a contrôle grade counts as entered only once the blind second entry equals
// the first one. Until then it is missing: "Contrôler les notes manquantes" lists it and "Ouvrir la
// délibération du 2nd groupe" is refused.
import type { Db } from '../../db/connect.js';
import { doubleEntryKey, entryKey, listDoubleEntries, listEntries, type GradeEntry } from '../../db/repositories/second-group-grades.js';
import { listChoices, listSecondGroupCandidates } from '../../db/repositories/second-group.js';
import { gradeEquals } from '../../domain/grades.js';
import type { GradeStatus } from './schemas.js';

export const STATUS_LABELS: Readonly<Record<GradeStatus, string>> = {
  MANQUANTE: 'Non saisie',
  SAISIE: 'Saisie',
  ATTENTE_SECONDE: 'En attente de la seconde saisie',
  CONCORDANTE: 'Double saisie concordante',
  DISCORDANTE: 'Double saisie discordante',
};

/** Where a grade stands, given whether a second entry is required. */
export function gradeStatus(doubleEntry: boolean, first: GradeEntry | undefined, second: GradeEntry | undefined): GradeStatus {
  if (!first?.value) return 'MANQUANTE';
  if (!doubleEntry) return 'SAISIE';
  if (!second?.value) return 'ATTENTE_SECONDE';
  return gradeEquals(first.value, second.value) ? 'CONCORDANTE' : 'DISCORDANTE';
}

/** The grade counts as entered (the engine may use it). */
export const countsAsEntered = (s: GradeStatus): boolean => s === 'SAISIE' || s === 'CONCORDANTE';

export interface DoubleEntryGap {
  readonly candidateId: number;
  readonly juryCode: string;
  readonly epreuveCode: string;
  readonly status: 'ATTENTE_SECONDE' | 'DISCORDANTE';
}

/** "seconde saisie manquante" / "saisies discordantes" */
export function gapReason(g: Pick<DoubleEntryGap, 'status'>): string {
  return g.status === 'DISCORDANTE' ? 'double saisie : saisies discordantes' : 'double saisie : seconde saisie manquante';
}

/**
 * Chosen units of the candidates of these juries whose first entry exists but does not count yet
 * (double entry enabled, second entry missing or different), by candidate id. Units without any
 * first entry are not listed here: the engine already reports them missing.
 */
export async function loadDoubleEntryGaps(db: Db, juryCodes: readonly string[]): Promise<Map<number, DoubleEntryGap[]>> {
  const out = new Map<number, DoubleEntryGap[]>();
  const required = await listDoubleEntries(db, juryCodes);
  if (required.size === 0) return out;
  const juries = [...new Set([...required].map((k) => k.split('|')[0]!))];
  const candidates = await listSecondGroupCandidates(db, { juryCodes: juries });
  const ids = candidates.map((c) => c.id);
  const choices = await listChoices(db, ids);
  const firsts = await listEntries(db, 'controle_grade', ids);
  const seconds = await listEntries(db, 'controle_grade_second', ids);
  for (const c of candidates) {
    const choice = choices.get(c.id);
    if (!choice) continue;
    for (const unit of new Set([choice.epreuve1, choice.epreuve2])) {
      if (!required.has(doubleEntryKey(c.juryCode, unit))) continue;
      const key = entryKey(c.id, unit);
      const status = gradeStatus(true, firsts.get(key), seconds.get(key));
      if (status !== 'ATTENTE_SECONDE' && status !== 'DISCORDANTE') continue;
      const list = out.get(c.id) ?? [];
      list.push({ candidateId: c.id, juryCode: c.juryCode, epreuveCode: unit, status });
      out.set(c.id, list);
    }
  }
  return out;
}
