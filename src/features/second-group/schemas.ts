// HTTP contract of /api/second-group: choices, schedule (dates), grades (first and blind second
// entry), double entry, mismatches, missing grades. One schema per contract (body, answer, screen).
import { z } from 'zod';
import { JuryStateSchema } from '../juries/schemas.js';

const Id = z.number().int().positive();
const Version = z.number().int().min(0);
const Code = z.string().trim().min(1).max(20);

/** Outcome of one row of a save: saved, unchanged (nothing to do), refused (error) or conflict. */
export const RowStatus = z.enum(['saved', 'unchanged', 'error', 'conflict']);
export type RowStatus = z.infer<typeof RowStatus>;

// ---- Choices ------------------------------------------------------------------------------------

export const UnitOptionDto = z.object({ code: z.string(), libelle: z.string() });

export const ChoiceRowDto = z.object({
  candidateId: z.number(),
  /** "AZBTSUN John (02319252150)" */
  candidat: z.string(),
  numeroCandidat: z.string(),
  numeroInscription: z.string(),
  nom: z.string(),
  prenoms: z.string(),
  epreuve1: z.string().nullable(),
  epreuve2: z.string().nullable(),
  /** 0: no choice saved yet */
  version: z.number(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** the units this candidate may choose (codes, ruleset order) */
  eligible: z.array(z.string()),
  specialiteCode: z.string(),
  /** "Banque - conseiller de clientèle (31310)" */
  specialite: z.string(),
  handicap: z.boolean(),
  handicapMesures: z.string(),
  juryCode: z.string(),
  juryEtat: JuryStateSchema,
  juryEtatLibelle: z.string(),
  centreEpreuve: z.string(),
  editable: z.boolean(),
});
export type ChoiceRowDto = z.infer<typeof ChoiceRowDto>;

export const ChoicesGridDto = z.object({
  rows: z.array(ChoiceRowDto),
  /** units of each spécialité (code → libellé), for the selects */
  units: z.record(z.string(), z.array(UnitOptionDto)),
});
export type ChoicesGridDto = z.infer<typeof ChoicesGridDto>;

// ---- Paging of the grids (like the juries list: filtered, sorted and cut by the server) ---------

export const GRID_PAGE_SIZE = 50;
export const GRID_MAX_PAGE_SIZE = 500;
const Filter = z.string().trim().max(100).optional();
const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(GRID_MAX_PAGE_SIZE).default(GRID_PAGE_SIZE),
  order: z.enum(['asc', 'desc']).default('asc'),
  /** « Rechercher dans les résultats »: any column contains it (accents and case ignored) */
  q: Filter,
};
const pageInfo = {
  /** rows matching the criteria (all pages) */
  total: z.number(),
  /** rows of the grid before the criteria */
  all: z.number(),
  page: z.number(),
  pageSize: z.number(),
};

export const CHOICE_COLUMNS = ['candidat', 'choix1', 'choix2', 'specialite', 'handi', 'jury', 'etat'] as const;
export type ChoiceColumn = (typeof CHOICE_COLUMNS)[number];
/** The choices grid's query: a page, a sort column, the search and a filter per column (« Filtrer la colonne … »). */
export const ChoicesQuery = z.object({
  ...paging,
  sort: z.enum(CHOICE_COLUMNS).default('candidat'),
  ...Object.fromEntries(CHOICE_COLUMNS.map((c) => [c, Filter])) as Record<ChoiceColumn, typeof Filter>,
});
export type ChoicesQuery = z.infer<typeof ChoicesQuery>;
/** One page of the choices grid; `units` for the spécialités of the page's rows. */
export const ChoicesPageDto = ChoicesGridDto.extend(pageInfo);
export type ChoicesPageDto = z.infer<typeof ChoicesPageDto>;

/**
 * *Exporter CSV*: the rows matching the grid's criteria (every page, in the grid's order), or the
 * rows given, or all rows.
 */
export const ExportChoicesBody = z.object({
  candidateIds: z.array(Id).max(50000).optional(),
  criteria: ChoicesQuery.omit({ page: true, pageSize: true }).partial().optional(),
});

export const ChoiceInput = z.object({
  candidateId: Id,
  /** both null: clear the choices */
  epreuve1: Code.nullable(),
  epreuve2: Code.nullable(),
  expectedVersion: Version,
});
export type ChoiceInput = z.infer<typeof ChoiceInput>;

export const SaveChoicesBody = z.object({ rows: z.array(ChoiceInput).min(1).max(5000) });

/**
 * The outcome of one row of a grid save: its key fields, status, French message and the row as it
 * is now (after a conflict: the other person's values and who entered them).
 */
function rowResult<K extends z.ZodRawShape, R extends z.ZodTypeAny>(key: K, row: R) {
  return z.object({ ...key, status: RowStatus, message: z.string(), row: row.nullable() });
}

export const ChoiceResultDto = rowResult({ candidateId: z.number() }, ChoiceRowDto);
export const SaveChoicesResultDto = z.object({ results: z.array(ChoiceResultDto) });
export type SaveChoicesResultDto = z.infer<typeof SaveChoicesResultDto>;

// ---- Schedule (dates, times, rooms of a centre d'épreuve) ---------------------------------------

export const ScheduleRowDto = z.object({
  centreEpreuveUai: z.string(),
  centreEpreuve: z.string(),
  specialiteCode: z.string(),
  specialite: z.string(),
  epreuveCode: z.string(),
  epreuveLibelle: z.string(),
  /** candidates of the centre who chose this épreuve */
  candidats: z.number(),
  /** 'YYYY-MM-DD' or '' */
  date: z.string(),
  /** 'HH:MM' or '' */
  heure: z.string(),
  salle: z.string(),
  version: z.number(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ScheduleRowDto = z.infer<typeof ScheduleRowDto>;
export const ScheduleDto = z.object({ rows: z.array(ScheduleRowDto) });

export const ScheduleInput = z.object({
  centreEpreuveUai: Code,
  specialiteCode: Code,
  epreuveCode: Code,
  date: z.string().trim().max(10),
  heure: z.string().trim().max(5),
  salle: z.string().trim().max(60),
  expectedVersion: Version,
});
export type ScheduleInput = z.infer<typeof ScheduleInput>;
export const SaveScheduleBody = z.object({ rows: z.array(ScheduleInput).min(1).max(2000) });
export const ScheduleResultDto = rowResult({ key: z.string() }, ScheduleRowDto);
export const SaveScheduleResultDto = z.object({ results: z.array(ScheduleResultDto) });
export type SaveScheduleResultDto = z.infer<typeof SaveScheduleResultDto>;

// ---- Grades --------------------------------------------------------------------------------------

/** first: the grade itself; second: the blind second entry (double entry). */
export const EntryMode = z.enum(['first', 'second']);
export type EntryMode = z.infer<typeof EntryMode>;

/** where a grade stands (src/domain/double-entry.ts): no verdict is possible before both entries exist */
export const GradeStatus = z.enum(['MANQUANTE', 'SAISIE', 'ATTENTE_SECONDE', 'CONCORDANTE', 'DISCORDANTE', 'ARBITREE']);
export type GradeStatus = z.infer<typeof GradeStatus>;

export const GradeRowDto = z.object({
  candidateId: z.number(),
  juryCode: z.string(),
  /** "02246250289 - 001" */
  numero: z.string(),
  nom: z.string(),
  prenoms: z.string(),
  epreuveCode: z.string(),
  epreuveLibelle: z.string(),
  centreEpreuve: z.string(),
  /** "03/07/2023 09:30 - Salle B12", or '' */
  convocation: z.string(),
  /** the grade is entered twice (double entry enabled, or a row still open since it was disabled) */
  doubleEntry: z.boolean(),
  /**
   * the entry of this mode ("12,50", "ABS", ''); under double entry the value in force once there is
   * one, else the typed entry — '' when it is someone else's entry still blind (then `masked`)
   */
  value: z.string(),
  /** an entry exists but its value is known to its author only until the other entry is typed */
  masked: z.boolean(),
  version: z.number(),
  enteredBy: z.string().nullable(),
  enteredAt: z.string().nullable(),
  status: GradeStatus,
  statusLabel: z.string(),
  /** the viewer may type this entry now */
  editable: z.boolean(),
  /** why not, in French (null when editable) */
  readOnlyReason: z.string().nullable(),
});
export type GradeRowDto = z.infer<typeof GradeRowDto>;

export const GradesGridDto = z.object({
  mode: EntryMode,
  rows: z.array(GradeRowDto),
});
export type GradesGridDto = z.infer<typeof GradesGridDto>;

/** The grade grid's query: a page (grid order: jury, candidate, épreuve), a jury, an épreuve (libellé), the search. */
export const GradesQuery = z.object({
  mode: EntryMode.default('first'),
  ...paging,
  jury: Filter,
  epreuve: Filter,
});
export type GradesQuery = z.infer<typeof GradesQuery>;
/** One page of the grade grid, with the choices of its filters and its counts over every row of the mode. */
export const GradesPageDto = GradesGridDto.extend({
  ...pageInfo,
  /** the juries and épreuves (libellés) of the rows, for the filters */
  juries: z.array(z.string()),
  epreuves: z.array(z.string()),
  /** rows of the mode whose grade is in force (first mode) or whose second entry is made (second mode) */
  done: z.number(),
});
export type GradesPageDto = z.infer<typeof GradesPageDto>;

export const GradeEntryInput = z.object({
  candidateId: Id,
  epreuveCode: Code,
  /** "12,5", "12.50", "ABS"; '' clears the entry */
  value: z.string().max(20),
  expectedVersion: Version,
});
export type GradeEntryInput = z.infer<typeof GradeEntryInput>;
export const SaveGradesBody = z.object({ mode: EntryMode.default('first'), entries: z.array(GradeEntryInput).min(1).max(5000) });

export const GradeResultDto = rowResult({ candidateId: z.number(), epreuveCode: z.string() }, GradeRowDto);
export const SaveGradesResultDto = z.object({ results: z.array(GradeResultDto) });
export type SaveGradesResultDto = z.infer<typeof SaveGradesResultDto>;

export const EntryDto = z.object({ value: z.string(), version: z.number(), enteredBy: z.string().nullable(), enteredAt: z.string().nullable() });

export const MismatchDto = z.object({
  candidateId: z.number(),
  juryCode: z.string(),
  numero: z.string(),
  nom: z.string(),
  prenoms: z.string(),
  epreuveCode: z.string(),
  epreuveLibelle: z.string(),
  juryEtat: JuryStateSchema,
  /** DISCORDANTE, or ATTENTE_SECONDE for a row left open when the jury left 200 */
  status: GradeStatus,
  statusLabel: z.string(),
  first: EntryDto,
  second: EntryDto,
  /** the viewer may arbitrate it (centre or académie, author of neither entry) */
  canResolve: z.boolean(),
  /** why not, in French (null when it may) */
  refusal: z.string().nullable(),
});
export type MismatchDto = z.infer<typeof MismatchDto>;
/** the double entries awaiting arbitration in the actor's scope (the tab "Discordances (n)" counts them) */
export const MismatchesDto = z.object({ items: z.array(MismatchDto) });

export const ResolveBody = z.object({
  candidateId: Id,
  epreuveCode: Code,
  value: z.string().trim().min(1).max(20),
  firstVersion: Version,
  secondVersion: Version,
});
export type ResolveBody = z.infer<typeof ResolveBody>;

// ---- Double entry settings -------------------------------------------------------------------------

export const DoubleEntryJuryDto = z.object({
  juryCode: z.string(),
  specialiteLibelle: z.string(),
  etat: JuryStateSchema,
  etatLibelle: z.string(),
  units: z.array(z.object({
    code: z.string(),
    libelle: z.string(),
    enabled: z.boolean(),
    /** grades of this épreuve typed and not in force yet: switching the double entry off is refused over them */
    open: z.array(z.string()),
  })),
});
export type DoubleEntryJuryDto = z.infer<typeof DoubleEntryJuryDto>;
export const DoubleEntryDto = z.object({ juries: z.array(DoubleEntryJuryDto) });
export const SetDoubleEntryBody = z.object({
  juryCode: Code,
  epreuveCode: Code,
  enabled: z.boolean(),
  /** académie only: switch it off over open entries (they stay open and listed); requires `reason` */
  override: z.boolean().optional(),
  reason: z.string().trim().max(500).optional(),
});
export type SetDoubleEntryBody = z.infer<typeof SetDoubleEntryBody>;

// ---- Missing grades ("Contrôler les notes manquantes") -----------------------------------------------

export const EtablissementDto = z.object({ uai: z.string(), libelle: z.string(), ville: z.string() });

export const MissingRowDto = z.object({
  candidateId: z.number(),
  numeroCandidat: z.string(),
  numeroInscription: z.string(),
  nom: z.string(),
  prenoms: z.string(),
  /** libellés of the épreuves without a (confirmed) grade, or why nothing can be graded yet */
  manquantes: z.array(z.string()),
  centre: EtablissementDto.nullable(),
});
export const MissingJuryDto = z.object({
  jury: z.object({ code: z.string(), specialiteCode: z.string(), specialiteLibelle: z.string() }),
  etat: JuryStateSchema,
  rows: z.array(MissingRowDto),
});
export const MissingGradesDto = z.object({
  juries: z.array(MissingJuryDto),
  /** "Pas de notes manquantes." when no selected jury misses anything */
  message: z.string().nullable(),
});
export type MissingGradesDto = z.infer<typeof MissingGradesDto>;
export const MissingQuery = z.object({ jury: z.union([Code, z.array(Code).max(500)]).optional() });
