// No grade, decision or name in any URL or log line (issue #8 §2; ANSSI logging guidance): a
// scripted session — import of the memo's jury 31310 by upload, deliberation (candidates, PVI, a grade
// changed to 13,37, identity shown, closing), editions, 2nd-group screens, refused and failed requests
// with names and grades in their bodies, failed logins — runs with the access log captured. No log
// line holds a candidate's name, numbers, a typed grade, a decision, a password, a session or CSRF
// token, a query string or a request body. And no route carries such data in its URL: route
// parameters are opaque codes and ids only.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { zipSync } from 'fflate';
import type { DbHandle } from '../../src/db/connect.js';
import { buildApp } from '../../src/server/app.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { TEST_PASSWORD, user } from '../support/factories.js';
import { login, type Session } from '../server/helpers.js';
import { CASES } from './cases.js';
import { MEMO_SAMPLE } from './support.js';
import { appRoutes } from './world.js';

const memoFiles = (): Record<string, Uint8Array> =>
  Object.fromEntries(readdirSync(MEMO_SAMPLE).map((f) => [f, new Uint8Array(readFileSync(join(MEMO_SAMPLE, f)))]));

/** Every identifying value of the memo's candidates (names, numbers, INE, address, birth). */
function memoSecrets(): string[] {
  const [head, ...rows] = readFileSync(join(MEMO_SAMPLE, 'candidats.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const cols = head!.split(';');
  const pick = ['numero_candidat', 'nom', 'prenoms', 'ine', 'numero_anonymat', 'adresse', 'date_naissance', 'lieu_naissance'];
  return rows.flatMap((r) => r.split(';').filter((_, i) => pick.includes(cols[i]!))).filter((v) => v.length >= 4);
}

describeEachDialect('security: nothing sensitive in URLs or log lines', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let logs = '';
  const urls: string[] = [];
  const secrets: string[] = [];
  beforeAll(async () => {
    h = await freshDb(dialect);
    for (const [l, role, scope] of [['academie', 'academie', 'A03'], ['centre-0250001R', 'centre', '0250001R'], ['jury-31310', 'jury', '31310'], ['epreuve-0250001R', 'centre_epreuve', '0250001R']] as const) {
      await user(h.db, { login: l, role, scope });
    }
    app = await buildApp({ handle: h, webDist: '/nonexistent', logStream: new Writable({ write(c, _e, cb) { logs += String(c); cb(); } }) });
    app.addHook('onRequest', async (req) => {
      urls.push(req.url);
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  async function scriptedSession(): Promise<void> {
    const send = (s: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
      app.inject({ method, url, headers: s ? { cookie: s.cookie, ...(method !== 'GET' ? { 'x-csrf-token': s.csrf } : {}) } : {}, ...(payload ? { payload } : {}) });
    // failed logins: a wrong password that looks like a name, an unknown login
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'academie', password: 'AZBTSUN-mot-de-passe' } });
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'AZBTSUN John', password: TEST_PASSWORD } });
    const aca = await login(app, 'academie');
    const centre = await login(app, 'centre-0250001R');
    const jury = await login(app, 'jury-31310');
    const epreuve = await login(app, 'epreuve-0250001R');
    secrets.push(...[aca, centre, jury, epreuve].flatMap((s) => [s.cookie.slice('delib_sid='.length), s.csrf]));
    // import by upload
    const boundary = '----logtest';
    const zip = zipSync(memoFiles());
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="AZBTSUN-session.zip"\r\nContent-Type: application/zip\r\n\r\n`), Buffer.from(zip), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const imp = await app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(imp.statusCode, imp.body).toBe(200);
    // the jury deliberates
    await send(jury, 'POST', '/api/auth/acting-member', { member: 'president' });
    const list = await send(jury, 'GET', '/api/deliberation/juries/31310/candidates');
    expect(list.statusCode).toBe(200);
    const ids = (list.json().candidates as { id: number }[]).map((c) => c.id);
    for (const id of ids) {
      await send(jury, 'GET', `/api/deliberation/candidates/${id}/pvi`);
      await send(jury, 'POST', `/api/deliberation/candidates/${id}/identity`);
    }
    const changed = await send(jury, 'POST', `/api/deliberation/candidates/${ids[0]}/grade-changes`, { group: 1, epreuve: 'U41', value: '13,37', version: 1, comment: 'AZBTSUN : erreur de report' });
    expect(changed.statusCode, changed.body).toBe(200);
    await send(jury, 'POST', `/api/deliberation/candidates/${ids[0]}/grade-changes`, { group: 1, epreuve: 'U41', value: '21,37', version: 2 }); // 400
    await send(jury, 'POST', `/api/deliberation/candidates/${ids[0]}/grade-changes`, { group: 1, epreuve: 'U41', value: '14,37', version: 1 }); // 409
    await send(jury, 'GET', '/api/deliberation/juries/31310/statistics');
    const closed = await send(jury, 'POST', '/api/deliberation/juries/31310/close', { expectedEtat: '110' });
    expect(closed.statusCode, closed.body).toBe(200);
    // the centre edits the results, the centre d'épreuve looks
    for (const format of ['pdf', 'csv']) {
      await send(centre, 'POST', '/api/editions/resultats-admis/documents', { juries: ['31310'], title: 'Admis AZBTSUN', format });
      await send(centre, 'POST', '/api/editions/pv-tenue/documents', { juries: ['31310'], title: 'PV', format });
    }
    await send(centre, 'POST', '/api/editions/rln/jobs', { juries: ['31310'], title: 'RLN', rln: { signatureLieu: 'Besançon', signatureDate: '06/07/2023', criteria: [{ field: 'nom', op: 'egal', values: ['AZBTSUN'] }] } });
    await send(centre, 'GET', '/api/journal?jury=31310');
    await send(centre, 'GET', '/api/second-group/choices');
    await send(epreuve, 'GET', '/api/second-group/grades');
    await send(epreuve, 'POST', '/api/editions/resultats-centre-epreuve/documents', { juries: ['31310'], title: 'Résultats', format: 'csv' });
    // refused requests carrying names and grades in their bodies
    await send(aca, 'POST', '/api/users', { login: 'AZBTSUN John', name: 'AZBTSUN John', role: 'centre', scope: '0250001R', password: 'x' });
    await send(centre, 'POST', '/api/editions/rln/documents', { juries: ['31310'], title: 'x', rln: { criteria: [{ field: 'nom', op: 'egal', values: ['BANQA'] }] } });
    await send(centre, 'GET', '/api/nothing/AZBTSUN');
  }

  it('a scripted session leaves no name, number, grade, decision, password or token in the log', async () => {
    await scriptedSession();
    const lines = logs.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(30);
    const forbidden = [
      ...memoSecrets(), 'John', 'Pierre', '13,37', '13.37', '21,37', '14,37', 'ADMIS', 'Admis', 'CONTROLE', 'REFUSE', 'Refusé', 'contrôle',
      TEST_PASSWORD, 'AZBTSUN-mot-de-passe', 'mot-de-passe', 'erreur de report', ...secrets,
    ];
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      for (const f of forbidden) expect(line.includes(f), `log line holds « ${f} »: ${line}`).toBe(false);
      expect(line).not.toMatch(/\?|password|cookie|csrf|authorization|body/i);
      // the access log: method, route pattern, status, timing — nothing else about the request
      if (entry.msg === 'requête') expect(Object.keys(entry).sort()).toEqual(['hostname', 'level', 'method', 'ms', 'msg', 'pid', 'reqId', 'route', 'status', 'time']);
    }
  });

  it('the URLs of the session carry codes and ids only (no name, grade or decision)', () => {
    expect(urls.length).toBeGreaterThanOrEqual(30);
    for (const u of urls) {
      for (const f of [...memoSecrets().filter((x) => !/^\d+$/.test(x) || x.length > 5), '13,37', 'ADMIS', 'CONTROLE', 'REFUSE']) {
        if (u === '/api/nothing/AZBTSUN') continue; // the deliberate 404 above
        expect(decodeURIComponent(u).includes(f), `${u} holds « ${f} »`).toBe(false);
      }
    }
  });

  it('no route has a parameter that could carry a name, a grade or a decision', () => {
    const params = new Set(appRoutes(app).flatMap((r) => [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!)));
    expect([...params].sort()).toEqual(['code', 'id', 'key', 'kind', 'login']);
    // query strings: only filters on codes, states, dates, pages (the journal's actor filter names a staff member, never a candidate)
    for (const c of CASES) expect(c.url({ c1: 1, c2: 2, c3: 3, c4: 4, c5: 5, jobA: 1, jobB: 2, docA: 'a', docB: 'b' })).not.toMatch(/nom=|note=|decision=|grade=/);
  });
});
