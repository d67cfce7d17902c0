import type { Db } from '../connect.js';
import type { JuryState } from '../../domain/types.js';

export interface JuryView {
  readonly code: string;
  readonly specialiteCode: string;
  readonly specialiteLibelle: string;
  readonly centreUai: string;
  readonly centreLibelle: string;
  readonly centreVille: string;
  readonly president: string;
  readonly vicePresident: string;
  readonly debutDeliberation: string | null;
  readonly finDeliberation: string | null;
  readonly etat: JuryState;
  readonly version: number;
  readonly emergencyEnabled: boolean;
  readonly emergencyGeneratedAt: string | null;
}

export interface JuryFilter {
  /** restrict to these centres de délibération (scope) */
  readonly centreUai?: string;
  /** restrict to these codes (scope or criteria) */
  readonly codes?: readonly string[];
  readonly etats?: readonly JuryState[];
  readonly specialite?: string;
}

function base(db: Db) {
  return db
    .selectFrom('jury as j')
    .innerJoin('specialite as s', 's.code', 'j.specialite_code')
    .innerJoin('etablissement as e', 'e.uai', 'j.centre_uai')
    .select([
      'j.code', 'j.specialite_code', 's.libelle as specialite_libelle', 'j.centre_uai', 'e.libelle as centre_libelle',
      'e.ville as centre_ville', 'j.president', 'j.vice_president', 'j.debut_deliberation', 'j.fin_deliberation',
      'j.etat', 'j.version', 'j.emergency_enabled', 'j.emergency_generated_at',
    ]);
}

/** The columns of a JuryView, as `base` selects them (also joined by other reads: the session's jury). */
export type JuryViewRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

export function toJuryView(r: JuryViewRow): JuryView {
  return {
    code: r.code,
    specialiteCode: r.specialite_code,
    specialiteLibelle: r.specialite_libelle,
    centreUai: r.centre_uai,
    centreLibelle: r.centre_libelle,
    centreVille: r.centre_ville,
    president: r.president,
    vicePresident: r.vice_president,
    debutDeliberation: r.debut_deliberation,
    finDeliberation: r.fin_deliberation,
    etat: r.etat as JuryState,
    version: r.version,
    emergencyEnabled: r.emergency_enabled === 1,
    emergencyGeneratedAt: r.emergency_generated_at,
  };
}

export async function listJuries(db: Db, f: JuryFilter = {}): Promise<JuryView[]> {
  let q = base(db);
  if (f.centreUai !== undefined) q = q.where('j.centre_uai', '=', f.centreUai);
  if (f.codes !== undefined) {
    if (f.codes.length === 0) return [];
    q = q.where('j.code', 'in', [...f.codes]);
  }
  if (f.etats !== undefined) {
    if (f.etats.length === 0) return [];
    q = q.where('j.etat', 'in', [...f.etats]);
  }
  if (f.specialite !== undefined) q = q.where('j.specialite_code', '=', f.specialite);
  const rows = await q.orderBy('j.code').execute();
  return rows.map(toJuryView);
}

export async function findJury(db: Db, code: string): Promise<JuryView | undefined> {
  const r = await base(db).where('j.code', '=', code).executeTakeFirst();
  return r ? toJuryView(r) : undefined;
}

/**
 * Compare-and-set of a jury's state: succeeds only if the jury is still in `from`.
 * Returns false when another request changed it first (the caller reports a conflict).
 */
export async function compareAndSetJuryState(db: Db, code: string, from: JuryState, to: JuryState): Promise<boolean> {
  const res = await db
    .updateTable('jury')
    .set((eb) => ({ etat: to, version: eb('version', '+', 1) }))
    .where('code', '=', code)
    .where('etat', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setEmergencyAccess(
  db: Db,
  code: string,
  patch: { enabled?: boolean; passwordHash?: string | null; generatedAt?: string | null },
): Promise<void> {
  await db
    .updateTable('jury')
    .set({
      ...(patch.enabled !== undefined ? { emergency_enabled: patch.enabled ? 1 : 0 } : {}),
      ...(patch.passwordHash !== undefined ? { emergency_password_hash: patch.passwordHash } : {}),
      ...(patch.generatedAt !== undefined ? { emergency_generated_at: patch.generatedAt } : {}),
    })
    .where('code', '=', code)
    .execute();
}

export async function getEmergencyPasswordHash(db: Db, code: string): Promise<{ enabled: boolean; hash: string | null } | undefined> {
  const r = await db.selectFrom('jury').select(['emergency_enabled', 'emergency_password_hash']).where('code', '=', code).executeTakeFirst();
  return r ? { enabled: r.emergency_enabled === 1, hash: r.emergency_password_hash } : undefined;
}

/** Number of juries per state (scope-filtered). */
export async function countJuriesByState(db: Db, f: JuryFilter = {}): Promise<Map<JuryState, number>> {
  let q = db.selectFrom('jury').select(['etat', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('etat');
  if (f.centreUai !== undefined) q = q.where('centre_uai', '=', f.centreUai);
  if (f.codes !== undefined) {
    if (f.codes.length === 0) return new Map();
    q = q.where('code', 'in', [...f.codes]);
  }
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.etat as JuryState, Number(r.n)]));
}

/** Codes of the juries with candidates sitting in centre d'épreuve `uai` (it sees juries through them). */
export async function juriesHostedBy(db: Db, uai: string): Promise<Set<string>> {
  const rows = await db.selectFrom('candidate').select('jury_code').distinct().where('centre_epreuve_uai', '=', uai).execute();
  return new Set(rows.map((r) => r.jury_code));
}
