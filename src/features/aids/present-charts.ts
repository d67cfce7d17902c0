// Presenter of the jury's charts (issue #16, point 2): its averages by one-point band against its
// spécialité's (all its juries of the session), the spread of each unit's grades, the decisions.
// Pure (type imports only outside src/domain): the server's screen, and offline the jury's own part
// computed in the browser from its bundle (the spécialité's figures need the server).
import { averageBands, BANDS, decisionCounts, summary, unitGrades, type Summary } from '../../domain/distribution.js';
import { formatFr } from '../../domain/rational.js';
import { rulesFor, type CandidateResult } from '../../domain/rules/index.js';
import type { Ruleset } from '../../domain/types.js';
import type { OfflineBundle } from '../deliberation/offline-views.js';
import type { JuryHeaderDto } from '../deliberation/schemas.js';
import type { ChartsDto } from './schemas.js';

export interface SpecialiteSample {
  readonly code: string;
  readonly libelle: string;
  readonly juries: number;
  /** every candidate of the spécialité's juries (the jury's included) */
  readonly results: readonly CandidateResult[];
}

/** a share in % with one decimal (a display) */
const share = (count: number, total: number): number => (total === 0 ? 0 : Math.round((count * 1000) / total) / 10);

const summaryDto = (s: Summary): ChartsDto['epreuves'][number]['jury'] => ({ ...s, mean: s.mean ? formatFr(s.mean) : null });

export const CHART_NOTES = [
  'Moyennes du 1er groupe par tranche d’un point ([9 ; 10[ : de 9,00 à 9,99), en % des candidats ayant une moyenne (les candidats incomplets n’en ont pas).',
  'Dispersion par unité : minimum, 1er quartile, médiane, 3e quartile et maximum des notes (quartiles au rang ⌈p × n⌉ des notes classées) ; ABS, DI et notes manquantes ne comptent pas.',
  'Décisions proposées du 1er groupe, en % des candidats.',
];

export function presentCharts(header: JuryHeaderDto, ruleset: Ruleset, jury: readonly CandidateResult[], spe: SpecialiteSample | null): ChartsDto {
  const jb = averageBands(jury);
  const sb = spe ? averageBands(spe.results) : null;
  const jt = jb.reduce((a, b) => a + b, 0);
  const st = sb ? sb.reduce((a, b) => a + b, 0) : 0;
  const histogram = Array.from({ length: BANDS }, (_, k) => ({
    from: k,
    label: k === BANDS - 1 ? `[${k} ; ${k + 1}]` : `[${k} ; ${k + 1}[`,
    jury: jb[k]!,
    juryPercent: share(jb[k]!, jt),
    specialite: sb ? sb[k]! : null,
    specialitePercent: sb ? share(sb[k]!, st) : null,
  }));
  return {
    jury: header,
    specialite: spe ? { code: spe.code, libelle: spe.libelle, juries: spe.juries, candidates: spe.results.length } : null,
    candidates: jury.length,
    histogram,
    thresholds: [{ value: 8, label: 'Contrôle (8)' }, { value: 10, label: 'Admis (10)' }],
    epreuves: ruleset.units.map((u, i) => ({
      code: u.code, libelle: u.libelle,
      jury: summaryDto(summary(unitGrades(jury, i))),
      specialite: spe ? summaryDto(summary(unitGrades(spe.results, i))) : null,
    })),
    decisions: { jury: decisionCounts(jury), specialite: spe ? decisionCounts(spe.results) : null },
    notes: CHART_NOTES,
  };
}

/** Offline: the jury's own charts from its bundle (with the changes queued offline); no spécialité. */
export function offlineCharts(b: OfflineBundle): ChartsDto {
  const rules = rulesFor(b.domaine);
  const compiled = rules.compile(b.ruleset);
  return presentCharts(b.jury, b.ruleset, b.candidates.map((c) => rules.evaluate(compiled, c.input)), null);
}
