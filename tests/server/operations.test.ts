// Running behind a load balancer (issue #18, point 4), on SQLite and PostgreSQL: liveness, readiness
// (database, migrations, worker heartbeat, shutting down), Prometheus metrics (latency by route,
// queue depth and age, journal appends, optional bearer token) and the graceful stop (readiness goes
// 503 first, the listener closes, a running job is handed back to the queue at once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { connect, type DbHandle } from '../../src/db/connect.js';
import { appendJournal } from '../../src/db/repositories/journal.js';
import { enqueueJob, findJob, listJobLog, type JobOwner } from '../../src/jobs/repository.js';
import { buildApp } from '../../src/server/app.js';
import { serve } from '../../src/server/index.js';
import type { InstanceState } from '../../src/server/operations.js';
import { describeEachDialect, freshDb, PG_URL } from '../support/db.js';

const OWNER: JobOwner = { login: 'academie', name: 'Académie', role: 'academie', scope: 'BESANCON' };
const T0 = new Date('2023-06-06T11:00:00.000Z');

/** A database on which no migration ran (a new build against an old database). */
async function unmigratedDb(dialect: 'sqlite' | 'postgres'): Promise<{ h: DbHandle; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const h = await connect(`sqlite:${join(mkdtempSync(join(tmpdir(), 'delib-ops-')), 'empty.sqlite')}`);
    return { h, drop: () => h.close() };
  }
  const schema = `ops_${process.pid}_${Date.now().toString(36)}`;
  const h = await connect(PG_URL, { pgSchema: schema, poolSize: 2 });
  return {
    h,
    drop: async () => {
      await h.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

function sample(metrics: string, name: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describeEachDialect('operations endpoints', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let clock = T0;
  const state: InstanceState = { shuttingDown: false };

  beforeAll(async () => {
    h = await freshDb(dialect);
    app = await buildApp({ handle: h, now: () => clock, state });
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('liveness answers without a session; readiness checks base, migrations, worker, shutdown', async () => {
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ vivant: true });
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      pret: true,
      verifications: { base: 'ok', migrations: 'ok', traitements: 'non lancés dans ce processus', arret: 'ok' },
    });
    expect(ready.headers['cache-control']).toBe('no-store');
  });

  it('is not ready when its worker has been silent too long, nor once shutting down', async () => {
    state.workerLastActivity = () => clock.getTime() - 5_000;
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    state.workerLastActivity = () => clock.getTime() - 95_000;
    const stale = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(stale.statusCode).toBe(503);
    expect(stale.json().verifications.traitements).toBe('sans signe de vie depuis 95 s');
    delete state.workerLastActivity;
    state.shuttingDown = true;
    const closing = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(closing.statusCode).toBe(503);
    expect(closing.json()).toMatchObject({ pret: false, verifications: { arret: 'arrêt en cours' } });
    state.shuttingDown = false;
    // liveness is not readiness: the process is alive while it drains
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });

  it('is not ready on a database whose migrations did not run, and names them', async () => {
    const { h: empty, drop } = await unmigratedDb(dialect);
    const other = await buildApp({ handle: empty, now: () => clock });
    try {
      const r = await other.inject({ method: 'GET', url: '/health/ready' });
      expect(r.statusCode).toBe(503);
      const body = r.json();
      expect(body.verifications.base).toBe('ok');
      expect(body.verifications.migrations).toMatch(/^non appliquées : 0001-initial, 0002-auth, .*\(lancez « delib migrate »\)$/);
    } finally {
      await other.close();
      await drop();
    }
  });

  it('exposes request latency by route pattern, queue depth and age, journal appends', async () => {
    await app.inject({ method: 'GET', url: '/api/juries' }); // 401 without a session: still timed
    await app.inject({ method: 'GET', url: '/health/live' });
    await h.db.deleteFrom('job').execute();
    await enqueueJob(h.db, { kind: 'test', title: 'A', params: {}, owner: OWNER }, T0);
    await enqueueJob(h.db, { kind: 'test', title: 'B', params: {}, owner: OWNER }, new Date(T0.getTime() + 30_000));
    const before = sample((await app.inject({ method: 'GET', url: '/metrics' })).body, 'delib_journal_appends_total') ?? 0;
    const actor = { login: 'academie', name: 'Académie', role: 'academie' };
    await appendJournal(h.db, [
      { at: T0, actor, action: 'TEST_METRICS', subject: 'metrics:1' },
      { at: T0, actor, action: 'TEST_METRICS', subject: 'metrics:2' },
    ]);
    clock = new Date(T0.getTime() + 90_000);
    const r = await app.inject({ method: 'GET', url: '/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const m = r.body;
    expect(m).toMatch(/delib_http_request_duration_seconds_bucket\{le="0\.05",method="GET",route="\/api\/juries",status_code="401"\} 1/);
    expect(m).toMatch(/delib_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status_code="200"\} [1-9]/);
    expect(sample(m, 'delib_jobs_queued')).toBe(2);
    expect(sample(m, 'delib_jobs_running')).toBe(0);
    expect(sample(m, 'delib_jobs_oldest_queued_age_seconds')).toBe(90);
    expect(sample(m, 'delib_journal_appends_total')).toBe(before + 2);
    expect(m).toContain('delib_process_resident_memory_bytes');
    // no personal data: no URL, no query string reaches a label
    expect(m).not.toContain('?');
    await h.db.deleteFrom('job').execute();
  });

  it('asks for the bearer token when DELIB_METRICS_TOKEN is set', async () => {
    const guarded = await buildApp({ handle: h, now: () => clock, metricsToken: 's3cret-metrics' });
    try {
      const no = await guarded.inject({ method: 'GET', url: '/metrics' });
      expect(no.statusCode).toBe(401);
      expect(no.headers['www-authenticate']).toBe('Bearer');
      expect((await guarded.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
      expect((await guarded.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer s3cret-metrics' } })).statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('stops gracefully: not ready first, then closed; the running job goes back to the queue at once', async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => { started = r; });
    const server = await serve({
      handle: h,
      port: 0,
      host: '127.0.0.1',
      logger: false,
      handlers: {
        slow: (ctx) => new Promise((_, reject) => {
          started();
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
        }),
      },
      shutdownGraceMs: 200,
      shutdownDelayMs: 400,
    });
    const address = server.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const id = await enqueueJob(h.db, { kind: 'slow', title: 'Long', params: {}, owner: OWNER }, new Date());
    server.worker!.wake();
    await running;
    expect(await findJob(h.db, id)).toMatchObject({ status: 'running', attempts: 1 });
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    const stopping = server.shutdown();
    const during = await fetch(`${base}/health/ready`);
    expect(during.status).toBe(503);
    expect((await during.json()).verifications.arret).toBe('arrêt en cours');
    await stopping;
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
    const job = await findJob(h.db, id);
    expect(job).toMatchObject({ status: 'queued', worker_id: null, attempts: 0 });
    expect((await listJobLog(h.db, id)).map((l) => l.line)).toContain(
      'Traitement interrompu par l\'arrêt du serveur : rendu à la file, il reprendra sur une autre instance',
    );
    await server.shutdown(); // idempotent
    await h.db.deleteFrom('job').execute();
  });
});

describe('delib serve as a process', () => {
  it('stops on SIGTERM with exit code 0 and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'delib-sigterm-'));
    const port = 30000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ['bin/delib.mjs', 'serve', '--port', String(port)], {
      env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const end = Date.now() + 30_000;
    let ready = false;
    while (!ready && Date.now() < end) {
      ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.status === 200, () => false);
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready, out).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('SIGTERM reçu : arrêt en douceur');
    expect(out).toContain('Délib est arrêté.');
  });
});
