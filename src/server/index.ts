// Starts the web application (used by `delib serve` / `npm start`) and stops it gracefully: on
// SIGTERM the instance first reports itself not ready (the load balancer stops sending), stops
// accepting connections, lets the requests in flight finish, hands its running job back to the queue
// and closes the database.
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/connect.js';
import { buildApp, type BuildAppOptions } from './app.js';
import { jobHandlers } from '../jobs/handlers.js';
import type { JobHandlers } from '../jobs/types.js';
import { startWorker, type RunningWorker } from '../jobs/worker.js';
import type { InstanceState } from './operations.js';

export interface ServeOptions extends Partial<Omit<BuildAppOptions, 'handle' | 'state'>> {
  readonly handle: DbHandle;
  readonly port: number;
  readonly host: string;
  /** run the background jobs in this process too (default: yes, unless DELIB_WORKER=false) */
  readonly worker?: boolean;
  /** the background job handlers (default: the product's) */
  readonly handlers?: JobHandlers;
  /** how long a running job may go on after SIGTERM before it is handed back (default DELIB_SHUTDOWN_GRACE_MS or 10 s) */
  readonly shutdownGraceMs?: number;
  /** pause between "not ready" and closing the listener, for the balancer to notice (default DELIB_SHUTDOWN_DELAY_MS or 0) */
  readonly shutdownDelayMs?: number;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly state: InstanceState;
  readonly worker: RunningWorker | null;
  /** the graceful stop; idempotent (a second call waits for the first) */
  shutdown(): Promise<void>;
}

function envMs(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 && process.env[name] !== '' && process.env[name] !== undefined ? v : fallback;
}

export async function serve(opts: ServeOptions): Promise<RunningServer> {
  const { port, host, worker: withWorker, handlers, shutdownGraceMs, shutdownDelayMs, ...rest } = opts;
  const state: InstanceState = { shuttingDown: false };
  const worker = (withWorker ?? process.env.DELIB_WORKER !== 'false') ? startWorker({ handle: opts.handle, handlers: handlers ?? jobHandlers() }) : null;
  if (worker) state.workerLastActivity = () => worker.lastActivity();
  const app = await buildApp({
    logger: true,
    secureCookies: process.env.DELIB_SECURE_COOKIES === 'true',
    trustProxy: process.env.DELIB_TRUST_PROXY === 'true',
    ...rest,
    state,
  });
  const graceMs = shutdownGraceMs ?? envMs('DELIB_SHUTDOWN_GRACE_MS', 10_000);
  const delayMs = shutdownDelayMs ?? envMs('DELIB_SHUTDOWN_DELAY_MS', 0);
  if (worker) app.addHook('onClose', () => worker.stop(graceMs));
  await app.listen({ port, host });
  let stopping: Promise<void> | null = null;
  const shutdown = () => {
    stopping ??= (async () => {
      state.shuttingDown = true;
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      // close() stops accepting, answers 503 to new requests on kept-alive connections and waits for
      // the requests in flight; the worker meanwhile finishes (or hands back) its job
      await Promise.all([app.close(), worker?.stop(graceMs)]);
    })();
    return stopping;
  };
  return { app, state, worker, shutdown };
}

