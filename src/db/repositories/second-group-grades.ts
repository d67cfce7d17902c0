// Contrôle grades as entered at 200 ("Saisir les notes des épreuves du 2nd groupe"): the first entry
// is the grade itself (controle_grade, what the engine reads); the optional blind second entry is in
// controle_grade_second; controle_double_entry says for which jury × épreuve the second entry is
// required. Every write is a compare-and-set on `version` (0 = no row yet); the caller owns the
// transaction and writes the journal entry in it.
import type { Db } from '../connect.js';
import '../schema-deliberation.js';
import '../schema-second-group.js';
import type { ControleGradeValue } from '../../domain/types.js';

export type EntryTable = 'controle_grade' | 'controle_grade_second';

/** One entry of a contrôle grade. `version` 0: no entry (missing). */
export interface GradeEntry {
  readonly candidateId: number;
  readonly epreuveCode: string;
  readonly value: ControleGradeValue | undefined;
  readonly version: number;
  /** when and by whom it was entered (the jury's change at 210 when it was the last one) */
  readonly enteredAt: string | null;
  readonly enteredBy: string | null;
  readonly enteredByLogin: string | null;
}

export function noEntry(candidateId: number, epreuveCode: string): GradeEntry {
  return { candidateId, epreuveCode, value: undefined, version: 0, enteredAt: null, enteredBy: null, enteredByLogin: null };
}

export function valueFromRow(kind: string, hundredths: number | null): ControleGradeValue {
  return kind === 'ABS' ? { kind: 'ABS' } : { kind: 'NOTE', hundredths: hundredths ?? 0 };
}

export const entryKey = (candidateId: number, epreuveCode: string): string => `${candidateId}|${epreuveCode}`;

async function listFirst(db: Db, ids: readonly number[]): Promise<GradeEntry[]> {
  const rows = await db
    .selectFrom('controle_grade')
    .select(['candidate_id', 'epreuve_code', 'kind', 'hundredths', 'version', 'entered_at', 'entered_by', 'entered_by_login', 'updated_at', 'updated_by'])
    .where('candidate_id', 'in', [...ids])
    .execute();
  return rows.map((r) => {
    // a change by the jury at 210 is more recent than the entry at 200
    const jury = r.updated_at !== null && (r.entered_at === null || r.updated_at > r.entered_at);
    return {
      candidateId: r.candidate_id, epreuveCode: r.epreuve_code, value: valueFromRow(r.kind, r.hundredths), version: r.version,
      enteredAt: jury ? r.updated_at : r.entered_at, enteredBy: jury ? r.updated_by : r.entered_by, enteredByLogin: jury ? null : r.entered_by_login,
    };
  });
}

async function listSecond(db: Db, ids: readonly number[]): Promise<GradeEntry[]> {
  const rows = await db
    .selectFrom('controle_grade_second')
    .select(['candidate_id', 'epreuve_code', 'kind', 'hundredths', 'version', 'entered_at', 'entered_by', 'entered_by_login'])
    .where('candidate_id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({
    candidateId: r.candidate_id, epreuveCode: r.epreuve_code, value: valueFromRow(r.kind, r.hundredths), version: r.version,
    enteredAt: r.entered_at, enteredBy: r.entered_by, enteredByLogin: r.entered_by_login,
  }));
}

/** Every entry of these candidates, by entryKey(candidate, épreuve). */
export async function listEntries(db: Db, table: EntryTable, candidateIds: readonly number[]): Promise<Map<string, GradeEntry>> {
  const out = new Map<string, GradeEntry>();
  for (let i = 0; i < candidateIds.length; i += 1000) {
    const ids = candidateIds.slice(i, i + 1000);
    for (const e of table === 'controle_grade' ? await listFirst(db, ids) : await listSecond(db, ids)) out.set(entryKey(e.candidateId, e.epreuveCode), e);
  }
  return out;
}

export async function findEntry(db: Db, table: EntryTable, candidateId: number, epreuveCode: string): Promise<GradeEntry> {
  const m = await listEntries(db, table, [candidateId]);
  return m.get(entryKey(candidateId, epreuveCode)) ?? noEntry(candidateId, epreuveCode);
}

export interface EntryWrite {
  readonly table: EntryTable;
  readonly candidateId: number;
  readonly epreuveCode: string;
  /** the version the change is based on (0: no entry yet) */
  readonly expectedVersion: number;
  /** the new value, or null to clear the entry */
  readonly value: ControleGradeValue | null;
  /** ISO timestamp */
  readonly at: string;
  readonly by: string;
  readonly byLogin: string;
}

function columns(v: ControleGradeValue): { kind: string; hundredths: number | null } {
  return { kind: v.kind, hundredths: v.kind === 'NOTE' ? v.hundredths : null };
}

/** Writes (or clears) an entry if it is still at `expectedVersion`; false when another change won. */
export async function writeEntryIfUnchanged(db: Db, w: EntryWrite): Promise<boolean> {
  if (w.value === null) {
    if (w.expectedVersion === 0) return (await findEntry(db, w.table, w.candidateId, w.epreuveCode)).version === 0;
    const res = await db.deleteFrom(w.table).where('candidate_id', '=', w.candidateId).where('epreuve_code', '=', w.epreuveCode)
      .where('version', '=', w.expectedVersion).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }
  const v = columns(w.value);
  const who = { entered_at: w.at, entered_by: w.by, entered_by_login: w.byLogin };
  if (w.expectedVersion === 0) {
    const base = { candidate_id: w.candidateId, epreuve_code: w.epreuveCode, ...v, version: 1, ...who };
    const res = w.table === 'controle_grade'
      ? await db.insertInto('controle_grade').values(base).onConflict((oc) => oc.columns(['candidate_id', 'epreuve_code']).doNothing()).executeTakeFirst()
      : await db.insertInto('controle_grade_second').values(base).onConflict((oc) => oc.columns(['candidate_id', 'epreuve_code']).doNothing()).executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const res = await db
    .updateTable(w.table)
    .set({ ...v, version: w.expectedVersion + 1, ...who })
    .where('candidate_id', '=', w.candidateId)
    .where('epreuve_code', '=', w.epreuveCode)
    .where('version', '=', w.expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Whether any entry (first or second) exists for these units of a candidate. */
export async function entriesOfUnits(db: Db, candidateId: number, units: readonly string[]): Promise<GradeEntry[]> {
  if (units.length === 0) return [];
  const out: GradeEntry[] = [];
  for (const table of ['controle_grade', 'controle_grade_second'] as const) {
    for (const e of (await listEntries(db, table, [candidateId])).values()) if (units.includes(e.epreuveCode)) out.push(e);
  }
  return out;
}

// ---- Double entry settings ----------------------------------------------------------------------

export const doubleEntryKey = (juryCode: string, epreuveCode: string): string => `${juryCode}|${epreuveCode}`;

/** The jury × épreuve pairs that require a second entry, as doubleEntryKey(jury, épreuve). */
export async function listDoubleEntries(db: Db, juryCodes: readonly string[]): Promise<Set<string>> {
  if (juryCodes.length === 0) return new Set();
  const rows = await db.selectFrom('controle_double_entry').select(['jury_code', 'epreuve_code']).where('jury_code', 'in', [...juryCodes]).execute();
  return new Set(rows.map((r) => doubleEntryKey(r.jury_code, r.epreuve_code)));
}

/** Enables or disables the double entry of one épreuve of a jury; false when nothing changed. */
export async function setDoubleEntry(db: Db, juryCode: string, epreuveCode: string, enabled: boolean, at: string, by: string): Promise<boolean> {
  if (!enabled) {
    const res = await db.deleteFrom('controle_double_entry').where('jury_code', '=', juryCode).where('epreuve_code', '=', epreuveCode).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }
  const res = await db
    .insertInto('controle_double_entry')
    .values({ jury_code: juryCode, epreuve_code: epreuveCode, enabled_at: at, enabled_by: by })
    .onConflict((oc) => oc.columns(['jury_code', 'epreuve_code']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}
