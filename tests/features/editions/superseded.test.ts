// Issue #15, point 2: documents produced before a late correction are marked superseded. Jury
// 31310's plan de secours (made at 110) and PV (made at 140) are stored files of finished jobs; the
// académie reopens the jury, which corrects a grade: the PV is withdrawn by the rollback (issue #13.5)
// and superseded by the correction; the plan de secours is still served, but « Remplacé le … » on the
// « Mes traitements » screen and on download (file name « REMPLACÉ le … - … », X-Delib-Remplace-Le);
// an edition of names only (liste anonyme) and anything produced after the correction are not.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { loadDemo } from '../../../src/features/demo/load-demo.js';
import { jobHandlers } from '../../../src/jobs/handlers.js';
import { startWorker, type RunningWorker } from '../../../src/jobs/worker.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { call, finishedJob, login, testApp, type Session } from '../../server/helpers.js';

interface JobDocument { id: string; name: string; url: string; withdrawn: string | null; superseded: string | null }

const NOTICE = /^Remplacé le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} : une note du jury 31310 a été corrigée après la production de ce document, qui ne correspond plus aux notes et décisions enregistrées\. Nouvelle version à produire\.$/;

describeEachDialect('documents superseded by a late correction (issue #15)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let worker: RunningWorker;
  let centre: Session, academie: Session, jury: Session;

  beforeAll(async () => {
    h = await freshDb(dialect);
    await loadDemo(h);
    app = await testApp(h);
    worker = startWorker({ handle: h, handlers: jobHandlers(), pollMs: 20 });
    [centre, academie, jury] = await Promise.all([
      login(app, 'centre-0250001R', 'demo-centre-2023'), login(app, 'academie', 'demo-academie-2023'), login(app, 'jury-31310', 'demo-jury-2023'),
    ]);
    expect((await call(app, jury, 'POST', '/api/auth/acting-member', { member: 'president' })).statusCode).toBe(200);
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
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    return { jobId, doc: job.documents[0] };
  }
  const documentOf = async (jobId: number): Promise<JobDocument> => (await call(app, centre, 'GET', `/api/jobs/${jobId}`)).json().documents[0];
  const exceptional = async (from: string, to: string) => {
    const res = await call(app, academie, 'POST', '/api/juries/31310/exceptional-state', { to, expectedEtat: from, reason: 'Correction de la note U1 de AZBTSUN' });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('marks on screen and on download what a correction made out of date, and only that', async () => {
    // at 110: the plan de secours (grades, decisions) and the liste anonyme (names only)
    const plan = await produced('plan-secours', { juries: ['31310'], title: 'Plan de secours 31310', format: 'zip' });
    const anonyme = await produced('liste-anonyme', { juries: ['31310'], title: 'Liste anonyme 31310', format: 'pdf' });
    // closed at 140: the PV (it makes later grade changes corrections after the PV)
    await exceptional('110', '140');
    const pv = await produced('pv-tenue', { juries: ['31310'], title: 'PV 31310', format: 'pdf' });
    for (const d of [plan.doc, anonyme.doc, pv.doc]) expect(d.superseded).toBeNull();

    // reopened; the jury corrects AZBTSUN John's U1 (9 → 11)
    await exceptional('140', '110');
    const john = await h.db.selectFrom('candidate').select('id').where('numero_candidat', '=', '02319252150').executeTakeFirstOrThrow();
    const cell = (await call(app, jury, 'GET', `/api/deliberation/candidates/${john.id}/pvi`)).json().units
      .map((u: { cell?: { epreuve: string; version: number } }) => u.cell).find((c: { epreuve: string } | undefined) => c?.epreuve === 'U1');
    const changed = await call(app, jury, 'POST', `/api/deliberation/candidates/${john.id}/grade-changes`,
      { group: 1, epreuve: 'U1', value: '11', version: cell.version, comment: 'Copie mal reportée : 11 et non 9' });
    expect(changed.statusCode, changed.body).toBe(200);

    // the plan de secours: superseded, still served, under a name that says so
    const p = await documentOf(plan.jobId);
    expect(p.superseded).toMatch(NOTICE);
    expect(p.withdrawn).toBeNull();
    const download = await call(app, centre, 'GET', p.url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-delib-remplace-le']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    const disposition = String(download.headers['content-disposition']);
    expect(disposition).toMatch(/filename="REMPLACE_le_\d{2}-\d{2}-\d{4}/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toMatch(new RegExp(`^REMPLACÉ le \\d{2}-\\d{2}-\\d{4} - ${p.name.replace(/[.()]/g, '\\$&')}$`));
    expect(download.rawPayload.length).toBeGreaterThan(0);
    // the list of jobs says it too
    const list = (await call(app, centre, 'GET', '/api/jobs?kind=plan-secours')).json();
    expect(list.items.find((j: { id: number }) => j.id === plan.jobId).documents[0].superseded).toBe(p.superseded);

    // names only: unchanged by a grade
    const a = await documentOf(anonyme.jobId);
    expect(a.superseded).toBeNull();
    const plain = await call(app, centre, 'GET', a.url);
    expect(plain.headers['x-delib-remplace-le']).toBeUndefined();
    expect(String(plain.headers['content-disposition'])).not.toContain('REMPLAC');

    // the PV: withdrawn by the rollback (not served), and superseded by the correction
    const v = await documentOf(pv.jobId);
    expect(v.withdrawn).toMatch(/^Document retiré : le jury 31310 est revenu à l'état 110/);
    expect(v.superseded).toMatch(NOTICE);
    expect((await call(app, centre, 'GET', v.url)).statusCode).toBe(409);

    // produced after the correction: current
    const again = await produced('plan-secours', { juries: ['31310'], title: 'Plan de secours 31310 bis', format: 'zip' });
    expect(again.doc.superseded).toBeNull();
  });
});
