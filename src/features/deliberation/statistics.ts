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

function stat(decision: string, label: string, count: number, total: number) {
  return { decision, label, count, percent: percent(count, total) };
}

/** Decisions table over `decisions` (one per candidate); `positive`/`negative` list the decisions of each side. */
export function decisionTable(decisions: readonly Decision[], positive: readonly Decision[], negative: readonly Decision[]): DecisionTableDto {
  const total = decisions.length;
  const count = (d: Decision) => decisions.filter((x) => x === d).length;
  const side = (list: readonly Decision[]) => list.map((d) => stat(d, decisionLabel(d), count(d), total));
  const sum = (list: readonly Decision[]) => list.reduce((n, d) => n + count(d), 0);
  return {
    positive: side(positive),
    positiveTotal: stat('POSITIVE', 'Total', sum(positive), total),
    negative: side(negative),
    negativeTotal: stat('NEGATIVE', 'Total', sum(negative), total),
    incomplete: stat('INCOMPLET', decisionLabel('INCOMPLET'), count('INCOMPLET'), total),
    total: stat('TOTAL', 'Total', total, total),
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

/** The jury's statistics screen: by decision (1st group; 2nd group from state 200 on) and by épreuve. */
export function presentStatistics(header: JuryHeaderDto, ruleset: Ruleset, evaluated: readonly EvaluatedInput[]): StatisticsDto {
  const group1 = evaluated.map((e) => e.result.group1.decision);
  const group2 = evaluated.flatMap((e) => (e.result.group2 ? [e.result.group2.decision] : []));
  return {
    jury: header,
    candidates: evaluated.length,
    byDecision: decisionTable(group1, ['ADMIS', 'CONTROLE'], ['REFUSE']),
    byDecision2: groupOf(header.etat) === 2 ? decisionTable(group2, ['ADMIS'], ['REFUSE']) : null,
    byEpreuve: epreuveStats(ruleset, evaluated),
  };
}
