// The rows of the grade-entry grid: one per CONTROLE candidate and chosen unit, as the viewer may see
// them (ADR 0012): in the first mode the value (or, under double entry, entry 1 until the value is in
// force), in the second mode entry 2 — never an entry of someone else while it is blind, and no
// verdict before both entries exist — with whether the viewer may type it, and the convocation
// (date, time, room).
import type { Db } from '../../db/connect.js';
import { doubleEntryKey, entryKey, listDoubleEntries, listGradeEntries, type GradeEntry, type StoredGradeEntries } from '../../db/repositories/second-group-grades.js';
import { listSchedule, scheduleKey, type ScheduleEntry } from '../../db/repositories/second-group-schedule.js';
import { listChoices, unitLabels, type SecondGroupCandidate } from '../../db/repositories/second-group.js';
import {
  entryVisibleTo, entryWriteRefusal, gradeStatus, isDoubleEntry, type DoubleEntryFacts, type EntryNo,
} from '../../domain/double-entry.js';
import { doubleEntryFacts, entryRefusalMessage, STATUS_LABELS } from './double-entry.js';
import { frenchDate, gradeText, numeroLabel } from './format.js';
import type { EntryMode, GradeRowDto } from './schemas.js';

export interface GradeRowState {
  readonly candidate: SecondGroupCandidate;
  readonly epreuveCode: string;
  readonly stored: StoredGradeEntries;
  readonly facts: DoubleEntryFacts;
  readonly row: GradeRowDto;
}

export function convocationText(s: ScheduleEntry | undefined): string {
  if (!s || (!s.date && !s.heure && !s.salle)) return '';
  const when = [frenchDate(s.date), s.heure ?? ''].filter(Boolean).join(' ');
  return [when, s.salle ? `salle ${s.salle}` : ''].filter(Boolean).join(' - ');
}

export const modeEntry = (mode: EntryMode): EntryNo => (mode === 'first' ? 1 : 2);

/** The stored value a mode writes: the value itself without double entry, else entry 1 or 2. */
export function modeSlot(facts: DoubleEntryFacts, stored: StoredGradeEntries, mode: EntryMode): GradeEntry | undefined {
  if (!isDoubleEntry(facts)) return stored.inForce;
  return mode === 'first' ? stored.first : stored.second;
}

interface Shown {
  readonly value: string;
  readonly version: number;
  readonly entry: GradeEntry | undefined;
  readonly masked: boolean;
}

/** What the viewer sees in this mode's cell. */
function shownEntry(facts: DoubleEntryFacts, stored: StoredGradeEntries, mode: EntryMode, login: string): Shown {
  const slot = modeSlot(facts, stored, mode);
  const version = slot?.version ?? 0;
  if (!isDoubleEntry(facts)) return { value: gradeText(slot?.value), version, entry: slot, masked: false };
  // a value in force is the grade itself: the first mode shows it (its entries are frozen)
  if (mode === 'first' && stored.inForce) return { value: gradeText(stored.inForce.value), version, entry: stored.inForce, masked: false };
  const n = modeEntry(mode);
  if (!slot?.value) return { value: '', version, entry: undefined, masked: false };
  const visible = entryVisibleTo(facts, n, login);
  return { value: visible ? gradeText(slot.value) : '', version, entry: slot, masked: !visible };
}

function presentRow(c: SecondGroupCandidate, unit: string, label: string, convocation: string, facts: DoubleEntryFacts, stored: StoredGradeEntries, mode: EntryMode, login: string): GradeRowDto {
  const shown = shownEntry(facts, stored, mode, login);
  const status = gradeStatus(facts);
  const n = modeEntry(mode);
  const refusal = entryWriteRefusal(facts, n, login);
  const author = (n === 1 ? stored.first : stored.second)?.enteredBy ?? null;
  return {
    candidateId: c.id,
    juryCode: c.juryCode,
    numero: numeroLabel(c),
    nom: c.nom,
    prenoms: c.prenoms,
    epreuveCode: unit,
    epreuveLibelle: label,
    centreEpreuve: `${c.centreEpreuve.libelle} (${c.centreEpreuve.uai})`,
    convocation,
    doubleEntry: isDoubleEntry(facts),
    value: shown.value,
    masked: shown.masked,
    version: shown.version,
    enteredBy: shown.entry?.enteredBy ?? null,
    enteredAt: shown.entry?.enteredAt ?? null,
    status,
    statusLabel: STATUS_LABELS[status],
    editable: refusal === null,
    readOnlyReason: refusal === null ? null : entryRefusalMessage(refusal, n, { epreuve: label, juryCode: c.juryCode, author }),
  };
}

const EMPTY: StoredGradeEntries = { inForce: undefined, first: undefined, second: undefined };

/**
 * Grade rows of these candidates (those with choices), as `login` may see them in `mode`, by
 * entryKey(candidate, unit), in grid order. The second mode lists the double-entry rows only.
 */
export async function buildGradeRows(db: Db, candidates: readonly SecondGroupCandidate[], mode: EntryMode, login: string): Promise<Map<string, GradeRowState>> {
  const ids = candidates.map((c) => c.id);
  const choices = await listChoices(db, ids);
  const stored = await listGradeEntries(db, ids);
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
      const s = stored.get(key) ?? EMPTY;
      const facts = doubleEntryFacts(s, required.has(doubleEntryKey(c.juryCode, unit)));
      if (mode === 'second' && !isDoubleEntry(facts)) continue;
      const label = labels.get(c.specialiteCode)?.get(unit) ?? unit;
      const convocation = convocationText(schedule.get(scheduleKey(c.centreEpreuve.uai, c.specialiteCode, unit)));
      out.set(key, { candidate: c, epreuveCode: unit, stored: s, facts, row: presentRow(c, unit, label, convocation, facts, s, mode, login) });
    }
  }
  return out;
}
