// Grades of one candidate as the jury changes them: leaf grades (table grade, 1st group) and contrôle
// grades (table controle_grade, 2nd group). Every write is a compare-and-set on `version` (optimistic
// concurrency): it succeeds only if nobody changed the grade since it was read. The caller owns the
// transaction and writes the journal entry in it.
import { sql } from 'kysely';
import type { Db } from '../connect.js';
import '../schema-deliberation.js';
import type { ControleGradeValue, GradeValue } from '../../domain/types.js';
import { gradeFromRow } from './candidate-inputs.js';

export type GradeTableName = 'grade' | 'controle_grade';

/** One stored grade, leaf or contrôle. `version` 0 means "no row yet" (a missing grade). */
export interface StoredGrade {
  readonly candidateId: number;
  readonly epreuveCode: string;
  /** the value in force; undefined when missing (no row, or a cleared grade) */
  readonly value: GradeValue | undefined;
  /** session of origin of a bénéfice (leaf grades only) */
  readonly benefice: string | null;
  /** the value before the jury's first change; null when never changed */
  readonly original: { readonly value: GradeValue | undefined } | null;
  readonly version: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

interface Row {
  candidate_id: number;
  epreuve_code: string;
  kind: string | null;
  hundredths: number | null;
  benefice?: string | null;
  orig_kind: string | null;
  orig_hundredths: number | null;
  version: number;
  updated_at: string | null;
  updated_by: string | null;
}

function toStored(r: Row): StoredGrade {
  return {
    candidateId: r.candidate_id,
    epreuveCode: r.epreuve_code,
    value: gradeFromRow(r.kind, r.hundredths),
    benefice: r.benefice ?? null,
    // a grade changed by the jury has updated_at; its imported value (possibly none) is in orig_*
    original: r.updated_at === null ? null : { value: gradeFromRow(r.orig_kind, r.orig_hundredths) },
    version: r.version,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/** A missing grade, as the screens and the concurrency check see it. */
export function missingGrade(candidateId: number, epreuveCode: string): StoredGrade {
  return { candidateId, epreuveCode, value: undefined, benefice: null, original: null, version: 0, updatedAt: null, updatedBy: null };
}

const COLUMNS = ['candidate_id', 'epreuve_code', 'kind', 'hundredths', 'orig_kind', 'orig_hundredths', 'version', 'updated_at', 'updated_by'] as const;

/** Every leaf grade (rows only: missing grades have none) and every contrôle grade of a candidate, in one statement. */
export async function listCandidateStoredGrades(db: Db, candidateId: number): Promise<{ leaf: StoredGrade[]; controle: StoredGrade[] }> {
  const rows = await db
    .selectFrom('grade')
    .select([sql<number>`1`.as('leaf'), ...COLUMNS, 'benefice'])
    .where('candidate_id', '=', candidateId)
    .unionAll(
      db.selectFrom('controle_grade').select([sql<number>`0`.as('leaf'), ...COLUMNS, sql<string | null>`NULL`.as('benefice')]).where('candidate_id', '=', candidateId),
    )
    .execute();
  const leaf: StoredGrade[] = [];
  const controle: StoredGrade[] = [];
  for (const r of rows) {
    if (Number(r.leaf) === 1) leaf.push(toStored(r));
    else controle.push(toStored({ ...r, benefice: undefined }));
  }
  return { leaf, controle };
}

/** One grade (leaf or contrôle), or the missing grade (version 0). */
export async function findStoredGrade(db: Db, table: GradeTableName, candidateId: number, epreuveCode: string): Promise<StoredGrade> {
  const r = table === 'grade'
    ? await db.selectFrom('grade').select([...COLUMNS, 'benefice']).where('candidate_id', '=', candidateId).where('epreuve_code', '=', epreuveCode).executeTakeFirst()
    : await db.selectFrom('controle_grade').select([...COLUMNS]).where('candidate_id', '=', candidateId).where('epreuve_code', '=', epreuveCode).executeTakeFirst();
  return r ? toStored(r) : missingGrade(candidateId, epreuveCode);
}

export interface GradeChange {
  readonly table: GradeTableName;
  readonly candidateId: number;
  readonly epreuveCode: string;
  /** the grade as read (its version is the expected one) */
  readonly current: StoredGrade;
  readonly value: GradeValue | ControleGradeValue;
  /** ISO timestamp */
  readonly at: string;
  /** name of the member who changes it */
  readonly by: string;
}

function columnsOf(v: GradeValue): { kind: string; hundredths: number | null } {
  return { kind: v.kind, hundredths: v.kind === 'NOTE' ? v.hundredths : null };
}

/**
 * Writes a changed grade if it is still at `current.version` (insert when `current.version` is 0).
 * The value before the first change is kept in orig_*. Returns false when another change won.
 */
export async function writeGradeIfUnchanged(db: Db, c: GradeChange): Promise<boolean> {
  const next = columnsOf(c.value);
  if (c.current.version === 0) {
    const res = await db
      .insertInto(c.table)
      .values({
        candidate_id: c.candidateId, epreuve_code: c.epreuveCode, ...next, orig_kind: null, orig_hundredths: null,
        version: 1, updated_at: c.at, updated_by: c.by,
      })
      .onConflict((oc) => oc.columns(['candidate_id', 'epreuve_code']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const before = c.current.value;
  const original = c.current.original ? c.current.original.value : before;
  const orig = original ? columnsOf(original) : { kind: null, hundredths: null };
  const res = await db
    .updateTable(c.table)
    .set({
      ...next, orig_kind: orig.kind, orig_hundredths: orig.hundredths, version: c.current.version + 1, updated_at: c.at, updated_by: c.by,
    })
    .where('candidate_id', '=', c.candidateId)
    .where('epreuve_code', '=', c.epreuveCode)
    .where('version', '=', c.current.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The two units a candidate chose for the contrôle (2nd group), or null. */
export async function findControleChoice(db: Db, candidateId: number): Promise<readonly [string, string] | null> {
  const r = await db.selectFrom('controle_choice').select(['epreuve_1', 'epreuve_2']).where('candidate_id', '=', candidateId).executeTakeFirst();
  return r ? [r.epreuve_1, r.epreuve_2] : null;
}

/** Every stored grade (leaf or contrôle) of a jury's candidates, in one query (offline bundle). */
export async function listJuryStoredGrades(db: Db, table: GradeTableName, juryCode: string): Promise<StoredGrade[]> {
  const cols = COLUMNS.map((c) => `g.${c}` as const);
  const rows = table === 'grade'
    ? await db.selectFrom('grade as g').innerJoin('candidate as c', 'c.id', 'g.candidate_id').select([...cols, 'g.benefice']).where('c.jury_code', '=', juryCode).execute()
    : await db.selectFrom('controle_grade as g').innerJoin('candidate as c', 'c.id', 'g.candidate_id').select([...cols]).where('c.jury_code', '=', juryCode).execute();
  return rows.map(toStored);
}
