// The engine keeps caches (unit grades and points by sum of grades, shared by the rulesets with the
// same coefficients; reducers of the usual denominators; trace sentences by truncated average) and
// shares grade values between candidates. Warm or cold, results must be the same, and a candidate's
// 2nd group must never change another candidate's result (see also bts-shared-tables.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABS, AJ, DI, note } from '../../src/domain/grades.js';
import { BTS_PARAMS, compileRuleset, evaluate, type CandidateResult, type Group1Result } from '../../src/domain/rules/index.js';
import { traces } from '../../src/domain/rules/trace.js';
import type { CandidateInput, ControleGradeValue, GradeValue, Ruleset } from '../../src/domain/types.js';
import { rulesetArb } from './arbitraries.js';

/** few distinct grades, so that candidates share them (and the caches are hit) */
const gradeArb: fc.Arbitrary<GradeValue | undefined> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(0, 799, 800, 950, 1000, 1001, 1250, 2000).map((h) => note(h)) },
  { weight: 1, arbitrary: fc.constantFrom<GradeValue | undefined>(ABS, AJ, DI, undefined) },
);

function candidatesArb(rs: Ruleset): fc.Arbitrary<CandidateInput[]> {
  const leaves = rs.units.flatMap((u) => u.leaves.map((l) => l.code));
  const eligible = rs.units.filter((u) => u.controle && !u.facultative).map((u) => u.code);
  const controle: fc.Arbitrary<ControleGradeValue | undefined> = fc.oneof(
    fc.constantFrom(0, 1000, 1500, 2000).map((h) => note(h) as ControleGradeValue),
    fc.constantFrom<ControleGradeValue | undefined>(ABS, undefined),
  );
  const candidate: fc.Arbitrary<CandidateInput> = fc.record({
    grades: fc.tuple(...leaves.map(() => gradeArb)).map((gs) => Object.fromEntries(leaves.map((l, i) => [l, gs[i]]))),
    controleChoices: eligible.length >= 2 ? fc.shuffledSubarray(eligible, { minLength: 2, maxLength: 2 }).map((a) => [a[0]!, a[1]!] as const) : fc.constant(null),
    controleGrades: fc.tuple(...rs.units.map(() => controle)).map((gs) => Object.fromEntries(rs.units.map((u, i) => [u.code, gs[i]]))),
  });
  return fc.array(candidate, { minLength: 400, maxLength: 700 });
}

/** the trace built from this candidate's own averages */
function ownTrace(g1: Group1Result) {
  const m = g1.moyenne!;
  switch (g1.trace.rule) {
    case 'ADMIS_MOYENNE': return traces.admis(m, BTS_PARAMS.admisCenti);
    case 'CONTROLE_SANS_EPREUVE_PRO': return traces.controleSansPro(m, BTS_PARAMS);
    case 'CONTROLE_MOYENNE_PRO': return traces.controlePro(m, g1.moyennePro!, BTS_PARAMS);
    case 'REFUSE_MOYENNE_PRO': return traces.refusePro(m, g1.moyennePro!, BTS_PARAMS);
    case 'REFUSE_MOYENNE': return traces.refuse(m, BTS_PARAMS);
    default: return g1.trace;
  }
}

describe('warm engine caches', () => {
  it('a warm compiled ruleset gives the same results as a fresh one, and the 2nd group changes no other candidate', () => {
    fc.assert(
      fc.property(rulesetArb.chain((rs) => fc.tuple(fc.constant(rs), candidatesArb(rs))), ([rs, candidates]) => {
        // a fresh compilation per candidate (the shared tables are the process's: filled or not)
        const cold = candidates.map((c) => evaluate(compileRuleset(rs), c));
        const warm = compileRuleset(rs);
        const first: CandidateResult[] = candidates.map((c) => evaluate(warm, c));
        const second: CandidateResult[] = candidates.map((c) => evaluate(warm, c));
        for (let i = 0; i < candidates.length; i++) {
          expect(first[i]).toEqual(cold[i]);
          expect(second[i]).toEqual(cold[i]);
          expect(second[i]!.group1.trace).toEqual(ownTrace(second[i]!.group1));
        }
        expect(cold.some((r) => r.group2 !== null)).toBe(cold.some((r) => r.group1.decision === 'CONTROLE'));
      }),
      { numRuns: 25 },
    );
  });

  it('other thresholds give their own results after the caches were filled with BTS_PARAMS', () => {
    const rs: Ruleset = {
      units: [
        { code: 'U1', libelle: 'U1', coefCenti: 100, domaine: 'general', controle: true, facultative: false, ects: 10, leaves: [{ code: 'U1', libelle: 'U1', coefCenti: 100 }] },
        { code: 'U2', libelle: 'U2', coefCenti: 100, domaine: 'professionnel', controle: true, facultative: false, ects: 10, leaves: [{ code: 'U2A', libelle: 'A', coefCenti: 100 }, { code: 'U2B', libelle: 'B', coefCenti: 100 }] },
        { code: 'UF', libelle: 'UF', coefCenti: 100, domaine: 'general', controle: false, facultative: true, ects: null, leaves: [{ code: 'UF', libelle: 'UF', coefCenti: 100 }] },
      ],
    };
    const c = compileRuleset(rs);
    const input: CandidateInput = { grades: { U1: note(1100), U2A: note(1100), U2B: note(1100), UF: note(1100) } };
    for (let i = 0; i < 1000; i++) evaluate(c, input, BTS_PARAMS);
    const strict = { ...BTS_PARAMS, admisCenti: 1200, ectsUnitMinCenti: 1200, bonusBaseCenti: 1200 };
    const r = evaluate(c, input, strict);
    expect(r).toEqual(evaluate(compileRuleset(rs), input, strict));
    expect(r.units.map((u) => u.ectsAcquis)).toEqual([false, false, false]);
    expect(r.group1.trace.rule).toBe('CONTROLE_MOYENNE_PRO');
    expect(r.group1.trace.message).toContain('Moyenne 11,00 entre 8 et 12');
  });
});
