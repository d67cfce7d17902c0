// Reads of the jury's deliberation (its candidates, one candidate with the facts the policies need)
// and the lock that keeps a jury in its state while a grade changes.
import type { Db } from '../connect.js';
import type { JuryState } from '../../domain/types.js';
import { toJuryView, type JuryView } from './juries.js';

/** What the deliberation screens show of a candidate (identity apart). */
export interface DeliberationCandidate {
  readonly id: number;
  readonly juryCode: string;
  readonly numeroAnonymat: string;
  readonly categorie: string;
  readonly formePassage: string;
  /** true oui, false non, null no status */
  readonly livret: boolean | null;
  /** handicap measures (free text), '' when none */
  readonly handicap: string;
  readonly listeRouge: boolean;
  readonly presumeFraudeur: boolean;
  /** UAI of the jury's centre de délibération (scope) */
  readonly centreDeliberationUai: string;
  readonly centreEpreuveUai: string;
}

export interface CandidateIdentity {
  readonly nom: string;
  readonly nomUsage: string;
  readonly prenoms: string;
  readonly numeroCandidat: string;
  readonly numeroInscription: string;
}

function base(db: Db) {
  return db
    .selectFrom('candidate as c')
    .innerJoin('jury as j', 'j.code', 'c.jury_code')
    .select([
      'c.id', 'c.jury_code', 'c.numero_anonymat', 'c.categorie', 'c.forme_passage', 'c.livret', 'c.handicap', 'c.liste_rouge',
      'c.presume_fraudeur', 'j.centre_uai', 'c.centre_epreuve_uai',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

function toCandidate(r: BaseRow): DeliberationCandidate {
  return {
    id: r.id,
    juryCode: r.jury_code,
    numeroAnonymat: r.numero_anonymat,
    categorie: r.categorie,
    formePassage: r.forme_passage,
    livret: r.livret === null ? null : r.livret === 1,
    handicap: r.handicap,
    listeRouge: r.liste_rouge === 1,
    presumeFraudeur: r.presume_fraudeur === 1,
    centreDeliberationUai: r.centre_uai,
    centreEpreuveUai: r.centre_epreuve_uai,
  };
}

/** The candidates of a jury, by anonymous number, each with whether one of its grades is a bénéfice. */
export async function listJuryCandidatesWithBenefice(db: Db, juryCode: string): Promise<(DeliberationCandidate & { readonly benefice: boolean })[]> {
  const rows = await base(db)
    .select((eb) => eb.exists(
      eb.selectFrom('grade as g').select('g.candidate_id').whereRef('g.candidate_id', '=', 'c.id').where('g.benefice', 'is not', null),
    ).as('has_benefice'))
    .where('c.jury_code', '=', juryCode)
    .orderBy('c.numero_anonymat')
    .orderBy('c.id')
    .execute();
  // SQLite answers 0/1, PostgreSQL a boolean
  return rows.map((r) => ({ ...toCandidate(r), benefice: Boolean(r.has_benefice) }));
}

/** A candidate with his jury (as findJury reads it), in one statement. */
export async function findDeliberationCandidateWithJury(db: Db, id: number): Promise<{ candidate: DeliberationCandidate; jury: JuryView } | undefined> {
  const r = await base(db)
    .innerJoin('specialite as s', 's.code', 'j.specialite_code')
    .innerJoin('etablissement as e', 'e.uai', 'j.centre_uai')
    .select([
      'j.code', 'j.specialite_code', 's.libelle as specialite_libelle', 'e.libelle as centre_libelle', 'e.ville as centre_ville', 'j.president',
      'j.vice_president', 'j.debut_deliberation', 'j.fin_deliberation', 'j.etat', 'j.version', 'j.emergency_enabled', 'j.emergency_generated_at',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  return r ? { candidate: toCandidate(r), jury: toJuryView(r) } : undefined;
}

export async function findCandidateIdentity(db: Db, id: number): Promise<CandidateIdentity | undefined> {
  const r = await db
    .selectFrom('candidate')
    .select(['nom', 'nom_usage', 'prenoms', 'numero_candidat', 'numero_inscription'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { nom: r.nom, nomUsage: r.nom_usage, prenoms: r.prenoms, numeroCandidat: r.numero_candidat, numeroInscription: r.numero_inscription } : undefined;
}

/**
 * Compare-and-set that keeps the jury in `etat` until the caller's transaction ends: it succeeds only
 * if the jury is still in `etat`, and (PostgreSQL) holds the jury row's lock, so that a concurrent
 * state change (closing the deliberation) waits for this transaction or sees its writes. SQLite
 * has a single writer already. Returns false when the state changed.
 */
export async function holdJuryState(db: Db, code: string, etat: JuryState): Promise<boolean> {
  const res = await db
    .updateTable('jury')
    .set((eb) => ({ etat: eb.ref('etat') }))
    .where('code', '=', code)
    .where('etat', '=', etat)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
