// Several application instances on one PostgreSQL database (issue #7): two `delib serve` processes
// share sessions and data, both serve requests, and their job workers never run a job twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { connect } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadDemo } from '../../src/features/demo/load-demo.js';
import { isPgAvailable, PG_URL } from '../support/db.js';

const REPO = join(import.meta.dirname, '../..');
const pgUp = await isPgAvailable();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Instance {
  readonly base: string;
  readonly child: ChildProcess;
  readonly stderr: () => string;
}

async function startInstance(databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(REPO, 'bin/delib.mjs'), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: REPO, env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`delib serve s'est arrêté : ${err}`);
    try {
      if ((await fetch(`${base}/api/auth/me`)).ok) break;
    } catch {
      /* not yet listening */
    }
    if (i > 400) throw new Error(`delib serve ne répond pas : ${err}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, child, stderr: () => err };
}

async function stop(i: Instance | undefined): Promise<void> {
  if (!i || i.child.exitCode !== null) return;
  const exited = new Promise((r) => i.child.once('exit', r));
  i.child.kill('SIGTERM');
  await exited;
}

interface Session {
  cookie: string;
  csrf: string;
}

async function call(base: string, s: Session | null, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(s?.cookie ? { cookie: s.cookie } : {}),
      ...(s?.csrf && method !== 'GET' ? { 'x-csrf-token': s.csrf } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, unknown>, cookie: res.headers.get('set-cookie') };
}

describe.skipIf(!pgUp)('two application instances on one PostgreSQL database', () => {
  const schema = `mi_${process.pid}_${Date.now().toString(36)}`;
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let a: Instance | undefined;
  let b: Instance | undefined;

  beforeAll(async () => {
    const h = await connect(PG_URL, { pgSchema: schema });
    try {
      await migrateToLatest(h.db);
      await loadDemo(h);
    } finally {
      await h.close();
    }
    [a, b] = await Promise.all([startInstance(url), startInstance(url)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  });

  it('share sessions and data, and both serve requests', async () => {
    const login = await call(a!.base, null, 'POST', '/api/auth/login', { login: 'centre-0250001R', password: 'demo-centre-2023' });
    expect(login.status).toBe(200);
    const session: Session = { cookie: login.cookie!.split(';')[0]!, csrf: String(login.json.csrfToken) };

    // the session opened on A is known to B (sessions live in the database)
    const onB = await call(b!.base, session, 'GET', '/api/juries');
    expect(onB.status).toBe(200);
    const codes = (onB.json.items as { code: string }[]).map((j) => j.code);
    expect(codes).toContain('31310');

    // both instances answer concurrent requests with the same data
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => call(i % 2 ? b!.base : a!.base, session, 'GET', '/api/juries')));
    expect(replies.map((r) => r.status)).toEqual(Array(40).fill(200));
    for (const r of replies) expect((r.json.items as { code: string }[]).map((j) => j.code)).toEqual(codes);

    // closing the session on B closes it for A too
    expect((await call(b!.base, session, 'POST', '/api/auth/logout')).status).toBe(204);
    expect((await call(a!.base, session, 'GET', '/api/auth/me')).json.user).toBeNull();
  }, 120_000);

  it('their workers share the job queue: every job runs exactly once', async () => {
    const login = await call(b!.base, null, 'POST', '/api/auth/login', { login: 'centre-0250001R', password: 'demo-centre-2023' });
    const session: Session = { cookie: login.cookie!.split(';')[0]!, csrf: String(login.json.csrfToken) };
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const created = await call(i % 2 ? b!.base : a!.base, session, 'POST', '/api/editions/plan-secours/jobs', { juries: ['31310'], title: `Plan ${i}`, format: 'zip' });
      expect(created.status, JSON.stringify(created.json)).toBe(202);
      ids.push(Number(created.json.jobId));
    }
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      let rows: { id: number; status: string; attempts: number; worker_id: string }[] = [];
      for (let i = 0; i < 600; i++) {
        rows = (await c.query('SELECT id, status, attempts, worker_id FROM job WHERE id = ANY($1) ORDER BY id', [ids])).rows;
        if (rows.every((r) => r.status === 'done' || r.status === 'error')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(rows.map((r) => [r.id, r.status, r.attempts])).toEqual(ids.map((id) => [id, 'done', 1]));
      // one "plan generated" journal line per job: no job was run twice
      const plans = (await c.query("SELECT count(*)::int AS n FROM journal WHERE action = 'PLAN_SECOURS'")).rows[0].n;
      expect(plans).toBe(ids.length);
    } finally {
      await c.end();
    }
  }, 180_000);
});
