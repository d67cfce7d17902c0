// Per-ruleset precomputation for the engine (done once, cached by object identity), and the exact
// integer accumulator that keeps the common path free of BigInt and of intermediate Rationals.
// No module-level state: a compiled ruleset owns its tables and reducers (filled on demand with
// values that never change), and the scratch sums belong to each evaluation (bts.ts), so that any
// number of evaluations may run at once, nested or interleaved.

import { ratio, ZERO, type Rational } from '../rational.js';
import { PairReducer, ReducerCache, type ReducedPair } from './reduce.js';
import type { Ruleset, UnitDef } from '../types.js';
import type { Evaluator } from './bts.js';
import type { ExamParams } from './params.js';
import { Traces } from './trace.js';

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
   * the ruleset's tables (see Tables), null when none or not made yet (see countEvaluation): single-leaf
   * unit, points (grade × coef) by grade hundredths (0..2000); multi-leaf unit without DI, grade
   * and points by Σ grade×coef / leafGcd
   */
  gradeTable: (Rational | undefined)[] | null;
  pointsTable: (Rational | undefined)[] | null;
  /** the keys and size of its tables, made by warmUp (null key: no such table) */
  readonly tableKeys: { readonly grade: string | null; readonly points: string | null; readonly size: number };
}

/**
 * Evaluations of a compiled ruleset before its tables are made: a ruleset evaluated a few times
 * (a test, a single candidate's page) does not pay for tables it would barely use.
 */
const TABLES_AFTER = 32;

const MEAN_CACHE_MAX = 50_000;
/** bound of the entries of one ruleset's tables together (a pointer each, plus the Rationals filled) */
const MAX_TABLE_ENTRIES = 1_000_000;

/**
 * Tables of Rationals (never mutated), filled on demand, keyed by what their values depend on (a few
 * coefficients): the units with the same coefficients, of every ruleset compiled with the same
 * EngineTables, share them, so that they stay few and small. Filling an entry writes the value it
 * always has: evaluations running at once never see a wrong one.
 */
class Tables {
  private readonly byKey = new Map<string, (Rational | undefined)[]>();
  private entries = 0;

  get(key: string, size: number): (Rational | undefined)[] | null {
    let t = this.byKey.get(key);
    if (t === undefined) {
      if (this.entries + size > MAX_TABLE_ENTRIES) return null;
      this.entries += size;
      t = new Array<Rational | undefined>(size);
      this.byKey.set(key, t);
    }
    return t;
  }
}

/**
 * Tables shared by the rulesets compiled with them (an exam's rules own one, index.ts; a ruleset
 * compiled alone gets its own): unit tables by coefficients, grades h/100, reducers by denominators,
 * trace sentences by thresholds. Every value is made once and never changes, so evaluations of
 * several rulesets at once, nested or interleaved, share them safely; few tables for many rulesets
 * stay warm in the processor's caches.
 */
export class EngineTables {
  readonly units = new Tables();
  /** Rationals (never mutated; not frozen, to keep one object shape) h/100 for h in 0..2000 */
  readonly grades: (Rational | undefined)[] = new Array<Rational | undefined>(2001);
  readonly reducers: ReducerCache;
  private readonly traces = new WeakMap<ExamParams, Traces>();

  /** `many`: shared by many rulesets (an exam's rules), so its tables are made whole at once */
  constructor(many = false) {
    this.reducers = new ReducerCache(many);
  }

  /** The trace sentences of these thresholds. */
  tracesFor(p: ExamParams): Traces {
    let t = this.traces.get(p);
    if (t === undefined) {
      t = new Traces(p);
      this.traces.set(p, t);
    }
    return t;
  }
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

/** h/100 for an integer grade in hundredths (0..2000), from the ruleset's table of them. */
export function gradeOfHundredths(c: CompiledRuleset, h: number): Rational {
  const t = c.grades;
  let r = t[h];
  if (r === undefined) {
    r = ratio(h, 100);
    if (h >= 0 && h <= 2000) t[h] = r;
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
  /** the tables it shares (see EngineTables) */
  readonly shared: EngineTables;
  /** the reducers of other denominators (a DI unit changes Σcoef), made on demand: shared.reducers */
  readonly otherReducers: ReducerCache;
  /** h/100 for h in 0..2000, filled on demand: shared.grades */
  readonly grades: (Rational | undefined)[];
  /**
   * the evaluators of this ruleset by exam parameters (bts.ts), made on demand; `last` is the one
   * asked for last (one params object in practice: no WeakMap lookup)
   */
  readonly evaluators: { last: Evaluator | null; readonly byParams: WeakMap<ExamParams, Evaluator> };
  /** evaluations left before the units' tables are made (0: made) */
  untilTables: number;
}

/** Counts an evaluation of the ruleset, and makes its units' tables at the TABLES_AFTER-th. */
export function countEvaluation(c: CompiledRuleset): void {
  if (c.untilTables === 0 || --c.untilTables !== 0) return;
  const tables = c.shared.units;
  for (const u of c.units) {
    const k = u.tableKeys;
    if (k.grade !== null) u.gradeTable = tables.get(k.grade, k.size);
    if (k.points !== null) u.pointsTable = tables.get(k.points, k.size);
  }
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

/**
 * Validates a ruleset and precomputes what every evaluation needs. Throws on an invalid ruleset.
 * `shared`: the tables to share with other rulesets (its own when not given).
 */
export function compileRuleset(ruleset: Ruleset | CompiledRuleset, shared?: EngineTables): CompiledRuleset {
  if (isCompiled(ruleset)) return ruleset;
  const c = compileWith(ruleset, shared ?? new EngineTables());
  // tables shared with other rulesets are made now (they are few, and the units keep one shape from
  // the start); a ruleset's own ones after TABLES_AFTER evaluations
  if (shared !== undefined) {
    c.untilTables = 1;
    countEvaluation(c);
  }
  return c;
}

function compileWith(ruleset: Ruleset, shared: EngineTables): CompiledRuleset {
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
      gradeTable: null,
      pointsTable: null,
      tableKeys: {
        grade: meanTables ? `grade ${leafGcd} ${sum}` : null,
        points: single ? `points ${u.coefCenti}` : meanTables ? `points ${leafGcd} ${sum} ${u.coefCenti}` : null,
        size: single ? 2001 : meanSize,
      },
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
  const otherReducers = shared.reducers;
  const reducers = {
    total: coefAll > 0 ? otherReducers.get(scale * 100 * coefAll, scale * 10000) : null,
    pro: coefPro > 0 ? otherReducers.get(scale * 100 * coefPro, scale * 10000) : null,
  };
  return {
    reducers,
    [COMPILED]: true,
    ruleset,
    units,
    unitIndex: new Map(units.map((u, i) => [u.code, i])),
    scale,
    shared,
    otherReducers,
    grades: shared.grades,
    evaluators: { last: null, byParams: new WeakMap() },
    untilTables: TABLES_AFTER,
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
 * An exact sum of fractions a×b/d with safe-integer a, b, d (d > 0): scratch of one evaluation. It keeps p/q in numbers while
 * every intermediate value is a safe integer and switches to BigInt otherwise. Starting q on the
 * ruleset's scale makes the common step a single multiply-add.
 */
export class ExactSum implements ReducedPair {
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
   * denominators are these, else by the ruleset's reducer of these denominators
   */
  toRationals(k1: number, k2: number, usual: PairReducer | null, others: ReducerCache): void {
    if (!this.big) {
      const d1 = this.q * k1;
      const d2 = this.q * k2;
      const red = usual !== null && d1 === usual.den1 && d2 === usual.den2 ? usual : isSafe(d1) && isSafe(d2) ? others.get(d1, d2) : null;
      if (red !== null) {
        red.reduce(this.p, this);
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
