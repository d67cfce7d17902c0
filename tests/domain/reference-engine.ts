// An independent, deliberately naive reading of SPEC §3 with BigInt fractions, to check the
// engine's fast paths (integer accumulators, caches) against.

import type { CandidateInput, Decision, Decision2, Ruleset } from '../../src/domain/types.js';

export interface F {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
};
export const frac = (n: bigint, d: bigint): F => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const add = (a: F, b: F) => frac(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: F, b: F) => frac(a.n * b.n, a.d * b.d);
const cmp = (a: F, b: F) => Math.sign(Number(a.n * b.d - b.n * a.d));
const h = (x: number) => frac(BigInt(x), 100n);
const ZERO = frac(0n, 1n);
const TEN = frac(10n, 1n);

export interface RefResult {
  d1: Decision;
  m1: F | null;
  pro: F | null;
  d2: Decision2 | null;
  m2: F | null;
  final: Decision;
  ects: number;
}

type UG = F | 'ABS' | 'DI' | null;

export function refEvaluate(rs: Ruleset, input: CandidateInput): RefResult {
  const grade: UG[] = rs.units.map((u) => {
    let anyMissing = false, anyAbs = false, sum = ZERO, coefs = ZERO;
    for (const l of u.leaves) {
      const v = input.grades[l.code];
      if (v == null) anyMissing = true;
      else if (v.kind === 'ABS') anyAbs = true;
      else if (v.kind !== 'DI') {
        const x = v.kind === 'NOTE' ? h(v.hundredths) : ZERO;
        sum = add(sum, mul(x, h(l.coefCenti)));
        coefs = add(coefs, h(l.coefCenti));
      }
    }
    if (anyMissing) return null;
    if (anyAbs) return 'ABS';
    if (coefs.n === 0n) return 'DI';
    return frac(sum.n * coefs.d, sum.d * coefs.n);
  });
  const avg = (g: UG[], proOnly: boolean, withBonus: boolean): F | null => {
    let pts = ZERO, coefs = ZERO;
    rs.units.forEach((u, i) => {
      const x = g[i] ?? null;
      const c = h(u.coefCenti);
      if (u.facultative) {
        if (withBonus && typeof x === 'object' && x !== null && cmp(x, TEN) > 0) pts = add(pts, mul(add(x, frac(-10n, 1n)), c));
        return;
      }
      if (proOnly && u.domaine !== 'professionnel') return;
      if (x === null || x === 'DI') return;
      pts = add(pts, x === 'ABS' ? ZERO : mul(x, c));
      coefs = add(coefs, c);
    });
    return coefs.n === 0n ? null : frac(pts.n * coefs.d, pts.d * coefs.n);
  };
  const compulsory = rs.units.map((u, i) => [u, grade[i]] as const).filter(([u]) => !u.facultative);
  const ectsOf = (g: UG[]) => rs.units.reduce((s, u, i) => {
    const x = g[i] ?? null;
    return s + (u.ects !== null && typeof x === 'object' && x !== null && cmp(x, TEN) >= 0 ? u.ects : 0);
  }, 0);
  let d1: Decision;
  let m1: F | null = null, pro: F | null = null;
  if (compulsory.some(([, x]) => x === null)) d1 = 'INCOMPLET';
  else {
    m1 = avg(grade, false, true);
    pro = avg(grade, true, false);
    if (m1 === null) d1 = 'INCOMPLET';
    else if (compulsory.some(([, x]) => x === 'ABS')) d1 = 'REFUSE';
    else if (cmp(m1, TEN) >= 0) d1 = 'ADMIS';
    else if (cmp(m1, frac(8n, 1n)) >= 0 && (pro === null || cmp(pro, TEN) >= 0)) d1 = 'CONTROLE';
    else d1 = 'REFUSE';
  }
  if (d1 === 'INCOMPLET') { m1 = null; pro = null; }
  let d2: Decision2 | null = null, m2: F | null = null;
  let finalGrades = grade;
  if (d1 === 'CONTROLE') {
    const ch = input.controleChoices ?? null;
    const idx = (c: string) => rs.units.findIndex((u) => u.code === c);
    const eligible = (c: string) => {
      const i = idx(c);
      const u = rs.units[i];
      return u !== undefined && !u.facultative && u.controle && grade[i] !== 'DI';
    };
    if (ch === null || ch[0] === ch[1] || !eligible(ch[0]) || !eligible(ch[1])) d2 = 'INCOMPLET';
    else {
      const retained = [...grade];
      let missing = false;
      for (const c of ch) {
        const i = idx(c);
        const v = input.controleGrades?.[c];
        if (v == null) { missing = true; continue; }
        const init = grade[i];
        const initV = typeof init === 'object' && init !== null ? init : ZERO;
        if (v.kind === 'NOTE' && (init === 'ABS' || cmp(h(v.hundredths), initV) > 0)) retained[i] = h(v.hundredths);
      }
      finalGrades = retained;
      if (missing) d2 = 'INCOMPLET';
      else {
        m2 = avg(retained, false, true);
        d2 = cmp(m2!, TEN) >= 0 ? 'ADMIS' : 'REFUSE';
      }
    }
  }
  const final: Decision = d2 === 'ADMIS' || d2 === 'REFUSE' ? d2 : d1;
  return { d1, m1, pro, d2, m2, final, ects: final === 'ADMIS' ? 120 : ectsOf(finalGrades) };
}
