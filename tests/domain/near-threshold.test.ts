// "Candidats proches d'un seuil" (issue #16, point 1): the smallest grade that alone changes the
// decision, checked against a brute-force search over every grade 0..20,00 with the engine, on
// generated juries; and the demo's golden candidate (jury 31310, AZBTSUN, 9,95: U1 at 9,34).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { note } from '../../src/domain/grades.js';
import { compare, formatFr, fromHundredths, sub } from '../../src/domain/rational.js';
import { nearThresholds, smallestReaching, type NearCandidate } from '../../src/domain/near-threshold.js';
import { BTS_RULES, evaluate, type CandidateResult } from '../../src/domain/rules/index.js';
import type { CandidateInput, Decision, Ruleset } from '../../src/domain/types.js';
import { candidateArb, rulesetArb } from './arbitraries.js';

const RANK: Record<Decision, number> = { INCOMPLET: -1, REFUSE: 0, CONTROLE: 1, ADMIS: 2 };

/** The brute force: every grade from 0 to 20,00, in order, the first that reaches the target. */
function bruteSmallest(rs: Ruleset, input: CandidateInput, group: 1 | 2, code: string, target: Decision): number | null {
  for (let h = 0; h <= 2000; h++) {
    const changed: CandidateInput = group === 1
      ? { ...input, grades: { ...input.grades, [code]: note(h) } }
      : { ...input, controleGrades: { ...(input.controleGrades ?? {}), [code]: note(h) as { kind: 'NOTE'; hundredths: number } } };
    const r = evaluate(rs, changed);
    const ok = group === 1 ? RANK[r.group1.decision] >= RANK[target] : r.group2?.decision === 'ADMIS';
    if (ok) return h;
  }
  return null;
}

/** The thresholds a result is near, read straight from SPEC §3 (independently of the module). */
function expectedThresholds(r: CandidateResult, group: 1 | 2, margin: number): string[] {
  const within = (v: NonNullable<CandidateResult['group1']['moyenne']>, t: number) => {
    const gap = sub(fromHundredths(t), v);
    return compare(gap, fromHundredths(0)) > 0 && compare(gap, fromHundredths(margin)) <= 0;
  };
  const out: string[] = [];
  if (group === 2) {
    const g2 = r.group2;
    if (g2?.moyenne && g2.decision === 'REFUSE' && within(g2.moyenne, 1000)) out.push('ADMIS_CONTROLE');
    return out;
  }
  const g1 = r.group1;
  if (g1.moyenne === null || g1.absentUnits.length > 0) return out;
  const m = g1.moyenne;
  const proOk = g1.moyennePro === null || compare(g1.moyennePro, fromHundredths(1000)) >= 0;
  if (compare(m, fromHundredths(800)) >= 0 && within(m, 1000)) out.push('ADMIS');
  if (within(m, 800)) out.push('CONTROLE');
  if (compare(m, fromHundredths(800)) >= 0 && compare(m, fromHundredths(1000)) < 0 && !proOk && within(g1.moyennePro!, 1000)) out.push('PRO');
  return out.sort();
}

const juryArb = rulesetArb.chain((rs) =>
  fc.record({
    rs: fc.constant(rs),
    candidates: fc.array(candidateArb(rs), { minLength: 1, maxLength: 4 }),
    margin: fc.oneof(fc.constant(50), fc.integer({ min: 1, max: 400 })),
    group: fc.constantFrom<1 | 2>(1, 1, 2),
  }),
);

describe('nearThresholds', () => {
  it('lists exactly the candidates within the margin below a threshold, each lever the brute-force smallest grade', () => {
    fc.assert(
      fc.property(juryArb, ({ rs, candidates, margin, group }) => {
        const locked = new Set<string>([rs.units[0]!.leaves[0]!.code]);
        const near = nearThresholds(BTS_RULES, rs, candidates.map((input, i) => ({ key: i, input, lockedLeaves: i % 2 === 0 ? locked : undefined })), {
          group, marginCenti: margin,
        });
        // the same candidates and thresholds as SPEC §3 read directly
        candidates.forEach((input, i) => {
          const r = evaluate(rs, input);
          const listed = near.filter((n) => n.key === i).map((n) => n.threshold).sort();
          expect(listed).toEqual(expectedThresholds(r, group, margin));
        });
        // sorted by gap
        for (let i = 1; i < near.length; i++) expect(compare(near[i - 1]!.gap, near[i]!.gap)).toBeLessThanOrEqual(0);
        for (const n of near) {
          const input = candidates[n.key]!;
          // every grade that is a number (not locked) is a lever, in ruleset order
          const expectedCodes = group === 1
            ? rs.units.flatMap((u) => u.leaves.map((l) => l.code)).filter((c) => input.grades[c]?.kind === 'NOTE' && !(n.key % 2 === 0 && locked.has(c)))
            : (evaluate(rs, input).group2?.choices ?? []).filter((u) => input.controleGrades?.[u]?.kind === 'NOTE');
          expect(n.levers.map((l) => l.epreuve)).toEqual(expectedCodes);
          for (const l of n.levers) expect(l.smallestCenti).toBe(bruteSmallest(rs, input, group, l.epreuve, n.target));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('bisection finds the first true of a monotone predicate', () => {
    // the predicate is false at the current grade (the decision is not reached yet)
    const arb = fc.integer({ min: 0, max: 2000 }).chain((c) => fc.tuple(fc.constant(c), fc.integer({ min: c + 1, max: 2001 })));
    fc.assert(fc.property(arb, ([current, first]) => {
      const got = smallestReaching(current, (h) => h >= first);
      expect(got).toBe(first <= 2000 ? first : null);
    }));
  });
});

// samples/memo-31310 (src/features/generate/demo.ts): Banque - conseiller de clientèle
const BANQUE: Ruleset = {
  units: [
    { code: 'U1', libelle: 'Culture générale et expression', coefCenti: 300, domaine: 'general', controle: true, facultative: false, ects: 6, leaves: [{ code: 'U1', libelle: '', coefCenti: 100 }] },
    { code: 'U2', libelle: 'Langue vivante 1', coefCenti: 200, domaine: 'general', controle: true, facultative: false, ects: 6, leaves: [{ code: 'U2E', libelle: '', coefCenti: 100 }, { code: 'U2O', libelle: '', coefCenti: 100 }] },
    { code: 'U3', libelle: '', coefCenti: 500, domaine: 'professionnel', controle: false, facultative: false, ects: 30, leaves: [{ code: 'U3', libelle: '', coefCenti: 100 }] },
    { code: 'U41', libelle: '', coefCenti: 400, domaine: 'professionnel', controle: false, facultative: false, ects: 24, leaves: [{ code: 'U41', libelle: '', coefCenti: 100 }] },
    { code: 'U42', libelle: '', coefCenti: 200, domaine: 'professionnel', controle: false, facultative: false, ects: 12, leaves: [{ code: 'U42', libelle: '', coefCenti: 100 }] },
    { code: 'U5', libelle: '', coefCenti: 400, domaine: 'professionnel', controle: false, facultative: false, ects: 42, leaves: [{ code: 'U5', libelle: '', coefCenti: 100 }] },
    { code: 'UF1', libelle: '', coefCenti: 100, domaine: 'general', controle: false, facultative: true, ects: null, leaves: [{ code: 'UF1', libelle: '', coefCenti: 100 }] },
  ],
};

describe('the golden candidate (AZBTSUN, jury 31310)', () => {
  const grades = { U1: 900, U2E: 600, U2O: 1600, U3: 1000, U41: 1000, U42: 1000, U5: 1000 };
  const input: CandidateInput = { grades: Object.fromEntries(Object.entries(grades).map(([k, v]) => [k, note(v)])) };

  it('is near Admis at 9,95, and U1 at 9,34 alone makes him admitted', () => {
    const [n, ...rest] = nearThresholds(BTS_RULES, BANQUE, [{ key: 'AZBTSUN', input }], { group: 1 });
    expect(rest).toEqual([]);
    const near = n as NearCandidate<string>;
    expect(near.threshold).toBe('ADMIS');
    expect(formatFr(near.value)).toBe('9,95');
    expect(formatFr(near.gap)).toBe('0,05');
    const by = Object.fromEntries(near.levers.map((l) => [l.epreuve, l.smallestCenti]));
    // +1 point of total (coef 20) over U1's coefficient 3: 9 + 1/3 → 9,34; U2E counts half of coef 2: 6 + 1 → 7,00
    expect(by).toEqual({ U1: 934, U2E: 700, U2O: 1700, U3: 1020, U41: 1025, U42: 1050, U5: 1025 });
  });

  it('with a 0,04 margin he is not listed; an optional unit above 10 is a lever too', () => {
    expect(nearThresholds(BTS_RULES, BANQUE, [{ key: 1, input }], { group: 1, marginCenti: 4 })).toEqual([]);
    const withUf: CandidateInput = { grades: { ...input.grades, UF1: note(1000) } };
    const [n] = nearThresholds(BTS_RULES, BANQUE, [{ key: 1, input: withUf }], { group: 1 });
    // the bonus counts (UF1 − 10) × 1 over a total coefficient of 20: +1 point needs UF1 = 11
    expect(n!.levers.find((l) => l.epreuve === 'UF1')!.smallestCenti).toBe(1100);
  });

  it('refuses a margin out of 0,01..20', () => {
    expect(() => nearThresholds(BTS_RULES, BANQUE, [], { group: 1, marginCenti: 0 })).toThrow(/marge/);
  });
});
