// What the 2nd-group editions need from this module (src/features/editions renders them): the date,
// time and room of a candidate's épreuve, as set by his centre d'épreuve.
import type { Db } from '../../db/connect.js';
import { listSchedule, scheduleKey, type ScheduleFilter } from '../../db/repositories/second-group-schedule.js';
import { frenchDate } from './format.js';

export interface ScheduledEpreuve {
  /** "03/07/2023", '' when not set */
  readonly date: string;
  /** "09:30", '' when not set */
  readonly heure: string;
  /** free text, '' when not set */
  readonly salle: string;
}

export type ScheduleLookup = (centreEpreuveUai: string, specialiteCode: string, epreuveCode: string) => ScheduledEpreuve | undefined;

/**
 * Loads the schedule once (optionally restricted to some centres d'épreuve / spécialités) and answers
 * per candidate épreuve: lookup(candidate's centre d'épreuve, jury's spécialité, unit code).
 */
export async function loadScheduleLookup(db: Db, filter: ScheduleFilter = {}): Promise<ScheduleLookup> {
  const rows = await listSchedule(db, filter);
  return (uai, spec, unit) => {
    const s = rows.get(scheduleKey(uai, spec, unit));
    return s ? { date: frenchDate(s.date), heure: s.heure ?? '', salle: s.salle } : undefined;
  };
}
