// A compiled ruleset shares its tables of unit grades and points between its units with the same
// coefficients and keeps reducers of the usual denominators; an evaluator makes each trace sentence
// once per truncated average. Whatever was computed before (by this ruleset or others), a result
// must be what its own grades give: a wrong table key fails here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFr, mul, ratio, sub, ZERO, type Rational } from '../../src/domain/rational.js';
import { BTS_PARAMS, compileRuleset, evaluate, type CandidateResult } from '../../src/domain/rules/index.js';
import type { CandidateInput, Ruleset } from '../../src/domain/types.js';
import { candidateArb, rulesetArb } from './arbitraries.js';

/** the unit grade from the leaves, directly: Σ h × c / (100 Σ c) over the leaves that count */
function expectedGrade(rs: Ruleset, c: CandidateInput, unit: number): Rational | 'ABS' | 'DI' | null {
  let n = 0;
  let d = 0;
  let abs = false;
  for (const leaf of rs.units[unit]!.leaves) {
    const g = c.grades[leaf.code];
    if (g == null) return null;
    if (g.kind === 'ABS') abs = true;
    else if (g.kind === 'NOTE') {
      n += g.hundredths * leaf.coefCenti;
      d += leaf.coefCenti;
    } else if (g.kind === 'AJ') d += leaf.coefCenti;
  }
  if (abs) return 'ABS';
  return d === 0 ? 'DI' : ratio(n, 100 * d);
}

function expectedMessage(r: CandidateResult): string | null {
  const m = r.group1.moyenne;
  const p = r.group1.moyennePro;
  switch (r.group1.trace.rule) {
    case 'ADMIS_MOYENNE': return `Moyenne ${formatFr(m!)} ≥ 10 : admis`;
    case 'REFUSE_MOYENNE': return `Moyenne ${formatFr(m!)} < 8 : refusé`;
    case 'CONTROLE_MOYENNE_PRO': return `Moyenne ${formatFr(m!)} entre 8 et 10 et moyenne des épreuves professionnelles ${formatFr(p!)} ≥ 10 : passe les épreuves de contrôle`;
    case 'REFUSE_MOYENNE_PRO': return `Moyenne ${formatFr(m!)} entre 8 et 10 mais moyenne des épreuves professionnelles ${formatFr(p!)} < 10 : refusé`;
    default: return null;
  }
}

describe('shared tables, reducers and sentences', () => {
  it('every unit, average and sentence is the candidate\'s own, after other rulesets filled the tables', () => {
    const arb = fc.array(rulesetArb.chain((rs) => fc.tuple(fc.constant(rs), fc.array(candidateArb(rs), { minLength: 1, maxLength: 300 }))), { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(arb, (sets) => {
        // several rulesets at once (same coefficients share tables), every candidate twice
        const compiled = sets.map(([rs]) => compileRuleset(rs));
        for (let pass = 0; pass < 2; pass++) {
          sets.forEach(([rs, candidates], s) => {
            for (const c of candidates) {
              const r = evaluate(compiled[s]!, c);
              rs.units.forEach((u, i) => {
                const unit = r.units[i]!;
                const grade = expectedGrade(rs, c, i);
                expect(unit.grade).toEqual(grade);
                if (typeof grade === 'object' && grade !== null) {
                  const points = mul(grade, ratio(u.coefCenti, 100));
                  if (u.facultative) {
                    const over = sub(grade, ratio(BTS_PARAMS.bonusBaseCenti, 100));
                    expect(unit.bonus).toEqual(over.num as number > 0 ? mul(over, ratio(u.coefCenti, 100)) : ZERO);
                  } else {
                    expect(unit.points).toEqual(points);
                  }
                }
              });
              const message = expectedMessage(r);
              if (message !== null) expect(r.group1.trace.message).toBe(message);
            }
          });
        }
      }),
      { numRuns: 40 },
    );
  });
});
