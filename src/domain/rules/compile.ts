// Per-ruleset precomputation for the engine (done once, cached by object identity), and the exact
// integer accumulator that keeps the common path free of BigInt and of intermediate Rationals.

import { denominatorReducer, ratio, ratioOver, type DenominatorReducer, type Rational } from '../rational.js';
import type { Ruleset, UnitDef } from '../types.js';

export interface CompiledUnit {
  readonly def: UnitDef;
  readonly code: string;
  readonly coef: number;
  readonly leafCodes: readonly string[];
  readonly leafCoefs: readonly number[];
  readonly facultative: boolean;
  /** compulsory and professionnel */
  readonly pro: boolean;
  readonly controle: boolean;
  /** one leaf: the unit grade is that leaf's grade, and its grade/points come from caches */
  readonly single: boolean;
  /** single-leaf unit: points (grade × coef) by grade hundredths, filled on demand */
  pointsCache: (Rational | undefined)[] | null;
  /** Σ of the leaf coefficients (the unit-mean denominator when no leaf is DI) */
  readonly fullD: number;
  /** gcd of the leaf coefficients: Σ grade×coef is a multiple of it */
  readonly leafGcd: number;
  /** size of the mean cache (0: no cache: single leaf, or too many possible sums) */
  readonly meanCacheSize: number;
  /** multi-leaf unit without DI: [grade, points] by Σ grade×coef / leafGcd, allocated and filled on demand */
  meanCache: (readonly [Rational, Rational] | undefined)[] | null;
  /** evaluations of the unit before its cache is allocated (short-lived rulesets never pay for it) */
  meanWarmup: number;
}

const MEAN_CACHE_MAX = 50_000;

/** [grade, points] of a unit whose leaves (none DI) give Σ grade×coef = n, Σ coef = d. */
export function unitMean(u: CompiledUnit, n: number, d: number): readonly [Rational, Rational] {
  const k = n / u.leafGcd;
  const cacheable = d === u.fullD && u.meanCacheSize > 0 && k >= 0 && k < u.meanCacheSize;
  if (cacheable && u.meanCache !== null) {
    const hit = u.meanCache[k];
    if (hit !== undefined) return hit;
  }
  const pair = [ratio(n, 100 * d), productRatio(n, u.coef, 10000 * d)] as const;
  if (cacheable) {
    if (u.meanCache !== null) u.meanCache[k] = pair;
    else if (--u.meanWarmup <= 0) u.meanCache = new Array<readonly [Rational, Rational] | undefined>(u.meanCacheSize);
  }
  return pair;
}

/** Shared Rationals (never mutated; not frozen, to keep one object shape) h/100 for h in 0..2000, filled on demand. */
const GRADE_CACHE: (Rational | undefined)[] = new Array<Rational | undefined>(2001);

/** h/100 for an integer grade in hundredths (0..2000), from a shared cache. */
export function gradeOfHundredths(h: number): Rational {
  let r = GRADE_CACHE[h];
  if (r === undefined) {
    r = ratio(h, 100);
    if (h >= 0 && h <= 2000) GRADE_CACHE[h] = r;
  }
  return r;
}

/** h/100 × coef of a single-leaf unit, from the unit's cache. */
export function pointsOfHundredths(u: CompiledUnit, h: number): Rational {
  let r = u.pointsCache?.[h];
  if (r === undefined) {
    r = productRatio(h, u.coef, 10000);
    if (u.pointsCache !== null) {
      if (h >= 0 && h <= 2000) u.pointsCache[h] = r;
    } else if (--u.meanWarmup <= 0) {
      u.pointsCache = new Array<Rational | undefined>(2001);
    }
  }
  return r;
}

const COMPILED: unique symbol = Symbol('delib.compiledRuleset');

export interface CompiledRuleset {
  readonly [COMPILED]: true;
  readonly ruleset: Ruleset;
  readonly units: readonly CompiledUnit[];
  readonly unitIndex: ReadonlyMap<string, number>;
  /** lcm of the units' leaf-coefficient sums: the accumulators start on this scale */
  readonly scale: number;
  /**
   * reducers for the denominators of the common path (no DI): scale×100×Σcoef (moyenne),
   * scale×10000 (points), scale×100×Σcoef pro (moyenne pro); null when not factorable
   */
  readonly reducers: readonly (DenominatorReducer | null)[];
  /** scratch accumulators, reused by every evaluation (evaluation is synchronous) */
  readonly acc: { readonly total: ExactSum; readonly pro: ExactSum };
}

export function isCompiled(x: Ruleset | CompiledRuleset): x is CompiledRuleset {
  return (x as Partial<CompiledRuleset>)[COMPILED] === true;
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

const MAX_SCALE = 10_000_000;
/** Far beyond any real coefficient; keeps Σ grade×coef of a unit a safe integer. */
export const MAX_COEF_CENTI = 1_000_000_000;

function checkPositiveInt(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value <= 0 || value > MAX_COEF_CENTI) {
    throw new RangeError(`Règles : ${what} doit être un entier de centièmes entre 1 et ${MAX_COEF_CENTI} (reçu ${value})`);
  }
}

/** Validates a ruleset and precomputes what every evaluation needs. Throws on an invalid ruleset. */
export function compileRuleset(ruleset: Ruleset | CompiledRuleset): CompiledRuleset {
  if (isCompiled(ruleset)) return ruleset;
  const seenUnits = new Set<string>();
  const seenLeaves = new Set<string>();
  const units: CompiledUnit[] = [];
  let scale = 1;
  for (const u of ruleset.units) {
    if (seenUnits.has(u.code)) throw new RangeError(`Règles : unité ${u.code} en double`);
    seenUnits.add(u.code);
    checkPositiveInt(u.coefCenti, `le coefficient de ${u.code}`);
    if (u.leaves.length === 0) throw new RangeError(`Règles : l'unité ${u.code} n'a aucune épreuve`);
    let sum = 0;
    let leafGcd = 0;
    for (const l of u.leaves) {
      leafGcd = gcd(l.coefCenti, leafGcd);
      if (seenLeaves.has(l.code)) throw new RangeError(`Règles : épreuve ${l.code} en double`);
      seenLeaves.add(l.code);
      checkPositiveInt(l.coefCenti, `le coefficient de ${l.code}`);
      sum += l.coefCenti;
    }
    checkPositiveInt(sum, `la somme des coefficients des épreuves de ${u.code}`);
    if (scale <= MAX_SCALE) scale = (scale / gcd(scale, sum)) * sum;
    units.push({
      def: u,
      code: u.code,
      coef: u.coefCenti,
      leafCodes: u.leaves.map((l) => l.code),
      leafCoefs: u.leaves.map((l) => l.coefCenti),
      facultative: u.facultative,
      pro: !u.facultative && u.domaine === 'professionnel',
      controle: u.controle,
      single: u.leaves.length === 1,
      pointsCache: null,
      fullD: sum,
      leafGcd,
      meanCacheSize: u.leaves.length > 1 && (2000 * sum) / leafGcd < MEAN_CACHE_MAX ? (2000 * sum) / leafGcd + 1 : 0,
      meanCache: null,
      meanWarmup: 256,
    });
  }
  if (scale > MAX_SCALE) scale = 1;
  let coefAll = 0;
  let coefPro = 0;
  for (const u of units) {
    if (u.facultative) continue;
    coefAll += u.coef;
    if (u.pro) coefPro += u.coef;
  }
  const reducers = [scale * 100 * coefAll, scale * 10000, scale * 100 * coefPro].map((d) => (d > 0 ? denominatorReducer(d) : null));
  return {
    reducers,
    [COMPILED]: true,
    ruleset,
    units,
    unitIndex: new Map(units.map((u, i) => [u.code, i])),
    scale,
    acc: { total: new ExactSum(), pro: new ExactSum() },
  };
}

const cache = new WeakMap<Ruleset, CompiledRuleset>();

/** The compiled form of a ruleset, cached by object identity. */
export function compiled(ruleset: Ruleset | CompiledRuleset): CompiledRuleset {
  if (isCompiled(ruleset)) return ruleset;
  let c = cache.get(ruleset);
  if (!c) {
    c = compileRuleset(ruleset);
    cache.set(ruleset, c);
  }
  return c;
}

const isSafe = Number.isSafeInteger;

/**
 * An exact sum of fractions a×b/d with safe-integer a, b, d (d > 0). It keeps p/q in numbers while
 * every intermediate value is a safe integer and switches to BigInt otherwise. Starting q on the
 * ruleset's scale makes the common step a single multiply-add.
 */
export class ExactSum {
  private p = 0;
  private q = 1;
  private big = false;
  private bp = 0n;
  private bq = 1n;

  reset(scale: number): void {
    this.p = 0;
    this.q = scale;
    this.big = false;
  }

  /** adds a×b/d */
  add(a: number, b: number, d: number): void {
    if (!this.big) {
      const q = this.q;
      const ab = a * b;
      if (isSafe(ab)) {
        if (q % d === 0) {
          const x = ab * (q / d);
          const s = this.p + x;
          if (isSafe(x) && isSafe(s)) {
            this.p = s;
            return;
          }
        } else {
          const g = gcd(q, d);
          const f = d / g; // new q = q × f = lcm(q, d)
          const nq = q * f, x = this.p * f, y = ab * (q / g), s = x + y;
          if (isSafe(nq) && isSafe(x) && isSafe(y) && isSafe(s)) {
            this.p = s;
            this.q = nq;
            return;
          }
        }
      }
      this.big = true;
      this.bp = BigInt(this.p);
      this.bq = BigInt(this.q);
    }
    const bd = BigInt(d);
    this.bp = this.bp * bd + BigInt(a) * BigInt(b) * this.bq;
    this.bq *= bd;
  }

  isZero(): boolean {
    return this.big ? this.bp === 0n : this.p === 0;
  }

  /** the sum divided by k (k > 0 safe integer), reduced; pass the reducers of the usual denominators */
  toRational(k: number, reducers?: readonly (DenominatorReducer | null)[]): Rational {
    if (!this.big) {
      const d = this.q * k;
      if (reducers !== undefined) {
        for (let i = 0; i < reducers.length; i++) {
          const r = reducers[i];
          if (r != null && r.den === d) return ratioOver(r, this.p);
        }
      }
      if (isSafe(d)) return ratio(this.p, d);
      return ratio(BigInt(this.p), BigInt(this.q) * BigInt(k));
    }
    return ratio(this.bp, this.bq * BigInt(k));
  }
}

/** a×b / d as a reduced Rational, exact (BigInt when a×b or d overflow). */
export function productRatio(a: number, b: number, d: number): Rational {
  const ab = a * b;
  if (isSafe(ab)) return ratio(ab, d);
  return ratio(BigInt(a) * BigInt(b), BigInt(d));
}
