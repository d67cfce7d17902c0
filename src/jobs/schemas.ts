// HTTP contract of /api/jobs and /api/documents (compte-rendu of the background editions).
import { z } from 'zod';

export const JobDocumentDto = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  /** "73 KB" */
  sizeLabel: z.string(),
  /** "ZIP", "PDF", "CSV" */
  type: z.string(),
  sha256: z.string(),
  url: z.string(),
  /** the jury went back below the state that allowed the edition: not served any more, and why */
  withdrawn: z.string().nullable(),
  /**
   * a grade of its jury was corrected after it was produced (issue #15): still served, but no longer
   * the grades and decisions in force — « Remplacé le … : … Nouvelle version à produire. »
   */
  superseded: z.string().nullable(),
});

export const JobDto = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  status: z.enum(['queued', 'running', 'done', 'error']),
  /** memo columns: Date, Etat, Résultat, Durée, Domaine */
  date: z.string(),
  etat: z.string(),
  resultat: z.string(),
  duree: z.string(),
  domaine: z.string(),
  progress: z.number(),
  progressLabel: z.string().nullable(),
  error: z.string().nullable(),
  documents: z.array(JobDocumentDto),
});
export type JobDto = z.infer<typeof JobDto>;

export const JobListDto = z.object({
  items: z.array(JobDto),
  /** jobs of these kinds waiting for a worker (whole queue) */
  queued: z.number(),
});

export const JobDetailDto = JobDto.extend({
  log: z.array(z.object({ at: z.string(), line: z.string() })),
  /** the compte-rendu as text (memo §6.1) */
  compteRendu: z.string(),
});
export type JobDetailDto = z.infer<typeof JobDetailDto>;

export const JobListQuery = z.object({
  kind: z.union([z.string().max(40), z.array(z.string().max(40)).max(20)]).optional(),
});

export const JobParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) });
export const DocumentParams = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, 'identifiant de document invalide') });
