import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABS, AJ, note } from '../../src/domain/grades.js';
import { compare, formatFr, fromInt, truncateHundredths, type Rational } from '../../src/domain/rational.js';
import { evaluate, type CandidateResult } from '../../src/domain/rules/index.js';
import type { CandidateInput, Decision, GradeValue, Ruleset } from '../../src/domain/types.js';
import { candidateArb, hundredthsArb, rulesetAndCandidateArb, rulesetArb } from './arbitraries.js';
import { refEvaluate, type F } from './reference-engine.js';

const same = (r: Rational | null, f: F | null) =>
  r === null || f === null ? r === f : BigInt(r.num) * f.d === f.n * BigInt(r.den);

const RANK: Partial<Record<Decision, number>> = { REFUSE: 0, CONTROLE: 1, ADMIS: 2 };

describe('engine properties', () => {
  it('agrees with a naive BigInt reading of SPEC §3', () => {
    fc.assert(
      fc.property(rulesetAndCandidateArb, ({ rs, c }) => {
        const r = evaluate(rs, c);
        const ref = refEvaluate(rs, c);
        expect(r.group1.decision).toBe(ref.d1);
        expect(same(r.group1.moyenne, ref.m1)).toBe(true);
        expect(same(r.group1.moyennePro, ref.pro)).toBe(true);
        expect(r.group2?.decision ?? null).toBe(ref.d2);
        expect(same(r.group2?.moyenne ?? null, ref.m2)).toBe(true);
        expect(r.finalDecision).toBe(ref.final);
        expect(r.ects).toBe(ref.ects);
      }),
      { numRuns: 1000 },
    );
  });

  it('raising one grade never worsens the decision (REFUSE < CONTROLE < ADMIS)', () => {
    const arb = rulesetAndCandidateArb.chain(({ rs, c }) => {
      const leaves = rs.units.flatMap((u) => u.leaves.map((l) => l.code));
      const raisable = leaves.filter((l) => {
        const v = c.grades[l];
        return v !== undefined && v.kind !== 'DI';
      });
      const controle = Object.keys(c.controleGrades ?? {}).filter((k) => c.controleGrades?.[k] !== undefined);
      return fc.record({
        rs: fc.constant(rs),
        c: fc.constant(c),
        target: fc.constantFrom(...raisable.map((l) => ['leaf', l] as const), ...controle.map((u) => ['controle', u] as const), ['none', ''] as const),
        up: fc.integer({ min: 0, max: 2000 }),
      });
    });
    fc.assert(
      fc.property(arb, ({ rs, c, target, up }) => {
        const kind = target[0];
        const code = target[1];
        if (kind === 'none') return;
        let raised: CandidateInput;
        if (kind === 'leaf') {
          const v = c.grades[code]!;
          const from = v.kind === 'NOTE' ? v.hundredths : 0;
          raised = { ...c, grades: { ...c.grades, [code]: note(from + Math.floor(((2000 - from) * up) / 2000)) } };
        } else {
          const v = c.controleGrades![code]!;
          const from = v.kind === 'NOTE' ? v.hundredths : 0;
          raised = { ...c, controleGrades: { ...c.controleGrades, [code]: note(from + Math.floor(((2000 - from) * up) / 2000)) } };
        }
        const before = evaluate(rs, c);
        const after = evaluate(rs, raised);
        for (const pick of [(r: CandidateResult) => r.group1.decision, (r: CandidateResult) => r.finalDecision]) {
          const a = RANK[pick(before)], b = RANK[pick(after)];
          if (a !== undefined && b !== undefined) expect(b).toBeGreaterThanOrEqual(a);
        }
        if (before.group1.moyenne && after.group1.moyenne) expect(compare(after.group1.moyenne, before.group1.moyenne)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('an ABS or AJ replaced by a number never worsens the decision', () => {
    fc.assert(
      fc.property(rulesetAndCandidateArb, hundredthsArb, ({ rs, c }, h) => {
        const code = Object.keys(c.grades).find((k) => c.grades[k] === ABS || c.grades[k] === AJ);
        if (code === undefined) return;
        const before = RANK[evaluate(rs, c).group1.decision];
        const after = RANK[evaluate(rs, { ...c, grades: { ...c.grades, [code]: note(h) } }).group1.decision];
        if (before !== undefined && after !== undefined) expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('the order of units, leaves and grades never changes results', () => {
    const permuted = (rs: Ruleset) =>
      fc
        .shuffledSubarray([...rs.units], { minLength: rs.units.length, maxLength: rs.units.length })
        .chain((units) =>
          fc.tuple(...units.map((u) => fc.shuffledSubarray([...u.leaves], { minLength: u.leaves.length, maxLength: u.leaves.length }))).map(
            (leaves): Ruleset => ({ units: units.map((u, i) => ({ ...u, leaves: leaves[i]! })) }),
          ),
        );
    const arb = rulesetArb.chain((rs) => fc.tuple(fc.constant(rs), permuted(rs), candidateArb(rs)));
    fc.assert(
      fc.property(arb, ([rs, rs2, c]) => {
        const reversed: Record<string, GradeValue | undefined> = {};
        for (const k of Object.keys(c.grades).reverse()) reversed[k] = c.grades[k];
        const a = evaluate(rs, c);
        const b = evaluate(rs2, { ...c, grades: reversed });
        expect(b.group1.decision).toBe(a.group1.decision);
        expect(b.group1.trace.rule).toBe(a.group1.trace.rule);
        expect(b.group1.moyenne).toEqual(a.group1.moyenne);
        expect(b.group1.moyennePro).toEqual(a.group1.moyennePro);
        expect(b.group2?.decision).toEqual(a.group2?.decision);
        expect(b.group2?.moyenne).toEqual(a.group2?.moyenne);
        expect(b.finalDecision).toBe(a.finalDecision);
        expect(b.ects).toBe(a.ects);
        expect([...b.group1.missingUnits].sort()).toEqual([...a.group1.missingUnits].sort());
        const byCode = (r: CandidateResult) => Object.fromEntries(r.units.map((u) => [u.code, [u.grade, u.points, u.finalGrade, u.counted, u.ectsAcquis]]));
        expect(byCode(b)).toEqual(byCode(a));
      }),
      { numRuns: 500 },
    );
  });

  it('the displayed (truncated) average never reaches 10,00 when the exact average is below 10', () => {
    const TEN = fromInt(10);
    fc.assert(
      fc.property(rulesetAndCandidateArb, ({ rs, c }) => {
        const r = evaluate(rs, c);
        for (const m of [r.group1.moyenne, r.group1.moyennePro, r.group2?.moyenne ?? null]) {
          if (m === null) continue;
          const t = BigInt(truncateHundredths(m));
          // t/100 ≤ m < (t+1)/100
          expect(t * BigInt(m.den) <= BigInt(m.num) * 100n).toBe(true);
          expect(BigInt(m.num) * 100n < (t + 1n) * BigInt(m.den)).toBe(true);
          if (compare(m, TEN) < 0) {
            expect(t < 1000n).toBe(true);
            expect(formatFr(m)).not.toBe('10,00');
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
