// Exact rational arithmetic: every value that decides a result goes through here.
//
// A Rational is { num, den }, always reduced, den > 0. Both fields are plain numbers (safe integers)
// whenever both fit in Number.isSafeInteger — the fast path, and the common case. When a value does
// not fit, both fields are BigInt. Operations detect overflow exactly (a product or sum of safe
// integers whose exact value exceeds 2^53 - 1 is never a safe integer as a double, because rounding
// is monotone), redo the computation with BigInt, and convert back to numbers when the reduced result
// fits. Nothing ever silently loses precision. Callers should use the functions of this module rather
// than reading num/den directly.

export type Int = number | bigint;

export interface Rational {
  readonly num: Int;
  readonly den: Int;
}

const isSafe = Number.isSafeInteger;

function gcdNum(a: number, b: number): number {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  // float modulo steps until both fit in int32, then an int32 loop, which V8 compiles to integer
  // modulo (several times faster than the float one)
  while (a > 0x7fffffff || b > 0x7fffffff) {
    if (b === 0) return a;
    const t = a % b;
    a = b;
    b = t;
  }
  let x = a | 0;
  let y = b | 0;
  while (y !== 0) {
    const t = x % y | 0;
    x = y;
    y = t;
  }
  return x;
}

function gcdBig(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

function fitsSafe(x: bigint): boolean {
  return x <= MAX_SAFE_BIG && x >= -MAX_SAFE_BIG;
}

function big(x: Int): bigint {
  return typeof x === 'bigint' ? x : BigInt(x);
}

/** Builds a reduced rational from BigInt parts; returns number parts when they fit. */
function fromBig(num: bigint, den: bigint): Rational {
  if (den === 0n) throw new RangeError('Rational: dénominateur nul');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcdBig(num, den);
  if (g > 1n) {
    num /= g;
    den /= g;
  }
  if (fitsSafe(num) && fitsSafe(den)) return { num: Number(num), den: Number(den) };
  return { num, den };
}

/** Builds a reduced rational num/den from safe integers (fast path, falls back to BigInt). */
export function ratio(num: Int, den: Int): Rational {
  if (typeof num === 'number' && typeof den === 'number') {
    if (!isSafe(num) || !isSafe(den)) {
      throw new RangeError(`Rational: ${num}/${den} n'est pas un quotient d'entiers exacts`);
    }
    if (den === 0) throw new RangeError('Rational: dénominateur nul');
    if (den < 0) {
      num = -num;
      den = -den;
    }
    const g = gcdNum(num, den);
    // `num === 0` gives g = den, hence 0/1; `+ 0` turns -0 into 0.
    return g === 1 ? { num: num + 0, den } : { num: num / g + 0, den: den / g };
  }
  return fromBig(big(num), big(den));
}

export const ZERO: Rational = { num: 0, den: 1 };
export const ONE: Rational = { num: 1, den: 1 };

export function fromInt(n: Int): Rational {
  return typeof n === 'number' ? ratio(n, 1) : fromBig(n, 1n);
}

/** 1250 -> 25/2 (12,50). */
export function fromHundredths(h: Int): Rational {
  return typeof h === 'number' ? ratio(h, 100) : fromBig(h, 100n);
}

export function add(a: Rational, b: Rational): Rational {
  const an = a.num, ad = a.den, bn = b.num, bd = b.den;
  if (typeof an === 'number' && typeof ad === 'number' && typeof bn === 'number' && typeof bd === 'number') {
    if (ad === bd) {
      const n = an + bn;
      if (isSafe(n)) return ratio(n, ad);
    } else {
      const x = an * bd, y = bn * ad, d = ad * bd;
      const n = x + y;
      if (isSafe(x) && isSafe(y) && isSafe(d) && isSafe(n)) return ratio(n, d);
    }
  }
  return fromBig(big(an) * big(bd) + big(bn) * big(ad), big(ad) * big(bd));
}

export function neg(a: Rational): Rational {
  return typeof a.num === 'number' ? { num: -a.num + 0, den: a.den } : { num: -a.num, den: a.den };
}

export function sub(a: Rational, b: Rational): Rational {
  return add(a, neg(b));
}

export function mul(a: Rational, b: Rational): Rational {
  const an = a.num, ad = a.den, bn = b.num, bd = b.den;
  if (typeof an === 'number' && typeof ad === 'number' && typeof bn === 'number' && typeof bd === 'number') {
    const n = an * bn, d = ad * bd;
    if (isSafe(n) && isSafe(d)) return ratio(n, d);
  }
  return fromBig(big(an) * big(bn), big(ad) * big(bd));
}

export function div(a: Rational, b: Rational): Rational {
  if (isZero(b)) throw new RangeError('Rational: division par zéro');
  const an = a.num, ad = a.den, bn = b.num, bd = b.den;
  if (typeof an === 'number' && typeof ad === 'number' && typeof bn === 'number' && typeof bd === 'number') {
    const n = an * bd, d = ad * bn;
    if (isSafe(n) && isSafe(d)) return ratio(n, d);
  }
  return fromBig(big(an) * big(bd), big(ad) * big(bn));
}

/** Sign of a − b: −1, 0 or 1. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const an = a.num, ad = a.den, bn = b.num, bd = b.den;
  if (typeof an === 'number' && typeof ad === 'number' && typeof bn === 'number' && typeof bd === 'number') {
    const x = an * bd, y = bn * ad;
    if (isSafe(x) && isSafe(y)) return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = big(an) * big(bd), y = big(bn) * big(ad);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function equals(a: Rational, b: Rational): boolean {
  // reduced form is canonical, but a value may be number- or BigInt-typed only by magnitude.
  return compare(a, b) === 0;
}

export function isZero(a: Rational): boolean {
  return a.num === 0 || a.num === 0n;
}

export function max(a: Rational, b: Rational): Rational {
  return compare(a, b) >= 0 ? a : b;
}

export function min(a: Rational, b: Rational): Rational {
  return compare(a, b) <= 0 ? a : b;
}

/** a ≥ h/100, for a threshold given in hundredths (e.g. 1000 for 10). */
export function atLeastHundredths(a: Rational, h: number): boolean {
  return compare(a, ratio(h, 100)) >= 0;
}

/** floor(r × 100), toward −∞, as an integer (number when safe, else BigInt). */
export function truncateHundredths(r: Rational): Int {
  const n = r.num, d = r.den;
  if (typeof n === 'number' && typeof d === 'number') {
    const x = n * 100;
    if (isSafe(x)) {
      let rem = x % d; // same sign as x
      if (rem < 0) rem += d;
      return (x - rem) / d + 0; // exact: x − rem is a multiple of d
    }
  }
  const x = big(n) * 100n, bd = big(d);
  let q = x / bd; // truncates toward zero
  if (x % bd !== 0n && x < 0n) q -= 1n;
  return fitsSafe(q) ? Number(q) : q;
}

function formatTruncated(r: Rational, sep: string): string {
  const t = truncateHundredths(r);
  const negative = t < 0;
  const abs = typeof t === 'bigint' ? (negative ? -t : t).toString() : String(negative ? -t : t);
  const padded = abs.length < 3 ? '000'.slice(abs.length) + abs : abs;
  const s = padded.slice(0, -2) + sep + padded.slice(-2);
  return negative ? '-' + s : s;
}

/** Truncated to 2 decimals, decimal comma: 199/20 -> "9,95"; 10 -> "10,00"; 9.9955 -> "9,99". */
export function formatFr(r: Rational): string {
  return formatTruncated(r, ',');
}

/** Truncated to 2 decimals, decimal point: "9.95". */
export function formatDot(r: Rational): string {
  return formatTruncated(r, '.');
}

/** Approximate value, for charts and logs only: never use it to decide. */
export function toNumberApprox(r: Rational): number {
  return Number(r.num) / Number(r.den);
}

export function isRational(x: unknown): x is Rational {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as { num?: unknown; den?: unknown };
  return (typeof o.num === 'number' || typeof o.num === 'bigint') && (typeof o.den === 'number' || typeof o.den === 'bigint');
}

// ---- Fast reduction over a fixed denominator ---------------------------------------------------

/**
 * A denominator factored once, so that num/den can be reduced with a few exact float divisions by
 * its primes instead of a full gcd: the engine divides by the same few denominators millions of times.
 */
export interface DenominatorReducer {
  readonly den: number;
  readonly primes: readonly number[];
  readonly exps: readonly number[];
}

const TRIAL_LIMIT = 100_000;

/** Factors den (a positive safe integer); null when it has two prime factors above 100 000. */
export function denominatorReducer(den: number): DenominatorReducer | null {
  if (!isSafe(den) || den <= 0) return null;
  const primes: number[] = [];
  const exps: number[] = [];
  let rest = den;
  for (let p = 2; p <= TRIAL_LIMIT && p * p <= rest; p += p === 2 ? 1 : 2) {
    if (rest % p !== 0) continue;
    let e = 0;
    while (rest % p === 0) {
      rest /= p;
      e++;
    }
    primes.push(p);
    exps.push(e);
  }
  if (rest > 1) {
    // no factor ≤ min(TRIAL_LIMIT, √rest) is left: rest is prime unless it exceeds TRIAL_LIMIT²
    if (rest > TRIAL_LIMIT * TRIAL_LIMIT) return null;
    primes.push(rest);
    exps.push(1);
  }
  return { den, primes, exps };
}

/** num/red.den reduced, for a safe integer num (same result as ratio(num, red.den)). */
export function ratioOver(red: DenominatorReducer, num: number): Rational {
  if (!isSafe(num)) return ratio(BigInt(num), red.den);
  if (num === 0) return ZERO;
  let n = num < 0 ? -num : num;
  let d = red.den;
  const primes = red.primes;
  const exps = red.exps;
  for (let i = 0; i < primes.length; i++) {
    const p = primes[i]!;
    for (let e = exps[i]!; e > 0; e--) {
      // exact for n < 2^53: n/p is either an exact integer or at distance ≥ 1/p from one
      const q = Math.floor(n / p);
      if (q * p !== n) break;
      n = q;
      d /= p;
    }
  }
  return { num: num < 0 ? -n : n, den: d };
}
