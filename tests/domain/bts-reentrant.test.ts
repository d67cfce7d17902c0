// The engine is reentrant: a compiled ruleset and its evaluators hold only values that never change
// once made, and each evaluation its own scratch. An evaluation started while another is under way
// (here from a getter of the input's grades, which the engine reads in the middle of its sums) and
// evaluations with other thresholds in between change no result: each is what a fresh compilation
// gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { note } from '../../src/domain/grades.js';
import { BTS_PARAMS, compileRuleset, evaluate, evaluateMany, type CandidateResult, type ExamParams } from '../../src/domain/rules/index.js';
import type { CandidateInput, Ruleset } from '../../src/domain/types.js';
import { candidateArb, rulesetArb } from './arbitraries.js';

/** the input, whose grade reads first run `inner` (every read, or only the `at`-th) */
function nesting(input: CandidateInput, inner: () => void, at?: number): CandidateInput {
  let reads = 0;
  const grades = new Proxy(input.grades, {
    get(target, key) {
      reads++;
      if (at === undefined || reads === at) inner();
      return Reflect.get(target, key) as unknown;
    },
  });
  return { ...input, grades };
}

const STRICT: ExamParams = { ...BTS_PARAMS, admisCenti: 1200, controleMinCenti: 900, proMinCenti: 1100, bonusBaseCenti: 1200, ectsUnitMinCenti: 1200 };

const setArb = rulesetArb.chain((rs) => fc.tuple(fc.constant(rs), fc.array(candidateArb(rs), { minLength: 2, maxLength: 12 })));

describe('reentrant engine', () => {
  it('an evaluation nested in another, with the same compiled ruleset, changes neither result', () => {
    fc.assert(
      fc.property(setArb, ([rs, candidates]) => {
        // the expected results: another compilation, never nested
        const reference = compileRuleset(rs);
        const fresh = (c: CandidateInput, p: ExamParams = BTS_PARAMS) => evaluate(reference, c, p);
        const shared = compileRuleset(rs);
        candidates.forEach((outer, i) => {
          const inner: [CandidateInput, ExamParams, CandidateResult][] = [];
          let k = i;
          const nested = nesting(outer, () => {
            // another candidate, alternately with the same thresholds and with other ones
            const other = candidates[k++ % candidates.length]!;
            const params = k % 2 === 0 ? BTS_PARAMS : STRICT;
            inner.push([other, params, evaluate(shared, other, params)]);
          });
          expect(evaluate(shared, nested)).toEqual(fresh(outer));
          expect(evaluate(shared, nested, STRICT)).toEqual(fresh(outer, STRICT));
          expect(inner.length).toBeGreaterThan(0);
          for (const [c, p, r] of inner) expect(r).toEqual(fresh(c, p));
        });
      }),
      { numRuns: 30 },
    );
  });

  it('evaluations two levels deep, and a batch evaluated from within an evaluation, are each their own', () => {
    fc.assert(
      fc.property(setArb, ([rs, candidates]) => {
        const shared = compileRuleset(rs);
        const expected = candidates.map((c) => evaluate(compileRuleset(rs), c));
        let depth = 0;
        const batches: CandidateResult[][] = [];
        // at the 1st grade read of each candidate (its sums started), a nested batch whose
        // candidates nest one more level
        const deep = (c: CandidateInput): CandidateInput =>
          nesting(c, () => {
            if (depth >= 2) return;
            depth++;
            batches.push(evaluateMany(shared, depth < 2 ? candidates.map(deep) : candidates));
            depth--;
          }, 1);
        const results = evaluateMany(shared, candidates.map(deep));
        expect(results).toEqual(expected);
        expect(batches.length).toBeGreaterThan(0);
        for (const b of batches) expect(b).toEqual(expected);
      }),
      { numRuns: 10 },
    );
  });

  it('an evaluation that throws midway leaves the evaluator right for the next ones', () => {
    const rs: Ruleset = {
      units: [
        { code: 'U1', libelle: 'U1', coefCenti: 100, domaine: 'general', controle: true, facultative: false, ects: 10, leaves: [{ code: 'U1', libelle: 'U1', coefCenti: 100 }] },
        { code: 'U2', libelle: 'U2', coefCenti: 300, domaine: 'professionnel', controle: true, facultative: false, ects: 10, leaves: [{ code: 'U2A', libelle: 'A', coefCenti: 100 }, { code: 'U2B', libelle: 'B', coefCenti: 200 }] },
      ],
    };
    const shared = compileRuleset(rs);
    const input: CandidateInput = { grades: { U1: note(1100), U2A: note(950), U2B: note(1310) } };
    let reads = 0;
    const throwing: CandidateInput = nesting(input, () => {
      if (++reads === 2) throw new Error('lecture impossible');
    });
    expect(() => evaluate(shared, throwing)).toThrow('lecture impossible');
    const r = evaluate(shared, input);
    expect(r).toEqual(evaluate(compileRuleset(rs), input));
    // (11 × 1 + (9,5 × 1 + 13,1 × 2) / 3 × 3) / 4 = 11,675
    expect(r.group1.moyenne).toEqual({ num: 467, den: 40 });
    expect(r.group1.trace.message).toBe('Moyenne 11,67 ≥ 10 : admis');
  });
});
