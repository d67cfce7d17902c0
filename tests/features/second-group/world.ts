// The 2nd-group test world, on top of the standard world (tests/support/factories.ts): spécialité
// 40000 with three contrôle units (U1, U2 = U2E + U2O, U3), two professional units and an optional unit
// flagged contrôle (never eligible); juries of centre 0250001R at 198, 200, 130, one of centre
// 0390007W at 200; CONTROLE candidates (one DI on U3, one with a bénéfice on U1), an admitted one.
import type { Db } from '../../../src/db/connect.js';
import { candidate, epreuves, grades, jury, specialite, standardWorld, user, type EpreuveSpec, type GradeSpec } from '../../support/factories.js';

export const SPEC = '40000';
export const EPREUVES_40000: readonly EpreuveSpec[] = [
  { code: 'U1', coef: 300, controle: true, ects: 6 },
  { code: 'U2', coef: 200, controle: true, ects: 6 },
  { code: 'U2E', coef: 100, parent: 'U2' },
  { code: 'U2O', coef: 100, parent: 'U2' },
  { code: 'U3', coef: 100, controle: true, ects: 4 },
  { code: 'U4', coef: 500, domaine: 'professionnel', ects: 30 },
  { code: 'U5', coef: 400, domaine: 'professionnel', ects: 30 },
  { code: 'UF1', coef: 100, controle: true, facultative: true },
];

/** 138/15 = 9,20, pro 10,00 → CONTROLE */
export const CONTROLE_GRADES: Record<string, GradeSpec> = { U1: 800, U2E: 800, U2O: 800, U3: 800, U4: 1000, U5: 1000 };
/** U3 DI: 130/14 → CONTROLE; U3 cannot be chosen */
export const CONTROLE_DI_U3: Record<string, GradeSpec> = { ...CONTROLE_GRADES, U3: 'DI' };
export const ADMIS_GRADES: Record<string, GradeSpec> = { U1: 1500, U2E: 1500, U2O: 1500, U3: 1500, U4: 1500, U5: 1500 };

export interface World {
  /** jury 40198 (198): CONTROLE, CONTROLE with U3 DI, CONTROLE with bénéfice U1, ADMIS */
  readonly j198: { controle: number; di: number; benefice: number; admis: number };
  /** jury 40200 (200): two CONTROLE candidates (one in centre d'épreuve 0250013D) */
  readonly j200: { a: number; b: number };
  /** jury 40130 (130): one CONTROLE candidate */
  readonly j130: number;
  /** jury 40300 (200) of centre 0390007W: one CONTROLE candidate */
  readonly other: number;
}

export async function secondGroupWorld(db: Db): Promise<World> {
  await standardWorld(db);
  await specialite(db, SPEC, 'Spécialité de contrôle');
  await epreuves(db, SPEC, EPREUVES_40000);
  await jury(db, '40198', { specialite: SPEC, centre: '0250001R', etat: '198' });
  await jury(db, '40200', { specialite: SPEC, centre: '0250001R', etat: '200' });
  await jury(db, '40130', { specialite: SPEC, centre: '0250001R', etat: '130' });
  await jury(db, '40300', { specialite: SPEC, centre: '0390007W', etat: '200' });
  await user(db, { login: 'centre-0250001R-bis', role: 'centre', scope: '0250001R', name: 'Adjoint du centre' });

  const withGrades = async (o: Parameters<typeof candidate>[1], g: Record<string, GradeSpec>) => {
    const id = await candidate(db, o);
    await grades(db, id, g);
    return id;
  };
  const controle = await withGrades({ jury: '40198', nom: 'ALPHA' }, CONTROLE_GRADES);
  const di = await withGrades({ jury: '40198', nom: 'BRAVO' }, CONTROLE_DI_U3);
  const benefice = await candidate(db, { jury: '40198', nom: 'CHARLIE' });
  await grades(db, benefice, { U2E: 600, U2O: 600, U3: 600, U4: 1000, U5: 1000 });
  await db.insertInto('grade').values({
    candidate_id: benefice, epreuve_code: 'U1', kind: 'NOTE', hundredths: 1000, benefice: '2021-06', orig_kind: null, orig_hundredths: null, updated_at: null, updated_by: null,
  }).execute();
  const admis = await withGrades({ jury: '40198', nom: 'DELTA' }, ADMIS_GRADES);
  const a = await withGrades({ jury: '40200', nom: 'ECHO' }, CONTROLE_GRADES);
  const b = await withGrades({ jury: '40200', nom: 'FOXTROT', centreEpreuve: '0250013D' }, CONTROLE_GRADES);
  const j130 = await withGrades({ jury: '40130', nom: 'GOLF' }, CONTROLE_GRADES);
  const other = await withGrades({ jury: '40300', nom: 'HOTEL' }, CONTROLE_GRADES);
  return { j198: { controle, di, benefice, admis }, j200: { a, b }, j130, other };
}
