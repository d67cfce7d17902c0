// Issue #13, point 5: documents follow the state. A stored document (a job's file) whose jury went
// back, by an exceptional change made after it, below the state that allowed the edition — an RLN
// made at 140, the jury back to 110 — is no longer served (French message) and the compte-rendu marks
// it withdrawn; a rollback that stays within the allowed states changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { loadDemo } from '../../../src/features/demo/load-demo.js';
import { jobHandlers } from '../../../src/jobs/handlers.js';
import { startWorker, type RunningWorker } from '../../../src/jobs/worker.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { call, finishedJob, login, testApp, type Session } from '../../server/helpers.js';

const RLN = { signatureLieu: 'Besançon', signatureDate: '06/06/2023', etablissement: true, mail: true, telephone: false, criteria: [] };

interface JobDocument { id: string; name: string; url: string; withdrawn: string | null }

describeEachDialect('documents follow the state (issue #13.5)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let worker: RunningWorker;
  let centre: Session, academie: Session;

  beforeAll(async () => {
    h = await freshDb(dialect);
    await loadDemo(h);
    app = await testApp(h);
    worker = startWorker({ handle: h, handlers: jobHandlers(), pollMs: 20 });
    centre = await login(app, 'centre-0250001R', 'demo-centre-2023');
    academie = await login(app, 'academie', 'demo-academie-2023');
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    await h?.close();
  });

  async function produced(kind: string, body: Record<string, unknown>): Promise<{ jobId: number; doc: JobDocument }> {
    const created = await call(app, centre, 'POST', `/api/editions/${kind}/jobs`, body);
    expect(created.statusCode, created.body).toBe(202);
    const { jobId } = created.json();
    worker.wake();
    const job = await finishedJob(app, centre, jobId);
    expect(job.status).toBe('done');
    return { jobId, doc: job.documents[0] };
  }

  async function documentOf(jobId: number): Promise<JobDocument> {
    return (await call(app, centre, 'GET', `/api/jobs/${jobId}`)).json().documents[0];
  }

  const exceptional = async (code: string, from: string, to: string) => {
    const res = await call(app, academie, 'POST', `/api/juries/${code}/exceptional-state`, { to, expectedEtat: from, reason: 'Réouverture de la délibération' });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('an RLN made at 140 is withdrawn once the jury is back at 110, and stays so when it moves on again', async () => {
    const { jobId, doc } = await produced('rln', { juries: ['25302'], title: 'RLN 25302', rln: RLN });
    expect(doc.withdrawn).toBeNull();
    expect((await call(app, centre, 'GET', doc.url)).statusCode).toBe(200);

    await exceptional('25302', '140', '110');
    const after = await documentOf(jobId);
    expect(after.withdrawn).toMatch(/^Document retiré : le jury 25302 est revenu à l'état 110 \(Délibération du 1er groupe\) le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} par un changement d'état exceptionnel/);
    const refused = await call(app, centre, 'GET', doc.url);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(after.withdrawn);
    // the list of jobs says it too
    const list = (await call(app, centre, 'GET', '/api/jobs?kind=rln')).json();
    expect(list.items.find((j: { id: number }) => j.id === jobId).documents[0].withdrawn).toBe(after.withdrawn);

    // back at 140: the old document stays withdrawn (what it printed may have changed); a new one is served
    await exceptional('25302', '110', '140');
    expect((await documentOf(jobId)).withdrawn).toBe(after.withdrawn);
    expect((await call(app, centre, 'GET', doc.url)).statusCode).toBe(409);
    const again = await produced('rln', { juries: ['25302'], title: 'RLN 25302 bis', rln: RLN });
    expect(again.doc.withdrawn).toBeNull();
    expect((await call(app, centre, 'GET', again.doc.url)).statusCode).toBe(200);
  });

  it('a rollback within the states that allow the edition (PV at 140 → 130) keeps the document', async () => {
    const { jobId, doc } = await produced('pv-tenue', { juries: ['20112'], title: 'PV 20112' });
    const terminate = await call(app, centre, 'POST', '/api/juries/20112/transitions', { action: 'TERMINER_GROUPE_1', expectedEtat: '130' });
    expect(terminate.statusCode, terminate.body).toBe(200);
    await exceptional('20112', '140', '130');
    expect((await documentOf(jobId)).withdrawn).toBeNull();
    expect((await call(app, centre, 'GET', doc.url)).statusCode).toBe(200);
    // below 130: withdrawn
    await exceptional('20112', '130', '110');
    expect((await documentOf(jobId)).withdrawn).toMatch(/^Document retiré : le jury 20112 est revenu à l'état 110/);
    expect((await call(app, centre, 'GET', doc.url)).statusCode).toBe(409);
  });
});
