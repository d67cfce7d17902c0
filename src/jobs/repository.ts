// The job queue in the database (ADR 0003). Kysely lives here only; callers own the transaction.
//
// Claiming is one statement: `UPDATE job … WHERE id = (SELECT id … LIMIT 1) RETURNING *`. On
// PostgreSQL the sub-select takes `FOR UPDATE SKIP LOCKED`, so several workers (instances) share the
// queue and a job is handed to exactly one of them; on SQLite the statement is a single-writer
// transaction of its own, which gives the same guarantee.
import type { Db } from '../db/connect.js';
import { isPostgres } from '../db/migrations/util.js';
import type { JobDocumentRow, JobLogRow, JobRow, JobStatus } from '../db/schema-jobs.js';

export type { JobDocumentRow, JobLogRow, JobRow } from '../db/schema-jobs.js';

export interface JobOwner {
  readonly login: string;
  readonly name: string;
  readonly role: string;
  readonly scope: string;
}

export interface NewJob {
  readonly kind: string;
  readonly title: string;
  readonly params: unknown;
  readonly owner: JobOwner;
  readonly maxAttempts?: number;
}

/** Adds a job to the queue (call it in the transaction of the change that asks for it). */
export async function enqueueJob(db: Db, job: NewJob, now: Date): Promise<number> {
  const row = await db
    .insertInto('job')
    .values({
      kind: job.kind,
      title: job.title,
      params_json: JSON.stringify(job.params ?? null),
      owner_login: job.owner.login,
      owner_name: job.owner.name,
      owner_role: job.owner.role,
      owner_scope: job.owner.scope,
      status: 'queued',
      progress: 0,
      progress_label: null,
      created_at: now.toISOString(),
      attempts: 0,
      max_attempts: job.maxAttempts ?? 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Takes the oldest queued job for `workerId`, or undefined when the queue is empty. */
export async function claimJob(db: Db, workerId: string, now: Date): Promise<JobRow | undefined> {
  const pg = isPostgres(db);
  const at = now.toISOString();
  return db
    .updateTable('job')
    .set((eb) => ({
      status: 'running' as JobStatus,
      worker_id: workerId,
      started_at: at,
      heartbeat_at: at,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', (eb) => {
      const q = eb.selectFrom('job').select('id').where('status', '=', 'queued').orderBy('id').limit(1);
      return pg ? q.forUpdate().skipLocked() : q;
    })
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

/** Takes this queued job for `workerId` (a command that runs the job it queued), or undefined when another took it. */
export async function claimJobById(db: Db, id: number, workerId: string, now: Date): Promise<JobRow | undefined> {
  const at = now.toISOString();
  return db
    .updateTable('job')
    .set((eb) => ({ status: 'running' as JobStatus, worker_id: workerId, started_at: at, heartbeat_at: at, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

/** The worker still owns the job: refreshes its heartbeat. False when the job was taken from it. */
export async function heartbeatJob(db: Db, id: number, workerId: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('job')
    .set({ heartbeat_at: now.toISOString() })
    .where('id', '=', id)
    .where('worker_id', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setJobProgress(db: Db, id: number, workerId: string, progress: number, label: string | null, now: Date): Promise<void> {
  await db
    .updateTable('job')
    .set({ progress: Math.max(0, Math.min(100, Math.round(progress))), progress_label: label, heartbeat_at: now.toISOString() })
    .where('id', '=', id)
    .where('worker_id', '=', workerId)
    .where('status', '=', 'running')
    .execute();
}

/** Ends a job (done or error), if the worker still owns it. */
export async function finishJob(
  db: Db,
  id: number,
  workerId: string,
  outcome: { status: 'done'; result: unknown } | { status: 'error'; error: string },
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('job')
    .set({
      status: outcome.status,
      finished_at: now.toISOString(),
      heartbeat_at: now.toISOString(),
      ...(outcome.status === 'done'
        ? { progress: 100, progress_label: null, result_json: JSON.stringify(outcome.result ?? null), error: null }
        : { error: outcome.error }),
    })
    .where('id', '=', id)
    .where('worker_id', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function appendJobLog(db: Db, jobId: number, line: string, now: Date): Promise<void> {
  await db.insertInto('job_log').values({ job_id: jobId, at: now.toISOString(), line }).execute();
}

export async function listJobLog(db: Db, jobId: number): Promise<JobLogRow[]> {
  return db.selectFrom('job_log').selectAll().where('job_id', '=', jobId).orderBy('id').execute();
}

/** Jobs left `running` whose heartbeat is older than `staleBefore` (their worker died). */
export async function listStaleJobs(db: Db, staleBefore: Date): Promise<JobRow[]> {
  return db
    .selectFrom('job')
    .selectAll()
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', staleBefore.toISOString())]))
    .orderBy('id')
    .execute();
}

/**
 * Takes a stale job back from its dead worker (compare-and-set on the worker and heartbeat seen):
 * back to the queue to be resumed, or ended in error with its reason.
 */
export async function recoverJob(
  db: Db,
  job: Pick<JobRow, 'id' | 'worker_id' | 'heartbeat_at'>,
  outcome: { status: 'queued' } | { status: 'error'; error: string },
  now: Date,
): Promise<boolean> {
  let q = db
    .updateTable('job')
    .set(outcome.status === 'queued'
      ? { status: 'queued', worker_id: null, heartbeat_at: null }
      : { status: 'error', error: outcome.error, finished_at: now.toISOString() })
    .where('id', '=', job.id)
    .where('status', '=', 'running');
  q = job.worker_id === null ? q.where('worker_id', 'is', null) : q.where('worker_id', '=', job.worker_id);
  q = job.heartbeat_at === null ? q.where('heartbeat_at', 'is', null) : q.where('heartbeat_at', '=', job.heartbeat_at);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Hands a running job back to the queue (its worker is shutting down): another worker resumes it at
 * once. The interrupted run does not use up one of its attempts.
 */
export async function releaseJob(db: Db, id: number, workerId: string): Promise<boolean> {
  const res = await db
    .updateTable('job')
    .set((eb) => ({ status: 'queued' as JobStatus, worker_id: null, heartbeat_at: null, attempts: eb('attempts', '-', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('worker_id', '=', workerId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function findJob(db: Db, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface JobListFilter {
  readonly ownerRole: string;
  readonly ownerScope: string;
  readonly kinds?: readonly string[];
  readonly limit?: number;
}

/** Jobs of one scope (role + scope), newest first. */
export async function listJobs(db: Db, f: JobListFilter): Promise<JobRow[]> {
  let q = db.selectFrom('job').selectAll().where('owner_role', '=', f.ownerRole).where('owner_scope', '=', f.ownerScope);
  if (f.kinds) {
    if (f.kinds.length === 0) return [];
    q = q.where('kind', 'in', [...f.kinds]);
  }
  return q.orderBy('id', 'desc').limit(f.limit ?? 100).execute();
}

/** Jobs waiting for a worker (the whole queue, every scope). */
export async function countQueuedJobs(db: Db, kinds?: readonly string[]): Promise<number> {
  let q = db.selectFrom('job').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'queued');
  if (kinds) {
    if (kinds.length === 0) return 0;
    q = q.where('kind', 'in', [...kinds]);
  }
  return Number((await q.executeTakeFirstOrThrow()).n);
}

// ---- documents ---------------------------------------------------------------------------------

export type DocumentMeta = Omit<JobDocumentRow, 'bytes'>;

const META = ['id', 'job_id', 'name', 'media_type', 'size', 'sha256', 'storage', 'storage_path', 'created_at'] as const;

export async function insertJobDocument(db: Db, row: JobDocumentRow): Promise<void> {
  await db.insertInto('job_document').values(row).execute();
}

export async function listJobDocuments(db: Db, jobIds: readonly number[]): Promise<DocumentMeta[]> {
  if (jobIds.length === 0) return [];
  return db.selectFrom('job_document').select(META).where('job_id', 'in', [...jobIds]).orderBy('job_id').orderBy('created_at').orderBy('name').execute();
}

export async function findJobDocument(db: Db, id: string): Promise<DocumentMeta | undefined> {
  return db.selectFrom('job_document').select(META).where('id', '=', id).executeTakeFirst();
}

export async function readJobDocumentBytes(db: Db, id: string): Promise<Uint8Array | null> {
  const r = await db.selectFrom('job_document').select('bytes').where('id', '=', id).executeTakeFirst();
  return r?.bytes ?? null;
}
