// Use cases of the compte-rendu screen: the jobs of the actor's scope, one job in detail, the
// download of a produced document (by its opaque id; the job must be visible to the actor).
import type { Db } from '../db/connect.js';
import { getExamSession } from '../db/repositories/session.js';
import type { Actor } from '../domain/types.js';
import { supersededDocuments, type Superseded } from '../features/editions/superseded.js';
import { withdrawnDocuments, type StoredDocument, type StoredJob } from '../features/editions/withdrawn.js';
import { AppError } from '../errors/app-error.js';
import type { DocumentStore } from './document-store.js';
import { jobVisibility } from './policies.js';
import { compteRendu, presentJob, presentJobDetail, type DocumentNotices } from './present-job.js';
import { countQueuedJobs, findJob, findJobDocument, listJobDocuments, listJobLog, listJobs, type DocumentMeta, type JobRow } from './repository.js';
import type { JobDetailDto, JobDto } from './schemas.js';

export const JOB_NOT_FOUND = 'Traitement introuvable.';
export const DOCUMENT_NOT_FOUND = 'Document introuvable.';

/** "BTS (A03)" */
async function domaineOf(db: Db): Promise<string> {
  const s = await getExamSession(db);
  return s ? `${s.domaine} (${s.academie_code})` : '';
}

async function noticesOf(db: Db, jobs: readonly StoredJob[], docs: readonly StoredDocument[]): Promise<DocumentNotices> {
  const [withdrawn, superseded] = await Promise.all([withdrawnDocuments(db, jobs, docs), supersededDocuments(db, jobs, docs)]);
  return { withdrawn, superseded };
}

export async function listScopeJobs(db: Db, actor: Actor, kinds?: readonly string[]): Promise<{ items: JobDto[]; queued: number }> {
  const jobs = await listJobs(db, { ownerRole: actor.role, ownerScope: actor.scope, kinds });
  const docs = await listJobDocuments(db, jobs.map((j) => j.id));
  const domaine = await domaineOf(db);
  const notices = await noticesOf(db, jobs, docs);
  return { items: jobs.map((j) => presentJob(j, docs, domaine, notices)), queued: await countQueuedJobs(db, kinds) };
}

async function visibleJob(db: Db, actor: Actor, id: number): Promise<JobRow> {
  const job = await findJob(db, id);
  if (!job || jobVisibility(actor, job) !== 'allowed') throw new AppError('NOT_FOUND', JOB_NOT_FOUND);
  return job;
}

export async function getJob(db: Db, actor: Actor, id: number): Promise<JobDetailDto> {
  const job = await visibleJob(db, actor, id);
  const [log, docs] = await Promise.all([listJobLog(db, id), listJobDocuments(db, [id])]);
  return presentJobDetail(job, log, docs, await domaineOf(db), await noticesOf(db, [job], docs));
}

export async function getCompteRendu(db: Db, actor: Actor, id: number): Promise<{ name: string; text: string }> {
  const job = await visibleJob(db, actor, id);
  const [log, docs] = await Promise.all([listJobLog(db, id), listJobDocuments(db, [id])]);
  return { name: `compte-rendu-traitement-${id}.txt`, text: compteRendu(job, log, docs) };
}

/** A produced document to download; `superseded` when a later correction made it out of date (still served). */
export async function readDocument(db: Db, store: DocumentStore, actor: Actor, id: string): Promise<{ meta: DocumentMeta; bytes: Uint8Array; superseded: Superseded | null }> {
  const meta = await findJobDocument(db, id);
  const job = meta ? await findJob(db, meta.job_id) : undefined;
  if (!meta || !job || jobVisibility(actor, job) !== 'allowed') throw new AppError('NOT_FOUND', DOCUMENT_NOT_FOUND);
  // documents follow the state: one whose jury went back below the state that allowed it is not served
  const withdrawn = (await withdrawnDocuments(db, [job], [meta])).get(meta.id);
  if (withdrawn) throw new AppError('CONFLICT', withdrawn);
  const superseded = (await supersededDocuments(db, [job], [meta])).get(meta.id) ?? null;
  return { meta, bytes: await store.read(db, meta), superseded };
}
