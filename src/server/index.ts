// Starts the web application (used by `delib serve` / `npm start`).
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/connect.js';
import { buildApp, type BuildAppOptions } from './app.js';

export interface ServeOptions extends Partial<Omit<BuildAppOptions, 'handle'>> {
  readonly handle: DbHandle;
  readonly port: number;
  readonly host: string;
}

export async function serve(opts: ServeOptions): Promise<FastifyInstance> {
  const { port, host, ...rest } = opts;
  const app = await buildApp({
    logger: true,
    secureCookies: process.env.DELIB_SECURE_COOKIES === 'true',
    trustProxy: process.env.DELIB_TRUST_PROXY === 'true',
    ...rest,
  });
  await app.listen({ port, host });
  return app;
}

export { buildApp } from './app.js';
