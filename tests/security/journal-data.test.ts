// The journal accounts for the data (issue #13 point 2, ADR 0013): what the tables hold — grades and
// bénéfices, jury states, liste rouge, présumés fraudeurs, 2nd-group choices and grades — must be
// exactly what the imports (a snapshot per jury in its chain) and the journaled changes produce.
// The findings of issue #13 reproduced: a grade set to 20,00 in SQL, a jury's etat edited, a grade
// deleted — `delib journal verify` exits non-zero naming each difference, and the PV of that jury
// says why it is not verified, while another jury's PV stays "vérifié".
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { verifyJournal } from '../../src/db/repositories/journal.js';
import { loadDemo, type DemoAccount } from '../../src/features/demo/load-demo.js';
import { changeStateExceptionally } from '../../src/features/juries/change-state-exceptionally.js';
import { describeDifference, verifyJournalData } from '../../src/features/journal/data-ledger.js';
import { loadJournalSeal, loadSessionAnchor } from '../../src/features/editions/snapshot/results.js';
import { journalSealLine } from '../../src/features/editions/produce-results.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { testApp, TestClock, type Session } from '../server/helpers.js';
import { runDelib } from './support.js';
import { pdfText } from '../features/editions/support.js';

const NOW = new Date('2023-06-06T08:00:00Z');

describeEachDialect('journal accounts for the data (direct database edits are named)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let accounts: DemoAccount[];
  const sessions = new Map<string, Session>();

  async function loginAs(login: string): Promise<Session> {
    if (sessions.has(login)) return sessions.get(login)!;
    const password = accounts.find((a) => a.login === login)!.password;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    let csrf = res.json().csrfToken as string;
    if (login.startsWith('jury-')) {
      const acting = await app.inject({ method: 'POST', url: '/api/auth/acting-member', headers: { cookie, 'x-csrf-token': csrf }, payload: { member: 'president' } });
      expect(acting.statusCode, acting.body).toBe(200);
      csrf = acting.json().csrfToken ?? csrf;
    }
    const s = { cookie, csrf } as Session;
    sessions.set(login, s);
    return s;
  }

  /** A numeric grade of the jury without bénéfice: candidate, épreuve, stored hundredths. */
  async function someGrade(jury: string, skip = 0) {
    return h.db.selectFrom('grade').innerJoin('candidate', 'candidate.id', 'grade.candidate_id')
      .select(['grade.candidate_id', 'grade.epreuve_code', 'grade.hundredths', 'grade.kind', 'grade.version', 'candidate.numero_candidat'])
      .where('candidate.jury_code', '=', jury).where('grade.kind', '=', 'NOTE').where('grade.benefice', 'is', null)
      .where('grade.hundredths', '<', 2000).orderBy('grade.candidate_id').orderBy('grade.epreuve_code').offset(skip).limit(1).executeTakeFirstOrThrow();
  }

  beforeAll(async () => {
    h = await freshDb(dialect);
    accounts = await loadDemo(h, NOW);
    app = await testApp(h, new TestClock());
    // journaled changes after the import: a grade change by jury 31310, an exceptional state change
    const jury = await loginAs('jury-31310');
    const g = await someGrade('31310');
    const res = await app.inject({
      method: 'POST', url: `/api/deliberation/candidates/${g.candidate_id}/grade-changes`, headers: { cookie: jury.cookie, 'x-csrf-token': jury.csrf },
      payload: { group: 1, epreuve: g.epreuve_code, value: '15,25', version: g.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    const academie = { role: 'academie' as const, login: 'academie', name: 'Service des examens', scope: 'A03' };
    await changeStateExceptionally(h, academie, '22207', { to: '105', reason: 'Notes à reprendre', expectedEtat: '110' }, new Date('2023-06-06T11:00:00Z'));
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('after the import and journaled changes, the data is exactly what the journal gives', async () => {
    const r = await verifyJournalData(h.db);
    expect(r.differences.map(describeDifference)).toEqual([]);
    expect(r.juries).toBeGreaterThanOrEqual(6);
    const snapshots = await h.db.selectFrom('journal').select('chain').where('action', '=', 'IMPORT_JURY').orderBy('chain').execute();
    expect(snapshots.map((s) => s.chain)).toEqual(['20112', '20113', '22207', '25302', '31310', '31408']);
    const cli = runDelib(h, ['journal', 'verify']);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/Données conformes au journal : \d+ jury\(s\)/);
  });

  it('UPDATE grade SET hundredths = 2000: verify names table, jury, candidate, field, expected and found', async () => {
    const g = await someGrade('31310', 1);
    await sql`UPDATE grade SET hundredths = 2000 WHERE candidate_id = ${g.candidate_id} AND epreuve_code = ${g.epreuve_code}`.execute(h.db);
    try {
      const r = await verifyJournalData(h.db);
      const expected = (g.hundredths! / 100).toFixed(2).replace('.', ',');
      expect(r.differences).toEqual([{
        table: 'grade', jury: '31310', candidateId: g.candidate_id, numero: g.numero_candidat, field: `note ${g.epreuve_code}`, expected, found: '20,00',
      }]);
      expect((await verifyJournal(h.db)).problems).toEqual([]); // the chain itself is intact: only the data check sees it
      const cli = runDelib(h, ['journal', 'verify']);
      expect(cli.status).toBe(1);
      expect(cli.stderr).toContain(`grade, jury 31310, candidat ${g.candidate_id} (n° ${g.numero_candidat}), note ${g.epreuve_code} : attendu ${expected}, trouvé 20,00`);
      expect(cli.stdout).not.toMatch(/Ancre de session/);
    } finally {
      await sql`UPDATE grade SET hundredths = ${g.hundredths} WHERE candidate_id = ${g.candidate_id} AND epreuve_code = ${g.epreuve_code}`.execute(h.db);
    }
  });

  it('a grade changed through the application, then edited in SQL, is compared with its journaled value', async () => {
    const changed = await h.db.selectFrom('grade').select(['candidate_id', 'epreuve_code', 'hundredths']).where('updated_at', 'is not', null).executeTakeFirstOrThrow();
    expect(changed.hundredths).toBe(1525);
    await sql`UPDATE grade SET hundredths = 1000 WHERE candidate_id = ${changed.candidate_id} AND epreuve_code = ${changed.epreuve_code}`.execute(h.db);
    try {
      expect((await verifyJournalData(h.db)).differences).toEqual([expect.objectContaining({ table: 'grade', expected: '15,25', found: '10,00' })]);
    } finally {
      await sql`UPDATE grade SET hundredths = 1525 WHERE candidate_id = ${changed.candidate_id} AND epreuve_code = ${changed.epreuve_code}`.execute(h.db);
    }
  });

  it('a jury\'s etat edited in SQL is named (the exceptional change journaled before is not)', async () => {
    await sql`UPDATE jury SET etat = '198' WHERE code = '31310'`.execute(h.db);
    try {
      const r = await verifyJournalData(h.db);
      expect(r.differences).toEqual([{ table: 'jury', jury: '31310', candidateId: null, numero: null, field: 'etat', expected: '110', found: '198' }]);
      const cli = runDelib(h, ['journal', 'verify']);
      expect(cli.status).toBe(1);
      expect(cli.stderr).toContain('jury, jury 31310, etat : attendu 110, trouvé 198');
    } finally {
      await sql`UPDATE jury SET etat = '110' WHERE code = '31310'`.execute(h.db);
    }
  });

  it('a grade deleted in SQL is named', async () => {
    const row = await h.db.selectFrom('grade').selectAll().where('candidate_id', '=', (await someGrade('31408')).candidate_id).where('kind', '=', 'NOTE').orderBy('epreuve_code').executeTakeFirstOrThrow();
    await sql`DELETE FROM grade WHERE candidate_id = ${row.candidate_id} AND epreuve_code = ${row.epreuve_code}`.execute(h.db);
    try {
      const r = await verifyJournalData(h.db);
      expect(r.differences).toEqual([expect.objectContaining({ table: 'grade', jury: '31408', candidateId: row.candidate_id, field: `note ${row.epreuve_code}`, found: '(aucune) (ligne absente)' })]);
      const cli = runDelib(h, ['journal', 'verify']);
      expect(cli.status).toBe(1);
      expect(cli.stderr).toMatch(new RegExp(`grade, jury 31408, candidat ${row.candidate_id} .*note ${row.epreuve_code} : attendu \\d+,\\d\\d, trouvé \\(aucune\\) \\(ligne absente\\)`));
    } finally {
      await h.db.insertInto('grade').values(row).execute();
    }
  });

  it('packed grades (what the results read, ADR 0021) edited in SQL are named; the grade rows keep them equal otherwise', async () => {
    const g = await someGrade('31310', 2);
    const row = await h.db.selectFrom('candidate_grades').select('packed').where('candidate_id', '=', g.candidate_id).executeTakeFirstOrThrow();
    const tampered = row.packed.split('\x1e').map((r) => (r.startsWith(`${g.epreuve_code}\x1f`) ? `${g.epreuve_code}\x1f2000` : r)).join('\x1e');
    expect(tampered).not.toBe(row.packed);
    await sql`UPDATE candidate_grades SET packed = ${tampered} WHERE candidate_id = ${g.candidate_id}`.execute(h.db);
    try {
      const expected = (g.hundredths! / 100).toFixed(2).replace('.', ',');
      expect((await verifyJournalData(h.db)).differences).toEqual([{
        table: 'candidate_grades', jury: '31310', candidateId: g.candidate_id, numero: g.numero_candidat,
        field: `note ${g.epreuve_code} (notes regroupées lues par les résultats)`, expected, found: '20,00',
      }]);
      const cli = runDelib(h, ['journal', 'verify']);
      expect(cli.status).toBe(1);
      expect(cli.stderr).toContain(`candidate_grades, jury 31310, candidat ${g.candidate_id} (n° ${g.numero_candidat}), note ${g.epreuve_code} (notes regroupées lues par les résultats) : attendu ${expected}, trouvé 20,00`);
    } finally {
      await sql`UPDATE candidate_grades SET packed = ${row.packed} WHERE candidate_id = ${g.candidate_id}`.execute(h.db);
    }
    // the same row deleted: every grade of that candidate is named
    await sql`DELETE FROM candidate_grades WHERE candidate_id = ${g.candidate_id}`.execute(h.db);
    try {
      const named = (await verifyJournalData(h.db)).differences;
      expect(named.length).toBeGreaterThan(0);
      expect(named.every((d) => d.table === 'candidate_grades' && d.candidateId === g.candidate_id && d.found === '(aucune)')).toBe(true);
    } finally {
      await sql`INSERT INTO candidate_grades (candidate_id, packed) VALUES (${g.candidate_id}, ${row.packed})`.execute(h.db);
    }
    expect((await verifyJournalData(h.db)).differences).toEqual([]);
  });

  it('flags, bénéfices, 2nd-group choices and grades, and a candidate moved to another jury are named too', async () => {
    const c = await h.db.selectFrom('candidate').select(['id', 'liste_rouge', 'presume_fraudeur', 'jury_code']).where('jury_code', '=', '31408').orderBy('id').executeTakeFirstOrThrow();
    const choice = await h.db.selectFrom('controle_choice').selectAll().executeTakeFirstOrThrow();
    const benefice = await h.db.selectFrom('grade').selectAll().where('benefice', 'is not', null).executeTakeFirst();
    await sql`UPDATE candidate SET liste_rouge = ${1 - c.liste_rouge}, presume_fraudeur = ${1 - c.presume_fraudeur} WHERE id = ${c.id}`.execute(h.db);
    await sql`UPDATE controle_choice SET epreuve_2 = 'U9' WHERE candidate_id = ${choice.candidate_id}`.execute(h.db);
    if (benefice) await sql`UPDATE grade SET benefice = NULL WHERE candidate_id = ${benefice.candidate_id} AND epreuve_code = ${benefice.epreuve_code}`.execute(h.db);
    try {
      const fields = (await verifyJournalData(h.db)).differences.map((d) => `${d.table}:${d.candidateId}:${d.field}`);
      expect(fields).toEqual(expect.arrayContaining([
        `candidate:${c.id}:liste_rouge`, `candidate:${c.id}:presume_fraudeur`, `controle_choice:${choice.candidate_id}:choix des épreuves`,
        ...(benefice ? [`grade:${benefice.candidate_id}:bénéfice ${benefice.epreuve_code}`] : []),
      ]));
    } finally {
      await sql`UPDATE candidate SET liste_rouge = ${c.liste_rouge}, presume_fraudeur = ${c.presume_fraudeur} WHERE id = ${c.id}`.execute(h.db);
      await sql`UPDATE controle_choice SET epreuve_2 = ${choice.epreuve_2} WHERE candidate_id = ${choice.candidate_id}`.execute(h.db);
      if (benefice) await sql`UPDATE grade SET benefice = ${benefice.benefice} WHERE candidate_id = ${benefice.candidate_id} AND epreuve_code = ${benefice.epreuve_code}`.execute(h.db);
    }
    await sql`UPDATE candidate SET jury_code = '31310' WHERE id = ${c.id}`.execute(h.db);
    try {
      const moved = (await verifyJournalData(h.db)).differences.filter((d) => d.candidateId === c.id).map((d) => `${d.jury}:${d.field}:${d.expected}:${d.found}`);
      expect(moved).toEqual(expect.arrayContaining(['31408:jury:31408:absent du jury', '31310:jury:absent du jury:31310']));
    } finally {
      await sql`UPDATE candidate SET jury_code = ${c.jury_code} WHERE id = ${c.id}`.execute(h.db);
    }
    const grade2 = await h.db.selectFrom('controle_grade').selectAll().where('kind', '=', 'NOTE').executeTakeFirst();
    if (grade2) {
      await sql`UPDATE controle_grade SET hundredths = 2000 WHERE candidate_id = ${grade2.candidate_id} AND epreuve_code = ${grade2.epreuve_code}`.execute(h.db);
      try {
        expect((await verifyJournalData(h.db)).differences).toEqual([expect.objectContaining({ table: 'controle_grade', candidateId: grade2.candidate_id, found: '20,00' })]);
      } finally {
        await sql`UPDATE controle_grade SET hundredths = ${grade2.hundredths} WHERE candidate_id = ${grade2.candidate_id} AND epreuve_code = ${grade2.epreuve_code}`.execute(h.db);
      }
    }
    expect((await verifyJournalData(h.db)).differences).toEqual([]);
  });

  it('the PV says "vérifié" only for a jury whose data the journal accounts for; otherwise it says why', async () => {
    const centre = await loginAs('centre-0250001R');
    const g = await someGrade('20112');
    await sql`UPDATE grade SET hundredths = 2000 WHERE candidate_id = ${g.candidate_id} AND epreuve_code = ${g.epreuve_code}`.execute(h.db);
    try {
      const job = await app.inject({
        method: 'POST', url: '/api/editions/pv-tenue/documents', headers: { cookie: centre.cookie, 'x-csrf-token': centre.csrf },
        payload: { juries: ['20112', '25302'], title: 'PV', format: 'csv' },
      });
      expect(job.statusCode, job.body.slice(0, 300)).toBe(200);
      const head = await loadSessionAnchor(h.db);
      const bad = await loadJournalSeal(h.db, '20112', head);
      const good = await loadJournalSeal(h.db, '25302', head);
      expect(good.problems).toEqual([]);
      expect(journalSealLine(good, '25302')).toMatch(/^Jury 25302 — Journal des modifications vérifié ; ancre imprimée sur le PV : \d+:[0-9a-f]{64}$/);
      expect(bad.problems).toEqual([expect.stringContaining(`donnée modifiée hors journal : grade, jury 20112, candidat ${g.candidate_id}`)]);
      expect(journalSealLine(bad, '20112')).toMatch(/^Jury 20112 — ATTENTION : le journal des modifications ne se vérifie pas — 1 anomalie\(s\), dont « donnée modifiée hors journal : grade, jury 20112/);
      expect(journalSealLine(bad, '20112')).not.toMatch(/vérifié/);
      // the PDF of 20112 carries the warning box with the reason; 25302's does not
      const pdf = async (code: string) => {
        const res = await app.inject({
          method: 'POST', url: '/api/editions/pv-tenue/documents', headers: { cookie: centre.cookie, 'x-csrf-token': centre.csrf },
          payload: { juries: [code], title: 'PV', format: 'pdf' },
        });
        expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
        return res.rawPayload;
      };
      const warned = pdfText(await pdf('20112')).replace(/\s+/g, ' ');
      expect(warned).toMatch(/ATTENTION : le journal des modifications ne se vérifie pas — 1 anomalie\(s\), dont « donnée modifiée hors journal : grade, jury 20112/);
      expect(pdfText(await pdf('25302'))).not.toMatch(/ATTENTION/);
    } finally {
      await sql`UPDATE grade SET hundredths = ${g.hundredths} WHERE candidate_id = ${g.candidate_id} AND epreuve_code = ${g.epreuve_code}`.execute(h.db);
    }
  });
});
