// Date, time and room of each 2nd-group épreuve in a centre d'épreuve (controle_schedule): one row per
// centre d'épreuve × spécialité × unit. Writes are compare-and-set on `version` (0 = no row yet).
import type { Db } from '../connect.js';
import '../schema-second-group.js';

export interface ScheduleEntry {
  readonly centreEpreuveUai: string;
  readonly specialiteCode: string;
  readonly epreuveCode: string;
  /** ISO 'YYYY-MM-DD', null when not set */
  readonly date: string | null;
  /** 'HH:MM', null when not set */
  readonly heure: string | null;
  readonly salle: string;
  readonly version: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

export const scheduleKey = (centreEpreuveUai: string, specialiteCode: string, epreuveCode: string): string =>
  `${centreEpreuveUai}|${specialiteCode}|${epreuveCode}`;

export interface ScheduleFilter {
  readonly centreEpreuveUais?: readonly string[];
  readonly specialiteCodes?: readonly string[];
}

/** Schedule rows, by scheduleKey(centre, spécialité, unit). */
export async function listSchedule(db: Db, f: ScheduleFilter = {}): Promise<Map<string, ScheduleEntry>> {
  const out = new Map<string, ScheduleEntry>();
  if (f.centreEpreuveUais?.length === 0 || f.specialiteCodes?.length === 0) return out;
  let q = db.selectFrom('controle_schedule').selectAll();
  if (f.centreEpreuveUais) q = q.where('centre_epreuve_uai', 'in', [...f.centreEpreuveUais]);
  if (f.specialiteCodes) q = q.where('specialite_code', 'in', [...f.specialiteCodes]);
  for (const r of await q.execute()) {
    out.set(scheduleKey(r.centre_epreuve_uai, r.specialite_code, r.epreuve_code), {
      centreEpreuveUai: r.centre_epreuve_uai, specialiteCode: r.specialite_code, epreuveCode: r.epreuve_code, date: r.date, heure: r.heure,
      salle: r.salle, version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by,
    });
  }
  return out;
}

export interface ScheduleWrite {
  readonly centreEpreuveUai: string;
  readonly specialiteCode: string;
  readonly epreuveCode: string;
  readonly expectedVersion: number;
  readonly date: string | null;
  readonly heure: string | null;
  readonly salle: string;
  readonly at: string;
  readonly by: string;
}

/** Writes a schedule row if still at `expectedVersion`; false when another change won. */
export async function writeScheduleIfUnchanged(db: Db, w: ScheduleWrite): Promise<boolean> {
  const values = { date: w.date, heure: w.heure, salle: w.salle, updated_at: w.at, updated_by: w.by };
  if (w.expectedVersion === 0) {
    const res = await db
      .insertInto('controle_schedule')
      .values({ centre_epreuve_uai: w.centreEpreuveUai, specialite_code: w.specialiteCode, epreuve_code: w.epreuveCode, version: 1, ...values })
      .onConflict((oc) => oc.columns(['centre_epreuve_uai', 'specialite_code', 'epreuve_code']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const res = await db
    .updateTable('controle_schedule')
    .set({ ...values, version: w.expectedVersion + 1 })
    .where('centre_epreuve_uai', '=', w.centreEpreuveUai)
    .where('specialite_code', '=', w.specialiteCode)
    .where('epreuve_code', '=', w.epreuveCode)
    .where('version', '=', w.expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
