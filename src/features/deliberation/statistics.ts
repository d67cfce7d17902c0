// Statistics of a jury, computed from the engine's results (pure): by decision (counts and %, positive
// and negative subtotals, as the memo's "Statistiques avant délibération") and by épreuve (graded,
// exact mean truncated, min, max, ≥ 10, ABS, DI, missing — an optional unit not chosen is not missing). The browser runs it too (offline portal).
import { groupOf } from '../../domain/jury-state.js';
import { add, compare, div, fromHundredths, fromInt, ratio, ZERO, type Rational } from '../../domain/rational.js';
import type { CandidateResult } from '../../domain/rules/index.js';
import type { CandidateInput, Decision, Ruleset } from '../../domain/types.js';
import { coefText, decisionLabel, ratText } from './format.js';
import type { DecisionTableDto, EpreuveStatDto, JuryHeaderDto, StatisticsDto } from './schemas.js';

/** "68,97 %": count / total, rounded half up to 2 decimals (a display, never a decision). */
export function percent(count: number, total: number): string {
  if (total === 0) return '0,00 %';
  const h = Math.floor((count * 20000 + total) / (2 * total));
  return `${Math.floor(h / 100)},${String(h % 100).padStart(2, '0')} %`;
}

/** The 1st-group decisions of the other juries of the jury's spécialité (the memo's "spécialité" columns). */
export type OtherJuriesDecisions = Readonly<Partial<Record<Decision, number>>>;

/**
 * Decisions table over `decisions` (one per candidate); `positive`/`negative` list the decisions of
 * each side. With `others`, each row also gives the spécialité's figures: the jury's and the other
 * juries' together (memo §3.3: "Nombre de candidats de la spécialité", "% Spécialité").
 */
export function decisionTable(decisions: readonly Decision[], positive: readonly Decision[], negative: readonly Decision[], others?: OtherJuriesDecisions): DecisionTableDto {
  const total = decisions.length;
  const count = (d: Decision) => decisions.filter((x) => x === d).length;
  const speCount = (d: Decision) => count(d) + (others?.[d] ?? 0);
  const speTotal = total + Object.values(others ?? {}).reduce((n, x) => n + (x ?? 0), 0);
  const stat = (decision: string, label: string, n: number, spe: number) => ({
    decision, label, count: n, percent: percent(n, total),
    ...(others ? { specialiteCount: spe, specialitePercent: percent(spe, speTotal) } : {}),
  });
  const side = (list: readonly Decision[]) => list.map((d) => stat(d, decisionLabel(d), count(d), speCount(d)));
  const sum = (list: readonly Decision[], f: (d: Decision) => number) => list.reduce((n, d) => n + f(d), 0);
  return {
    positive: side(positive),
    positiveTotal: stat('POSITIVE', 'Total', sum(positive, count), sum(positive, speCount)),
    negative: side(negative),
    negativeTotal: stat('NEGATIVE', 'Total', sum(negative, count), sum(negative, speCount)),
    incomplete: stat('INCOMPLET', decisionLabel('INCOMPLET'), count('INCOMPLET'), speCount('INCOMPLET')),
    total: stat('TOTAL', 'Total', total, speTotal),
  };
}

type Sample = Rational | 'ABS' | 'DI' | null;

const TEN = fromInt(10);

/** `optional`: a facultative unit (or one of its épreuves), whose absence of grade means "not chosen", not "missing". */
function epreuveStat(base: Pick<EpreuveStatDto, 'code' | 'libelle' | 'level' | 'coef'>, samples: readonly Sample[], optional: boolean): EpreuveStatDto {
  let graded = 0, atLeast10 = 0, abs = 0, di = 0, missing = 0;
  let sum = ZERO;
  let min: Rational | null = null;
  let max: Rational | null = null;
  for (const s of samples) {
    if (s === null) {
      if (!optional) missing++;
    }
    else if (s === 'ABS') abs++;
    else if (s === 'DI') di++;
    else {
      graded++;
      sum = add(sum, s);
      if (compare(s, TEN) >= 0) atLeast10++;
      if (!min || compare(s, min) < 0) min = s;
      if (!max || compare(s, max) > 0) max = s;
    }
  }
  return { ...base, graded, mean: graded > 0 ? ratText(div(sum, ratio(graded, 1))) : null, min: ratText(min), max: ratText(max), atLeast10, abs, di, missing };
}

export interface EvaluatedInput {
  readonly input: CandidateInput;
  readonly result: CandidateResult;
}

/** One row per unit, followed by one per sub-épreuve when the unit has several. */
export function epreuveStats(ruleset: Ruleset, evaluated: readonly EvaluatedInput[]): EpreuveStatDto[] {
  const out: EpreuveStatDto[] = [];
  ruleset.units.forEach((unit, i) => {
    const samples = evaluated.map((e) => e.result.units[i]?.grade ?? null);
    out.push(epreuveStat({ code: unit.code, libelle: unit.libelle, level: 'unit', coef: coefText(unit.coefCenti) }, samples, unit.facultative));
    if (unit.leaves.length === 1 && unit.leaves[0]!.code === unit.code) return;
    for (const leaf of unit.leaves) {
      const leafSamples = evaluated.map((e): Sample => {
        const g = e.input.grades[leaf.code];
        if (!g) return null;
        if (g.kind === 'NOTE') return fromHundredths(g.hundredths);
        if (g.kind === 'AJ') return ZERO; // absence justifiée: counts as 0
        return g.kind;
      });
      out.push(epreuveStat({ code: leaf.code, libelle: leaf.libelle, level: 'leaf', coef: coefText(leaf.coefCenti) }, leafSamples, unit.facultative));
    }
  });
  return out;
}

/**
 * The jury's statistics screen: by decision (1st group, with the spécialité's figures when `others`
 * is given — offline: the other juries as counted when the bundle was made; 2nd group from state 200
 * on) and by épreuve.
 */
export function presentStatistics(header: JuryHeaderDto, ruleset: Ruleset, evaluated: readonly EvaluatedInput[], others?: OtherJuriesDecisions): StatisticsDto {
  const group1 = evaluated.map((e) => e.result.group1.decision);
  const group2 = evaluated.flatMap((e) => (e.result.group2 ? [e.result.group2.decision] : []));
  return {
    jury: header,
    candidates: evaluated.length,
    byDecision: decisionTable(group1, ['ADMIS', 'CONTROLE'], ['REFUSE'], others),
    byDecision2: groupOf(header.etat) === 2 ? decisionTable(group2, ['ADMIS'], ['REFUSE']) : null,
    byEpreuve: epreuveStats(ruleset, evaluated),
  };
}
