// The editions and jobs over HTTP: files with a safe Content-Disposition, refusals (403/404/422),
// the plan de secours as a job processed by a worker, its compte-rendu and download scoped to the
// centre that asked, opaque document ids, memorised parameters.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { verifyZip } from '../../../src/documents/zip.js';
import { loadDemo } from '../../../src/features/demo/load-demo.js';
import { jobHandlers } from '../../../src/jobs/handlers.js';
import { startWorker, type RunningWorker } from '../../../src/jobs/worker.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { call, finishedJob, login, testApp, type Session } from '../../server/helpers.js';
import { pdfText } from './support.js';

describeEachDialect('editions API', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let worker: RunningWorker;
  let centre: Session, other: Session, epreuve: Session, jury: Session;

  beforeAll(async () => {
    h = await freshDb(dialect);
    await loadDemo(h);
    app = await testApp(h);
    worker = startWorker({ handle: h, handlers: jobHandlers(), pollMs: 20 });
    centre = await login(app, 'centre-0250001R', 'demo-centre-2023');
    other = await login(app, 'centre-0390007W', 'demo-centre-2023');
    epreuve = await login(app, 'epreuve-0250013D', 'demo-epreuve-2023');
    jury = await login(app, 'jury-31310', 'demo-jury-2023');
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    await h?.close();
  });

  it('lists the juries of a screen with the reason of the greyed ones', async () => {
    const res = await call(app, centre, 'GET', '/api/editions/liste-anonyme/juries');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ kind: 'liste-anonyme', group: 1, formats: ['pdf', 'csv'], job: false });
    expect(body.juries.find((j: { code: string }) => j.code === '20112')).toMatchObject({ selectable: false, etatLibelle: 'Editions après la délibération du 1er groupe' });
    expect((await call(app, jury, 'GET', '/api/editions/liste-anonyme/juries')).statusCode).toBe(403);
    expect((await call(app, epreuve, 'GET', '/api/editions/liste-anonyme/juries')).statusCode).toBe(403);
    expect((await call(app, null, 'GET', '/api/editions/liste-anonyme/juries')).statusCode).toBe(401);
    expect((await call(app, centre, 'GET', '/api/editions/inconnue/juries')).statusCode).toBe(400);
  });

  it('pages and filters the juries on the server, with every selectable code (issue #18, point 5)', async () => {
    const all = (await call(app, centre, 'GET', '/api/editions/liste-anonyme/juries')).json();
    const codes = all.juries.map((j: { code: string }) => j.code);
    expect(codes).toEqual([...codes].sort());
    expect(all).toMatchObject({ total: codes.length, page: 1, pageSize: 50 });
    const selectable = all.juries.filter((j: { selectable: boolean }) => j.selectable).map((j: { code: string }) => j.code);
    expect(selectable.length).toBeGreaterThan(0);
    expect(all.selectableCodes).toEqual(selectable);
    const second = (await call(app, centre, 'GET', '/api/editions/liste-anonyme/juries?pageSize=1&page=2')).json();
    expect(second).toMatchObject({ total: codes.length, page: 2, pageSize: 1, selectableCodes: selectable });
    expect(second.juries.map((j: { code: string }) => j.code)).toEqual([codes[1]]);
    const filtered = (await call(app, centre, 'GET', '/api/editions/liste-anonyme/juries?q=31310')).json();
    expect(filtered.juries.map((j: { code: string }) => j.code)).toEqual(['31310']);
    expect(filtered.total).toBe(1);
    expect(filtered.selectableCodes).toEqual(selectable); // the selection is over the whole scope
    const byState = (await call(app, centre, 'GET', `/api/editions/liste-anonyme/juries?q=${encodeURIComponent('Editions après')}`)).json();
    expect(byState.juries.map((j: { code: string }) => j.code)).toContain('20112');
    expect((await call(app, centre, 'GET', '/api/editions/liste-anonyme/juries?pageSize=501')).statusCode).toBe(400);
  });

  it('sends a PDF or a CSV with a safe file name', async () => {
    const pdf = await call(app, centre, 'POST', '/api/editions/liste-anonyme/documents', { juries: ['31310'], title: 'Liste "anonyme" ../../etc/passwd\r\nX: y' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // no quote, no path, no control character can reach the header
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="Liste_anonyme_etc_passwdX_y.pdf"; filename*=UTF-8''Liste_anonyme_etc_passwdX_y.pdf`);
    expect(pdfText(pdf.rawPayload)).toContain('Liste anonyme des candidats du jury');
    const csv = await call(app, centre, 'POST', '/api/editions/liste-anonyme/documents', { juries: ['31310'], title: 'Liste', format: 'csv' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith('\uFEFFJury;N° Anonymat;N° Candidat;Catégorie;Observations')).toBe(true);
  });

  it('refuses on the server what the screen greys: states (422), scope (404), embargo, missing title (400)', async () => {
    const state = await call(app, centre, 'POST', '/api/editions/liste-anonyme/documents', { juries: ['20112'], title: 'x' });
    expect(state.statusCode).toBe(422);
    expect(state.json().message).toMatch(/Jury à l'état 130/);
    expect((await call(app, centre, 'POST', '/api/editions/liste-anonyme/documents', { juries: ['20113'], title: 'x' })).statusCode).toBe(404);
    for (const url of ['/api/editions/resultats-admis/documents', '/api/editions/pv-tenue/documents', '/api/editions/resultats-admis/jobs']) {
      expect((await call(app, centre, 'POST', url, { juries: ['31310'], title: 'x', format: 'csv' })).statusCode, url).toBe(422);
    }
    const untitled = await call(app, centre, 'POST', '/api/editions/liste-anonyme/documents', { juries: ['31310'], title: '' });
    expect(untitled.statusCode).toBe(400);
    expect(untitled.json().message).toContain('Le titre de l’édition est obligatoire.');
    expect((await call(app, centre, 'POST', '/api/editions/plan-secours/documents', { juries: ['31310'], title: 'x', format: 'zip' })).statusCode).toBe(400);
  });

  it('runs the plan de secours as a job: progress, compte-rendu, download scoped to the centre', async () => {
    const created = await call(app, centre, 'POST', '/api/editions/plan-secours/jobs', { juries: ['31310', '22207'], title: 'Plan de secours', format: 'zip' });
    expect(created.statusCode).toBe(202);
    const { jobId } = created.json();
    worker.wake();
    const job = await finishedJob(app, centre, jobId);
    expect(job).toMatchObject({ status: 'done', etat: 'Sans planification.', resultat: 'Terminé', domaine: 'BTS (A03)', progress: 100 });
    expect(job.duree).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(job.documents.map((d: { name: string }) => d.name)).toEqual(['DELIB_0250001R_BTS_2023-06_GRD_1_22207.zip', 'DELIB_0250001R_BTS_2023-06_GRD_1_31310.zip']);
    expect(job.documents[0]).toMatchObject({ type: 'ZIP' });
    expect(job.documents[0].sizeLabel).toMatch(/^\d+ KB$/);
    expect(job.compteRendu).toContain("Le traitement s'est bien déroulé.");
    expect(job.compteRendu).toMatch(/Début du traitement : \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
    for (const line of ['Groupe de décision : 1', 'jurys : 22207, 31310', 'Préparation du plan de secours pour le jury : 31310', 'Edition des PVI', 'Edition des papillons de connexion', 'Plan de secours généré']) {
      expect(job.compteRendu).toContain(line);
    }

    const list = (await call(app, centre, 'GET', '/api/jobs?kind=plan-secours')).json();
    expect(list.items.map((j: { id: number }) => j.id)).toContain(jobId);
    expect(list.queued).toBe(0);
    expect((await call(app, other, 'GET', '/api/jobs?kind=plan-secours')).json().items).toEqual([]);

    const doc = job.documents[1];
    const download = await call(app, centre, 'GET', doc.url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-disposition']).toContain('filename="DELIB_0250001R_BTS_2023-06_GRD_1_31310.zip"');
    expect(verifyZip(download.rawPayload).ok).toBe(true);
    const report = await call(app, centre, 'GET', `/api/jobs/${jobId}/compte-rendu`);
    expect(report.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(report.body).toContain('Plan de secours disponible');

    // another centre, a centre d'épreuve, a jury: the job and its documents do not exist for them
    for (const s of [other, epreuve, jury]) {
      expect((await call(app, s, 'GET', `/api/jobs/${jobId}`)).statusCode).toBe(404);
      expect((await call(app, s, 'GET', doc.url)).statusCode).toBe(404);
    }
    expect((await call(app, centre, 'GET', '/api/documents/..%2F..%2Fetc%2Fpasswd')).statusCode).toBe(400);
    expect((await call(app, centre, 'GET', `/api/documents/${'0'.repeat(32)}`)).statusCode).toBe(404);
  });

  it('memorises the parameters of a screen per user', async () => {
    const params = { juries: ['31310'], title: 'Listes du jury', list: 'liste-triee' };
    expect((await call(app, centre, 'GET', '/api/editions/preferences/listes-candidats')).json()).toEqual({ params: null, updatedAt: null });
    expect((await call(app, centre, 'PUT', '/api/editions/preferences/listes-candidats', { params })).statusCode).toBe(200);
    expect((await call(app, centre, 'GET', '/api/editions/preferences/listes-candidats')).json().params).toEqual(params);
    expect((await call(app, other, 'GET', '/api/editions/preferences/listes-candidats')).json().params).toBeNull();
    expect((await call(app, centre, 'PUT', '/api/editions/preferences/..%2Fx', { params })).statusCode).toBe(400);
  });

  it("checks the livrets before producing and serves the criteria tree", async () => {
    const check = (await call(app, centre, 'POST', '/api/editions/livrets/verification', { juries: ['31310'] })).json();
    expect(check.count).toBeGreaterThan(0);
    expect(check.warning).toMatch(/^Des candidats scolaires n'ont pas de statut livret/);
    const refused = await call(app, centre, 'POST', '/api/editions/livrets/documents', { juries: ['31310'], title: 'Livrets' });
    expect(refused.statusCode).toBe(422);
    expect((await call(app, centre, 'POST', '/api/editions/livrets/documents', { juries: ['31310'], title: 'Livrets', confirmed: true })).statusCode).toBe(200);
    const fields = (await call(app, centre, 'GET', '/api/editions/criteria')).json().fields;
    expect(fields.map((f: { label: string }) => f.label)).toEqual([
      'N° Candidat', 'N° Inscription', 'Nom de famille', 'Prénoms', 'Date de naissance', 'Sexe', 'INE', 'Spécialité', 'Jury', 'Catégorie du candidat',
      'Forme de passage', "Etablissement d'inscription", "Centre d'épreuve", 'Décision', 'Présumé fraudeur', 'Liste rouge', 'Handicap',
    ]);
  });
});
