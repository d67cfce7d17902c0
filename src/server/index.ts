// Starts the web application (used by `delib serve` / `npm start`).
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/connect.js';
import { buildApp, type BuildAppOptions } from './app.js';
import { jobHandlers } from '../jobs/handlers.js';
import { startWorker } from '../jobs/worker.js';

export interface ServeOptions extends Partial<Omit<BuildAppOptions, 'handle'>> {
  readonly handle: DbHandle;
  readonly port: number;
  readonly host: string;
  /** run the background jobs in this process too (default: yes, unless DELIB_WORKER=false) */
  readonly worker?: boolean;
}

export async function serve(opts: ServeOptions): Promise<FastifyInstance> {
  const { port, host, worker: withWorker, ...rest } = opts;
  const app = await buildApp({
    logger: true,
    secureCookies: process.env.DELIB_SECURE_COOKIES === 'true',
    trustProxy: process.env.DELIB_TRUST_PROXY === 'true',
    ...rest,
  });
  if (withWorker ?? process.env.DELIB_WORKER !== 'false') {
    const worker = startWorker({ handle: opts.handle, handlers: jobHandlers() });
    app.addHook('onClose', () => worker.stop());
  }
  await app.listen({ port, host });
  return app;
}

export { buildApp } from './app.js';
