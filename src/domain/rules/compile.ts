// Per-ruleset precomputation for the engine (done once, cached by object identity), and the exact
// integer accumulator that keeps the common path free of BigInt and of intermediate Rationals.

import { ratio, ZERO, type Rational } from '../rational.js';
import { pairReducer, PairReducer } from './reduce.js';
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
  /** Σ of the leaf coefficients (the unit-mean denominator when no leaf is DI) */
  readonly fullD: number;
  /** gcd of the leaf coefficients: Σ grade×coef is a multiple of it */
  readonly leafGcd: number;
  /** scale / fullD (an integer), or 0 when the ruleset has no common scale */
  scaleMult: number;
  /**
   * shared tables (see table()), null when none: single-leaf unit, points (grade × coef) by grade
   * hundredths (0..2000); multi-leaf unit without DI, grade and points by Σ grade×coef / leafGcd
   */
  readonly gradeTable: (Rational | undefined)[] | null;
  readonly pointsTable: (Rational | undefined)[] | null;
}

const MEAN_CACHE_MAX = 50_000;
/** bound of the entries of all tables together (a pointer each, plus the Rationals filled) */
const MAX_TABLE_ENTRIES = 1_000_000;
let tableEntries = 0;

/**
 * Tables of shared Rationals (never mutated), filled on demand, keyed by what their values depend on
 * (a few coefficients): units of every ruleset with the same coefficients share them, so that they
 * stay few and small, and warm in the processor's caches.
 */
const TABLES = new Map<string, (Rational | undefined)[]>();

function table(key: string, size: number): (Rational | undefined)[] | null {
  let t = TABLES.get(key);
  if (t === undefined) {
    if (tableEntries + size > MAX_TABLE_ENTRIES) return null;
    tableEntries += size;
    t = new Array<Rational | undefined>(size);
    TABLES.set(key, t);
  }
  return t;
}

/** The grade of a multi-leaf unit whose leaves (none DI) give Σ grade×coef = n, Σ coef = d: n / (100 d). */
export function unitGrade(u: CompiledUnit, n: number, d: number): Rational {
  const t = u.gradeTable;
  const k = n / u.leafGcd;
  if (t !== null && d === u.fullD && k >= 0 && k < t.length) {
    let r = t[k];
    if (r === undefined) t[k] = r = ratio(n, 100 * d);
    return r;
  }
  return ratio(n, 100 * d);
}

/** The points of a multi-leaf unit (see unitGrade): n × coef / (10000 d). */
export function unitPoints(u: CompiledUnit, n: number, d: number): Rational {
  const t = u.pointsTable;
  const k = n / u.leafGcd;
  if (t !== null && d === u.fullD && k >= 0 && k < t.length) {
    let r = t[k];
    if (r === undefined) t[k] = r = productRatio(n, u.coef, 10000 * d);
    return r;
  }
  return productRatio(n, u.coef, 10000 * d);
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

/** h/100 × coef of a single-leaf unit (h in hundredths), from its shared table. */
export function pointsOfHundredths(u: CompiledUnit, h: number): Rational {
  const t = u.pointsTable;
  if (t !== null && h >= 0 && h <= 2000) {
    let r = t[h];
    if (r === undefined) t[h] = r = productRatio(h, u.coef, 10000);
    return r;
  }
  return productRatio(h, u.coef, 10000);
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
   * reducers for the denominators of the common path (no DI): scale×100×Σcoef and scale×10000
   * (moyenne and points), scale×100×Σcoef pro and scale×10000 (the same for the professional units);
   * null when not factorable
   */
  readonly reducers: { readonly total: PairReducer | null; readonly pro: PairReducer | null };
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
    const single = u.leaves.length === 1;
    const meanSize = (2000 * sum) / leafGcd + 1;
    const meanTables = !single && meanSize <= MEAN_CACHE_MAX;
    units.push({
      def: u,
      code: u.code,
      coef: u.coefCenti,
      leafCodes: u.leaves.map((l) => l.code),
      leafCoefs: u.leaves.map((l) => l.coefCenti),
      facultative: u.facultative,
      pro: !u.facultative && u.domaine === 'professionnel',
      controle: u.controle,
      single,
      fullD: sum,
      leafGcd,
      scaleMult: 0,
      gradeTable: meanTables ? table(`grade ${leafGcd} ${sum}`, meanSize) : null,
      pointsTable: single ? table(`points ${u.coefCenti}`, 2001) : meanTables ? table(`points ${leafGcd} ${sum} ${u.coefCenti}`, meanSize) : null,
    });
  }
  if (scale > MAX_SCALE) scale = 1;
  for (const u of units) if (scale % u.fullD === 0) u.scaleMult = scale / u.fullD;
  let coefAll = 0;
  let coefPro = 0;
  for (const u of units) {
    if (u.facultative) continue;
    coefAll += u.coef;
    if (u.pro) coefPro += u.coef;
  }
  const reducers = {
    total: coefAll > 0 ? pairReducer(scale * 100 * coefAll, scale * 10000) : null,
    pro: coefPro > 0 ? pairReducer(scale * 100 * coefPro, scale * 10000) : null,
  };
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
  /** results of toRationals */
  first: Rational = ZERO;
  second: Rational = ZERO;

  private scale = 1;

  reset(scale: number): void {
    this.p = 0;
    this.q = scale;
    this.scale = scale;
    this.big = false;
  }

  /**
   * adds a×b/d where d divides the scale given to reset() with quotient m (0 when not known): while
   * the sum is still on that scale, a multiply-add (the same arithmetic as add())
   */
  addOnScale(a: number, b: number, d: number, m: number): void {
    if (m !== 0 && !this.big && this.q === this.scale) {
      const ab = a * b;
      const x = ab * m;
      const s = this.p + x;
      if (isSafe(ab) && isSafe(x) && isSafe(s)) {
        this.p = s;
        return;
      }
    }
    this.add(a, b, d);
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

  /** the sum divided by k (k > 0 safe integer), reduced */
  toRational(k: number): Rational {
    if (!this.big) {
      const d = this.q * k;
      if (isSafe(d)) return ratio(this.p, d);
      return ratio(BigInt(this.p), BigInt(this.q) * BigInt(k));
    }
    return ratio(this.bp, this.bq * BigInt(k));
  }

  /**
   * the sum divided by k1 and by k2, reduced, into first and second: by `usual` when its
   * denominators are these, else by the shared reducer of these denominators
   */
  toRationals(k1: number, k2: number, usual: PairReducer | null): void {
    if (!this.big) {
      const d1 = this.q * k1;
      const d2 = this.q * k2;
      const red = usual !== null && d1 === usual.den1 && d2 === usual.den2 ? usual : isSafe(d1) && isSafe(d2) ? pairReducer(d1, d2) : null;
      if (red !== null) {
        red.reduce(this.p);
        this.first = red.first;
        this.second = red.second;
        return;
      }
    }
    this.first = this.toRational(k1);
    this.second = this.toRational(k2);
  }
}

/** a×b / d as a reduced Rational, exact (BigInt when a×b or d overflow). */
export function productRatio(a: number, b: number, d: number): Rational {
  const ab = a * b;
  if (isSafe(ab)) return ratio(ab, d);
  return ratio(BigInt(a) * BigInt(b), BigInt(d));
}
