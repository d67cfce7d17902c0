// Presenter of "Harmonisation des jurys" (issue #16, point 3): per spécialité, each jury's admission
// rate and mean average beside the spécialité's, juries far from it flagged by the rule of
// src/domain/distribution.ts (`deviation`, exact), with the band's half-width shown for reading
// (`tolerance`, approximate: display only). Pure.
import { deviation, mergeFigures, tolerance, type GroupFigures } from '../../domain/distribution.js';
import { compare, div, formatFr, fromInt, mul, neg, sub, toNumberApprox, ZERO, type Rational } from '../../domain/rational.js';
import { JURY_STATE_LABELS, type JuryState } from '../../domain/types.js';
import type { HarmonisationDto, HarmonisationJuryDto } from './schemas.js';

export const HARMONISATION_RULE = 'Un jury est signalé lorsque son taux d’admission ou la moyenne de ses candidats s’écarte de '
  + 'celui ou de celle de la spécialité de plus de deux écarts-types attendus pour un jury de sa taille : pour n candidats '
  + 'ayant une décision, plus de 2 × √(p × (1 − p) / n) pour le taux d’admission (p : taux de la spécialité), plus de '
  + '2 × σ / √n pour la moyenne (σ : écart-type des moyennes des candidats de la spécialité). La comparaison est exacte ; '
  + 'l’écart toléré affiché est arrondi. Un jury seul dans la spécialité, ou sans candidat ayant une moyenne, n’est jamais signalé. '
  + 'Les candidats incomplets ne comptent pas. Décisions proposées du 1er groupe, notes actuelles.';

export interface HarmonisationJury {
  readonly code: string;
  readonly centreUai: string;
  readonly centreLibelle: string;
  readonly etat: JuryState;
  readonly candidates: number;
  readonly figures: GroupFigures;
}

export interface HarmonisationInput {
  readonly specialite: { readonly code: string; readonly libelle: string };
  readonly specialites: readonly { readonly code: string; readonly libelle: string }[];
  /** the juries of the spécialité the caller may read: the rows, and what the spécialité's figures count */
  readonly juries: readonly HarmonisationJury[];
  /** the caller reads every jury of the session (the académie) */
  readonly wholeSession: boolean;
}

const comma = (x: number, digits: number): string => x.toFixed(digits).replace('.', ',').replace(/^-(0,0+)$/, '$1');
const signed = (s: string): string => (s.startsWith('-') || /^0,0+$/.test(s) ? s : `+${s}`);

function figuresDto(f: GroupFigures, candidates: number) {
  const mean: Rational | null = f.decided ? div(f.sum, fromInt(f.decided)) : null;
  const ratePercent = f.decided ? Math.round((f.admis * 1000) / f.decided) / 10 : null;
  return {
    candidates,
    decided: f.decided,
    admis: f.admis,
    ratePercent,
    rate: ratePercent === null ? '—' : `${comma(ratePercent, 1)} %`,
    mean: mean ? formatFr(mean) : '—',
    meanValue: mean ? toNumberApprox(mean) : null,
  };
}

function gapText(g: Rational): string {
  const magnitude = formatFr(compare(g, ZERO) < 0 ? neg(g) : g);
  if (/^0,00$/.test(magnitude)) return '0,00';
  return compare(g, ZERO) < 0 ? `-${magnitude}` : `+${magnitude}`;
}

function flagLabel(rate: boolean, mean: boolean): string {
  if (rate && mean) return 'Taux d’admission et moyenne éloignés de la spécialité';
  if (rate) return 'Taux d’admission éloigné de la spécialité';
  if (mean) return 'Moyenne éloignée de la spécialité';
  return '';
}

export function presentHarmonisation(input: HarmonisationInput): HarmonisationDto {
  const spe = mergeFigures(input.juries.map((j) => j.figures));
  const candidates = input.juries.reduce((n, j) => n + j.candidates, 0);
  const N = fromInt(spe.decided);
  const speMean = spe.decided ? div(spe.sum, N) : null;
  const speRate = spe.decided ? div(fromInt(spe.admis), N) : null;
  const variance = speMean ? sub(div(spe.sumSquares, N), mul(speMean, speMean)) : null;
  const juries: HarmonisationJuryDto[] = input.juries.map((j) => {
    const d = deviation(j.figures, spe);
    const t = tolerance(j.figures.decided, spe);
    const n = fromInt(j.figures.decided);
    const rateGap = t && speRate ? toNumberApprox(sub(div(fromInt(j.figures.admis), n), speRate)) * 100 : null;
    const meanGap = t && speMean ? sub(div(j.figures.sum, n), speMean) : null;
    return {
      code: j.code,
      centreUai: j.centreUai,
      centreLibelle: j.centreLibelle,
      etat: j.etat,
      etatLibelle: JURY_STATE_LABELS[j.etat],
      ...figuresDto(j.figures, j.candidates),
      rateGap: rateGap === null ? null : signed(comma(rateGap, 1)),
      rateTolerance: t ? `± ${comma(t.rate * 100, 1)}` : null,
      // truncated toward zero, like the means it separates: 6,00 against 10,15… is -4,15
      meanGap: meanGap === null ? null : gapText(meanGap),
      meanTolerance: t ? `± ${comma(t.mean, 2)}` : null,
      flags: d,
      flagLabel: flagLabel(d.rate, d.mean),
    };
  });
  return {
    specialite: { ...input.specialite },
    specialites: input.specialites.map((s) => ({ ...s })),
    figures: {
      ...figuresDto(spe, candidates),
      juries: input.juries.length,
      standardDeviation: variance ? comma(Math.sqrt(Math.max(0, toNumberApprox(variance))), 2) : '—',
    },
    perimetre: input.wholeSession
      ? `Chiffres de la spécialité : tous ses jurys de la session (${input.juries.length}).`
      : `Chiffres de la spécialité : les jurys dont vous pouvez consulter les notes (${input.juries.length}) ; `
        + 'les jurys des autres centres n’y entrent pas et ne sont pas montrés.',
    rule: HARMONISATION_RULE,
    juries,
    flagged: juries.filter((j) => j.flags.rate || j.flags.mean).length,
  };
}
