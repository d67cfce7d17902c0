// The engine reduces a sum's average and points over fixed denominators without a gcd (reduce.ts):
// the results must be those of ratio(), for every numerator, sign and denominator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratio, ZERO } from '../../src/domain/rational.js';
import { PairReducer } from '../../src/domain/rules/reduce.js';

const numerator = fc.oneof(
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.constantFrom(0, 1, -1, 2 ** 31, 2 ** 32, 2 ** 32 * 3, 2 ** 40, 2 ** 52 - 1, 2 ** 52, 2 ** 52 + 2, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
  fc.maxSafeInteger(),
  // many factors of 2, 3, 5, 7
  fc.tuple(fc.nat(40), fc.nat(10), fc.nat(12), fc.nat(6), fc.integer({ min: 1, max: 1000 })).map(([a, b, c, d, r]) => {
    const x = 2 ** a * 3 ** b * 5 ** c * 7 ** d * r;
    return Number.isSafeInteger(x) ? x : r;
  }),
);
const denominator = fc.oneof(
  fc.integer({ min: 1, max: 5_000_000 }),
  // the engine's: scale × 100 × Σ coef, scale × 10 000
  fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 })).map(([s, c]) => s * 100 * c),
  fc.integer({ min: 1, max: 100_000 }).map((s) => s * 10000),
  fc.constantFrom(37_000_000, 2_000_000, 413_000_000, 5 ** 7 * 2 ** 10, 3 ** 11 * 7, 1_000_003 * 2 ** 20),
);

describe('PairReducer', () => {
  it('reduces like ratio()', () => {
    fc.assert(
      fc.property(denominator, denominator, numerator, (d1, d2, n) => {
        const red = PairReducer.of(d1, d2);
        if (red === null) return;
        const out = { first: ratio(1, 1), second: ratio(1, 1) };
        red.reduce(n, out);
        expect(out.first).toEqual(ratio(n, d1));
        expect(out.second).toEqual(ratio(n, d2));
        if (n === 0) expect(out.first).toBe(ZERO);
      }),
      { numRuns: 5000 },
    );
  });

  it('is null for denominators it cannot factor quickly', () => {
    expect(PairReducer.of(1_000_003 * 1_000_033, 10000)).toBeNull();
    expect(PairReducer.of(0, 10000)).toBeNull();
  });
});
