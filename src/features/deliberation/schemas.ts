// HTTP contract of the jury portal (/api/deliberation): zod schemas for validation, serialization and
// OpenAPI. Averages are strings truncated to 2 decimals with a decimal comma ("9,95"), never numbers.
import { z } from 'zod';
import { JURY_STATES } from '../../domain/types.js';

export const DecisionSchema = z.enum(['ADMIS', 'CONTROLE', 'REFUSE', 'INCOMPLET']);
export const Decision2Schema = z.enum(['ADMIS', 'REFUSE', 'INCOMPLET']);
const Group = z.union([z.literal(1), z.literal(2)]);

export const ActingMemberDto = z.object({ member: z.enum(['president', 'vice_president']), name: z.string() });

export const DeliberationActions = z.object({
  /** the user may change grades now (jury, 105/110 for the 1st group, 210 for the 2nd) */
  canModifyGrades: z.boolean(),
  /** which grades: 1 = leaf grades, 2 = contrôle grades; null when none */
  modifiableGroup: Group.nullable(),
  /** the user may close the deliberation now (guards are checked when closing) */
  canClose: z.boolean(),
  closeAction: z.string().nullable(),
  closeLabel: z.string().nullable(),
  canRevealIdentity: z.boolean(),
  /** a jury account must first say who is deliberating (président or vice-président) */
  needsActingMember: z.boolean(),
});

export const JuryHeaderDto = z.object({
  code: z.string(),
  specialiteCode: z.string(),
  specialiteLibelle: z.string(),
  centreUai: z.string(),
  centreLibelle: z.string(),
  debutDeliberation: z.string().nullable(),
  finDeliberation: z.string().nullable(),
  etat: z.enum(JURY_STATES),
  etatLibelle: z.string(),
  /** the group of the current state (000–198: 1, 200–218: 2) */
  group: Group,
  president: z.string(),
  vicePresident: z.string(),
  actingMember: ActingMemberDto.nullable(),
  actions: DeliberationActions,
});
export type JuryHeaderDto = z.infer<typeof JuryHeaderDto>;

export const Flags = z.object({
  /** livret scolaire: true reçu, false non reçu, null sans statut */
  livret: z.boolean().nullable(),
  /** mesures pour handicap ('' when none) */
  handicap: z.string(),
  benefice: z.boolean(),
  dispense: z.boolean(),
  presumeFraudeur: z.boolean(),
  listeRouge: z.boolean(),
});

export const ControleUnitDto = z.object({
  code: z.string(),
  libelle: z.string(),
  /** initial unit grade ("11,00", "ABS") */
  initial: z.string(),
  /** contrôle grade, '' when not entered */
  controle: z.string(),
  /** retained grade, '' while the contrôle grade is missing */
  retained: z.string(),
  meilleureNoteRetenue: z.boolean(),
});

export const Group2SummaryDto = z.object({
  decision: Decision2Schema,
  decisionLabel: z.string(),
  rule: z.string(),
  moyenne: z.string().nullable(),
  units: z.array(ControleUnitDto),
});

export const CandidateRowDto = z.object({
  id: z.number(),
  numeroAnonymat: z.string(),
  categorie: z.string(),
  moyenne: z.string().nullable(),
  moyennePro: z.string().nullable(),
  decision: DecisionSchema,
  decisionLabel: z.string(),
  rule: z.string(),
  /** compulsory units without a grade (INCOMPLET) */
  missingUnits: z.array(z.string()),
  flags: Flags,
  /** CONTROLE candidates: the 2nd group */
  group2: Group2SummaryDto.nullable(),
});
export type CandidateRowDto = z.infer<typeof CandidateRowDto>;

export const DecisionCountDto = z.object({ decision: DecisionSchema, label: z.string(), count: z.number() });

export const CandidateListDto = z.object({
  jury: JuryHeaderDto,
  /** 1st-group decisions */
  counts: z.array(DecisionCountDto),
  /** 2nd-group decisions of the CONTROLE candidates, from state 200 on */
  counts2: z.array(DecisionCountDto).nullable(),
  candidates: z.array(CandidateRowDto),
});
export type CandidateListDto = z.infer<typeof CandidateListDto>;

// ---- PVI ------------------------------------------------------------------------------------------

export const GradeCellDto = z.object({
  group: Group,
  /** leaf code (group 1) or unit code (group 2) */
  epreuve: z.string(),
  /** "12,50", "ABS", "AJ", "DI"; '' when missing */
  value: z.string(),
  /** optimistic concurrency: send it back with a change (0 = no grade yet) */
  version: z.number(),
  editable: z.boolean(),
  /** the value before the jury's first change ('' when there was none); null when never changed */
  original: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** session of origin of a bénéfice */
  benefice: z.string().nullable(),
});
export type GradeCellDto = z.infer<typeof GradeCellDto>;

export const LeafDto = z.object({
  code: z.string(),
  libelle: z.string(),
  coef: z.string(),
  points: z.string().nullable(),
  cell: GradeCellDto,
});

export const UnitDto = z.object({
  code: z.string(),
  libelle: z.string(),
  coef: z.string(),
  domaine: z.enum(['general', 'professionnel']),
  facultative: z.boolean(),
  controleEligible: z.boolean(),
  /** unit grade: exact mean of its leaves, truncated ("11,00"), ABS, DI, or '' when missing */
  grade: z.string(),
  points: z.string().nullable(),
  bonus: z.string().nullable(),
  ects: z.number().nullable(),
  /** the unit's own grade when it has no sub-épreuve */
  cell: GradeCellDto.nullable(),
  /** its sub-épreuves, when it has some */
  leaves: z.array(LeafDto),
});

export const Group1Dto = z.object({
  decision: DecisionSchema,
  decisionLabel: z.string(),
  rule: z.string(),
  moyenne: z.string().nullable(),
  moyennePro: z.string().nullable(),
  totalCoef: z.string(),
  totalPoints: z.string().nullable(),
  totalCoefPro: z.string(),
  totalPointsPro: z.string().nullable(),
  bonus: z.string(),
  missingUnits: z.array(z.string()),
});

export const ControleChoiceDto = z.object({
  code: z.string(),
  libelle: z.string(),
  coef: z.string(),
  initial: z.string(),
  cell: GradeCellDto,
  retained: z.string(),
  points: z.string().nullable(),
  meilleureNoteRetenue: z.boolean(),
});

export const Group2Dto = z.object({
  decision: Decision2Schema,
  decisionLabel: z.string(),
  rule: z.string(),
  moyenne: z.string().nullable(),
  totalCoef: z.string(),
  totalPoints: z.string().nullable(),
  choices: z.array(ControleChoiceDto),
});

export const PviDto = z.object({
  jury: JuryHeaderDto,
  candidate: z.object({
    id: z.number(),
    numeroAnonymat: z.string(),
    categorie: z.string(),
    formePassage: z.string(),
    flags: Flags,
    benefices: z.array(z.object({ code: z.string(), session: z.string() })),
    dispenses: z.array(z.string()),
  }),
  units: z.array(UnitDto),
  group1: Group1Dto,
  group2: Group2Dto.nullable(),
  finalDecision: DecisionSchema,
  finalDecisionLabel: z.string(),
  ects: z.number(),
  rulesVersion: z.string(),
});
export type PviDto = z.infer<typeof PviDto>;

export const GradeChangeBody = z.object({
  group: Group,
  epreuve: z.string().trim().min(1).max(20),
  /** French text: "12,5", "12.50", "ABS", "AJ", "DI" (contrôle: a number or ABS) */
  value: z.string().max(20),
  /** the version the change is based on (0 for a missing grade) */
  version: z.number().int().min(0),
  comment: z.string().trim().max(500).optional(),
});
export type GradeChangeBody = z.infer<typeof GradeChangeBody>;

export const GradeConflictDto = z.object({
  code: z.string(),
  message: z.string(),
  /** the grade as it is now (value, version, who changed it) */
  current: GradeCellDto.optional(),
  details: z.array(z.object({ message: z.string(), subject: z.string().optional() })).optional(),
});

export const IdentityDto = z.object({
  nom: z.string(),
  nomUsage: z.string(),
  prenoms: z.string(),
  /** "02319252150 - 001" */
  numeroCandidat: z.string(),
});
export type IdentityDto = z.infer<typeof IdentityDto>;

export const CloseBody = z.object({ expectedEtat: z.enum(JURY_STATES) });

// ---- statistics -------------------------------------------------------------------------------------

export const DecisionStatDto = z.object({
  decision: z.string(), label: z.string(), count: z.number(), percent: z.string(),
  /** the spécialité (every jury of it, this one included): 1st group, online only */
  specialiteCount: z.number().optional(), specialitePercent: z.string().optional(),
});
export const DecisionTableDto = z.object({
  positive: z.array(DecisionStatDto),
  positiveTotal: DecisionStatDto,
  negative: z.array(DecisionStatDto),
  negativeTotal: DecisionStatDto,
  /** candidates without a decision (INCOMPLET) */
  incomplete: DecisionStatDto,
  total: DecisionStatDto,
});
export type DecisionTableDto = z.infer<typeof DecisionTableDto>;

export const EpreuveStatDto = z.object({
  code: z.string(),
  libelle: z.string(),
  /** 'unit' or 'leaf' (a sub-épreuve, shown under its unit) */
  level: z.enum(['unit', 'leaf']),
  coef: z.string(),
  graded: z.number(),
  mean: z.string().nullable(),
  min: z.string().nullable(),
  max: z.string().nullable(),
  atLeast10: z.number(),
  abs: z.number(),
  di: z.number(),
  missing: z.number(),
});
export type EpreuveStatDto = z.infer<typeof EpreuveStatDto>;

export const StatisticsDto = z.object({
  jury: JuryHeaderDto,
  candidates: z.number(),
  byDecision: DecisionTableDto,
  /** the 2nd group (CONTROLE candidates), from state 200 on */
  byDecision2: DecisionTableDto.nullable(),
  byEpreuve: z.array(EpreuveStatDto),
});
export type StatisticsDto = z.infer<typeof StatisticsDto>;

export const JuryCodeParams = z.object({ code: z.string().min(1).max(20) });
export const CandidateParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) });
