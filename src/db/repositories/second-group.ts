// The 2nd group's candidates and their contrôle choices (controle_choice). Every write of a choice is
// a compare-and-set on `version` (optimistic concurrency: version 0 means "no row yet"). The caller
// owns the transaction and writes the journal entry in it.
import type { Db } from '../connect.js';
import '../schema-second-group.js';
import type { JuryState } from '../../domain/types.js';

/** A candidate as the 2nd-group screens show him (identity, jury, centre d'épreuve). */
export interface SecondGroupCandidate {
  readonly id: number;
  readonly numeroCandidat: string;
  readonly numeroInscription: string;
  readonly nom: string;
  readonly prenoms: string;
  /** handicap measures (free text), '' when none */
  readonly handicap: string;
  readonly juryCode: string;
  readonly juryEtat: JuryState;
  readonly specialiteCode: string;
  readonly specialiteLibelle: string;
  /** UAI of the jury's centre de délibération */
  readonly centreDeliberationUai: string;
  readonly centreEpreuve: { readonly uai: string; readonly libelle: string; readonly ville: string };
}

export interface CandidateFilter {
  readonly juryCodes?: readonly string[];
  readonly candidateIds?: readonly number[];
  /** only the candidates who sit in this centre d'épreuve */
  readonly centreEpreuveUai?: string;
}

/** Candidates by jury then name (no grades: those come from the engine). */
export async function listSecondGroupCandidates(db: Db, f: CandidateFilter): Promise<SecondGroupCandidate[]> {
  if (f.juryCodes?.length === 0 || f.candidateIds?.length === 0) return [];
  let q = db
    .selectFrom('candidate as c')
    .innerJoin('jury as j', 'j.code', 'c.jury_code')
    .innerJoin('specialite as s', 's.code', 'j.specialite_code')
    .innerJoin('etablissement as e', 'e.uai', 'c.centre_epreuve_uai')
    .select([
      'c.id', 'c.numero_candidat', 'c.numero_inscription', 'c.nom', 'c.prenoms', 'c.handicap', 'c.jury_code', 'j.etat',
      'j.specialite_code', 's.libelle as specialite_libelle', 'j.centre_uai', 'c.centre_epreuve_uai', 'e.libelle as ce_libelle', 'e.ville as ce_ville',
    ]);
  if (f.juryCodes) q = q.where('c.jury_code', 'in', [...f.juryCodes]);
  if (f.candidateIds) q = q.where('c.id', 'in', [...f.candidateIds]);
  if (f.centreEpreuveUai !== undefined) q = q.where('c.centre_epreuve_uai', '=', f.centreEpreuveUai);
  const rows = await q.orderBy('c.jury_code').orderBy('c.nom').orderBy('c.prenoms').orderBy('c.id').execute();
  return rows.map((r) => ({
    id: r.id,
    numeroCandidat: r.numero_candidat,
    numeroInscription: r.numero_inscription,
    nom: r.nom,
    prenoms: r.prenoms,
    handicap: r.handicap,
    juryCode: r.jury_code,
    juryEtat: r.etat as JuryState,
    specialiteCode: r.specialite_code,
    specialiteLibelle: r.specialite_libelle,
    centreDeliberationUai: r.centre_uai,
    centreEpreuve: { uai: r.centre_epreuve_uai, libelle: r.ce_libelle, ville: r.ce_ville },
  }));
}

/** Libellés of the units of some spécialités: spécialité → unit code → libellé. */
export async function unitLabels(db: Db, specialites: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  if (specialites.length === 0) return out;
  const rows = await db
    .selectFrom('epreuve')
    .select(['specialite_code', 'code', 'libelle'])
    .where('specialite_code', 'in', [...specialites])
    .where('parent_code', 'is', null)
    .orderBy('specialite_code')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    let m = out.get(r.specialite_code);
    if (!m) out.set(r.specialite_code, (m = new Map()));
    m.set(r.code, r.libelle);
  }
  return out;
}

// ---- Choices ------------------------------------------------------------------------------------

export interface StoredChoice {
  readonly candidateId: number;
  readonly epreuve1: string;
  readonly epreuve2: string;
  readonly version: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

const CHOICE_COLUMNS = ['candidate_id', 'epreuve_1', 'epreuve_2', 'version', 'updated_at', 'updated_by'] as const;

function toChoice(r: { candidate_id: number; epreuve_1: string; epreuve_2: string; version: number; updated_at: string | null; updated_by: string | null }): StoredChoice {
  return { candidateId: r.candidate_id, epreuve1: r.epreuve_1, epreuve2: r.epreuve_2, version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by };
}

export async function listChoices(db: Db, candidateIds: readonly number[]): Promise<Map<number, StoredChoice>> {
  const out = new Map<number, StoredChoice>();
  for (let i = 0; i < candidateIds.length; i += 1000) {
    const ids = candidateIds.slice(i, i + 1000);
    const rows = await db.selectFrom('controle_choice').select([...CHOICE_COLUMNS]).where('candidate_id', 'in', ids).execute();
    for (const r of rows) out.set(r.candidate_id, toChoice(r));
  }
  return out;
}

export async function findChoice(db: Db, candidateId: number): Promise<StoredChoice | undefined> {
  const r = await db.selectFrom('controle_choice').select([...CHOICE_COLUMNS]).where('candidate_id', '=', candidateId).executeTakeFirst();
  return r ? toChoice(r) : undefined;
}

export interface ChoiceWrite {
  readonly candidateId: number;
  /** the version the change is based on (0: no choice yet) */
  readonly expectedVersion: number;
  /** the two units, or null to clear the choices */
  readonly choice: readonly [string, string] | null;
  /** ISO timestamp */
  readonly at: string;
  readonly by: string;
}

/** Writes (or clears) a candidate's choices if still at `expectedVersion`; false when another change won. */
export async function writeChoiceIfUnchanged(db: Db, w: ChoiceWrite): Promise<boolean> {
  if (w.choice === null) {
    if (w.expectedVersion === 0) return (await findChoice(db, w.candidateId)) === undefined;
    const res = await db.deleteFrom('controle_choice').where('candidate_id', '=', w.candidateId).where('version', '=', w.expectedVersion).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }
  const [epreuve_1, epreuve_2] = w.choice;
  if (w.expectedVersion === 0) {
    const res = await db
      .insertInto('controle_choice')
      .values({ candidate_id: w.candidateId, epreuve_1, epreuve_2, version: 1, updated_at: w.at, updated_by: w.by })
      .onConflict((oc) => oc.column('candidate_id').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const res = await db
    .updateTable('controle_choice')
    .set({ epreuve_1, epreuve_2, version: w.expectedVersion + 1, updated_at: w.at, updated_by: w.by })
    .where('candidate_id', '=', w.candidateId)
    .where('version', '=', w.expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Keeps each jury in one of `states` until the caller's transaction ends: a no-op update that
 * succeeds only if the jury is still in one of them and (PostgreSQL) holds the jury row's lock, so
 * that a concurrent state change (opening the 2nd-group deliberation) waits for this transaction and
 * then sees its writes. Juries are locked in code order (no deadlock). Returns the juries that were
 * no longer in an allowed state.
 */
export async function holdJuriesInStates(db: Db, codes: readonly string[], states: readonly JuryState[]): Promise<string[]> {
  const failed: string[] = [];
  for (const code of [...new Set(codes)].sort()) {
    const res = await db
      .updateTable('jury')
      .set((eb) => ({ etat: eb.ref('etat') }))
      .where('code', '=', code)
      .where('etat', 'in', [...states])
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) failed.push(code);
  }
  return failed;
}
