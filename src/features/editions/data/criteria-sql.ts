// Compiles the search criteria of SPEC §6 to a parameterized SQL condition on the candidate table
// (aliased `c` in ./candidates.ts). Field names map to fixed column expressions; every value is a
// bound parameter; LIKE metacharacters in a value are escaped, so "%", "_" and "\" match themselves.
// Matching ignores case (lower() on both sides). The décision is computed by the engine, not stored:
// it is filtered in code (criteria.ts, matchesDecision) and ignored here.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { FIELD_INFO, isoDate, type Criterion, type CriterionField } from '../criteria.js';

export type CandidateWhere = Expression<SqlBool>;

const TEXT_COLUMNS: Readonly<Partial<Record<CriterionField, string>>> = {
  'numero-candidat': 'c.numero_candidat',
  'numero-inscription': 'c.numero_inscription',
  nom: 'c.nom',
  prenoms: 'c.prenoms',
  sexe: 'c.sexe',
  ine: 'c.ine',
  jury: 'c.jury_code',
  categorie: 'c.categorie',
  'forme-passage': 'c.forme_passage',
  'etablissement-inscription': 'c.etablissement_uai',
  'centre-epreuve': 'c.centre_epreuve_uai',
};

const BOOLEAN_COLUMNS: Readonly<Partial<Record<CriterionField, RawBuilder<number>>>> = {
  'presume-fraudeur': sql<number>`c.presume_fraudeur`,
  'liste-rouge': sql<number>`c.liste_rouge`,
  handicap: sql<number>`(case when trim(c.handicap) <> '' then 1 else 0 end)`,
};

/** "50%_x\\" -> "50\\%\\_x\\\\" for LIKE … ESCAPE '\'. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function textColumn(field: CriterionField): RawBuilder<string> {
  if (field === 'specialite') return sql<string>`(select j.specialite_code from jury j where j.code = c.jury_code)`;
  const ref = TEXT_COLUMNS[field];
  if (!ref) throw new Error(`critère sans colonne : ${field}`);
  return sql<string>`${sql.ref(ref)}`;
}

function list(values: readonly unknown[]): RawBuilder<unknown> {
  return sql.join(values.map((v) => sql`${v}`));
}

function textCondition(c: Criterion, values: readonly string[]): RawBuilder<SqlBool> {
  const col = sql`lower(${textColumn(c.field)})`;
  const first = values[0]!;
  switch (c.op) {
    case 'egal':
      return sql<SqlBool>`${col} = lower(${first})`;
    case 'different':
      return sql<SqlBool>`${col} <> lower(${first})`;
    case 'contient':
      return sql<SqlBool>`${col} like '%' || lower(${escapeLike(first)}) || '%' escape '\\'`;
    case 'commence-par':
      return sql<SqlBool>`${col} like lower(${escapeLike(first)}) || '%' escape '\\'`;
    case 'parmi':
      return sql<SqlBool>`${col} in (${sql.join(values.map((v) => sql`lower(${v})`))})`;
  }
}

function dateCondition(c: Criterion, values: readonly string[]): RawBuilder<SqlBool> {
  const dates = values.map((v) => isoDate(v) ?? '');
  const col = sql.ref('c.date_naissance');
  if (c.op === 'different') return sql<SqlBool>`(${col} is null or ${col} <> ${dates[0]!})`;
  if (c.op === 'parmi') return sql<SqlBool>`${col} in (${list(dates)})`;
  return sql<SqlBool>`${col} = ${dates[0]!}`;
}

function booleanCondition(c: Criterion, values: readonly string[]): RawBuilder<SqlBool> {
  const col = BOOLEAN_COLUMNS[c.field]!;
  const wanted = [...new Set(values.map((v) => (v.toLowerCase() === 'oui' ? 1 : 0)))];
  return c.op === 'different' ? sql<SqlBool>`${col} not in (${list(wanted)})` : sql<SqlBool>`${col} in (${list(wanted)})`;
}

/**
 * The SQL condition of the criteria (AND), or undefined when none applies to a column. The
 * criteria must be valid (criterionProblems empty): an invalid one is refused before this.
 */
export function compileCriteria(criteria: readonly Criterion[]): CandidateWhere | undefined {
  const parts: RawBuilder<SqlBool>[] = [];
  for (const c of criteria) {
    const info = FIELD_INFO[c.field];
    if (info.computed) continue;
    const values = c.values.map((v) => v.trim()).filter(Boolean);
    if (values.length === 0) continue;
    if (info.type === 'date') parts.push(dateCondition(c, values));
    else if (info.type === 'boolean') parts.push(booleanCondition(c, values));
    else parts.push(textCondition(c, values));
  }
  if (parts.length === 0) return undefined;
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}
