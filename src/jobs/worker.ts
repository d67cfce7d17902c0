// The worker: takes jobs from the queue one at a time, runs their handler with a heartbeat, records
// the outcome. At start (and regularly) it takes back the jobs whose worker died: resumed while
// attempts remain, else ended "En erreur" with the reason. Started with the server (`delib serve`)
// or alone (`delib worker`); several workers may share a PostgreSQL database.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DbHandle } from '../db/connect.js';
import type { Role } from '../domain/types.js';
import { defaultDocumentStore, type DocumentStore } from './document-store.js';
import {
  appendJobLog, claimJob, finishJob, heartbeatJob, listJobDocuments, listStaleJobs, recoverJob, releaseJob, setJobProgress, type JobRow,
} from './repository.js';
import type { JobContext, JobHandlers } from './types.js';

export interface WorkerOptions {
  readonly handle: DbHandle;
  readonly handlers: JobHandlers;
  readonly store?: DocumentStore;
  readonly workerId?: string;
  /** wait between two looks at an empty queue (ms) */
  readonly pollMs?: number;
  /** heartbeat period while a job runs (ms) */
  readonly heartbeatMs?: number;
  /** a running job whose heartbeat is older than this is considered abandoned (ms) */
  readonly staleMs?: number;
  readonly now?: () => Date;
  /** where the worker reports its own problems (default stderr) */
  readonly report?: (message: string) => void;
}

export interface RunningWorker {
  readonly id: string;
  /** Looks at the queue now (after an enqueue in this process). */
  wake(): void;
  /**
   * Stops after the current job; a job still running after `graceMs` is interrupted and handed back
   * to the queue at once, for another instance to resume.
   */
  stop(graceMs?: number): Promise<void>;
  /** ms since epoch of the worker's last sign of life (a loop turn or a job heartbeat): readiness */
  lastActivity(): number;
  /** Resolves when the queue is found empty (tests). */
  idle(): Promise<void>;
}

export const DEFAULT_STALE_MS = 60_000;
export const DEFAULT_HEARTBEAT_MS = 5_000;

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** "Traitement interrompu …": the reason of a job given up after a crash. */
export function interruptedReason(attempts: number): string {
  return `Traitement interrompu : le serveur s'est arrêté pendant son exécution (${attempts} tentative(s)). Relancez l'édition.`;
}

/** Takes back the jobs abandoned by dead workers. Returns how many were resumed and failed. */
export async function recoverStaleJobs(handle: DbHandle, now: Date, staleMs = DEFAULT_STALE_MS, store: DocumentStore = defaultDocumentStore()): Promise<{ resumed: number[]; failed: number[] }> {
  const resumed: number[] = [];
  const failed: number[] = [];
  for (const job of await listStaleJobs(handle.db, new Date(now.getTime() - staleMs))) {
    await store.discardPartials(job.id);
    const canResume = job.attempts < job.max_attempts;
    const won = await handle.db.transaction().execute(async (trx) => {
      const ok = await recoverJob(trx, job, canResume ? { status: 'queued' } : { status: 'error', error: interruptedReason(job.attempts) }, now);
      if (ok) {
        await appendJobLog(trx, job.id, canResume
          ? `Traitement interrompu (serveur arrêté) : reprise automatique (tentative ${job.attempts + 1} sur ${job.max_attempts})`
          : interruptedReason(job.attempts), now);
      }
      return ok;
    });
    if (won) (canResume ? resumed : failed).push(job.id);
  }
  return { resumed, failed };
}

function messageOf(e: unknown): string {
  if (e instanceof Error && e.message) return e.message;
  return 'Erreur inattendue';
}

function ownerOf(job: JobRow) {
  return { role: job.owner_role as Role, login: job.owner_login, name: job.owner_name, scope: job.owner_scope };
}

/** Runs one claimed job to its end (done or error). */
export async function runClaimedJob(job: JobRow, o: Required<Pick<WorkerOptions, 'handle' | 'handlers' | 'heartbeatMs' | 'now'>> & { store: DocumentStore; workerId: string; stopping: () => boolean; abort?: AbortController; alive?: () => void }): Promise<void> {
  const { handle, now, workerId } = o;
  const db = handle.db;
  const abort = o.abort ?? new AbortController();
  const beat = setInterval(() => {
    heartbeatJob(db, job.id, workerId, now())
      .then((still) => {
        if (!still) abort.abort(new Error('traitement repris par un autre processus'));
        else o.alive?.();
      })
      .catch(() => undefined);
  }, o.heartbeatMs);
  beat.unref?.();
  const ctx: JobContext = {
    job: { id: job.id, kind: job.kind, title: job.title, attempts: job.attempts },
    params: JSON.parse(job.params_json) as unknown,
    owner: ownerOf(job),
    handle,
    now,
    resumed: job.attempts > 1,
    signal: abort.signal,
    log: (line) => appendJobLog(db, job.id, line, now()),
    progress: (p, label) => setJobProgress(db, job.id, workerId, p, label ?? null, now()),
    existingDocuments: () => listJobDocuments(db, [job.id]),
    saveDocument: (name, mediaType, content) => o.store.save(db, { jobId: job.id, name, mediaType, content, now: now() }),
  };
  try {
    const handler = o.handlers[job.kind];
    if (!handler) throw new Error(`Type de traitement inconnu : ${job.kind}`);
    const result = await handler(ctx);
    await finishJob(db, job.id, workerId, { status: 'done', result }, now());
  } catch (e) {
    if (o.stopping() && abort.signal.aborted) {
      // interrupted by a shutdown: handed back to the queue now, so that another instance resumes it
      // without waiting for the heartbeat to go stale (the interrupted run does not count as an attempt)
      await o.store.discardPartials(job.id).catch(() => undefined);
      if (await releaseJob(db, job.id, workerId).catch(() => false)) {
        await appendJobLog(db, job.id, 'Traitement interrompu par l\'arrêt du serveur : rendu à la file, il reprendra sur une autre instance', now()).catch(() => undefined);
      }
      return;
    }
    const message = messageOf(e);
    await appendJobLog(db, job.id, `Erreur : ${message}`, now()).catch(() => undefined);
    await finishJob(db, job.id, workerId, { status: 'error', error: message }, now());
  } finally {
    clearInterval(beat);
  }
}

export function startWorker(opts: WorkerOptions): RunningWorker {
  const id = opts.workerId ?? newWorkerId();
  const now = opts.now ?? (() => new Date());
  const pollMs = opts.pollMs ?? 500;
  const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
  const heartbeatMs = opts.heartbeatMs ?? Math.min(DEFAULT_HEARTBEAT_MS, Math.max(50, Math.floor(staleMs / 4)));
  const store = opts.store ?? defaultDocumentStore();
  const report = opts.report ?? ((m: string) => process.stderr.write(`[worker ${id}] ${m}\n`));
  let stopping = false;
  let wakeUp: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];
  let lastRecovery = 0;
  let current: AbortController | null = null;
  let lastActivity = Date.now();
  const alive = () => { lastActivity = Date.now(); };

  const sleep = (ms: number) => new Promise<void>((r) => {
    const t = setTimeout(() => { wakeUp = null; r(); }, ms);
    wakeUp = () => { clearTimeout(t); wakeUp = null; r(); };
  });

  const recover = async () => {
    lastRecovery = now().getTime();
    const { resumed, failed } = await recoverStaleJobs(opts.handle, now(), staleMs, store);
    if (resumed.length || failed.length) report(`traitements interrompus repris : [${resumed.join(', ')}], en erreur : [${failed.join(', ')}]`);
  };

  const loop = (async () => {
    while (!stopping) {
      alive();
      try {
        if (now().getTime() - lastRecovery >= Math.max(staleMs / 2, 1000)) await recover();
        const job = await claimJob(opts.handle.db, id, now());
        if (!job) {
          const waiters = idleWaiters;
          idleWaiters = [];
          waiters.forEach((w) => w());
          await sleep(pollMs);
          continue;
        }
        current = new AbortController();
        await runClaimedJob(job, { handle: opts.handle, handlers: opts.handlers, heartbeatMs, now, store, workerId: id, stopping: () => stopping, abort: current, alive });
        current = null;
      } catch (e) {
        if (stopping) break;
        report(`erreur du processus de traitement : ${messageOf(e)}`);
        await sleep(Math.max(pollMs, 1000));
      }
    }
  })();

  return {
    id,
    wake: () => wakeUp?.(),
    idle: () => new Promise<void>((r) => { idleWaiters.push(r); wakeUp?.(); }),
    lastActivity: () => lastActivity,
    async stop(graceMs = 10_000) {
      stopping = true;
      wakeUp?.();
      const within = async (ms: number) => {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([loop, new Promise<void>((r) => { timer = setTimeout(r, ms); })]);
        if (timer) clearTimeout(timer);
      };
      await within(graceMs);
      if (current) {
        current.abort(new Error('arrêt du serveur'));
        await within(5_000); // the handler sees the abort; the job is handed back before the database closes
      }
    },
  };
}
