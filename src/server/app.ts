// The Fastify application: zod type provider, OpenAPI, security headers, sessions, error mapping,
// the feature routes and the built web application.
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/connect.js';
import { accessibilityRoutes } from '../features/accessibility/routes.js';
import { registerAuth } from '../features/auth/auth-hooks.js';
import { authRoutes } from '../features/auth/routes.js';
import { OidcClient } from '../features/auth/oidc/client.js';
import { oidcRoutes } from '../features/auth/oidc/routes.js';
import { oidcSettingsFromEnv, type OidcSettings } from '../features/auth/oidc/settings.js';
import { deliberationRoutes } from '../features/deliberation/routes.js';
import { aidsRoutes } from '../features/aids/routes.js';
import { editionsRoutes } from '../features/editions/routes.js';
import { jobsRoutes } from '../jobs/routes.js';
import { journalRoutes } from '../features/journal/routes.js';
import { juriesRoutes } from '../features/juries/routes.js';
import { secondGroupRoutes } from '../features/second-group/routes.js';
import { usersRoutes } from '../features/users/routes.js';
import { verificationRoutes } from '../features/verification/routes.js';
import { registerErrorHandler } from './error-handler.js';
import { importRoutes, MAX_IMPORT_BYTES } from './import-route.js';
import { registerInputHygiene } from './input-hygiene.js';
import { loggerOptions } from './logging.js';
import { registerOpenApi } from './openapi.js';
import { registerOperations, type InstanceState } from './operations.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerSpa } from './spa.js';
import { frenchValidatorCompiler } from './validation.js';

export interface BuildAppOptions {
  readonly handle: DbHandle;
  /** folder of the built web application (default <repo>/web/dist) */
  readonly webDist?: string;
  /** the clock (tests move it) */
  readonly now?: () => Date;
  /** always mark the session cookie Secure (else only for HTTPS requests) */
  readonly secureCookies?: boolean;
  /** access log (method, route, status, timing) */
  readonly logger?: boolean;
  /** where log lines go (default stdout); tests capture them */
  readonly logStream?: NodeJS.WritableStream;
  /** behind a reverse proxy: trust X-Forwarded-For / -Proto */
  readonly trustProxy?: boolean;
  /** shutting down, worker heartbeat: what /health/ready reports (serve() keeps it) */
  readonly state?: InstanceState;
  /** bearer token required on /metrics (default DELIB_METRICS_TOKEN; open when unset) */
  readonly metricsToken?: string;
  /** agent single sign-on (default: DELIB_OIDC_* of the environment; null: none) */
  readonly oidc?: OidcSettings | null;
}

/** What every feature's routes receive. */
export interface AppDeps {
  readonly handle: DbHandle;
  readonly now: () => Date;
  readonly secureCookies: boolean;
}

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggerOptions(opts.logger ?? opts.logStream !== undefined, opts.logStream),
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
  });
  const deps: AppDeps = { handle: opts.handle, now: opts.now ?? (() => new Date()), secureCookies: opts.secureCookies ?? false };

  app.setValidatorCompiler(frenchValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  registerInputHygiene(app);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, parts: 6 } });
  await registerOpenApi(app);
  registerAuth(app, deps);
  registerOperations(app, {
    handle: opts.handle,
    now: deps.now,
    state: opts.state ?? { shuttingDown: false },
    metricsToken: opts.metricsToken ?? (process.env.DELIB_METRICS_TOKEN || undefined),
  });

  authRoutes(app, deps);
  const oidc = opts.oidc === undefined ? oidcSettingsFromEnv(process.env) : opts.oidc;
  oidcRoutes(app, { ...deps, client: oidc ? new OidcClient(oidc) : null });
  usersRoutes(app, deps);
  juriesRoutes(app, deps);
  secondGroupRoutes(app, deps);
  journalRoutes(app, deps);
  deliberationRoutes(app, deps);
  aidsRoutes(app, deps);
  editionsRoutes(app, deps);
  jobsRoutes(app, deps);
  importRoutes(app, deps);
  accessibilityRoutes(app, deps);
  verificationRoutes(app, deps);

  await registerSpa(app, opts.webDist);
  return app;
}
