// A small, self-contained exact 1st-group calculator (SPEC §3), used by the generators to make sure the
// demonstration candidates get exactly the decisions the demo needs. Integers only (BigInt rationals):
// grades and coefficients are in hundredths.
//
// This is deliberately independent of the real decision engine (src/domain), which is written elsewhere.

import type { GenSpecialite } from './model.js';

export type GenGrade =
  | { readonly kind: 'NOTE'; readonly hundredths: number }
  | { readonly kind: 'ABS' }
  | { readonly kind: 'AJ' }
  | { readonly kind: 'DI' };

export type ExactDecision = 'ADMIS' | 'CONTROLE' | 'REFUSE' | 'INCOMPLET';

export interface ExactResult {
  readonly decision: ExactDecision;
  /** moyenne truncated to hundredths (e.g. 995 for 9,95), null when undefined / INCOMPLET */
  readonly moyenneTrunc: number | null;
  /** moyenne professionnelle truncated to hundredths, null when undefined / INCOMPLET */
  readonly moyenneProTrunc: number | null;
}

/** p/q with q > 0 */
interface Frac {
  p: bigint;
  q: bigint;
}

const add = (a: Frac, b: Frac): Frac => ({ p: a.p * b.q + b.p * a.q, q: a.q * b.q });
const cmpToHundredths = (a: Frac, h: number): number => {
  const l = a.p;
  const r = BigInt(h) * a.q;
  return l < r ? -1 : l > r ? 1 : 0;
};
const truncHundredths = (a: Frac): number => Number(a.p / a.q);

type UnitValue = { kind: 'MISSING' } | { kind: 'ABS' } | { kind: 'DI' } | { kind: 'NOTE'; value: Frac };

/**
 * 1st-group decision of one candidate.
 * @param grades leaf code -> grade (absent key = missing)
 */
export function exactDecision(spec: GenSpecialite, grades: ReadonlyMap<string, GenGrade>): ExactResult {
  let sum: Frac = { p: 0n, q: 1n };
  let coefSum = 0n;
  let proSum: Frac = { p: 0n, q: 1n };
  let proCoef = 0n;
  let bonus: Frac = { p: 0n, q: 1n };
  let missing = false;
  let abs = false;

  for (const unit of spec.units) {
    let num = 0n;
    let den = 0n;
    let unitMissing = false;
    let unitAbs = false;
    for (const leaf of unit.leaves) {
      const g = grades.get(leaf.code);
      if (g === undefined) {
        unitMissing = true;
        continue;
      }
      if (g.kind === 'DI') continue;
      const c = BigInt(leaf.coefCenti);
      den += c;
      if (g.kind === 'ABS') unitAbs = true;
      else if (g.kind === 'NOTE') num += BigInt(g.hundredths) * c;
      // AJ counts as 0
    }
    let v: UnitValue;
    if (unitMissing) v = { kind: 'MISSING' };
    else if (unitAbs) v = { kind: 'ABS' };
    else if (den === 0n) v = { kind: 'DI' };
    else v = { kind: 'NOTE', value: { p: num, q: den } };

    const C = BigInt(unit.coefCenti);
    if (unit.facultative) {
      if (v.kind === 'NOTE') {
        // max(0, note - 10) * coef, note in hundredths: (p - 1000 q) / q
        const over = v.value.p - 1000n * v.value.q;
        if (over > 0n) bonus = add(bonus, { p: over * C, q: v.value.q });
      }
      continue;
    }
    if (v.kind === 'MISSING') {
      missing = true;
      continue;
    }
    if (v.kind === 'DI') continue;
    const pts: Frac = v.kind === 'ABS' ? { p: 0n, q: 1n } : { p: v.value.p * C, q: v.value.q };
    if (v.kind === 'ABS') abs = true;
    sum = add(sum, pts);
    coefSum += C;
    if (unit.domaine === 'professionnel') {
      proSum = add(proSum, pts);
      proCoef += C;
    }
  }

  if (missing) return { decision: 'INCOMPLET', moyenneTrunc: null, moyenneProTrunc: null };
  const total = add(sum, bonus);
  const moyenne: Frac | null = coefSum > 0n ? { p: total.p, q: total.q * coefSum } : null;
  const pro: Frac | null = proCoef > 0n ? { p: proSum.p, q: proSum.q * proCoef } : null;
  const moyenneTrunc = moyenne ? truncHundredths(moyenne) : null;
  const moyenneProTrunc = pro ? truncHundredths(pro) : null;
  let decision: ExactDecision;
  if (abs) decision = 'REFUSE';
  else if (moyenne === null) decision = 'REFUSE';
  else if (cmpToHundredths(moyenne, 1000) >= 0) decision = 'ADMIS';
  else if (cmpToHundredths(moyenne, 800) >= 0 && (pro === null || cmpToHundredths(pro, 1000) >= 0)) {
    decision = 'CONTROLE';
  } else decision = 'REFUSE';
  return { decision, moyenneTrunc, moyenneProTrunc };
}
