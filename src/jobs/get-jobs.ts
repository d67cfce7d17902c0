// Use cases of the compte-rendu screen: the jobs of the actor's scope, one job in detail, the
// download of a produced document (by its opaque id; the job must be visible to the actor).
import type { Db } from '../db/connect.js';
import { getExamSession } from '../db/repositories/session.js';
import type { Actor } from '../domain/types.js';
import { withdrawnDocuments } from '../features/editions/withdrawn.js';
import { AppError } from '../server/app-error.js';
import type { DocumentStore } from './document-store.js';
import { jobVisibility } from './policies.js';
import { compteRendu, presentJob, presentJobDetail } from './present-job.js';
import { countQueuedJobs, findJob, findJobDocument, listJobDocuments, listJobLog, listJobs, type DocumentMeta, type JobRow } from './repository.js';
import type { JobDetailDto, JobDto } from './schemas.js';

export const JOB_NOT_FOUND = 'Traitement introuvable.';
export const DOCUMENT_NOT_FOUND = 'Document introuvable.';

/** "BTS (A03)" */
async function domaineOf(db: Db): Promise<string> {
  const s = await getExamSession(db);
  return s ? `${s.domaine} (${s.academie_code})` : '';
}

export async function listScopeJobs(db: Db, actor: Actor, kinds?: readonly string[]): Promise<{ items: JobDto[]; queued: number }> {
  const jobs = await listJobs(db, { ownerRole: actor.role, ownerScope: actor.scope, kinds });
  const docs = await listJobDocuments(db, jobs.map((j) => j.id));
  const domaine = await domaineOf(db);
  const withdrawn = await withdrawnDocuments(db, jobs, docs);
  return { items: jobs.map((j) => presentJob(j, docs, domaine, withdrawn)), queued: await countQueuedJobs(db, kinds) };
}

async function visibleJob(db: Db, actor: Actor, id: number): Promise<JobRow> {
  const job = await findJob(db, id);
  if (!job || jobVisibility(actor, job) !== 'allowed') throw new AppError('NOT_FOUND', JOB_NOT_FOUND);
  return job;
}

export async function getJob(db: Db, actor: Actor, id: number): Promise<JobDetailDto> {
  const job = await visibleJob(db, actor, id);
  const [log, docs] = await Promise.all([listJobLog(db, id), listJobDocuments(db, [id])]);
  return presentJobDetail(job, log, docs, await domaineOf(db), await withdrawnDocuments(db, [job], docs));
}

export async function getCompteRendu(db: Db, actor: Actor, id: number): Promise<{ name: string; text: string }> {
  const job = await visibleJob(db, actor, id);
  const [log, docs] = await Promise.all([listJobLog(db, id), listJobDocuments(db, [id])]);
  return { name: `compte-rendu-traitement-${id}.txt`, text: compteRendu(job, log, docs) };
}

export async function readDocument(db: Db, store: DocumentStore, actor: Actor, id: string): Promise<{ meta: DocumentMeta; bytes: Uint8Array }> {
  const meta = await findJobDocument(db, id);
  const job = meta ? await findJob(db, meta.job_id) : undefined;
  if (!meta || !job || jobVisibility(actor, job) !== 'allowed') throw new AppError('NOT_FOUND', DOCUMENT_NOT_FOUND);
  // documents follow the state: one whose jury went back below the state that allowed it is not served
  const withdrawn = (await withdrawnDocuments(db, [job], [meta])).get(meta.id);
  if (withdrawn) throw new AppError('CONFLICT', withdrawn);
  return { meta, bytes: await store.read(db, meta) };
}
