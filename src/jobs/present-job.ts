// Presenter of a job as the memo's compte-rendu shows it (Date, Etat, Résultat, Durée, Domaine,
// documents with their size, the log) and the compte-rendu text.
import { compteRenduText, formatSize } from '../documents/compte-rendu.js';
import { clockDuration, frenchDateTime, localDateTime } from './local-time.js';
import type { DocumentMeta, JobLogRow, JobRow } from './repository.js';
import type { JobDetailDto, JobDto } from './schemas.js';

const ETAT: Readonly<Record<JobRow['status'], string>> = {
  queued: "En attente d'exécution",
  running: "En cours d'exécution",
  done: 'Sans planification.',
  error: 'Sans planification.',
};

const RESULTAT: Readonly<Record<JobRow['status'], string>> = {
  queued: 'En attente',
  running: 'En cours',
  done: 'Terminé',
  error: 'En erreur',
};

function typeOf(name: string, mediaType: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1];
  if (ext) return ext.toUpperCase();
  return mediaType.split('/')[1]?.toUpperCase() ?? '';
}

function durationMs(job: JobRow): number | null {
  if (!job.started_at) return null;
  const end = job.finished_at ?? job.heartbeat_at;
  return end ? Date.parse(end) - Date.parse(job.started_at) : null;
}

/** Per document id: why it is withdrawn (features/editions/withdrawn.ts) or superseded (superseded.ts). */
export interface DocumentNotices {
  readonly withdrawn: ReadonlyMap<string, string>;
  readonly superseded: ReadonlyMap<string, { readonly message: string }>;
}

const NO_NOTICES: DocumentNotices = { withdrawn: new Map(), superseded: new Map() };

export function presentJob(job: JobRow, documents: readonly DocumentMeta[], domaine: string, notices: DocumentNotices = NO_NOTICES): JobDto {
  const ms = durationMs(job);
  return {
    id: job.id,
    kind: job.kind,
    title: job.title,
    status: job.status,
    date: frenchDateTime(new Date(job.created_at)),
    etat: ETAT[job.status],
    resultat: RESULTAT[job.status],
    duree: ms === null || job.status === 'queued' ? '' : clockDuration(ms),
    domaine,
    progress: job.status === 'done' ? 100 : job.progress,
    progressLabel: job.progress_label,
    error: job.error,
    documents: documents.filter((d) => d.job_id === job.id).map((d) => ({
      id: d.id,
      name: d.name,
      size: d.size,
      sizeLabel: formatSize(d.size),
      type: typeOf(d.name, d.media_type),
      sha256: d.sha256,
      url: `/api/documents/${d.id}`,
      withdrawn: notices.withdrawn.get(d.id) ?? null,
      superseded: notices.superseded.get(d.id)?.message ?? null,
    })),
  };
}

/** The compte-rendu text (memo §6.1): outcome, start, end, duration, log lines, documents. */
export function compteRendu(job: JobRow, log: readonly JobLogRow[], documents: readonly DocumentMeta[]): string {
  if (job.status === 'queued' || job.status === 'running' || !job.started_at) {
    const head = job.status === 'queued' ? "Le traitement est en attente d'exécution." : `Le traitement est en cours d'exécution (${job.progress} %).`;
    return [head, '', ...log.map((l) => l.line)].join('\n') + '\n';
  }
  const fin = job.finished_at ?? job.started_at;
  return compteRenduText({
    ok: job.status === 'done',
    debut: localDateTime(new Date(job.started_at)),
    fin: localDateTime(new Date(fin)),
    dureeMs: Date.parse(fin) - Date.parse(job.started_at),
    lines: log.map((l) => l.line),
    documents: documents.map((d) => ({ name: d.name, size: d.size })),
    ...(job.error ? { erreur: job.error } : {}),
  });
}

export function presentJobDetail(
  job: JobRow, log: readonly JobLogRow[], documents: readonly DocumentMeta[], domaine: string, notices: DocumentNotices = NO_NOTICES,
): JobDetailDto {
  return {
    ...presentJob(job, documents, domaine, notices),
    log: log.map((l) => ({ at: frenchDateTime(new Date(l.at)), line: l.line })),
    compteRendu: compteRendu(job, log, documents),
  };
}
