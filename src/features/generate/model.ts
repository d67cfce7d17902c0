// Shapes shared by the generators (synthetic and demo) and how they become exchange-format rows.

import type { Domaine } from '../../domain/types.js';
import type { CsvValue } from './csv-writer.js';
import { formatHundredths, yesNo } from './exchange-format.js';

export interface GenLeaf {
  readonly code: string;
  readonly libelle: string;
  /** coefficient in hundredths (1 -> 100, 1,5 -> 150) */
  readonly coefCenti: number;
}

export interface GenUnit {
  readonly code: string;
  readonly libelle: string;
  readonly coefCenti: number;
  readonly domaine: Domaine;
  readonly controle: boolean;
  readonly facultative: boolean;
  readonly ects: number | null;
  /** true when the unit has sub-épreuves (then `leaves` are those); else `leaves` is [the unit itself] */
  readonly hasSubs: boolean;
  readonly leaves: readonly GenLeaf[];
}

export interface GenSpecialite {
  readonly code: string;
  readonly libelle: string;
  readonly units: readonly GenUnit[];
}

/** Build a unit; `subs` empty -> the unit is its own (only) leaf with coefficient 1. */
export function makeUnit(
  code: string,
  libelle: string,
  coef: number,
  domaine: Domaine,
  opts: { controle?: boolean; facultative?: boolean; ects?: number | null; subs?: readonly [string, string, number][] } = {},
): GenUnit {
  const subs = opts.subs ?? [];
  const leaves: GenLeaf[] =
    subs.length === 0
      ? [{ code, libelle, coefCenti: 100 }]
      : subs.map(([c, l, k]) => ({ code: c, libelle: l, coefCenti: Math.round(k * 100) }));
  return {
    code,
    libelle,
    coefCenti: Math.round(coef * 100),
    domaine,
    controle: opts.controle ?? false,
    facultative: opts.facultative ?? false,
    ects: opts.ects ?? null,
    hasSubs: subs.length > 0,
    leaves,
  };
}

/** Rows of epreuves.csv for one spécialité (unit, then its sub-épreuves). */
export function epreuveRows(spec: GenSpecialite): CsvValue[][] {
  const rows: CsvValue[][] = [];
  for (const u of spec.units) {
    rows.push([
      spec.code,
      u.code,
      u.libelle,
      formatHundredths(u.coefCenti),
      u.domaine,
      yesNo(u.controle),
      yesNo(u.facultative),
      '',
      u.ects === null ? '' : String(u.ects),
    ]);
    if (u.hasSubs) {
      for (const l of u.leaves) {
        rows.push([spec.code, l.code, l.libelle, formatHundredths(l.coefCenti), u.domaine, 'non', 'non', u.code, '']);
      }
    }
  }
  return rows;
}

/**
 * Distribute `total` ECTS over the compulsory units in proportion to their coefficients (largest
 * remainder, so that the sum is exactly `total`).
 */
export function distributeEcts(coefs: readonly number[], total = 120): number[] {
  const sum = coefs.reduce((a, b) => a + b, 0);
  const raw = coefs.map((c) => (c * total) / sum);
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) {
    const i = order[k]![1];
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}
