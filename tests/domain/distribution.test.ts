// Distributions of the deliberation aids (issue #16): bands of averages (exact: 9,999… is in [9 ; 10[),
// nearest-rank quartiles, and the rule that flags a jury far from its spécialité (point 3's rule).
import { describe, expect, it } from 'vitest';
import { averageBands, bandOf, deviation, groupFigures, mergeFigures, summary, tolerance } from '../../src/domain/distribution.js';
import { fromHundredths, ratio } from '../../src/domain/rational.js';
import { evaluate } from '../../src/domain/rules/index.js';
import type { CandidateInput, Ruleset } from '../../src/domain/types.js';

const ONE_UNIT: Ruleset = {
  units: [{ code: 'U1', libelle: '', coefCenti: 100, domaine: 'general', controle: true, facultative: false, ects: null, leaves: [{ code: 'U1', libelle: '', coefCenti: 100 }] }],
};
const result = (h: number) => evaluate(ONE_UNIT, { grades: { U1: { kind: 'NOTE', hundredths: h } } } as CandidateInput);

describe('distribution', () => {
  it('puts an average in its band by its truncated hundredths', () => {
    expect(bandOf(ratio(19999, 2000))).toBe(9);
    expect(bandOf(fromHundredths(1000))).toBe(10);
    expect(bandOf(fromHundredths(2000))).toBe(19);
    expect(averageBands([result(999), result(1000), result(0)]).filter((n, k) => n > 0 && [0, 9, 10].includes(k))).toEqual([1, 1, 1]);
  });

  it('gives nearest-rank quartiles and the exact mean', () => {
    const s = summary([900, 1200, 1100, 700, 1500].map(fromHundredths));
    expect(s).toMatchObject({ n: 5, min: 700, q1: 900, median: 1100, q3: 1200, max: 1500 });
    expect(s.mean).toEqual(fromHundredths(1080));
  });

  it('flags a jury beyond two standard errors from its spécialité, never a jury alone', () => {
    const low = Array.from({ length: 20 }, () => result(800));
    const spread = Array.from({ length: 80 }, (_, i) => result(800 + (i % 9) * 100));
    const jury = groupFigures(low);
    const spe = mergeFigures([jury, groupFigures(spread)]);
    expect(deviation(jury, spe)).toEqual({ rate: true, mean: true });
    const like = groupFigures(spread.slice(0, 18));
    expect(deviation(like, mergeFigures([like, groupFigures(spread)])).mean).toBe(false);
    expect(deviation(jury, jury)).toEqual({ rate: false, mean: false });
  });

  it('flags strictly beyond the band: a jury exactly at two standard errors is not flagged, one candidate more is', () => {
    // two juries of 16: admission rate of the spécialité 1/2, its mean 9, σ = 3 (averages 12 and 6 half each)
    const mix = (admis: number) => [...Array.from({ length: admis }, () => result(1200)), ...Array.from({ length: 16 - admis }, () => result(600))];
    const atEdge = groupFigures(mix(12));
    const spe = mergeFigures([atEdge, groupFigures(mix(4))]);
    // |12/16 − 1/2| = 2 √(1/4 / 16) = 0,25 and |10,5 − 9| = 2 × 3 / √16 = 1,5: on the edge, not beyond
    expect(deviation(atEdge, spe)).toEqual({ rate: false, mean: false });
    expect(tolerance(16, spe)).toEqual({ rate: 0.25, mean: 1.5 });
    const beyond = groupFigures(mix(13));
    expect(deviation(beyond, mergeFigures([beyond, groupFigures(mix(3))]))).toEqual({ rate: true, mean: true });
    // no decided candidate (INCOMPLET only), or the jury is the whole spécialité: never flagged, no band
    const incomplete = groupFigures([evaluate(ONE_UNIT, { grades: {} } as CandidateInput)]);
    expect(incomplete.decided).toBe(0);
    expect(deviation(incomplete, spe)).toEqual({ rate: false, mean: false });
    expect(tolerance(0, spe)).toBeNull();
    expect(tolerance(32, spe)).toBeNull();
  });
});
