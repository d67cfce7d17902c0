// Crash tests of the job worker (issue #8 §3): the worker process is killed with SIGKILL in the
// middle of writing a document. No half-written document is ever offered (no row for it; its
// temporary file is removed at recovery); the job is resumed (attempts left) and completes without
// duplicating what the first run finished, or ends "En erreur" with its reason (no attempt left).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '../../src/db/connect.js';
import { databaseStore, fileStore, type DocumentStore } from '../../src/jobs/document-store.js';
import { enqueueJob, findJob, listJobDocuments, listJobLog } from '../../src/jobs/repository.js';
import { recoverStaleJobs, startWorker } from '../../src/jobs/worker.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { CHUNKS, DOCS, chunkOf, crashHandler } from './fixtures/crash-handler.js';
import { REPO, databaseUrlOf } from '../security/support.js';

const owner = { login: 'centre-0250001R', name: 'Chef de centre', role: 'centre', scope: '0250001R' };
const CHILD = join(REPO, 'tests/robustness/fixtures/worker-child.ts');
const work = mkdtempSync(join(tmpdir(), 'delib-crash-worker-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function expectedBytes(doc: number): Buffer {
  return Buffer.concat(Array.from({ length: CHUNKS }, (_, k) => chunkOf(doc, k)));
}

/** Starts a worker process, waits until it is in the middle of document `pauseIn` of a job, kills it. */
async function killMidDocument(h: DbHandle, env: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: REPO, env: { ...process.env, DATABASE_URL: databaseUrlOf(h), PAUSE_IN: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let errText = '';
  child.stderr.on('data', (d: Buffer) => (errText += String(d)));
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, s) => r(s)));
  const jobId = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker never reached the middle of a document: ${out} ${errText}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += String(d);
      const m = /MID (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return jobId;
}

async function runQueue(h: DbHandle, store: DocumentStore): Promise<void> {
  const w = startWorker({ handle: h, handlers: { 'crash-test': crashHandler(null) }, store, pollMs: 20, staleMs: 60_000, report: () => undefined });
  await w.idle();
  await w.stop();
}

describeEachDialect('crash: SIGKILL of the worker in the middle of a document', (dialect) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await freshDb(dialect);
  });
  afterAll(async () => h.close());

  it('files store: no half document offered; the job resumes and completes without duplicates', async () => {
    const dir = join(work, `docs-${dialect}`);
    const store = fileStore(dir);
    const id = await h.db.transaction().execute((trx) => enqueueJob(trx, { kind: 'crash-test', title: 'Plan de secours', params: {}, owner, maxAttempts: 2 }, new Date()));
    expect(await killMidDocument(h, { DELIB_DOCUMENTS_DIR: dir })).toBe(id);

    // after the crash: the first document is complete and recorded, the second only as a .part file
    expect((await findJob(h.db, id))!.status).toBe('running');
    const docs = await listJobDocuments(h.db, [id]);
    expect(docs.map((d) => d.name)).toEqual(['doc-0.txt']);
    const files = readdirSync(join(dir, String(id)));
    expect(files.filter((f) => f.endsWith('.part'))).toHaveLength(1);

    // restart: the dead worker's job is taken back
    const rec = await recoverStaleJobs(h, new Date(Date.now() + 120_000), 60_000, store);
    expect(rec).toEqual({ resumed: [id], failed: [] });
    expect(readdirSync(join(dir, String(id))).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect((await findJob(h.db, id))!.status).toBe('queued');
    expect((await listJobLog(h.db, id)).map((l) => l.line).join('\n')).toMatch(/reprise automatique/);

    await runQueue(h, store);
    const job = (await findJob(h.db, id))!;
    expect(job.status).toBe('done');
    expect(job.attempts).toBe(2);
    const all = await listJobDocuments(h.db, [id]);
    expect(all.map((d) => d.name).sort()).toEqual(Array.from({ length: DOCS }, (_, i) => `doc-${i}.txt`));
    for (const d of all) {
      const bytes = Buffer.from(await store.read(h.db, d));
      const i = Number(/doc-(\d)/.exec(d.name)![1]);
      expect(bytes.equals(expectedBytes(i)), `${d.name} complete`).toBe(true);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(d.sha256);
      expect(d.size).toBe(bytes.length);
    }
    expect(readdirSync(join(dir, String(id))).filter((f) => f.endsWith('.part'))).toEqual([]);
  }, 120_000);

  it('database store, no attempt left: the job ends "En erreur" with its reason, no half document', async () => {
    const store = databaseStore();
    const id = await h.db.transaction().execute((trx) => enqueueJob(trx, { kind: 'crash-test', title: 'Plan de secours', params: {}, owner, maxAttempts: 1 }, new Date()));
    expect(await killMidDocument(h, {})).toBe(id);
    expect((await listJobDocuments(h.db, [id])).map((d) => d.name)).toEqual(['doc-0.txt']);
    const rec = await recoverStaleJobs(h, new Date(Date.now() + 120_000), 60_000, store);
    expect(rec).toEqual({ resumed: [], failed: [id] });
    const job = (await findJob(h.db, id))!;
    expect(job.status).toBe('error');
    expect(job.error).toMatch(/Traitement interrompu/);
    expect((await listJobDocuments(h.db, [id])).map((d) => d.name)).toEqual(['doc-0.txt']);
    const bytes = Buffer.from(await store.read(h.db, (await listJobDocuments(h.db, [id]))[0]!));
    expect(bytes.equals(expectedBytes(0))).toBe(true);
    expect(existsSync(join(work, `docs-${dialect}`, String(id)))).toBe(false);
  }, 120_000);
});
