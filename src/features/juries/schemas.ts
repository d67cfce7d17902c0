// HTTP contract of /api/context and /api/juries.
import { z } from 'zod';
import { JURY_STATES } from '../../domain/types.js';

export const JuryStateSchema = z.enum(JURY_STATES);

export const SessionContextDto = z.object({
  domaine: z.string(),
  session: z.string(),
  academieCode: z.string(),
  academieLibelle: z.string(),
  periode: z.string(),
  etablissement: z.object({ uai: z.string(), libelle: z.string(), ville: z.string() }).nullable(),
});
export type SessionContextDto = z.infer<typeof SessionContextDto>;

export const TransitionDto = z.object({ action: z.string(), label: z.string(), to: JuryStateSchema, toLibelle: z.string() });

export const JuryDto = z.object({
  code: z.string(),
  specialiteCode: z.string(),
  specialiteLibelle: z.string(),
  centreUai: z.string(),
  centreLibelle: z.string(),
  /** 'dd/mm/yyyy hh:mm' */
  debutDeliberation: z.string().nullable(),
  finDeliberation: z.string().nullable(),
  etat: JuryStateSchema,
  etatLibelle: z.string(),
  emergencyEnabled: z.boolean(),
  actions: z.object({
    /** normal transitions this user may perform now (guards are checked when performed) */
    transitions: z.array(TransitionDto),
    /** targets of "Gérer l'avancement des jurys" for this user */
    exceptionalTargets: z.array(z.object({ etat: JuryStateSchema, libelle: z.string() })),
    canToggleEmergency: z.boolean(),
  }),
});
export type JuryDto = z.infer<typeof JuryDto>;

/** One page of the juries in scope matching the criteria, sorted and counted by the server. */
export const JuryList = z.object({
  items: z.array(JuryDto),
  /** juries matching the criteria (all pages) */
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** the spécialités of the juries in scope (the search form's choices) */
  specialites: z.array(z.object({ code: z.string(), libelle: z.string() })),
});

export const JURY_SORTS = ['code', 'specialite', 'centre', 'etat', 'debut'] as const;
export const JURY_PAGE_SIZE = 50;
export const JURY_MAX_PAGE_SIZE = 500;

export const JuryQuery = z.object({
  etat: JuryStateSchema.optional(),
  etatOp: z.enum(['egal', 'different']).default('egal'),
  code: z.string().trim().max(20).optional(),
  specialite: z.string().trim().max(20).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(JURY_MAX_PAGE_SIZE).default(JURY_PAGE_SIZE),
  sort: z.enum(JURY_SORTS).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type JuryQuery = z.infer<typeof JuryQuery>;

export const StateSummaryDto = z.object({
  etat: JuryStateSchema,
  libelle: z.string(),
  count: z.number(),
  bulk: z.object({ action: z.string(), label: z.string(), allowed: z.boolean() }).nullable(),
});
export const SummaryDto = z.object({ states: z.array(StateSummaryDto) });

export const CodeParams = z.object({ code: z.string().min(1).max(20) });

export const TransitionBody = z.object({ action: z.string().min(1).max(60), expectedEtat: JuryStateSchema });
export const BulkBody = z.object({ action: z.string().min(1).max(60) });
export const BulkResultDto = z.object({
  done: z.array(z.string()),
  refused: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type BulkResultDto = z.infer<typeof BulkResultDto>;

export const ExceptionalBody = z.object({
  to: JuryStateSchema,
  /** checked by the use case: "Le motif est obligatoire." */
  reason: z.string().max(2000).optional(),
  expectedEtat: JuryStateSchema,
  /**
   * académie only: confirms the change over 2nd-group grades in double entry not resolved yet (the
   * refusal lists them); they stay open and listed
   */
  overrideOpenDoubleEntries: z.boolean().optional(),
});

export const EmergencyBody = z.object({
  enabled: z.boolean(),
  /** required to enable (journaled): "Le motif est obligatoire pour activer l'accès de secours …" */
  reason: z.string().max(2000).optional(),
});
