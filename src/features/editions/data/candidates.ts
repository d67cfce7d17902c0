// Read side of the editions: the candidates of a set of juries with their établissements, the
// bénéfices of their grades, the labels of the épreuves, the journal's grade modifications. Every
// query takes its values as parameters; the search criteria arrive already compiled
// (./criteria-sql.ts), never as text.
import type { Db } from '../../../db/connect.js';
import type { Etablissement } from '../../../documents/model.js';
import type { CandidateWhere } from './criteria-sql.js';

export interface EditionCandidate {
  readonly id: number;
  readonly numeroCandidat: string;
  readonly numeroInscription: string;
  readonly numeroAnonymat: string;
  readonly nom: string;
  readonly nomUsage: string;
  readonly prenoms: string;
  readonly sexe: string;
  /** ISO 'YYYY-MM-DD' */
  readonly dateNaissance: string | null;
  readonly lieuNaissance: string;
  readonly ine: string;
  readonly categorie: string;
  readonly formePassage: string;
  readonly juryCode: string;
  /** établissement d'inscription (null when the UAI is unknown or empty) */
  readonly etablissement: Etablissement | null;
  readonly centreEpreuve: Etablissement | null;
  /** 1 received, 0 absent, null no status */
  readonly livret: number | null;
  readonly handicap: string;
  readonly listeRouge: boolean;
  readonly presumeFraudeur: boolean;
  readonly adresse: string;
  readonly codePostal: string;
  readonly ville: string;
  readonly mail: string;
}

export interface EditionCandidateQuery {
  readonly juryCodes: readonly string[];
  /** only the candidates of this centre d'épreuve (UAI) */
  readonly centreEpreuve?: string | undefined;
  /** compiled search criteria (SPEC §6) */
  readonly where?: CandidateWhere | undefined;
}

/** Lists and IN clauses are cut in chunks well under both engines' parameter limits. */
const CHUNK = 500;

function chunks<T>(xs: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/** Same order on SQLite and PostgreSQL: jury, then name, first names, candidate number. */
export function compareCandidates(a: EditionCandidate, b: EditionCandidate): number {
  return (
    a.juryCode.localeCompare(b.juryCode) ||
    collator.compare(a.nom, b.nom) ||
    collator.compare(a.prenoms, b.prenoms) ||
    a.numeroCandidat.localeCompare(b.numeroCandidat) ||
    a.id - b.id
  );
}

/** The candidates of the juries (and centre d'épreuve, criteria), jury by jury in alphabetical order. */
export async function listEditionCandidates(db: Db, q: EditionCandidateQuery): Promise<EditionCandidate[]> {
  if (q.juryCodes.length === 0) return [];
  const rows = [];
  for (const codes of chunks([...new Set(q.juryCodes)])) {
    let query = db
      .selectFrom('candidate as c')
      .leftJoin('etablissement as ei', 'ei.uai', 'c.etablissement_uai')
      .leftJoin('etablissement as ce', 'ce.uai', 'c.centre_epreuve_uai')
      .selectAll('c')
      .select(['ei.libelle as ei_libelle', 'ei.ville as ei_ville', 'ce.libelle as ce_libelle', 'ce.ville as ce_ville'])
      .where('c.jury_code', 'in', codes);
    if (q.centreEpreuve !== undefined) query = query.where('c.centre_epreuve_uai', '=', q.centreEpreuve);
    if (q.where) query = query.where(q.where);
    rows.push(...(await query.execute()));
  }
  const etab = (uai: string, libelle: string | null, ville: string | null): Etablissement | null =>
    uai.trim() === '' ? null : { uai, libelle: libelle ?? uai, ville: ville ?? '' };
  return rows
    .map((r) => ({
      id: Number(r.id),
      numeroCandidat: r.numero_candidat,
      numeroInscription: r.numero_inscription,
      numeroAnonymat: r.numero_anonymat,
      nom: r.nom,
      nomUsage: r.nom_usage,
      prenoms: r.prenoms,
      sexe: r.sexe,
      dateNaissance: r.date_naissance,
      lieuNaissance: r.lieu_naissance,
      ine: r.ine,
      categorie: r.categorie,
      formePassage: r.forme_passage,
      juryCode: r.jury_code,
      etablissement: etab(r.etablissement_uai, r.ei_libelle, r.ei_ville),
      centreEpreuve: etab(r.centre_epreuve_uai, r.ce_libelle, r.ce_ville),
      livret: r.livret === null ? null : Number(r.livret),
      handicap: r.handicap,
      listeRouge: Number(r.liste_rouge) === 1,
      presumeFraudeur: Number(r.presume_fraudeur) === 1,
      adresse: r.adresse,
      codePostal: r.code_postal,
      ville: r.ville,
      mail: r.mail,
    }))
    .sort(compareCandidates);
}

/** SCOLAIRE candidates of the juries without a livret status (the warning before the livrets list). */
export async function countScolairesWithoutLivret(db: Db, juryCodes: readonly string[]): Promise<number> {
  let n = 0;
  for (const codes of chunks([...new Set(juryCodes)])) {
    const r = await db
      .selectFrom('candidate')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('jury_code', 'in', codes)
      .where((eb) => eb(eb.fn('upper', ['categorie']), '=', 'SCOLAIRE'))
      .where('livret', 'is', null)
      .executeTakeFirst();
    n += Number(r?.n ?? 0);
  }
  return n;
}

/** Session of origin of the bénéfices, by candidate then leaf épreuve ("2021-06"). */
export async function loadBenefices(db: Db, candidateIds: readonly number[]): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>();
  for (const ids of chunks([...new Set(candidateIds)])) {
    const rows = await db
      .selectFrom('grade')
      .select(['candidate_id', 'epreuve_code', 'benefice'])
      .where('candidate_id', 'in', ids)
      .where('benefice', 'is not', null)
      .where('benefice', '<>', '')
      .execute();
    for (const r of rows) {
      const id = Number(r.candidate_id);
      const m = out.get(id) ?? {};
      m[r.epreuve_code] = r.benefice!;
      out.set(id, m);
    }
  }
  return out;
}

/** Épreuve labels by spécialité then épreuve (or unit) code. */
export async function epreuveLabels(db: Db, specialiteCodes: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const specs of chunks([...new Set(specialiteCodes)])) {
    const rows = await db.selectFrom('epreuve').select(['specialite_code', 'code', 'libelle']).where('specialite_code', 'in', specs).execute();
    for (const r of rows) {
      const m = out.get(r.specialite_code) ?? new Map<string, string>();
      m.set(r.code, r.libelle);
      out.set(r.specialite_code, m);
    }
  }
  return out;
}

/** The jury codes of each spécialité (every jury of the session, not only the visible ones). */
export async function juriesOfSpecialites(db: Db, specialiteCodes: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const spec of specialiteCodes) out.set(spec, []);
  for (const specs of chunks([...new Set(specialiteCodes)])) {
    const rows = await db.selectFrom('jury').select(['code', 'specialite_code']).where('specialite_code', 'in', specs).orderBy('code').execute();
    for (const r of rows) out.get(r.specialite_code)!.push(r.code);
  }
  return out;
}

/** The jury of each candidate of these juries. */
export async function candidateJuries(db: Db, juryCodes: readonly string[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const codes of chunks([...new Set(juryCodes)])) {
    const rows = await db.selectFrom('candidate').select(['id', 'jury_code']).where('jury_code', 'in', codes).execute();
    for (const r of rows) out.set(Number(r.id), r.jury_code);
  }
  return out;
}

/** A journal entry that modified a grade. */
export interface GradeChangeEntry {
  readonly at: string;
  readonly actorName: string;
  readonly actorRole: string;
  readonly candidateId: number | null;
  readonly subject: string;
  readonly beforeJson: string | null;
  readonly afterJson: string | null;
}

/** The jury's grade modifications recorded in the journal, in order. */
export async function listGradeChanges(db: Db, juryCode: string, actions: readonly string[]): Promise<GradeChangeEntry[]> {
  if (actions.length === 0) return [];
  const rows = await db
    .selectFrom('journal')
    .select(['at', 'actor_name', 'actor_role', 'candidate_id', 'subject', 'before_json', 'after_json'])
    .where('jury_code', '=', juryCode)
    .where('action', 'in', [...actions])
    .orderBy('id') // journal order: entries of before ADR 0013 (session chain) first, then the jury's chain
    .execute();
  return rows.map((r) => ({
    at: r.at,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    candidateId: r.candidate_id === null ? null : Number(r.candidate_id),
    subject: r.subject,
    beforeJson: r.before_json,
    afterJson: r.after_json,
  }));
}
