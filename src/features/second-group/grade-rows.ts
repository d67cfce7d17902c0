// The rows of the grade-entry grid: one per CONTROLE candidate and chosen unit, with the entry of the
// mode (first entry, or the blind second entry — never the first one in that mode), its status under
// the double-entry rule, and the convocation (date, time, room) set by the centre d'épreuve.
import type { Db } from '../../db/connect.js';
import { doubleEntryKey, entryKey, listDoubleEntries, listEntries, type GradeEntry } from '../../db/repositories/second-group-grades.js';
import { listSchedule, scheduleKey, type ScheduleEntry } from '../../db/repositories/second-group-schedule.js';
import { listChoices, unitLabels, type SecondGroupCandidate } from '../../db/repositories/second-group.js';
import { gradeStatus, STATUS_LABELS } from './double-entry.js';
import { frenchDate, gradeText, numeroLabel } from './format.js';
import type { EntryMode, GradeRowDto } from './schemas.js';

export interface GradeRowState {
  readonly candidate: SecondGroupCandidate;
  readonly epreuveCode: string;
  readonly first: GradeEntry | undefined;
  readonly second: GradeEntry | undefined;
  readonly doubleEntry: boolean;
  readonly row: GradeRowDto;
}

export function convocationText(s: ScheduleEntry | undefined): string {
  if (!s || (!s.date && !s.heure && !s.salle)) return '';
  const when = [frenchDate(s.date), s.heure ?? ''].filter(Boolean).join(' ');
  return [when, s.salle ? `salle ${s.salle}` : ''].filter(Boolean).join(' - ');
}

/** Grade rows of these candidates (those with choices), by entryKey(candidate, unit), in grid order. */
export async function buildGradeRows(db: Db, candidates: readonly SecondGroupCandidate[], mode: EntryMode): Promise<Map<string, GradeRowState>> {
  const ids = candidates.map((c) => c.id);
  const choices = await listChoices(db, ids);
  const firsts = await listEntries(db, 'controle_grade', ids);
  const seconds = await listEntries(db, 'controle_grade_second', ids);
  const required = await listDoubleEntries(db, [...new Set(candidates.map((c) => c.juryCode))]);
  const specs = [...new Set(candidates.map((c) => c.specialiteCode))];
  const labels = await unitLabels(db, specs);
  const schedule = await listSchedule(db, { centreEpreuveUais: [...new Set(candidates.map((c) => c.centreEpreuve.uai))], specialiteCodes: specs });
  const out = new Map<string, GradeRowState>();
  for (const c of candidates) {
    const choice = choices.get(c.id);
    if (!choice) continue;
    for (const unit of new Set([choice.epreuve1, choice.epreuve2])) {
      const key = entryKey(c.id, unit);
      const first = firsts.get(key);
      const second = seconds.get(key);
      const doubleEntry = required.has(doubleEntryKey(c.juryCode, unit));
      if (mode === 'second' && !doubleEntry) continue;
      const shown = mode === 'first' ? first : second;
      const status = gradeStatus(doubleEntry, first, second);
      out.set(key, {
        candidate: c, epreuveCode: unit, first, second, doubleEntry,
        row: {
          candidateId: c.id,
          juryCode: c.juryCode,
          numero: numeroLabel(c),
          nom: c.nom,
          prenoms: c.prenoms,
          epreuveCode: unit,
          epreuveLibelle: labels.get(c.specialiteCode)?.get(unit) ?? unit,
          centreEpreuve: `${c.centreEpreuve.libelle} (${c.centreEpreuve.uai})`,
          convocation: convocationText(schedule.get(scheduleKey(c.centreEpreuve.uai, c.specialiteCode, unit))),
          doubleEntry,
          value: gradeText(shown?.value),
          version: shown?.version ?? 0,
          enteredBy: shown?.enteredBy ?? null,
          enteredAt: shown?.enteredAt ?? null,
          status,
          statusLabel: STATUS_LABELS[status],
        },
      });
    }
  }
  return out;
}
