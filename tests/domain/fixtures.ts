// Builders for domain tests: rulesets, grades, candidates (the memo's jury 31310 among them).

import { ABS, AJ, DI, note } from '../../src/domain/grades.js';
import type { CandidateInput, ControleGradeValue, Domaine, GradeValue, Ruleset, UnitDef } from '../../src/domain/types.js';

export { ABS, AJ, DI, note };

/** a numeric grade in points: g('12,5'), g(12.5), g(9) (use note(h) for hundredths) */
export function g(x: string | number): GradeValue & { kind: 'NOTE' } {
  if (typeof x === 'number') return note(Math.round(x * 100));
  const [i, f = ''] = x.split(/[.,]/);
  return note(Number(i) * 100 + Number((f + '00').slice(0, 2)));
}

export function cg(x: string | number | 'ABS'): ControleGradeValue {
  return x === 'ABS' ? ABS : g(x);
}

/** coefficient in hundredths from "1,5" / 3 */
export function coef(x: string | number): number {
  if (typeof x === 'number') return Math.round(x * 100);
  const [i, f = ''] = x.split(/[.,]/);
  return Number(i) * 100 + Number((f + '00').slice(0, 2));
}

export interface UnitSpec {
  code: string;
  coef: string | number;
  domaine?: Domaine;
  controle?: boolean;
  facultative?: boolean;
  ects?: number | null;
  /** sub-épreuves [code, coef]; default: the unit is its own leaf with coefficient 1 */
  leaves?: [string, string | number][];
}

export function unit(s: UnitSpec): UnitDef {
  return {
    code: s.code,
    libelle: `Unité ${s.code}`,
    coefCenti: coef(s.coef),
    domaine: s.domaine ?? 'general',
    controle: s.controle ?? false,
    facultative: s.facultative ?? false,
    ects: s.ects ?? null,
    leaves: (s.leaves ?? [[s.code, 1]]).map(([code, c]) => ({ code, libelle: `Épreuve ${code}`, coefCenti: coef(c) })),
  };
}

export function ruleset(...units: UnitSpec[]): Ruleset {
  return { units: units.map(unit) };
}

/** The memo's spécialité 31310 (samples/memo-31310/epreuves.csv). */
export const MEMO_31310: Ruleset = ruleset(
  { code: 'U1', coef: 3, domaine: 'general', controle: true, ects: 6 },
  { code: 'U2', coef: 2, domaine: 'general', controle: true, ects: 6, leaves: [['U2E', 1], ['U2O', 1]] },
  { code: 'U3', coef: 5, domaine: 'professionnel', ects: 30 },
  { code: 'U41', coef: 4, domaine: 'professionnel', ects: 24 },
  { code: 'U42', coef: 2, domaine: 'professionnel', ects: 12 },
  { code: 'U5', coef: 4, domaine: 'professionnel', ects: 42 },
  { code: 'UF1', coef: 1, domaine: 'general', facultative: true },
);

/** AZBTSUN John, the golden candidate (with his contrôle). */
export const JOHN: CandidateInput = {
  grades: { U1: g(9), U2E: g(6), U2O: g(16), U3: g(10), U41: g(10), U42: g(10), U5: g(10) },
  controleChoices: ['U1', 'U2'],
  controleGrades: { U1: g(12), U2: g(11) },
};

/** BANQA Pierre, the sample's second candidate. */
export const PIERRE: CandidateInput = {
  grades: { U1: g(12), U2E: g(11), U2O: g('13,5'), U3: g('9,5'), U41: g(11), U42: g(10), U5: g('8,25'), UF1: g(14) },
};

/** John's grades with overrides (undefined removes a grade). */
export function john(over: Record<string, GradeValue | undefined> = {}, rest: Partial<CandidateInput> = {}): CandidateInput {
  const grades: Record<string, GradeValue | undefined> = { ...JOHN.grades, ...over };
  for (const k of Object.keys(over)) if (over[k] === undefined) delete grades[k];
  return { ...JOHN, ...rest, grades };
}

/** A one-unit-per-grade ruleset: general U1 (coef a) and professionnel P1 (coef b). */
export function simpleRuleset(a: string | number = 1, b: string | number = 1): Ruleset {
  return ruleset(
    { code: 'U1', coef: a, domaine: 'general', controle: true, ects: 10 },
    { code: 'P1', coef: b, domaine: 'professionnel', ects: 20 },
  );
}
