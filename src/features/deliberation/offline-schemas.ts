// HTTP contract of the offline jury portal (issue #9, ADR 0009): the bundle the browser keeps
// (encrypted) to deliberate without the network, and the synchronisation of the changes made offline.
import { z } from 'zod';
import { JURY_STATES } from '../../domain/types.js';
import { GradeCellDto, JuryHeaderDto } from './schemas.js';

const Group = z.union([z.literal(1), z.literal(2)]);

const Note = z.object({ kind: z.literal('NOTE'), hundredths: z.number().int() });
export const GradeValueDto = z.discriminatedUnion('kind', [Note, z.object({ kind: z.literal('ABS') }), z.object({ kind: z.literal('AJ') }), z.object({ kind: z.literal('DI') })]);
const ControleGradeValueDto = z.discriminatedUnion('kind', [Note, z.object({ kind: z.literal('ABS') })]);

const RulesetDto = z.object({
  units: z.array(z.object({
    code: z.string(),
    libelle: z.string(),
    coefCenti: z.number().int(),
    domaine: z.enum(['general', 'professionnel']),
    controle: z.boolean(),
    facultative: z.boolean(),
    ects: z.number().nullable(),
    leaves: z.array(z.object({ code: z.string(), libelle: z.string(), coefCenti: z.number().int() })).readonly(),
  })).readonly(),
});

const StoredGradeDto = z.object({
  candidateId: z.number(),
  epreuveCode: z.string(),
  value: GradeValueDto.optional(),
  benefice: z.string().nullable(),
  original: z.object({ value: GradeValueDto.optional() }).nullable(),
  version: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

const OfflineCandidateDto = z.object({
  candidate: z.object({
    id: z.number(),
    juryCode: z.string(),
    numeroAnonymat: z.string(),
    categorie: z.string(),
    formePassage: z.string(),
    livret: z.boolean().nullable(),
    handicap: z.string(),
    listeRouge: z.boolean(),
    presumeFraudeur: z.boolean(),
    centreDeliberationUai: z.string(),
    centreEpreuveUai: z.string(),
  }),
  benefice: z.boolean(),
  input: z.object({
    grades: z.record(z.string(), GradeValueDto.optional()).readonly(),
    controleChoices: z.tuple([z.string(), z.string()]).readonly().nullable().optional(),
    controleGrades: z.record(z.string(), ControleGradeValueDto.optional()).readonly().optional(),
  }),
  leafGrades: z.array(StoredGradeDto).readonly(),
  controleGrades: z.array(StoredGradeDto).readonly(),
});

/** Everything the jury portal shows, as data the browser recomputes with the shared engine. No identity. */
export const OfflineBundleDto = z.object({
  format: z.literal(1),
  generatedAt: z.string(),
  /** the exam of the session ('BTS'): rulesFor(domaine) */
  domaine: z.string(),
  jury: JuryHeaderDto,
  ruleset: RulesetDto,
  candidates: z.array(OfflineCandidateDto).readonly(),
  /** the 1st-group decisions of the other juries of the spécialité, counted when the bundle was made (statistics' spécialité columns) */
  otherJuries: z.object({ ADMIS: z.number(), CONTROLE: z.number(), REFUSE: z.number(), INCOMPLET: z.number() }).partial().optional(),
});

export const OfflineChangeDto = z.object({
  /** chosen by the browser (random UUID): a change resent after a lost answer is recognised */
  id: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'identifiant de modification invalide'),
  candidateId: z.number().int().positive().max(2 ** 31 - 1),
  group: Group,
  epreuve: z.string().trim().min(1).max(20),
  value: z.string().max(20),
  /** the version the change was based on */
  version: z.number().int().min(0),
  comment: z.string().trim().max(500).optional(),
  /** when the jury made it (the browser's clock, ISO) */
  enteredAt: z.iso.datetime({ offset: true }),
  /** the jury state the portal had when the change was made */
  expectedEtat: z.enum(JURY_STATES),
  /** after a conflict: apply it on the current value, or keep the server's value (journaled) */
  resolution: z.enum(['keep-mine', 'keep-server']).optional(),
});
export type OfflineChangeDto = z.infer<typeof OfflineChangeDto>;

export const SyncBody = z.object({ changes: z.array(OfflineChangeDto).min(1).max(500) });
export type SyncBody = z.infer<typeof SyncBody>;

export const SyncStatus = z.enum(['applied', 'unchanged', 'duplicate', 'discarded', 'conflict', 'rejected']);
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncItemDto = z.object({
  id: z.string(),
  status: SyncStatus,
  /** for a conflict: the grade changed on the server meanwhile, or the jury's state moved */
  conflict: z.enum(['grade', 'state']).nullable(),
  message: z.string(),
  /** the grade as it is now on the server (conflicts, rejections) */
  current: GradeCellDto.nullable(),
});
export type SyncItemDto = z.infer<typeof SyncItemDto>;

export const SyncResultDto = z.object({ results: z.array(SyncItemDto), jury: JuryHeaderDto });
export type SyncResultDto = z.infer<typeof SyncResultDto>;
