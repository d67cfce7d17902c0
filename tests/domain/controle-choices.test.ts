// One rule for the contrôle choices (src/domain/rules/controle.ts): the units offered to the screen
// (eligibleUnits), the refusals it explains (choiceRefusals) and the engine's acceptance agree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choiceRefusals, eligibleUnits, evaluate, isControle } from '../../src/domain/rules/index.js';
import { DI, note } from '../../src/domain/grades.js';
import type { CandidateInput, Ruleset } from '../../src/domain/types.js';
import { candidateArb, rulesetArb } from './arbitraries.js';

describe('contrôle choices', () => {
  it('the engine accepts a choice exactly when the rule finds nothing against it', () => {
    // mostly CONTROLE candidates: professional units at 10, the others at 8 or DI
    const candidate = (rs: Ruleset) => fc.tuple(...rs.units.map(() => fc.integer({ min: 0, max: 3 }))).map((dis): CandidateInput => ({
      grades: Object.fromEntries(rs.units.flatMap((u, i) => u.leaves.map((l) => [l.code, u.domaine === 'professionnel' ? note(1000) : dis[i] === 0 ? DI : note(800)]))),
    }));
    const codes = (rs: Ruleset) => fc.constantFrom(...rs.units.map((u) => u.code), 'UX');
    const arb = rulesetArb.chain((rs) => fc.tuple(fc.constant(rs), fc.oneof(candidate(rs), candidateArb(rs)), codes(rs), codes(rs)));
    let accepted = 0;
    let refusedCount = 0;
    fc.assert(
      fc.property(arb, ([rs, c, a, b]) => {
        const r = evaluate(rs, { ...c, controleChoices: [a, b] });
        if (!isControle(r)) return;
        const check = choiceRefusals(a, b, (code) => r.units.find((u) => u.code === code));
        const refused = check.twice || check.refused.length > 0;
        expect(r.group2!.trace.rule === 'CONTROLE_CHOIX_INVALIDE').toBe(refused);
        const eligible = new Set(eligibleUnits(r).map((u) => u.code));
        expect(!refused).toBe(a !== b && eligible.has(a) && eligible.has(b));
        if (refused) refusedCount++;
        else accepted++;
      }),
      { numRuns: 1000 },
    );
    // both sides were seen
    expect(accepted).toBeGreaterThan(10);
    expect(refusedCount).toBeGreaterThan(10);
  });
});
