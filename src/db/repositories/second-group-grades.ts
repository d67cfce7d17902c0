// Contrôle grades as entered at 200 ("Saisir les notes des épreuves du 2nd groupe"). The value in
// force is controle_grade (what the engine reads); under double entry the two typed values are in
// controle_grade_entry (entry 1 and entry 2) and reach controle_grade only when they agree or are
// arbitrated (ADR 0012). controle_double_entry says for which jury × épreuve the double entry is
// required. Every write is a compare-and-set on `version` (0 = no row yet); the caller owns the
// transaction and writes the journal entry in it.
import type { Db } from '../connect.js';
import '../schema-deliberation.js';
import '../schema-second-group.js';
import type { EntryNo } from '../../domain/double-entry.js';
import type { ControleGradeValue } from '../../domain/types.js';

/** Where a value is kept: in force, or one of the two typed entries of the double entry. */
export type EntrySlot = 'inForce' | EntryNo;

/** One stored value of a contrôle grade. `version` 0: none (missing). */
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

/** Everything stored for one grade (candidate × unit). */
export interface StoredGradeEntries {
  readonly inForce: GradeEntry | undefined;
  readonly first: GradeEntry | undefined;
  readonly second: GradeEntry | undefined;
}

export function valueFromRow(kind: string, hundredths: number | null): ControleGradeValue {
  return kind === 'ABS' ? { kind: 'ABS' } : { kind: 'NOTE', hundredths: hundredths ?? 0 };
}

export const entryKey = (candidateId: number, epreuveCode: string): string => `${candidateId}|${epreuveCode}`;

async function listInForce(db: Db, ids: readonly number[]): Promise<GradeEntry[]> {
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

async function listTyped(db: Db, ids: readonly number[]): Promise<(GradeEntry & { entry: number })[]> {
  const rows = await db
    .selectFrom('controle_grade_entry')
    .select(['candidate_id', 'epreuve_code', 'entry', 'kind', 'hundredths', 'version', 'entered_at', 'entered_by', 'entered_by_login'])
    .where('candidate_id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({
    candidateId: r.candidate_id, epreuveCode: r.epreuve_code, entry: r.entry, value: valueFromRow(r.kind, r.hundredths), version: r.version,
    enteredAt: r.entered_at, enteredBy: r.entered_by, enteredByLogin: r.entered_by_login,
  }));
}

/** Every stored value of these candidates' contrôle grades, by entryKey(candidate, épreuve). */
export async function listGradeEntries(db: Db, candidateIds: readonly number[]): Promise<Map<string, StoredGradeEntries>> {
  const out = new Map<string, { inForce?: GradeEntry; first?: GradeEntry; second?: GradeEntry }>();
  const slot = (e: GradeEntry) => {
    const key = entryKey(e.candidateId, e.epreuveCode);
    const s = out.get(key) ?? {};
    out.set(key, s);
    return s;
  };
  for (let i = 0; i < candidateIds.length; i += 1000) {
    const ids = candidateIds.slice(i, i + 1000);
    for (const e of await listInForce(db, ids)) slot(e).inForce = e;
    for (const { entry, ...e } of await listTyped(db, ids)) slot(e)[entry === 1 ? 'first' : 'second'] = e;
  }
  return new Map([...out].map(([k, s]) => [k, { inForce: s.inForce, first: s.first, second: s.second }]));
}

export async function findGradeEntries(db: Db, candidateId: number, epreuveCode: string): Promise<StoredGradeEntries> {
  return (await listGradeEntries(db, [candidateId])).get(entryKey(candidateId, epreuveCode)) ?? { inForce: undefined, first: undefined, second: undefined };
}

export interface EntryWrite {
  readonly slot: EntrySlot;
  readonly candidateId: number;
  readonly epreuveCode: string;
  /** the version the change is based on (0: no value yet) */
  readonly expectedVersion: number;
  /** the new value, or null to clear it */
  readonly value: ControleGradeValue | null;
  /** ISO timestamp */
  readonly at: string;
  readonly by: string;
  readonly byLogin: string;
}

function columns(v: ControleGradeValue): { kind: string; hundredths: number | null } {
  return { kind: v.kind, hundredths: v.kind === 'NOTE' ? v.hundredths : null };
}

async function currentVersion(db: Db, slot: EntrySlot, candidateId: number, epreuveCode: string): Promise<number> {
  const s = await findGradeEntries(db, candidateId, epreuveCode);
  return (slot === 'inForce' ? s.inForce : slot === 1 ? s.first : s.second)?.version ?? 0;
}

/** Writes (or clears) a value if it is still at `expectedVersion`; false when another change won. */
export async function writeEntryIfUnchanged(db: Db, w: EntryWrite): Promise<boolean> {
  if (w.value === null && w.expectedVersion === 0) return (await currentVersion(db, w.slot, w.candidateId, w.epreuveCode)) === 0;
  if (w.slot === 'inForce') return writeInForce(db, w);
  const where = { candidate_id: w.candidateId, epreuve_code: w.epreuveCode, entry: w.slot };
  if (w.value === null) {
    const res = await db.deleteFrom('controle_grade_entry').where('candidate_id', '=', where.candidate_id).where('epreuve_code', '=', where.epreuve_code)
      .where('entry', '=', where.entry).where('version', '=', w.expectedVersion).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }
  const who = { entered_at: w.at, entered_by: w.by, entered_by_login: w.byLogin };
  if (w.expectedVersion === 0) {
    const res = await db.insertInto('controle_grade_entry').values({ ...where, ...columns(w.value), version: 1, ...who })
      .onConflict((oc) => oc.columns(['candidate_id', 'epreuve_code', 'entry']).doNothing()).executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const res = await db.updateTable('controle_grade_entry').set({ ...columns(w.value), version: w.expectedVersion + 1, ...who })
    .where('candidate_id', '=', where.candidate_id).where('epreuve_code', '=', where.epreuve_code).where('entry', '=', where.entry)
    .where('version', '=', w.expectedVersion).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

async function writeInForce(db: Db, w: EntryWrite): Promise<boolean> {
  if (w.value === null) {
    const res = await db.deleteFrom('controle_grade').where('candidate_id', '=', w.candidateId).where('epreuve_code', '=', w.epreuveCode)
      .where('version', '=', w.expectedVersion).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }
  const who = { entered_at: w.at, entered_by: w.by, entered_by_login: w.byLogin };
  if (w.expectedVersion === 0) {
    const res = await db.insertInto('controle_grade').values({ candidate_id: w.candidateId, epreuve_code: w.epreuveCode, ...columns(w.value), version: 1, ...who })
      .onConflict((oc) => oc.columns(['candidate_id', 'epreuve_code']).doNothing()).executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const res = await db.updateTable('controle_grade').set({ ...columns(w.value), version: w.expectedVersion + 1, ...who })
    .where('candidate_id', '=', w.candidateId).where('epreuve_code', '=', w.epreuveCode).where('version', '=', w.expectedVersion).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Values (in force or typed) stored for these units of a candidate. */
export async function entriesOfUnits(db: Db, candidateId: number, units: readonly string[]): Promise<GradeEntry[]> {
  if (units.length === 0) return [];
  const out: GradeEntry[] = [];
  for (const s of (await listGradeEntries(db, [candidateId])).values()) {
    for (const e of [s.inForce, s.first, s.second]) if (e && units.includes(e.epreuveCode)) out.push(e);
  }
  return out;
}

/**
 * Enabling the double entry of a jury × épreuve: the values in force of its candidates that have no
 * typed entry become entry 1 (same author, or none when imported) and leave controle_grade, so that
 * they count again only once confirmed by a second entry. Returns the values moved.
 */
export async function moveInForceToFirstEntry(db: Db, juryCode: string, epreuveCode: string): Promise<GradeEntry[]> {
  const rows = await db
    .selectFrom('controle_grade as g')
    .innerJoin('candidate as c', 'c.id', 'g.candidate_id')
    .select(['g.candidate_id', 'g.kind', 'g.hundredths', 'g.version', 'g.entered_at', 'g.entered_by', 'g.entered_by_login'])
    .where('c.jury_code', '=', juryCode)
    .where('g.epreuve_code', '=', epreuveCode)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('controle_grade_entry as e').select('e.entry')
      .whereRef('e.candidate_id', '=', 'g.candidate_id').whereRef('e.epreuve_code', '=', 'g.epreuve_code'))))
    .orderBy('g.candidate_id')
    .execute();
  if (rows.length === 0) return [];
  await db.insertInto('controle_grade_entry').values(rows.map((r) => ({
    candidate_id: r.candidate_id, epreuve_code: epreuveCode, entry: 1, kind: r.kind, hundredths: r.hundredths, version: 1,
    entered_at: r.entered_at, entered_by: r.entered_by, entered_by_login: r.entered_by_login,
  }))).execute();
  await db.deleteFrom('controle_grade').where('epreuve_code', '=', epreuveCode).where('candidate_id', 'in', rows.map((r) => r.candidate_id)).execute();
  return rows.map((r) => ({
    candidateId: r.candidate_id, epreuveCode, value: valueFromRow(r.kind, r.hundredths), version: 1,
    enteredAt: r.entered_at, enteredBy: r.entered_by, enteredByLogin: r.entered_by_login,
  }));
}

/** Candidates × units of these juries with a typed entry and no value in force (open double entries). */
export async function listOpenEntryKeys(db: Db, juryCodes: readonly string[]): Promise<{ candidateId: number; juryCode: string; epreuveCode: string }[]> {
  if (juryCodes.length === 0) return [];
  return (await db
    .selectFrom('controle_grade_entry as e')
    .innerJoin('candidate as c', 'c.id', 'e.candidate_id')
    .select(['e.candidate_id as candidateId', 'c.jury_code as juryCode', 'e.epreuve_code as epreuveCode'])
    .where('c.jury_code', 'in', [...juryCodes])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('controle_grade as g').select('g.version')
      .whereRef('g.candidate_id', '=', 'e.candidate_id').whereRef('g.epreuve_code', '=', 'e.epreuve_code'))))
    .groupBy(['e.candidate_id', 'c.jury_code', 'e.epreuve_code'])
    .orderBy('e.candidate_id').orderBy('e.epreuve_code')
    .execute());
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
