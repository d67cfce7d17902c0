// Test data factories: insert rows directly (no importer, no demo generator). Each takes overrides.
import type { Db } from '../../src/db/connect.js';
import type { JuryState, Role } from '../../src/domain/types.js';
import { hashPassword } from '../../src/features/auth/password.js';
import { insertUser } from '../../src/db/repositories/users.js';

/** Cheap scrypt parameters for tests (verification reads the parameters from the stored hash). */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 } as const;

export async function examSession(db: Db, o: Partial<{ academie_code: string; academie_libelle: string; session: string }> = {}) {
  await db.insertInto('exam_session').values({
    id: 1, domaine: 'BTS', session: o.session ?? '2023-06', academie_code: o.academie_code ?? 'A03',
    academie_libelle: o.academie_libelle ?? 'ACADEMIE DE BESANCON', service_examen_libelle: 'Rectorat de Besançon',
    service_examen_adresse: '1 rue des champs 25000 BESANCON', service_examen_mail: 'ce.dec@ac-besancon.fr', service_examen_telephone: '',
  }).execute();
}

export async function etablissement(db: Db, uai: string, libelle = `LYCEE ${uai}`, ville = 'BESANCON') {
  await db.insertInto('etablissement').values({ uai, libelle, ville }).execute();
}

export async function specialite(db: Db, code: string, libelle = `Spécialité ${code}`) {
  await db.insertInto('specialite').values({ code, libelle }).execute();
}

export interface EpreuveSpec {
  code: string;
  coef?: number; // in hundredths
  domaine?: 'general' | 'professionnel';
  controle?: boolean;
  facultative?: boolean;
  parent?: string;
  ects?: number | null;
}

/** The 31310 units of the memo: U1, U2 (U2E + U2O), U3, U41, U42, U5 and the optional UF1. */
export const MEMO_EPREUVES: readonly EpreuveSpec[] = [
  { code: 'U1', coef: 300, controle: true, ects: 6 },
  { code: 'U2', coef: 200, controle: true, ects: 6 },
  { code: 'U2E', coef: 100, parent: 'U2' },
  { code: 'U2O', coef: 100, parent: 'U2' },
  { code: 'U3', coef: 500, domaine: 'professionnel', ects: 30 },
  { code: 'U41', coef: 400, domaine: 'professionnel', ects: 24 },
  { code: 'U42', coef: 200, domaine: 'professionnel', ects: 12 },
  { code: 'U5', coef: 400, domaine: 'professionnel', ects: 42 },
  { code: 'UF1', coef: 100, facultative: true },
];

export async function epreuves(db: Db, specialiteCode: string, list: readonly EpreuveSpec[] = MEMO_EPREUVES) {
  await db.insertInto('epreuve').values(list.map((e, i) => ({
    specialite_code: specialiteCode, code: e.code, libelle: `Épreuve ${e.code}`, coef_centi: e.coef ?? 100,
    domaine: e.domaine ?? 'general', controle: e.controle ? 1 : 0, facultative: e.facultative ? 1 : 0,
    parent_code: e.parent ?? null, ects: e.ects ?? null, position: i + 1,
  }))).execute();
}

export async function jury(db: Db, code: string, o: Partial<{ specialite: string; centre: string; etat: JuryState; emergency: boolean }> = {}) {
  await db.insertInto('jury').values({
    code, specialite_code: o.specialite ?? code, centre_uai: o.centre ?? '0250001R', president: 'DUBOIS Pierre',
    vice_president: 'MARTIN Claire', debut_deliberation: '2023-05-31T14:00', fin_deliberation: '2023-07-06T15:00',
    etat: o.etat ?? '110', emergency_enabled: o.emergency ? 1 : 0, emergency_password_hash: null, emergency_generated_at: null,
  }).execute();
}

let nextCandidate = 1;
export async function candidate(db: Db, o: { jury: string; id?: number; centreEpreuve?: string; nom?: string }): Promise<number> {
  const id = o.id ?? nextCandidate++;
  await db.insertInto('candidate').values({
    id, numero_candidat: String(2319252150 + id).padStart(11, '0'), numero_inscription: '001', nom: o.nom ?? `NOM${id}`,
    nom_usage: '', prenoms: 'Prénom', sexe: 'M', date_naissance: '2002-09-01', lieu_naissance: 'BESANCON', ine: '210340601AA',
    categorie: 'SCOLAIRE', forme_passage: 'GLOBALE', etablissement_uai: '0250001R', centre_epreuve_uai: o.centreEpreuve ?? '0250001R',
    jury_code: o.jury, numero_anonymat: `T230A0310${String(id).padStart(5, '0')}`, livret: 1, handicap: '', liste_rouge: 0,
    presume_fraudeur: 0, adresse: '', code_postal: '', ville: '', mail: '',
  }).execute();
  return id;
}

export type GradeSpec = number | 'ABS' | 'AJ' | 'DI' | null;

/** Grades by leaf code: a number is in hundredths; null writes a cleared grade (kind NULL). */
export async function grades(db: Db, candidateId: number, byLeaf: Record<string, GradeSpec>) {
  const rows = Object.entries(byLeaf).map(([code, g]) => ({
    candidate_id: candidateId, epreuve_code: code, kind: g === null ? null : typeof g === 'number' ? 'NOTE' : g,
    hundredths: typeof g === 'number' ? g : null, benefice: null, orig_kind: null, orig_hundredths: null, updated_at: null, updated_by: null,
  }));
  if (rows.length) await db.insertInto('grade').values(rows).execute();
}

/** Every leaf of MEMO_EPREUVES at the same grade (hundredths). */
export function allMemoGrades(h: number): Record<string, GradeSpec> {
  return { U1: h, U2E: h, U2O: h, U3: h, U41: h, U42: h, U5: h };
}

/** The memo's golden candidate: 9,95 / pro 10,00 → CONTROLE. */
export const GOLDEN_GRADES: Record<string, GradeSpec> = { U1: 900, U2E: 600, U2O: 1600, U3: 1000, U41: 1000, U42: 1000, U5: 1000 };

export async function controleChoice(db: Db, candidateId: number, e1: string, e2: string) {
  await db.insertInto('controle_choice').values({ candidate_id: candidateId, epreuve_1: e1, epreuve_2: e2 }).execute();
}

export async function controleGrade(db: Db, candidateId: number, unit: string, g: number | 'ABS') {
  await db.insertInto('controle_grade').values({
    candidate_id: candidateId, epreuve_code: unit, kind: g === 'ABS' ? 'ABS' : 'NOTE', hundredths: g === 'ABS' ? null : g, updated_at: null, updated_by: null,
  }).execute();
}

export async function user(db: Db, o: { login: string; role: Role; scope: string; password?: string; name?: string; active?: boolean }) {
  await insertUser(db, {
    login: o.login, name: o.name ?? o.login, role: o.role, scope: o.scope, active: o.active ?? true,
    passwordHash: await hashPassword(o.password ?? TEST_PASSWORD, TEST_SCRYPT), createdAt: '2023-06-01T08:00:00.000Z',
  });
}

export const TEST_PASSWORD = 'mot-de-passe-de-test';

/**
 * The standard world of the API tests: académie A03; centres 0250001R (juries 31310 at 110 and
 * 31311 at 130) and 0390007W (jury 31408 at 130); centre d'épreuve 0250013D; one account per role.
 */
export async function standardWorld(db: Db) {
  await examSession(db);
  await etablissement(db, '0250001R', 'LP NELSON MANDELA', 'AUDINCOURT CEDEX');
  await etablissement(db, '0390007W', 'LYCEE DU JURA', 'LONS-LE-SAUNIER');
  await etablissement(db, '0250013D', 'LP P.ADRIEN PARIS', 'BESANCON');
  await specialite(db, '31310', 'Banque - conseiller de clientèle');
  await specialite(db, '31408', 'Comptabilité et gestion');
  await epreuves(db, '31310');
  await epreuves(db, '31408');
  await jury(db, '31310', { specialite: '31310', centre: '0250001R', etat: '110' });
  await jury(db, '31311', { specialite: '31310', centre: '0250001R', etat: '130' });
  await jury(db, '31408', { specialite: '31408', centre: '0390007W', etat: '130' });
  await Promise.all(WORLD_ACCOUNTS.map((a) => user(db, a)));
}

export const WORLD_ACCOUNTS = [
  { login: 'academie', role: 'academie', scope: 'A03' },
  { login: 'centre-0250001R', role: 'centre', scope: '0250001R' },
  { login: 'centre-0390007W', role: 'centre', scope: '0390007W' },
  { login: 'jury-31310', role: 'jury', scope: '31310' },
  { login: 'jury-31408', role: 'jury', scope: '31408' },
  { login: 'epreuve-0250013D', role: 'centre_epreuve', scope: '0250013D' },
] as const satisfies readonly { login: string; role: Role; scope: string }[];
