// Presenter of "Candidats proches d'un seuil" (issue #16, point 1). Pure (type imports only outside
// src/domain): the server's screen and the offline jury portal (offlineNearThresholds, run in the
// browser over the jury's encrypted bundle and the changes queued offline) are the same function.
import type { DeliberationCandidate } from '../../db/repositories/deliberation.js';
import type { StoredGrade } from '../../db/repositories/grades.js';
import { formatHundredths, parseGradeNumber, type ParseResult } from '../../domain/grades.js';
import { groupOf } from '../../domain/jury-state.js';
import { DEFAULT_MARGIN_CENTI, nearThresholds, THRESHOLD_LABELS, type NearCandidate, type ThresholdKind } from '../../domain/near-threshold.js';
import { formatFr, fromHundredths, isZero, sub, truncateHundredths, type Rational } from '../../domain/rational.js';
import { rulesFor } from '../../domain/rules/index.js';
import { DECISION_LABELS, type CandidateInput, type Ruleset } from '../../domain/types.js';
import type { OfflineBundle } from '../deliberation/offline-views.js';
import type { JuryHeaderDto } from '../deliberation/schemas.js';
import type { LeverDto, NearCandidateDto, NearThresholdsDto } from './schemas.js';

export interface NearSource {
  readonly candidate: DeliberationCandidate;
  readonly input: CandidateInput;
  /** the stored leaf grades (a bénéfice may not be changed) */
  readonly leafGrades: readonly StoredGrade[];
}

/** "0,50" → 50; the margin is a number of points from 0,01 to 20, with at most two decimals. */
export function parseMargin(text: string | undefined): ParseResult<number> {
  if (text === undefined || text.trim() === '') return { ok: true, value: DEFAULT_MARGIN_CENTI };
  const r = parseGradeNumber(text);
  if (!r.ok || r.value < 1) {
    return { ok: false, code: r.ok ? 'OUT_OF_RANGE' : r.code, error: `La marge « ${text.trim()} » doit être un nombre de points de 0,01 à 20, avec au plus deux décimales (par exemple 0,50).` };
  }
  return r;
}

const VALUE_LABELS: Readonly<Record<ThresholdKind, string>> = {
  ADMIS: 'Moyenne',
  CONTROLE: 'Moyenne',
  PRO: 'Moyenne des épreuves professionnelles',
  ADMIS_CONTROLE: 'Moyenne après les épreuves de contrôle',
};

/** "10", "8", "8,50" */
const seuilText = (h: number): string => (h % 100 === 0 ? String(h / 100) : formatHundredths(h));

/** r rounded up to the hundredth ("0,05" for 10 − 9,9533…): what the truncated average shows missing. */
function ceilText(r: Rational): string {
  const t = truncateHundredths(r);
  const exact = fromHundredths(t);
  const up = isZero(sub(r, exact)) ? Number(t) : Number(t) + 1;
  return formatHundredths(up);
}

export function marginRule(marge: string, group: 1 | 2): string {
  const which = group === 2
    ? 'dont la moyenne après les épreuves de contrôle est inférieure à 10 de'
    : 'dont la moyenne est inférieure à 10 (admis) ou à 8 (épreuves de contrôle), ou refusés pour une moyenne des épreuves professionnelles inférieure à 10, de';
  const grades = group === 2
    ? 'pour chacune des deux épreuves de contrôle choisies'
    : 'pour chaque épreuve, sous-épreuve et unité facultative notée (hors bénéfices)';
  return `Candidats ${which} ${marge} point au plus, du plus proche au moins proche ; ${grades}, la plus petite note qui suffit seule à changer la décision (calcul exact), les autres notes restant inchangées.`;
}

function leverDto(ruleset: Ruleset, l: NearCandidate<number>['levers'][number]): LeverDto {
  const unit = ruleset.units.find((u) => u.code === l.unit);
  const leaf = unit?.leaves.find((x) => x.code === l.epreuve);
  const smallest = l.smallestCenti === null ? null : formatHundredths(l.smallestCenti);
  const label = l.group === 2 ? `${l.epreuve} (contrôle)` : l.epreuve;
  return {
    group: l.group, epreuve: l.epreuve, unit: l.unit, libelle: leaf?.libelle || unit?.libelle || l.epreuve, facultative: l.facultative,
    current: formatHundredths(l.currentCenti), smallest,
    text: smallest === null ? `${label} : aucune note seule ne suffit` : `${label} : ${smallest} suffit`,
  };
}

/** The screen: the candidates near a threshold for the group of the jury's state, sorted by gap. */
export function presentNearThresholds(
  header: JuryHeaderDto, domaine: string, ruleset: Ruleset, sources: readonly NearSource[], marginCenti: number,
): NearThresholdsDto {
  const group = groupOf(header.etat);
  const byId = new Map(sources.map((s) => [s.candidate.id, s]));
  const near = nearThresholds(rulesFor(domaine), ruleset, sources.map((s) => ({
    key: s.candidate.id,
    input: s.input,
    lockedLeaves: new Set(s.leafGrades.filter((g) => g.benefice !== null).map((g) => g.epreuveCode)),
  })), { group, marginCenti });
  const marge = formatHundredths(marginCenti);
  const candidates = near.map((n): NearCandidateDto => {
    const levers = n.levers.map((l) => leverDto(ruleset, l));
    return {
      id: n.key,
      numeroAnonymat: byId.get(n.key)!.candidate.numeroAnonymat,
      threshold: n.threshold,
      thresholdLabel: THRESHOLD_LABELS[n.threshold],
      valueLabel: VALUE_LABELS[n.threshold],
      value: formatFr(n.value),
      seuil: seuilText(n.thresholdCenti),
      gap: ceilText(n.gap),
      decision: n.decision,
      decisionLabel: DECISION_LABELS[n.decision],
      targetLabel: DECISION_LABELS[n.target],
      levers,
      anyLever: levers.some((l) => l.smallest !== null),
    };
  });
  return { jury: header, group, marge, margeCentiemes: marginCenti, rule: marginRule(marge, group), candidates };
}

/** The same screen in the browser, over the offline bundle (with the changes queued offline applied). */
export function offlineNearThresholds(b: OfflineBundle, marginCenti: number): NearThresholdsDto {
  return presentNearThresholds(b.jury, b.domaine, b.ruleset, b.candidates, marginCenti);
}
