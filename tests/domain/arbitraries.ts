// fast-check generators of rulesets and candidates.

import fc from 'fast-check';
import { ABS, AJ, DI, note } from '../../src/domain/grades.js';
import type { CandidateInput, ControleGradeValue, GradeValue, Ruleset, UnitDef } from '../../src/domain/types.js';

const COEFS = [25, 50, 100, 150, 200, 250, 300, 400, 500, 600, 33, 7, 1250];

const coefArb = fc.constantFrom(...COEFS);
/** grades in hundredths, biased toward the thresholds */
export const hundredthsArb = fc.oneof(
  fc.integer({ min: 0, max: 2000 }),
  fc.constantFrom(799, 800, 801, 999, 1000, 1001, 0, 2000),
  fc.integer({ min: 0, max: 80 }).map((q) => q * 25),
);

export const rulesetArb: fc.Arbitrary<Ruleset> = fc
  .array(
    fc.record({
      coef: coefArb,
      pro: fc.boolean(),
      controle: fc.boolean(),
      facultative: fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
      ects: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
      leaves: fc.array(coefArb, { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((specs) => ({
      units: specs.map((s, i): UnitDef => {
        const code = `U${i + 1}`;
        const single = s.leaves.length === 1;
        return {
          code,
          libelle: code,
          coefCenti: s.coef,
          domaine: s.pro ? 'professionnel' : 'general',
          controle: s.controle,
          facultative: i > 0 && s.facultative, // the first unit is compulsory
          ects: s.ects,
          leaves: s.leaves.map((c, j) => ({ code: single ? code : `${code}${String.fromCharCode(65 + j)}`, libelle: '', coefCenti: c })),
        };
      }),
    }));

export const gradeArb: fc.Arbitrary<GradeValue | undefined> = fc.oneof(
  { weight: 20, arbitrary: hundredthsArb.map((x) => note(x)) },
  { weight: 1, arbitrary: fc.constantFrom<GradeValue | undefined>(ABS, AJ, DI, undefined) },
);

/** mostly complete candidates (few missing/ABS/DI) so that every rule fires */
export function candidateArb(rs: Ruleset): fc.Arbitrary<CandidateInput> {
  const leaves = rs.units.flatMap((u) => u.leaves.map((l) => l.code));
  const eligible = rs.units.filter((u) => u.controle && !u.facultative).map((u) => u.code);
  const choicesArb: fc.Arbitrary<readonly [string, string] | null> =
    eligible.length >= 2
      ? fc.oneof(
          { weight: 8, arbitrary: fc.shuffledSubarray(eligible, { minLength: 2, maxLength: 2 }).map((a) => [a[0]!, a[1]!] as const) },
          { weight: 1, arbitrary: fc.constant(null) },
        )
      : fc.constant(null);
  const controleArb: fc.Arbitrary<ControleGradeValue | undefined> = fc.oneof(
    { weight: 10, arbitrary: hundredthsArb.map((x) => note(x) as ControleGradeValue) },
    { weight: 1, arbitrary: fc.constantFrom<ControleGradeValue | undefined>(ABS, undefined) },
  );
  return fc.record({
    grades: fc.tuple(...leaves.map(() => gradeArb)).map((gs) => Object.fromEntries(leaves.map((l, i) => [l, gs[i]]))),
    controleChoices: choicesArb,
    controleGrades: fc.tuple(...rs.units.map(() => controleArb)).map((gs) => Object.fromEntries(rs.units.map((u, i) => [u.code, gs[i]]))),
  });
}

export const rulesetAndCandidateArb = rulesetArb.chain((rs) => candidateArb(rs).map((c) => ({ rs, c })));
