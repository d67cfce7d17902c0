import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add, compare, denominatorReducer, div, equals, formatDot, formatFr, fromHundredths, fromInt, isZero, max, min, mul, neg,
  ratio, ratioOver, sub, truncateHundredths, type Rational,
} from '../../src/domain/rational.js';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** BigInt reference: reduced, den > 0 */
function ref(n: bigint, d: bigint): [bigint, bigint] {
  if (d < 0n) [n, d] = [-n, -d];
  let a = n < 0n ? -n : n, b = d;
  while (b) [a, b] = [b, a % b];
  return [n / a, d / a];
}

function check(r: Rational, [n, d]: [bigint, bigint]): void {
  expect(BigInt(r.num)).toBe(n);
  expect(BigInt(r.den)).toBe(d);
  // representation: numbers exactly when both fit
  const fits = n <= MAX && n >= -MAX && d <= MAX;
  expect(typeof r.num).toBe(fits ? 'number' : 'bigint');
  expect(typeof r.den).toBe(fits ? 'number' : 'bigint');
}

// small, large-but-safe and beyond-safe integers
const intArb = fc.oneof(
  fc.integer({ min: -2000, max: 2000 }).map(BigInt),
  fc.bigInt({ min: -MAX, max: MAX }),
  fc.bigInt({ min: -(MAX * MAX), max: MAX * MAX }),
);
const posArb = fc.oneof(fc.integer({ min: 1, max: 20000 }).map(BigInt), fc.bigInt({ min: 1n, max: MAX }), fc.bigInt({ min: 1n, max: MAX * 1000n }));
const fracArb = fc.tuple(intArb, posArb);
const mk = ([n, d]: [bigint, bigint]): Rational => ratio(n, d);

describe('Rational', () => {
  it('basics', () => {
    expect(ratio(10, 4)).toEqual({ num: 5, den: 2 });
    expect(ratio(3, -6)).toEqual({ num: -1, den: 2 });
    expect(ratio(0, -7)).toEqual({ num: 0, den: 1 });
    expect(fromHundredths(1250)).toEqual({ num: 25, den: 2 });
    expect(add(ratio(1, 3), ratio(1, 6))).toEqual({ num: 1, den: 2 });
    expect(mul(ratio(2, 3), ratio(3, 4))).toEqual({ num: 1, den: 2 });
    expect(div(ratio(1, 2), ratio(1, 4))).toEqual({ num: 2, den: 1 });
    expect(sub(ratio(1, 2), ratio(1, 2))).toEqual({ num: 0, den: 1 });
    expect(neg(ratio(1, 2))).toEqual({ num: -1, den: 2 });
    expect(isZero(ratio(0, 5))).toBe(true);
    expect(compare(ratio(199, 20), fromInt(10))).toBe(-1);
    expect(max(ratio(1, 3), ratio(1, 2))).toEqual(ratio(1, 2));
    expect(min(ratio(1, 3), ratio(1, 2))).toEqual(ratio(1, 3));
    expect(() => ratio(1, 0)).toThrow(RangeError);
    expect(() => div(ONE(), ratio(0, 1))).toThrow(RangeError);
    expect(() => ratio(0.5, 1)).toThrow(RangeError);
  });

  it('formats truncated, never rounded', () => {
    expect(formatFr(ratio(199, 20))).toBe('9,95');
    expect(formatFr(fromInt(10))).toBe('10,00');
    expect(formatFr(ratio(19991, 2000))).toBe('9,99'); // 9,9955
    expect(formatFr(ratio(29, 3))).toBe('9,66');
    expect(formatFr(ratio(1, 200))).toBe('0,00');
    expect(formatFr(ratio(289, 30))).toBe('9,63');
    expect(formatDot(ratio(199, 20))).toBe('9.95');
    expect(formatFr(fromInt(0))).toBe('0,00');
    expect(formatFr(ratio(-1, 1000))).toBe('-0,01'); // floor toward −∞
    expect(truncateHundredths(ratio(-1, 1000))).toBe(-1);
    expect(formatFr(ratio(10n ** 30n + 1n, 10n ** 28n))).toBe('100,00');
  });

  it('overflow falls back to BigInt, and comes back to numbers when it fits', () => {
    const big = ratio(Number.MAX_SAFE_INTEGER, 1);
    const sq = mul(big, big);
    expect(typeof sq.num).toBe('bigint');
    const back = div(sq, big);
    expect(back).toEqual({ num: Number.MAX_SAFE_INTEGER, den: 1 });
    expect(add(big, fromInt(1)).num).toBe(MAX + 1n);
  });

  it('agrees with a BigInt reference (add, sub, mul, div, compare, truncate)', () => {
    fc.assert(
      fc.property(fracArb, fracArb, (a, b) => {
        const [an, ad] = a;
        const [bn, bd] = b;
        const x = mk(a), y = mk(b);
        check(x, ref(an, ad));
        check(add(x, y), ref(an * bd + bn * ad, ad * bd));
        check(sub(x, y), ref(an * bd - bn * ad, ad * bd));
        check(mul(x, y), ref(an * bn, ad * bd));
        if (bn !== 0n) check(div(x, y), ref(an * bd, ad * bn));
        const c = an * bd - bn * ad;
        expect(compare(x, y)).toBe(c < 0n ? -1 : c > 0n ? 1 : 0);
        expect(equals(x, y)).toBe(c === 0n);
        // floor(x × 100)
        const t = BigInt(truncateHundredths(x));
        expect(t * ad <= an * 100n && an * 100n < (t + 1n) * ad).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('ratioOver a factored denominator equals ratio', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: -1e12, max: 1e12 }), (den, num) => {
        const red = denominatorReducer(den);
        if (red === null) return;
        expect(ratioOver(red, num)).toEqual(ratio(num, den));
      }),
      { numRuns: 2000 },
    );
    expect(denominatorReducer(2 ** 10 * 5 ** 8)).toEqual({ den: 2 ** 10 * 5 ** 8, primes: [2, 5], exps: [10, 8] });
    expect(denominatorReducer(1_000_003 * 1_000_033)).toBeNull();
  });
});

function ONE(): Rational {
  return fromInt(1);
}
