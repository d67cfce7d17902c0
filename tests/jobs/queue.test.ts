// The database job queue on SQLite and PostgreSQL: claims (a job never runs twice, even with
// concurrent workers on separate connections), crash recovery, documents recorded only when complete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { connect, type DbHandle } from '../../src/db/connect.js';
import { databaseStore, fileStore } from '../../src/jobs/document-store.js';
import { jobVisibility } from '../../src/jobs/policies.js';
import {
  appendJobLog, claimJob, enqueueJob, findJob, finishJob, listJobDocuments, listJobLog, type JobOwner,
} from '../../src/jobs/repository.js';
import type { JobHandler } from '../../src/jobs/types.js';
import { recoverStaleJobs, startWorker } from '../../src/jobs/worker.js';
import { describeEachDialect, freshDb, PG_URL } from '../support/db.js';

const OWNER: JobOwner = { login: 'centre-0250001R', name: 'Chef de centre', role: 'centre', scope: '0250001R' };
const T0 = new Date('2023-06-06T11:00:00.000Z');

/** A second connection to the same database (another instance). */
async function secondHandle(h: DbHandle): Promise<DbHandle> {
  if (h.dialect === 'sqlite') return connect(h.where);
  const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(h.db)).rows[0]!.s;
  return connect(PG_URL, { pgSchema: schema, poolSize: 5 });
}

async function until(cond: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met in time');
}

describeEachDialect('job queue', (dialect) => {
  let h: DbHandle;

  beforeAll(async () => {
    h = await freshDb(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  it('claims the oldest queued job, once, then nothing', async () => {
    await h.db.deleteFrom('job').execute();
    const a = await enqueueJob(h.db, { kind: 'test', title: 'A', params: { n: 1 }, owner: OWNER }, T0);
    const b = await enqueueJob(h.db, { kind: 'test', title: 'B', params: { n: 2 }, owner: OWNER }, T0);
    const first = await claimJob(h.db, 'w1', T0);
    expect(first?.id).toBe(a);
    expect(first).toMatchObject({ status: 'running', worker_id: 'w1', attempts: 1 });
    expect(JSON.parse(first!.params_json)).toEqual({ n: 1 });
    expect((await claimJob(h.db, 'w2', T0))?.id).toBe(b);
    expect(await claimJob(h.db, 'w3', T0)).toBeUndefined();
    // only the owner worker may finish it
    expect(await finishJob(h.db, a, 'w2', { status: 'done', result: null }, T0)).toBe(false);
    expect(await finishJob(h.db, a, 'w1', { status: 'done', result: { ok: true } }, T0)).toBe(true);
    expect(await findJob(h.db, a)).toMatchObject({ status: 'done', progress: 100, result_json: '{"ok":true}' });
  });

  it('runs 50 jobs with 2 concurrent workers on separate connections: each job exactly once', async () => {
    await h.db.deleteFrom('job').execute();
    const other = await secondHandle(h);
    const runs = new Map<number, string[]>();
    const handler = (worker: string): JobHandler => async (ctx) => {
      runs.set(ctx.job.id, [...(runs.get(ctx.job.id) ?? []), worker]);
      await new Promise((r) => setTimeout(r, 2));
      return { worker };
    };
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) ids.push(await enqueueJob(h.db, { kind: 'count', title: `J${i}`, params: { i }, owner: OWNER }, T0));
    const w1 = startWorker({ handle: h, handlers: { count: handler('w1') }, workerId: 'w1', pollMs: 5, store: databaseStore() });
    const w2 = startWorker({ handle: other, handlers: { count: handler('w2') }, workerId: 'w2', pollMs: 5, store: databaseStore() });
    try {
      await until(async () => (await h.db.selectFrom('job').select('id').where('status', '!=', 'done').execute()).length === 0);
    } finally {
      await w1.stop();
      await w2.stop();
      await other.close();
    }
    expect(runs.size).toBe(50);
    for (const id of ids) expect(runs.get(id)).toHaveLength(1);
    const rows = await h.db.selectFrom('job').select(['id', 'worker_id', 'attempts', 'result_json']).execute();
    for (const r of rows) {
      expect(r.attempts).toBe(1);
      expect(JSON.parse(r.result_json!).worker).toBe(r.worker_id);
    }
    if (dialect === 'postgres') expect(new Set(rows.map((r) => r.worker_id)).size).toBe(2);
  });

  it('at start, resumes a job whose worker died (stale heartbeat), or ends it in error when out of attempts', async () => {
    await h.db.deleteFrom('job').execute();
    const stale = new Date(Date.now() - 10 * 60_000).toISOString();
    const resumable = await enqueueJob(h.db, { kind: 'resume', title: 'R', params: {}, owner: OWNER }, T0);
    const exhausted = await enqueueJob(h.db, { kind: 'resume', title: 'X', params: {}, owner: OWNER, maxAttempts: 1 }, T0);
    await h.db.updateTable('job').set({ status: 'running', worker_id: 'dead', heartbeat_at: stale, started_at: stale, attempts: 1 }).execute();
    const fresh = await enqueueJob(h.db, { kind: 'resume', title: 'F', params: {}, owner: OWNER }, T0);
    await h.db.updateTable('job').set({ status: 'running', worker_id: 'alive', heartbeat_at: new Date().toISOString(), attempts: 1 }).where('id', '=', fresh).execute();

    const seen: { id: number; resumed: boolean }[] = [];
    const w = startWorker({ handle: h, handlers: { resume: async (ctx) => { seen.push({ id: ctx.job.id, resumed: ctx.resumed }); } }, workerId: 'new', pollMs: 5, staleMs: 60_000 });
    await until(async () => (await findJob(h.db, resumable))?.status === 'done');
    await w.stop();

    expect(seen).toEqual([{ id: resumable, resumed: true }]);
    expect(await findJob(h.db, resumable)).toMatchObject({ status: 'done', attempts: 2, worker_id: 'new' });
    const failed = await findJob(h.db, exhausted);
    expect(failed).toMatchObject({ status: 'error' });
    expect(failed!.error).toMatch(/Traitement interrompu : le serveur s'est arrêté pendant son exécution/);
    expect((await listJobLog(h.db, resumable)).map((l) => l.line).join('\n')).toMatch(/reprise automatique \(tentative 2 sur 2\)/);
    // a job whose worker is alive is left alone
    expect(await findJob(h.db, fresh)).toMatchObject({ status: 'running', worker_id: 'alive' });
  });

  it('recoverStaleJobs does not take a job twice (compare-and-set)', async () => {
    await h.db.deleteFrom('job').execute();
    const id = await enqueueJob(h.db, { kind: 'x', title: 'x', params: {}, owner: OWNER }, T0);
    await h.db.updateTable('job').set({ status: 'running', worker_id: 'dead', heartbeat_at: '2000-01-01T00:00:00.000Z', attempts: 1 }).execute();
    const [a, b] = await Promise.all([recoverStaleJobs(h, new Date(), 1000, databaseStore()), recoverStaleJobs(h, new Date(), 1000, databaseStore())]);
    expect([...a.resumed, ...b.resumed]).toEqual([id]);
  });

  it('a failing handler ends the job "En erreur" with its reason in the log', async () => {
    await h.db.deleteFrom('job').execute();
    const id = await enqueueJob(h.db, { kind: 'boom', title: 'B', params: {}, owner: OWNER }, T0);
    const w = startWorker({ handle: h, handlers: { boom: async (ctx) => { await ctx.log('Préparation'); throw new Error('Jury 31310 à l’état 130 : plan de secours impossible'); } }, pollMs: 5 });
    await until(async () => (await findJob(h.db, id))?.status === 'error');
    await w.stop();
    expect((await findJob(h.db, id))!.error).toBe('Jury 31310 à l’état 130 : plan de secours impossible');
    expect((await listJobLog(h.db, id)).map((l) => l.line)).toEqual(['Préparation', 'Erreur : Jury 31310 à l’état 130 : plan de secours impossible']);
  });

  for (const storeKind of ['db', 'fs'] as const) {
    it(`records a document only once it is complete (${storeKind} store)`, async () => {
      await h.db.deleteFrom('job').execute();
      const dir = mkdtempSync(join(tmpdir(), 'delib-docs-'));
      const store = storeKind === 'db' ? databaseStore() : fileStore(dir);
      const id = await enqueueJob(h.db, { kind: 'doc', title: 'D', params: {}, owner: OWNER }, T0);
      let release!: () => void;
      const gate = new Promise<void>((r) => { release = r; });
      let halfWritten!: () => void;
      const half = new Promise<void>((r) => { halfWritten = r; });
      const w = startWorker({
        handle: h, store, pollMs: 5,
        handlers: {
          doc: async (ctx) => {
            await ctx.saveDocument('plan.zip', 'application/zip', async (write) => {
              await write(Buffer.from('first half;'));
              halfWritten();
              await gate;
              await write(Buffer.from('second half'));
            });
          },
        },
      });
      await half;
      expect(await listJobDocuments(h.db, [id])).toEqual([]);
      if (storeKind === 'fs') expect(readdirSync(join(dir, String(id)))).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.part$/)]);
      release();
      await until(async () => (await findJob(h.db, id))?.status === 'done');
      await w.stop();
      const [doc] = await listJobDocuments(h.db, [id]);
      expect(doc).toMatchObject({ name: 'plan.zip', size: 22, storage: storeKind, sha256: createHash('sha256').update('first half;second half').digest('hex') });
      expect(Buffer.from(await store.read(h.db, doc!)).toString()).toBe('first half;second half');
      if (storeKind === 'fs') {
        expect(existsSync(join(dir, String(id), `${doc!.id}.part`))).toBe(false);
        expect(existsSync(join(dir, doc!.storage_path!))).toBe(true);
      }
    });
  }

  it('keeps log lines in order', async () => {
    const id = await enqueueJob(h.db, { kind: 'x', title: 'x', params: {}, owner: OWNER }, T0);
    for (const line of ['Préparation du plan de secours pour le jury : 31408', 'Edition des PVI', 'Edition des papillons de connexion']) await appendJobLog(h.db, id, line, T0);
    expect((await listJobLog(h.db, id)).map((l) => l.line)).toEqual(['Préparation du plan de secours pour le jury : 31408', 'Edition des PVI', 'Edition des papillons de connexion']);
  });
});

describe('job visibility', () => {
  const job = { owner_role: 'centre', owner_scope: '0250001R' };
  it('is limited to the scope that asked for it', () => {
    expect(jobVisibility({ role: 'centre', login: 'x', name: 'x', scope: '0250001R' }, job)).toBe('allowed');
    expect(jobVisibility({ role: 'centre', login: 'y', name: 'y', scope: '0390007W' }, job)).toBe('hidden');
    expect(jobVisibility({ role: 'academie', login: 'a', name: 'a', scope: 'A03' }, job)).toBe('hidden');
    expect(jobVisibility({ role: 'centre_epreuve', login: 'e', name: 'e', scope: '0250001R' }, job)).toBe('hidden');
  });
});
