// Rulesets (units and leaves of each spécialité) as the domain engine sees them.
import type { Db } from '../connect.js';
import type { EpreuveRow } from '../schema.js';
import type { LeafDef, Ruleset, UnitDef } from '../../domain/types.js';

export interface SpecialiteRuleset {
  readonly specialite: string;
  readonly ruleset: Ruleset;
  /** leaf code → libellé, coefficient (for PVI and documents) */
  readonly rows: readonly EpreuveRow[];
}

export function rulesetFromRows(rows: readonly EpreuveRow[]): Ruleset {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  const children = new Map<string, LeafDef[]>();
  for (const r of sorted) {
    if (r.parent_code === null) continue;
    let l = children.get(r.parent_code);
    if (!l) children.set(r.parent_code, (l = []));
    l.push({ code: r.code, libelle: r.libelle, coefCenti: r.coef_centi });
  }
  const units: UnitDef[] = sorted
    .filter((r) => r.parent_code === null)
    .map((r) => ({
      code: r.code,
      libelle: r.libelle,
      coefCenti: r.coef_centi,
      domaine: r.domaine,
      controle: r.controle === 1,
      facultative: r.facultative === 1,
      ects: r.ects,
      leaves: children.get(r.code) ?? [{ code: r.code, libelle: r.libelle, coefCenti: 100 }],
    }));
  return { units };
}

/** Every spécialité's ruleset (or only those given). */
export async function loadRulesets(db: Db, specialites?: readonly string[]): Promise<Map<string, SpecialiteRuleset>> {
  let q = db.selectFrom('epreuve').selectAll();
  if (specialites) {
    if (specialites.length === 0) return new Map();
    q = q.where('specialite_code', 'in', [...specialites]);
  }
  const rows = await q.orderBy('specialite_code').orderBy('position').execute();
  const bySpec = new Map<string, EpreuveRow[]>();
  for (const r of rows) {
    let l = bySpec.get(r.specialite_code);
    if (!l) bySpec.set(r.specialite_code, (l = []));
    l.push(r);
  }
  const out = new Map<string, SpecialiteRuleset>();
  for (const [specialite, list] of bySpec) out.set(specialite, { specialite, ruleset: rulesetFromRows(list), rows: list });
  return out;
}

/** One spécialité's épreuve rows with the session's exam domain (`domaine` of exam_session). */
export interface SpecialiteRows {
  /** the exam of the session (BTS…), undefined before any import */
  readonly examDomaine: string | undefined;
  /** by position */
  readonly rows: readonly EpreuveRow[];
}

/** The rows of one spécialité's ruleset and the session's exam, in one statement. */
export async function loadSpecialiteRows(db: Db, specialite: string): Promise<SpecialiteRows> {
  const rows = await db
    .selectFrom('epreuve')
    .selectAll()
    .select((eb) => eb.selectFrom('exam_session').select('domaine').where('id', '=', 1).as('exam_domaine'))
    .where('specialite_code', '=', specialite)
    .orderBy('position')
    .execute();
  if (rows.length === 0) return { examDomaine: undefined, rows: [] };
  return {
    examDomaine: rows[0]!.exam_domaine ?? undefined,
    rows: rows.map(({ exam_domaine: _d, ...r }) => r),
  };
}

/** Same épreuve rows, field by field (a ruleset built from one is the ruleset of the other). */
export function sameEpreuveRows(a: readonly EpreuveRow[], b: readonly EpreuveRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.specialite_code !== y.specialite_code || x.code !== y.code || x.libelle !== y.libelle || x.coef_centi !== y.coef_centi
      || x.domaine !== y.domaine || x.controle !== y.controle || x.facultative !== y.facultative || x.parent_code !== y.parent_code
      || x.ects !== y.ects || x.position !== y.position
    ) return false;
  }
  return true;
}
