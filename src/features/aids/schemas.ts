// API shapes of the deliberation aids (issue #16): the candidates near a threshold.
import { z } from 'zod';
import { JuryHeaderDto } from '../deliberation/schemas.js';

const Decision = z.enum(['ADMIS', 'CONTROLE', 'REFUSE', 'INCOMPLET']);

export const NearQuery = z.object({
  /** the margin below a threshold, in points ("0,50"); 0,50 when absent */
  marge: z.string().trim().max(10).optional(),
});
export type NearQuery = z.infer<typeof NearQuery>;

export const LeverDto = z.object({
  /** 1: a grade of the 1st group (épreuve or sub-épreuve); 2: a contrôle grade */
  group: z.union([z.literal(1), z.literal(2)]),
  /** the leaf code (1st group) or the unit code (contrôle) */
  epreuve: z.string(),
  unit: z.string(),
  libelle: z.string(),
  facultative: z.boolean(),
  /** the grade now ("9,00") */
  current: z.string(),
  /** the smallest grade that alone changes the decision ("9,34"), null when none does */
  smallest: z.string().nullable(),
  /** "U1 : 9,34 suffit" or "U2O : aucune note seule ne suffit" */
  text: z.string(),
});
export type LeverDto = z.infer<typeof LeverDto>;

export const NearCandidateDto = z.object({
  id: z.number(),
  numeroAnonymat: z.string(),
  threshold: z.enum(['ADMIS', 'CONTROLE', 'PRO', 'ADMIS_CONTROLE']),
  thresholdLabel: z.string(),
  /** "Moyenne", "Moyenne des épreuves professionnelles", "Moyenne après les épreuves de contrôle" */
  valueLabel: z.string(),
  /** the average, truncated ("9,95") */
  value: z.string(),
  /** the threshold ("10") */
  seuil: z.string(),
  /** what is missing, rounded up to the hundredth ("0,05") */
  gap: z.string(),
  decision: Decision,
  decisionLabel: z.string(),
  /** the decision a lever reaches ("Admis", "Passe les épreuves de contrôle") */
  targetLabel: z.string(),
  levers: z.array(LeverDto),
  /** one grade alone suffices for at least one lever */
  anyLever: z.boolean(),
});
export type NearCandidateDto = z.infer<typeof NearCandidateDto>;

export const NearThresholdsDto = z.object({
  jury: JuryHeaderDto,
  /** 1: thresholds of the 1st group; 2: after the épreuves de contrôle (jury in 200–218) */
  group: z.union([z.literal(1), z.literal(2)]),
  /** the margin used, in points ("0,50") and hundredths */
  marge: z.string(),
  margeCentiemes: z.number(),
  /** how candidates are selected and what a lever is (French) */
  rule: z.string(),
  candidates: z.array(NearCandidateDto),
});
export type NearThresholdsDto = z.infer<typeof NearThresholdsDto>;

// ---- charts (point 2) --------------------------------------------------------------------------

const DecisionCountsDto = z.object({ ADMIS: z.number(), CONTROLE: z.number(), REFUSE: z.number(), INCOMPLET: z.number() });

const SummaryDto = z.object({
  n: z.number(),
  /** grades in hundredths (truncated); null without a grade */
  min: z.number().nullable(),
  q1: z.number().nullable(),
  median: z.number().nullable(),
  q3: z.number().nullable(),
  max: z.number().nullable(),
  /** the exact mean, truncated ("11,42") */
  mean: z.string().nullable(),
});

export const ChartsDto = z.object({
  jury: JuryHeaderDto,
  /** the spécialité of the jury; figures: all its juries of the session (null: offline, not available) */
  specialite: z.object({ code: z.string(), libelle: z.string(), juries: z.number(), candidates: z.number() }).nullable(),
  candidates: z.number(),
  /** 20 bands of one point: from (0..19), counts and shares of averages (jury, spécialité) */
  histogram: z.array(z.object({
    from: z.number(), label: z.string(), jury: z.number(), juryPercent: z.number(), specialite: z.number().nullable(), specialitePercent: z.number().nullable(),
  })),
  /** the thresholds drawn on the histogram (points) */
  thresholds: z.array(z.object({ value: z.number(), label: z.string() })),
  /** per unit: the spread of the jury's grades and of the spécialité's */
  epreuves: z.array(z.object({ code: z.string(), libelle: z.string(), jury: SummaryDto, specialite: SummaryDto.nullable() })),
  decisions: z.object({ jury: DecisionCountsDto, specialite: DecisionCountsDto.nullable() }),
  /** how the figures are computed (French) */
  notes: z.array(z.string()),
});
export type ChartsDto = z.infer<typeof ChartsDto>;

// ---- harmonisation (point 3) ---------------------------------------------------------------------

export const HarmonisationQuery = z.object({
  /** the spécialité's code ("31310"); absent: the first one the caller may read */
  specialite: z.string().trim().max(20).optional(),
});
export type HarmonisationQuery = z.infer<typeof HarmonisationQuery>;

const GroupFiguresDto = z.object({
  /** candidates of the jury (or of the juries) */
  candidates: z.number(),
  /** candidates with a 1st-group decision (INCOMPLET excluded): what the rate and the mean count */
  decided: z.number(),
  admis: z.number(),
  /** admission rate, % with one decimal (null without decided candidates) */
  ratePercent: z.number().nullable(),
  /** "62,5 %" or "—" */
  rate: z.string(),
  /** mean of the averages, truncated ("11,42"; "—" without decided candidates) */
  mean: z.string(),
  meanValue: z.number().nullable(),
});

export const HarmonisationJuryDto = GroupFiguresDto.extend({
  code: z.string(),
  centreUai: z.string(),
  centreLibelle: z.string(),
  etat: z.string(),
  etatLibelle: z.string(),
  /** the jury's rate minus the spécialité's, in points of % ("+12,5"), and the band's half-width ("± 25,0"); null when the rule does not apply */
  rateGap: z.string().nullable(),
  rateTolerance: z.string().nullable(),
  /** the jury's mean minus the spécialité's ("-1,50"), and the band's half-width ("± 1,50") */
  meanGap: z.string().nullable(),
  meanTolerance: z.string().nullable(),
  flags: z.object({ rate: z.boolean(), mean: z.boolean() }),
  /** "Taux d'admission et moyenne éloignés de la spécialité", "" when not flagged */
  flagLabel: z.string(),
});
export type HarmonisationJuryDto = z.infer<typeof HarmonisationJuryDto>;

export const HarmonisationDto = z.object({
  specialite: z.object({ code: z.string(), libelle: z.string() }),
  /** the spécialités the caller may read (to choose another) */
  specialites: z.array(z.object({ code: z.string(), libelle: z.string() })),
  /** the spécialité's figures over the juries shown (see `perimetre`) */
  figures: GroupFiguresDto.extend({
    juries: z.number(),
    /** standard deviation of the candidates' averages ("2,10"; "—" without decided candidates) */
    standardDeviation: z.string(),
  }),
  /** which juries the spécialité's figures count (French) */
  perimetre: z.string(),
  /** the flag rule (French) */
  rule: z.string(),
  juries: z.array(HarmonisationJuryDto),
  flagged: z.number(),
});
export type HarmonisationDto = z.infer<typeof HarmonisationDto>;
