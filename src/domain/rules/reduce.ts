// Reduction of p/den1 and p/den2 for the two fixed denominators of an exact sum of points (its
// average and its points): both are factored once per ruleset, the numerator's factors among their
// primes are found once per candidate, and both fractions come from them (no gcd, no BigInt).

import { denominatorReducer, ZERO, type Rational } from '../rational.js';

/** 2^k for k in 0..53 */
const POW2: readonly number[] = Array.from({ length: 54 }, (_, k) => 2 ** k);
/** numerators below this take the residue path (a float product and its floor are then off by at most 1) */
const RESIDUE_MAX = 2 ** 52;
/** largest prime power whose table of valuations by residue is made */
const RESIDUE_TABLE_MAX = 1 << 17;

/** an entry of a valuation table not computed yet (valuations are at most 52) */
const UNKNOWN = 255;

/**
 * v(r) = min(exponent of q in r, e) for every residue r modulo m = q^e (v(0) = e): the exponent of
 * q in a numerator n, capped at e, is v(n mod m). Made whole at once (`eager`: the reducers of
 * tables shared by many rulesets, where a miss per candidate would cost more than the table), or
 * each entry on its first use (a ruleset compiled alone: compiling stays a memset); an entry, once
 * made, is what it always is. Shared by the reducers of a ReducerCache (keyed by m).
 */
function valuations(q: number, e: number, m: number, made: Map<number, Uint8Array>, eager: boolean): Uint8Array | null {
  if (m > RESIDUE_TABLE_MAX) return null;
  let t = made.get(m);
  if (t === undefined) {
    t = new Uint8Array(m).fill(UNKNOWN);
    if (eager) for (let r = 0; r < m; r++) t[r] = valuation(r, q, e);
    made.set(m, t);
  }
  return t;
}

/** min(exponent of q in r, e) */
function valuation(r: number, q: number, e: number): number {
  let v = 0;
  for (let x = r; v < e && x % q === 0; x /= q) v++;
  return v;
}

/** Where reduce() writes its two fractions (the caller's own scratch, never the shared reducer). */
export interface ReducedPair {
  first: Rational;
  second: Rational;
}

/** Immutable once made: any number of evaluations may use one reducer at once. */
export class PairReducer {
  private constructor(
    readonly den1: number,
    readonly den2: number,
    /** exponents of 2 in den1 and den2 */
    private readonly twos1: number,
    private readonly twos2: number,
    /** the odd primes of den1 or den2, their exponents in each (0 when absent) and their powers */
    private readonly primes: readonly number[],
    private readonly exps1: readonly number[],
    private readonly exps2: readonly number[],
    private readonly powers: readonly (readonly number[])[],
    /** by odd prime: q^cap (cap = the larger exponent), its inverse, and the valuations by residue (null: none) */
    private readonly moduli: readonly number[],
    private readonly inverses: readonly number[],
    private readonly tables: readonly (Uint8Array | null)[],
  ) {}

  /** null when a denominator is not a positive safe integer or cannot be factored quickly */
  static of(den1: number, den2: number, made: Map<number, Uint8Array> = new Map(), eager = true): PairReducer | null {
    const a = denominatorReducer(den1);
    const b = denominatorReducer(den2);
    if (a === null || b === null) return null;
    const expOf = (r: typeof a, p: number): number => {
      const i = r.primes.indexOf(p);
      return i < 0 ? 0 : r.exps[i]!;
    };
    const primes = [...new Set([...a.primes, ...b.primes])].filter((p) => p !== 2).sort((x, y) => x - y);
    const exps1 = primes.map((p) => expOf(a, p));
    const exps2 = primes.map((p) => expOf(b, p));
    const powers = primes.map((p, i) => {
      const out = [1];
      for (let k = 1; k <= Math.max(exps1[i]!, exps2[i]!); k++) out.push(out[k - 1]! * p);
      return out;
    });
    const moduli = primes.map((_, i) => powers[i]![powers[i]!.length - 1]!);
    const tables = primes.map((q, i) => valuations(q, powers[i]!.length - 1, moduli[i]!, made, eager));
    return new PairReducer(den1, den2, expOf(a, 2), expOf(b, 2), primes, exps1, exps2, powers, moduli, moduli.map((m) => 1 / m), tables);
  }

  /** p/den1 and p/den2 reduced, into out.first and out.second (p a safe integer) */
  reduce(p: number, out: ReducedPair): void {
    if (p === 0) {
      out.first = ZERO;
      out.second = ZERO;
      return;
    }
    const abs = p < 0 ? -p : p;
    // factors of 2: the trailing zeros of the low 32 bits (abs < 2^53), else one by one
    const maxTwos = this.twos1 > this.twos2 ? this.twos1 : this.twos2;
    let twos = 0;
    if (maxTwos > 0) {
      // ToInt32: the low 32 bits of the integer abs (one truncation, not a float modulo)
      const lo = abs | 0;
      if (lo !== 0) {
        twos = 31 - Math.clz32(lo & -lo);
        if (twos > maxTwos) twos = maxTwos;
      } else {
        let n = abs;
        while (twos < maxTwos && n % 2 === 0) {
          n /= 2;
          twos++;
        }
      }
    }
    let g1 = POW2[twos < this.twos1 ? twos : this.twos1]!;
    let g2 = POW2[twos < this.twos2 ? twos : this.twos2]!;
    const primes = this.primes;
    const fast = abs < RESIDUE_MAX;
    let n = abs / POW2[twos]!;
    for (let i = 0; i < primes.length; i++) {
      const e1 = this.exps1[i]!;
      const e2 = this.exps2[i]!;
      const table = this.tables[i]!;
      let v = 0;
      if (fast && table !== null) {
        // the exponent by the residue modulo q^cap: abs × (1/m) is within 1 of abs/m, so its floor
        // is the quotient or one off, corrected; f × m < 2^53 is exact
        const m = this.moduli[i]!;
        let r = abs - Math.floor(abs * this.inverses[i]!) * m;
        if (r < 0) r += m;
        else if (r >= m) r -= m;
        v = table[r]!;
        if (v === UNKNOWN) table[r] = v = valuation(r, primes[i]!, this.powers[i]!.length - 1);
      } else {
        // exact float divisions (n < 2^53: n/q is an exact integer or ≥ 1/q from one)
        const q = primes[i]!;
        const cap = e1 > e2 ? e1 : e2;
        while (v < cap) {
          const m = Math.floor(n / q);
          if (m * q !== n) break;
          n = m;
          v++;
        }
      }
      if (v > 0) {
        const pw = this.powers[i]!;
        g1 *= pw[v < e1 ? v : e1]!;
        g2 *= pw[v < e2 ? v : e2]!;
      }
    }
    // g1 and g2 divide abs, den1 and den2: the quotients are exact
    out.first = { num: p < 0 ? -(abs / g1) : abs / g1, den: this.den1 / g1 };
    out.second = { num: p < 0 ? -(abs / g2) : abs / g2, den: this.den2 / g2 };
  }
}

const MAX_REDUCERS = 4096;

/**
 * The PairReducers of one compiled ruleset by their denominators, made on demand (at most
 * MAX_REDUCERS), with the valuation tables they share.
 */
export class ReducerCache {
  private readonly byDen2 = new Map<number, Map<number, PairReducer | null>>();
  private readonly valuations = new Map<number, Uint8Array>();
  private count = 0;

  /** `eager`: valuation tables made whole (see valuations) */
  constructor(private readonly eager: boolean) {}

  /** The reducer of den1 and den2 (positive safe integers), or null (not factorable, or too many made). */
  get(den1: number, den2: number): PairReducer | null {
    let byDen1 = this.byDen2.get(den2);
    if (byDen1 === undefined) {
      if (this.count >= MAX_REDUCERS) return null;
      byDen1 = new Map();
      this.byDen2.set(den2, byDen1);
    }
    let r = byDen1.get(den1);
    if (r === undefined) {
      if (this.count >= MAX_REDUCERS) return null;
      r = PairReducer.of(den1, den2, this.valuations, this.eager);
      byDen1.set(den1, r);
      this.count++;
    }
    return r;
  }
}
