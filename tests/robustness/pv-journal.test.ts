// The PV's "Liste des notes modifiées en délibération" equals the journal (issue #8 §1, SPEC §3):
// grades changed through the jury portal (one of them twice, one refused by a conflict), the
// deliberation closed, the PV de tenue exported: its modification rows are exactly the journal's
// NOTE_MODIFIEE entries of that jury, in chain order, with old and new values and the member. Every
// part of the PV prints the journal's anchor (kept outside the database once signed); a journal that
// does not verify puts a warning on every part and in the edition's compte-rendu.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { journalHead } from '../../src/db/repositories/journal.js';
import { journalJurySnapshots } from '../../src/features/journal/data-ledger.js';
import { jobHandlers } from '../../src/jobs/handlers.js';
import { startWorker } from '../../src/jobs/worker.js';
import { pdfText, unzip } from '../features/editions/support.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { testApp, type Session } from '../server/helpers.js';
import { loginAll, securityWorld, type Who, type World } from '../security/world.js';
import { parseCsv } from '../security/support.js';

/** "12,5", "12,50", "12.5" → "1250"; ABS, AJ, DI and '' as they are. */
function norm(v: string): string {
  const m = /^(\d{1,2})(?:[,.](\d{1,2}))?$/.exec(v.trim());
  return m ? String(Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'))) : v.trim();
}

describeEachDialect('PV de tenue: the modified grades are the journal', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let s: Map<Who, Session | null>;
  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await securityWorld(h);
    // as an import does: each jury's data journaled, so that the PV's seal accounts for it (ADR 0013)
    const codes = (await h.db.selectFrom('jury').select('code').execute()).map((j) => j.code);
    await journalJurySnapshots(h.db, { login: 'import', name: 'Import', role: 'academie' }, new Date('2023-06-01T08:00:00Z'), codes);
    app = await testApp(h);
    s = await loginAll(app);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('every journaled change, and only those, in chain order', async () => {
    const jury = s.get('jury-31310')!;
    const change = (id: number, epreuve: string, value: string, version: number) => app.inject({
      method: 'POST', url: `/api/deliberation/candidates/${id}/grade-changes`, headers: { cookie: jury.cookie, 'x-csrf-token': jury.csrf },
      payload: { group: 1, epreuve, value, version },
    });
    expect((await change(w.c1, 'U1', '13', 1)).statusCode).toBe(200);
    expect((await change(w.c1, 'U1', '14,5', 2)).statusCode).toBe(200);
    expect((await change(w.c5, 'U3', 'ABS', 1)).statusCode).toBe(200);
    expect((await change(w.c5, 'U3', '18', 1)).statusCode).toBe(409); // stale: not journaled, not on the PV
    expect((await change(w.c5, 'U3', '12', 2)).statusCode).toBe(200);
    const close = await app.inject({ method: 'POST', url: '/api/deliberation/juries/31310/close', headers: { cookie: jury.cookie, 'x-csrf-token': jury.csrf }, payload: { expectedEtat: '110' } });
    expect(close.statusCode, close.body).toBe(200);

    const centre = s.get('centre-0250001R')!;
    const pv = await app.inject({
      method: 'POST', url: '/api/editions/pv-tenue/documents', headers: { cookie: centre.cookie, 'x-csrf-token': centre.csrf },
      payload: { juries: ['31310'], title: 'PV', format: 'csv' },
    });
    expect(pv.statusCode, pv.body.slice(0, 200)).toBe(200);
    const rows = parseCsv(pv.body.replace(/^\uFEFF/, ''));
    const mods = rows.slice(1).filter((r) => /notes modifiées/i.test(r[0]!));

    const journal = await h.db.selectFrom('journal').selectAll().where('jury_code', '=', '31310').where('action', '=', 'NOTE_MODIFIEE').orderBy('seq').execute();
    expect(journal).toHaveLength(4);
    expect(mods).toHaveLength(journal.length);
    const numero = async (id: number) => {
      const c = await h.db.selectFrom('candidate').select(['numero_candidat', 'numero_inscription']).where('id', '=', id).executeTakeFirstOrThrow();
      return c;
    };
    for (const [i, e] of journal.entries()) {
      const row = mods[i]!;
      const c = await numero(e.candidate_id!);
      expect(row[1]).toContain(c.numero_candidat);
      expect(row[5]!.startsWith(e.subject.split(':')[2]!)).toBe(true);
      expect(norm(row[6]!)).toBe(norm(JSON.parse(e.before_json!).note ?? ''));
      expect(norm(row[7]!)).toBe(norm(JSON.parse(e.after_json!).note));
      expect(row[8]).toContain(e.actor_name);
    }
    expect(mods.map((r) => [norm(r[6]!), norm(r[7]!)])).toEqual([['1200', '1300'], ['1300', '1450'], ['1000', 'ABS'], ['ABS', '1200']]);
  });
  it('every part of the PV prints the journal anchor (same bytes for the same data); a tampered journal puts a warning on the PV and in the compte-rendu', async () => {
    const centre = s.get('centre-0250001R')!;
    const headers = { cookie: centre.cookie, 'x-csrf-token': centre.csrf };
    const pdf = async (format: 'pdf' | 'zip' = 'pdf') => {
      const res = await app.inject({ method: 'POST', url: '/api/editions/pv-tenue/documents', headers, payload: { juries: ['31310'], title: 'PV', format } });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      return res.rawPayload;
    };
    const head = (await journalHead(h.db))!;
    const anchorText = `ancre n° ${head.seq} - empreinte ${head.hash}`;
    const first = await pdf();
    const text = pdfText(first);
    expect(text.split(anchorText).length - 1).toBe(4); // one per part: admis, contrôle, notes modifiées, non admis
    expect(text).not.toMatch(/ATTENTION/);
    expect((await pdf()).equals(first)).toBe(true);

    // an insider edits a journaled grade change in SQL: the chain breaks, the PV says so on each part
    const target = await h.db.selectFrom('journal').select(['id', 'chain', 'seq', 'after_json']).where('action', '=', 'NOTE_MODIFIEE').orderBy('id').executeTakeFirstOrThrow();
    await h.db.updateTable('journal').set({ after_json: '{"note":"20","groupe":1,"epreuve":"U1"}' }).where('id', '=', target.id).execute();
    try {
      const warned = pdfText(await pdf());
      expect(warned.replace(/\s+/g, ' ').match(/ATTENTION : le journal des modifications ne se vérifie pas/g)).toHaveLength(4);
      expect(warned.replace(/\s+/g, ' ')).toContain(`« jury ${target.chain}, entrée n° ${target.seq} : contenu modifié (empreinte invalide) »`);
      for (const [name, part] of Object.entries(unzip(await pdf('zip')))) {
        if (name.endsWith('.pdf')) expect(pdfText(part), name).toMatch(/ATTENTION : le journal des modifications ne se vérifie pas/);
      }
      // the same edition as a background job: its compte-rendu carries the warning
      const job = await app.inject({ method: 'POST', url: '/api/editions/pv-tenue/jobs', headers, payload: { juries: ['31310'], title: 'PV', format: 'pdf' } });
      expect(job.statusCode, job.body).toBe(202);
      const jobId = job.json().jobId as number;
      const worker = startWorker({ handle: h, handlers: jobHandlers(), pollMs: 20 });
      try {
        let status = '';
        for (let i = 0; i < 600 && status !== 'done' && status !== 'failed'; i++) {
          await new Promise((r) => setTimeout(r, 100));
          status = (await h.db.selectFrom('job').select('status').where('id', '=', jobId).executeTakeFirstOrThrow()).status;
        }
        expect(status).toBe('done');
      } finally {
        await worker.stop();
      }
      const report = await app.inject({ method: 'GET', url: `/api/jobs/${jobId}/compte-rendu`, headers: { cookie: centre.cookie } });
      expect(report.body).toMatch(/ATTENTION : le journal des modifications ne se vérifie pas — \d+ anomalie\(s\)/);
    } finally {
      await h.db.updateTable('journal').set({ after_json: target.after_json }).where('id', '=', target.id).execute();
    }
    // repaired (same data as before): the same PV again, byte for byte
    expect((await pdf()).equals(first)).toBe(true);
  });
});
