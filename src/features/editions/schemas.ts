// One schema per contract: an edition request is the same object in the HTTP body, the job's
// parameters and the command line (`delib edition`).
import { z } from 'zod';
import { EDITION_KINDS } from '../../domain/activities.js';
import { JURY_STATES } from '../../domain/types.js';
import { CENTRE_EPREUVE_LISTS } from './catalog.js';
import { CRITERION_FIELDS, CRITERION_OPERATORS } from './criteria.js';

export const EditionKindSchema = z.enum(EDITION_KINDS);
export const GroupSchema = z.union([z.literal(1), z.literal(2)]);

const FR_DATE = /^\d{2}\/\d{2}\/\d{4}$/;

export const CriterionSchema = z.object({
  field: z.enum(CRITERION_FIELDS),
  op: z.enum(CRITERION_OPERATORS),
  values: z.array(z.string().trim().max(120)).min(1).max(50),
});

export const RLN_GROUPINGS = ['aucun', 'jury', 'etablissement', 'centre-epreuve'] as const;
export const RLN_SORTS = ['nom', 'numero-candidat', 'numero-anonymat'] as const;

export const RlnOptionsSchema = z.object({
  /** "Editer l'établissement d'inscription du candidat" */
  etablissement: z.boolean().default(false),
  /** "Edition du service examen / concours : du mail, du téléphone" */
  mail: z.boolean().default(false),
  telephone: z.boolean().default(false),
  /** "Signature à : *" */
  signatureLieu: z.string().trim().min(1, 'Le lieu de signature est obligatoire.').max(80),
  /** "le : *" (jj/mm/aaaa) */
  signatureDate: z.string().trim().regex(FR_DATE, 'La date de signature est obligatoire (jj/mm/aaaa).'),
  criteria: z.array(CriterionSchema).max(30).default([]),
  groupBy: z.enum(RLN_GROUPINGS).default('jury'),
  sortBy: z.enum(RLN_SORTS).default('nom'),
});
export type RlnOptions = z.infer<typeof RlnOptionsSchema>;

export const EditionParamsSchema = z.object({
  group: GroupSchema.optional(),
  /** selected juries (codes); empty: every eligible jury of the scope for editions that allow it */
  juries: z.array(z.string().trim().min(1).max(20)).max(2000).default([]),
  /** *Titre édition* (required: first page and file name) */
  title: z.string().trim().min(1, 'Le titre de l’édition est obligatoire.').max(150),
  format: z.enum(['pdf', 'csv', 'zip']).default('pdf'),
  /** livrets: produce even though SCOLAIRE candidates have no livret status */
  confirmed: z.boolean().default(false),
  /** livrets: "Editer la liste des élèves avec livret scolaire" (SCOLAIRE only, by établissement) */
  eleves: z.boolean().default(false),
  /** résultats du centre d'épreuve: which list */
  list: z.enum(CENTRE_EPREUVE_LISTS).default('admis'),
  rln: RlnOptionsSchema.optional(),
  /** PV de tenue: the version to print again (default: the latest; issue #15) */
  version: z.number().int().min(1).max(1000).optional(),
});

export const EditionRequestSchema = EditionParamsSchema.extend({ kind: EditionKindSchema });
export type EditionRequest = z.infer<typeof EditionRequestSchema>;

export const KindParams = z.object({ kind: EditionKindSchema });
export const EDITION_JURY_PAGE_SIZE = 50;

/** One page of the edition's juries, filtered by the server (`q`: code, spécialité or state). */
export const JuriesQuery = z.object({
  group: z.coerce.number().pipe(GroupSchema).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(EDITION_JURY_PAGE_SIZE),
  q: z.string().trim().max(60).optional(),
});
export type JuriesQuery = z.infer<typeof JuriesQuery>;

export const EditionJuryDto = z.object({
  code: z.string(),
  specialiteCode: z.string(),
  specialiteLibelle: z.string(),
  etat: z.enum(JURY_STATES),
  etatLibelle: z.string(),
  selectable: z.boolean(),
  /** why the jury is greyed ("Jury à l'état 105 …") */
  reason: z.string().nullable(),
  /** "PV v2 à faire signer": a grade was corrected after the jury's PV or result lists (issue #15) */
  pvAvis: z.string().nullable(),
});
export type EditionJuryDto = z.infer<typeof EditionJuryDto>;

export const EditionJuriesDto = z.object({
  kind: EditionKindSchema,
  group: GroupSchema,
  label: z.string(),
  formats: z.array(z.enum(['pdf', 'csv', 'zip'])),
  job: z.boolean(),
  /** one page of the juries matching `q`, in code order */
  juries: z.array(EditionJuryDto),
  /** juries matching `q` (all pages) */
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** every selectable jury of the scope, whatever the page and filter ("Sélectionner tous les jurys") */
  selectableCodes: z.array(z.string()),
});

export const LivretsCheckDto = z.object({
  /** SCOLAIRE candidates without livret status in the selected juries */
  count: z.number(),
  warning: z.string().nullable(),
});

export const ScheduleCheckDto = z.object({
  /** épreuves (candidate × chosen unit) without date or time */
  count: z.number(),
  /** the first of them (at most MAX_LISTED_WITHOUT_DATE) */
  missing: z.array(z.object({ candidat: z.string(), jury: z.string(), epreuve: z.string(), centreEpreuve: z.string(), manque: z.string() })),
  warning: z.string().nullable(),
});

export const JobCreatedDto = z.object({ jobId: z.number() });

export const PreferenceDto = z.object({ params: z.record(z.string(), z.unknown()).nullable(), updatedAt: z.string().nullable() });
export const PreferenceBody = z.object({ params: z.record(z.string(), z.unknown()) });

export const CriteriaFieldsDto = z.object({
  fields: z.array(z.object({
    field: z.enum(CRITERION_FIELDS),
    label: z.string(),
    type: z.enum(['text', 'date', 'boolean', 'choice']),
    operators: z.array(z.object({ op: z.enum(CRITERION_OPERATORS), label: z.string() })),
    choices: z.array(z.object({ value: z.string(), label: z.string() })).nullable(),
  })),
});
