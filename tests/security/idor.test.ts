// IDOR by guessing identifiers (issue #8 §2): candidate ids, jury codes, job ids, document ids.
// For every caller, the resources answered are exactly those in its scope; a resource out of scope
// answers exactly like one that does not exist (same status, same body): no oracle.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { GOLDEN_GRADES, candidate, controleChoice, grades } from '../support/factories.js';
import { testApp, type Session } from '../server/helpers.js';
import { loginAll, securityWorld, type Who, type World } from './world.js';

type Caller = Exclude<Who, 'anonyme'>;
const CALLERS: readonly Caller[] = ['academie', 'centre-0250001R', 'centre-0390007W', 'jury-31310', 'jury-31408', 'epreuve-0250013D'];

describeEachDialect('security: identifiers guessed (IDOR)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let sessions: Map<Who, Session | null>;
  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await securityWorld(h);
    app = await testApp(h);
    sessions = await loginAll(app);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const get = (who: Caller, url: string) => app.inject({ method: 'GET', url, headers: { cookie: sessions.get(who)!.cookie } });
  const post = (who: Caller, url: string, payload: object) => {
    const s = sessions.get(who)!;
    return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload });
  };

  it('candidate ids 1…130 on the PVI: only the candidates in scope answer; the others are indistinguishable from nonexistent ids', async () => {
    const visible: Record<Caller, number[]> = {
      academie: [w.c1, w.c2, w.c3, w.c4, w.c5],
      'centre-0250001R': [w.c1, w.c2, w.c4, w.c5],
      'centre-0390007W': [w.c3],
      'jury-31310': [w.c1, w.c5],
      'jury-31408': [w.c3],
      'epreuve-0250013D': [], // sees its candidates but never their 1st-group grades (403)
    };
    for (const who of CALLERS) {
      const answered: number[] = [];
      const bodies = new Set<string>();
      for (let id = 1; id <= 130; id++) {
        const res = await get(who, `/api/deliberation/candidates/${id}/pvi`);
        expect(res.statusCode, `${who} #${id}`).toBeLessThan(500);
        if (res.statusCode === 200) answered.push(id);
        else if (res.statusCode === 404) bodies.add(res.body);
        else expect(res.statusCode, `${who} #${id}`).toBe(403);
      }
      expect(answered, who).toEqual(visible[who].sort((a, b) => a - b));
      expect(bodies.size, `${who}: one single 404 answer`).toBe(1);
    }
  });

  it('the centre d\'épreuve gets 403 only for its own candidates, 404 for all the others', async () => {
    const forbidden: number[] = [];
    for (let id = 100; id <= 110; id++) {
      const res = await get('epreuve-0250013D', `/api/deliberation/candidates/${id}/pvi`);
      if (res.statusCode === 403) forbidden.push(id);
      else expect(res.statusCode).toBe(404);
    }
    expect(forbidden).toEqual([w.c1, w.c2, w.c4, w.c5]);
  });

  it('identity and grade changes by guessed ids: out of scope = nonexistent, nothing written', async () => {
    const before = await h.db.selectFrom('grade').selectAll().orderBy('candidate_id').orderBy('epreuve_code').execute();
    for (const id of [w.c3, w.c2, 99_999]) {
      const a = await post('jury-31310', `/api/deliberation/candidates/${id}/identity`, {});
      const b = await post('jury-31310', `/api/deliberation/candidates/${id}/grade-changes`, { group: 1, epreuve: 'U1', value: '20', version: 1 });
      expect([a.statusCode, b.statusCode]).toEqual([404, 404]);
      expect(a.json().message).toBe(b.json().message);
      expect(a.body).not.toMatch(/QUASIMODO|FANTOMAS/);
    }
    expect(await h.db.selectFrom('grade').selectAll().orderBy('candidate_id').orderBy('epreuve_code').execute()).toEqual(before);
  });

  it('jury codes: existing out of scope, nonexistent and odd codes all answer the same 404', async () => {
    for (const who of ['centre-0390007W', 'jury-31408'] as const) {
      const bodies = new Set<string>();
      for (const code of ['31310', '31311', '31312', '99999', '3131', '31310 ', '%2e%2e', '..%2F31310', "31310'--", 'x'.repeat(20)]) {
        for (const suffix of ['', '/candidates', '/statistics']) {
          const res = await get(who, `/api/deliberation/juries/${code}${suffix}`);
          expect(res.statusCode, `${who} ${code}${suffix}`).toBe(404);
          // "%2e%2e" is "..": the path leaves the route (generic 404), which says nothing of any jury
          if (code !== '%2e%2e') bodies.add(res.json().message);
        }
      }
      expect(bodies.size, who).toBe(1);
    }
    const tooLong = await get('centre-0390007W', `/api/deliberation/juries/${'9'.repeat(21)}`);
    expect(tooLong.statusCode).toBe(400);
    // a NUL byte (PostgreSQL refuses it in text) is a 400, not a 500
    for (const url of ['/api/deliberation/juries/31310%00', '/api/journal?jury=31310%00', '/api/juries?code=%00']) {
      const res = await get('centre-0390007W', url);
      expect(res.statusCode, url).toBe(400);
    }
  });

  it('jury codes in bodies (transitions, editions, double entry): out of scope = nonexistent', async () => {
    for (const code of ['31310', '99999']) {
      const t = await post('centre-0390007W', `/api/juries/${code}/transitions`, { action: 'TERMINER_GROUPE_1', expectedEtat: '110' });
      const e = await post('centre-0390007W', '/api/editions/resultats-admis/documents', { juries: [code], title: 'T', format: 'csv' });
      const d = await post('centre-0390007W', '/api/second-group/double-entry', { juryCode: code, epreuveCode: 'U1', enabled: true });
      expect([t.statusCode, e.statusCode, d.statusCode], code).toEqual([404, 404, 404]);
    }
    const j1 = await get('centre-0390007W', '/api/journal?jury=31310');
    const j2 = await get('centre-0390007W', '/api/journal?jury=99999');
    expect([j1.statusCode, j1.body]).toEqual([j2.statusCode, j2.body]);
  });

  it('candidate ids in second-group bulk bodies: one foreign id refuses the whole request like an unknown id', async () => {
    const before = await h.db.selectFrom('controle_choice').selectAll().execute();
    for (const id of [w.c4, 99_999]) {
      const a = await post('centre-0390007W', '/api/second-group/choices', { rows: [{ candidateId: id, epreuve1: 'U1', epreuve2: 'U2', expectedVersion: 1 }] });
      const b = await post('centre-0390007W', '/api/second-group/grades', { mode: 'first', entries: [{ candidateId: id, epreuveCode: 'U1', value: '20', expectedVersion: 0 }] });
      expect([a.statusCode, b.statusCode], String(id)).toEqual([404, 404]);
    }
    const exported = await post('centre-0390007W', '/api/second-group/choices/export', { candidateIds: [w.c4] });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toMatch(/RASTAPOPOULOS/);
    expect(await h.db.selectFrom('controle_choice').selectAll().execute()).toEqual(before);
  });

  it('centre d\'épreuve: 2nd-group dates and grades only for its own centre and the candidates it hosts', async () => {
    // a CONTROLE candidate of 31312 (200) sitting in another centre d'épreuve
    const c7 = await candidate(h.db, { id: 107, jury: '31312', centreEpreuve: '0390007W', nom: 'AILLEURS' });
    await grades(h.db, c7, GOLDEN_GRADES);
    await controleChoice(h.db, c7, 'U1', 'U2');
    const before = await h.db.selectFrom('controle_grade').selectAll().execute();
    const foreign = await post('epreuve-0250013D', '/api/second-group/grades', { mode: 'first', entries: [{ candidateId: c7, epreuveCode: 'U1', value: '20', expectedVersion: 0 }] });
    const unknown = await post('epreuve-0250013D', '/api/second-group/grades', { mode: 'first', entries: [{ candidateId: 99_999, epreuveCode: 'U1', value: '20', expectedVersion: 0 }] });
    expect([foreign.statusCode, foreign.body]).toEqual([unknown.statusCode, unknown.body]);
    expect(foreign.statusCode).toBe(404);
    const grid = await get('epreuve-0250013D', '/api/second-group/grades');
    expect(grid.body).not.toMatch(/AILLEURS/);
    expect(await h.db.selectFrom('controle_grade').selectAll().execute()).toEqual(before);
    const row = { specialiteCode: '31310', epreuveCode: 'U1', date: '2023-07-03', heure: '08:00', salle: 'A1', expectedVersion: 0 };
    const sched = await post('epreuve-0250013D', '/api/second-group/schedule', { rows: [{ ...row, centreEpreuveUai: '0390007W' }] });
    expect([403, 404]).toContain(sched.statusCode);
    const schedUnknown = await post('epreuve-0250013D', '/api/second-group/schedule', { rows: [{ ...row, centreEpreuveUai: '0999999Z' }] });
    expect(sched.statusCode).toBe(schedUnknown.statusCode);
  });

  it('job ids 1…20: each centre sees its own jobs only; compte-rendu likewise', async () => {
    for (const who of CALLERS) {
      const mine: number[] = [];
      for (let id = 1; id <= 20; id++) {
        const res = await get(who, `/api/jobs/${id}`);
        const cr = await get(who, `/api/jobs/${id}/compte-rendu`);
        expect(cr.statusCode).toBe(res.statusCode);
        if (res.statusCode === 200) mine.push(id);
        else expect(res.json().message).toBe('Traitement introuvable.');
      }
      expect(mine, who).toEqual(who === 'centre-0250001R' ? [w.jobA] : who === 'centre-0390007W' ? [w.jobB] : []);
      const list = (await get(who, '/api/jobs')).json() as { items: { id: number }[] };
      expect(list.items.map((j) => j.id), who).toEqual(mine);
    }
  });

  it('document ids: another centre\'s document, random ids and malformed ids never give bytes', async () => {
    const own = await get('centre-0250001R', `/api/documents/${w.docA}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toBe('%PDF-1.4 test');
    const bodies = new Set<string>();
    for (const id of [w.docB, 'f'.repeat(32), '0'.repeat(32), w.docA.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))]) {
      const res = await get('centre-0250001R', `/api/documents/${id}`);
      expect(res.statusCode, id).toBe(404);
      bodies.add(res.body);
    }
    expect(bodies.size).toBe(1);
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '../../etc/passwd', '..%2f..%2f..%2fpackage.json', w.docA.toUpperCase(), `${w.docA}.pdf`, '%00', 'a'.repeat(5000)]) {
      const res = await get('centre-0250001R', `/api/documents/${id}`);
      // "../.." is resolved by the URL parser before routing: it lands on the web application's page
      if (res.statusCode === 200) expect(res.headers['content-type'], id).toMatch(/^text\/html/);
      else expect([400, 404, 414], id).toContain(res.statusCode);
      expect(res.headers['content-disposition'], id).toBeUndefined();
      expect(res.body).not.toContain('%PDF');
      expect(res.body).not.toMatch(/root:|"dependencies"/);
    }
  });
});
