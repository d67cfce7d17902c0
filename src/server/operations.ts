// What a load balancer and an operator need from each instance: liveness, readiness (database
// reachable, migrations applied, background worker alive, not shutting down) and Prometheus metrics
// (request latency by route, job queue depth and age, journal appends). No personal data here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sql } from 'kysely';
import type { DbHandle } from '../db/connect.js';
import { pendingMigrations } from '../db/migrate.js';
import { safeEqual } from '../features/auth/tokens.js';

/** What the instance tells about itself; `serve` keeps it up to date. */
export interface InstanceState {
  /** set when SIGTERM arrives: readiness answers 503 so the balancer stops sending requests */
  shuttingDown: boolean;
  /** the background worker of this process, if it runs one: ms since epoch of its last sign of life */
  workerLastActivity?: () => number;
}

export interface OperationsOptions {
  readonly handle: DbHandle;
  readonly state: InstanceState;
  readonly now: () => Date;
  /** bearer token required on /metrics (DELIB_METRICS_TOKEN); open when absent */
  readonly metricsToken?: string;
  /** a worker silent for longer than this is reported not ready (ms) */
  readonly workerSilenceMs?: number;
}

export const LIVENESS_PATH = '/health/live';
export const READINESS_PATH = '/health/ready';
export const METRICS_PATH = '/metrics';
const DEFAULT_WORKER_SILENCE_MS = 30_000;
const DB_TIMEOUT_MS = 2_000;

/** Latency buckets (seconds) around the product's targets: 50 ms for jury actions, 300 ms for pages. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1, 2.5, 5, 10];

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} : pas de réponse en ${ms} ms`)), ms); }),
  ]);
}

export interface ReadinessReport {
  readonly pret: boolean;
  readonly verifications: {
    readonly base: string;
    readonly migrations: string;
    readonly traitements: string;
    readonly arret: string;
  };
}

/** The readiness checks, each with a French verdict ('ok' or why not). */
export async function readiness(o: OperationsOptions): Promise<ReadinessReport> {
  let base = 'ok';
  let migrations = 'ok';
  try {
    await withTimeout(sql`SELECT 1`.execute(o.handle.db), DB_TIMEOUT_MS, 'base de données');
    try {
      const pending = await withTimeout(pendingMigrations(o.handle.db), DB_TIMEOUT_MS, 'migrations');
      if (pending.length) migrations = `non appliquées : ${pending.join(', ')} (lancez « delib migrate »)`;
    } catch (e) {
      migrations = `illisibles : ${e instanceof Error ? e.message : String(e)}`;
    }
  } catch (e) {
    base = `injoignable : ${e instanceof Error ? e.message : String(e)}`;
    migrations = 'non vérifiées (base injoignable)';
  }
  let traitements = 'non lancés dans ce processus';
  if (o.state.workerLastActivity) {
    const silentMs = o.now().getTime() - o.state.workerLastActivity();
    const limit = o.workerSilenceMs ?? DEFAULT_WORKER_SILENCE_MS;
    traitements = silentMs <= limit ? 'ok' : `sans signe de vie depuis ${Math.round(silentMs / 1000)} s`;
  }
  const arret = o.state.shuttingDown ? 'arrêt en cours' : 'ok';
  const pret = base === 'ok' && migrations === 'ok' && (traitements === 'ok' || !o.state.workerLastActivity) && arret === 'ok';
  return { pret, verifications: { base, migrations, traitements, arret } };
}

function metricsOf(o: OperationsOptions) {
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: 'delib_' });
  const latency = new Histogram({
    name: 'delib_http_request_duration_seconds',
    help: 'Durée des requêtes HTTP par route (motif), méthode et statut',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [register],
  });
  const db = o.handle.db;
  new Gauge({
    name: 'delib_jobs_queued',
    help: 'Traitements de fond en attente (toutes instances)',
    registers: [register],
    async collect() {
      const r = await db.selectFrom('job').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'queued').executeTakeFirstOrThrow();
      this.set(Number(r.n));
    },
  });
  new Gauge({
    name: 'delib_jobs_running',
    help: 'Traitements de fond en cours (toutes instances)',
    registers: [register],
    async collect() {
      const r = await db.selectFrom('job').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'running').executeTakeFirstOrThrow();
      this.set(Number(r.n));
    },
  });
  new Gauge({
    name: 'delib_jobs_oldest_queued_age_seconds',
    help: 'Âge du plus ancien traitement en attente (0 si la file est vide)',
    registers: [register],
    async collect() {
      const r = await db.selectFrom('job').select((eb) => eb.fn.min('created_at').as('oldest')).where('status', '=', 'queued').executeTakeFirst();
      const oldest = r?.oldest ? Date.parse(String(r.oldest)) : NaN;
      this.set(Number.isFinite(oldest) ? Math.max(0, (o.now().getTime() - oldest) / 1000) : 0);
    },
  });
  new Counter({
    name: 'delib_journal_appends_total',
    help: 'Entrées ajoutées au journal des modifications (toutes instances : numéro de la dernière entrée)',
    registers: [register],
    async collect() {
      const r = await db.selectFrom('journal').select((eb) => eb.fn.max('id').as('last')).executeTakeFirst();
      const last = Number(r?.last ?? 0);
      this.reset();
      if (last > 0) this.inc(last);
    },
  });
  if (o.state.workerLastActivity) {
    const last = o.state.workerLastActivity;
    new Gauge({
      name: 'delib_worker_last_activity_age_seconds',
      help: 'Temps écoulé depuis le dernier signe de vie du processus de traitement de cette instance',
      registers: [register],
      collect() {
        this.set(Math.max(0, (o.now().getTime() - last()) / 1000));
      },
    });
  }
  return { register, latency };
}

function metricsAllowed(req: FastifyRequest, token: string | undefined): boolean {
  if (!token) return true;
  const h = req.headers.authorization;
  return typeof h === 'string' && h.startsWith('Bearer ') && safeEqual(h.slice(7), token);
}

/** Registers /health/live, /health/ready and /metrics, and times every request. */
export function registerOperations(app: FastifyInstance, o: OperationsOptions): void {
  const { register, latency } = metricsOf(o);
  app.addHook('onResponse', async (req: FastifyRequest, reply: FastifyReply) => {
    const route = req.routeOptions.url ?? '(hors route)';
    if (route === METRICS_PATH) return;
    latency.observe({ method: req.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  const hidden = { schema: { hide: true } };
  app.get(LIVENESS_PATH, hidden, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return { vivant: true };
  });
  app.get(READINESS_PATH, hidden, async (_req, reply) => {
    const report = await readiness(o);
    reply.header('cache-control', 'no-store');
    return reply.code(report.pret ? 200 : 503).send(report);
  });
  app.get(METRICS_PATH, hidden, async (req, reply) => {
    if (!metricsAllowed(req, o.metricsToken)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ erreur: 'Jeton de métriques requis (DELIB_METRICS_TOKEN).' });
    }
    const body = await register.metrics();
    return reply.header('cache-control', 'no-store').type(register.contentType).send(body);
  });
}
