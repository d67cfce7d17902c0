// Issue #14 "Documents": each document as the memo shows it, on the demonstration session, on SQLite
// and PostgreSQL (the text of the PDFs read back with pdftotext, the CSV files as bytes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '../../../src/db/connect.js';
import { findStoredGrade } from '../../../src/db/repositories/grades.js';
import { findUser } from '../../../src/db/repositories/users.js';
import { changeGrade } from '../../../src/features/deliberation/change-grade.js';
import { getStatistics } from '../../../src/features/deliberation/get-statistics.js';
import type { Actor } from '../../../src/domain/types.js';
import { loadDemo } from '../../../src/features/demo/load-demo.js';
import { produceEdition } from '../../../src/features/editions/produce-edition.js';
import { checkSchedule } from '../../../src/features/editions/request-edition.js';
import { listChoicesGrid } from '../../../src/features/second-group/list-choices.js';
import { saveChoices } from '../../../src/features/second-group/save-choices.js';
import { listScheduleRows, saveScheduleRows } from '../../../src/features/second-group/schedule.js';
import { changeStateExceptionally } from '../../../src/features/juries/change-state-exceptionally.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { candidate, jury } from '../../support/factories.js';
import { runDelib } from '../../security/support.js';
import { pdfText, unzip } from './support.js';

const NOW = new Date('2023-06-06T09:18:00.000Z');
const ACADEMIE: Actor = { role: 'academie', login: 'academie', name: 'Service des examens', scope: 'A03' };
const CENTRE: Actor = { role: 'centre', login: 'centre-0250001R', name: 'Chef de centre', scope: '0250001R' };

async function one(h: DbHandle, actor: Actor, request: Record<string, unknown>) {
  const files = await produceEdition(h.db, actor, { title: 'Essai', ...request }, NOW);
  expect(files).toHaveLength(1);
  return files[0]!;
}

const RLN = { signatureLieu: 'Besançon', signatureDate: '06/06/2023', etablissement: true, mail: true, telephone: false };

async function move(h: DbHandle, code: string, from: string, to: string) {
  await changeStateExceptionally(h, ACADEMIE, code, { to: to as never, reason: 'test des éditions', expectedEtat: from as never }, NOW);
}

/** A jury member changes the `nth` plain grade of his jury (+1,33 point); returns the old and new values. */
async function changeBy(h: DbHandle, jury: string, member: 'president' | 'vice_president', nth: number) {
  const rows = await h.db.selectFrom('grade as g').innerJoin('candidate as c', 'c.id', 'g.candidate_id')
    .select(['c.id', 'g.epreuve_code', 'g.hundredths'])
    .where('c.jury_code', '=', jury).where('g.kind', '=', 'NOTE').where('g.benefice', 'is', null).where('g.hundredths', '<', 1800)
    .orderBy('c.id').orderBy('g.epreuve_code').execute();
  const row = rows[nth]!;
  const user = (await findUser(h.db, `jury-${jury}`))!;
  const j = (await h.db.selectFrom('jury').select(['president', 'vice_president']).where('code', '=', jury).executeTakeFirstOrThrow());
  const name = member === 'president' ? j.president : j.vice_president;
  const stored = await findStoredGrade(h.db, 'grade', row.id, row.epreuve_code);
  const after = row.hundredths! + 133;
  await changeGrade(h, {
    actor: { role: 'jury', login: user.login, name, scope: jury }, user, sessionId: 'test', csrfToken: 'test', actingMember: member,
  }, row.id, { group: 1, epreuve: row.epreuve_code, value: (after / 100).toFixed(2).replace('.', ','), version: stored.version }, NOW);
  return { before: row.hundredths!, after };
}

/** "9,00" */
const fr = (hundredths: number) => (hundredths / 100).toFixed(2).replace('.', ',');

/** The N° anonymat of a text, in their order of appearance. */
function anonymats(text: string): string[] {
  return [...text.matchAll(/T230A\d{9}/g)].map((m) => m[0]);
}

describeEachDialect('documents as the memo shows them (issue #14)', (dialect) => {
  let h: DbHandle;

  beforeAll(async () => {
    h = await freshDb(dialect);
    await loadDemo(h, NOW);
  });
  afterAll(async () => {
    await h.close();
  });

  describe('1. anonymous documents in N° anonymat order', () => {
    it('liste anonyme (PDF and CSV) sorted by N° anonymat', async () => {
      const text = pdfText((await one(h, CENTRE, { kind: 'liste-anonyme', juries: ['31310', '22207'] })).data);
      const seen = anonymats(text);
      expect(seen.length).toBeGreaterThan(10);
      for (const code of ['T230A031', 'T230A022']) {
        const ofJury = seen.filter((a) => a.startsWith(code));
        expect(ofJury, code).toEqual([...ofJury].sort());
      }
      const csv = (await one(h, CENTRE, { kind: 'liste-anonyme', juries: ['31310'], format: 'csv' })).data.toString('utf8');
      const rows = anonymats(csv);
      expect(rows).toEqual([...rows].sort());
    });

    it('PVIs of the plan de secours in N° anonymat order', async () => {
      const [file] = await produceEdition(h.db, CENTRE, { kind: 'plan-secours', juries: ['31310'], title: 'Plan', format: 'zip' }, NOW, { portalUrl: 'https://delib.example' });
      const pvi = pdfText(unzip(file!.data)['PVI_31310.pdf']!);
      const seen = [...pvi.matchAll(/N° Anonymat : (T230A\d{9})/g)].map((m) => m[1]!);
      expect(seen.length).toBeGreaterThan(5);
      expect(seen).toEqual([...seen].sort());
    });
  });

  describe('10 (g). the jury\'s statistics screen has the memo\'s spécialité columns', () => {
    it('by decision: the jury and its spécialité (every jury of it), the same figures as the statistics PDF', async () => {
      // a second jury of spécialité 31310, with one candidate still without grades
      await jury(h.db, '31399', { specialite: '31310', centre: '0250001R', etat: '110' });
      const extra = await candidate(h.db, { jury: '31399', id: 99_001 });
      try {
        const user = (await findUser(h.db, 'jury-31310'))!;
        const auth = { actor: { role: 'jury' as const, login: user.login, name: user.name, scope: '31310' }, user, sessionId: 't', csrfToken: 't', actingMember: null };
        const t = (await getStatistics(h.db, auth, '31310')).byDecision;
        expect(t.total.specialiteCount).toBe(t.total.count + 1);
        expect(t.incomplete.specialiteCount).toBe(t.incomplete.count + 1);
        expect(t.positive.find((x) => x.decision === 'ADMIS')!.specialiteCount).toBe(t.positive.find((x) => x.decision === 'ADMIS')!.count);
        expect(t.total.specialitePercent).toBe('100,00 %');
        // the statistics handed to the juries (PDF/CSV) say the same
        const csv = (await one(h, CENTRE, { kind: 'stats-decision', juries: ['31310'], format: 'csv' })).data.toString('utf8').split('\r\n');
        const admis = csv.find((l) => l.startsWith('31310;Admis;'))!.split(';');
        const row = t.positive.find((x) => x.decision === 'ADMIS')!;
        expect([Number(admis[2]), Number(admis[4])]).toEqual([row.count, row.specialiteCount]);
        expect(admis[5]!.replace('%', '')).toBe(row.specialitePercent!.replace(' %', ''));
      } finally {
        await h.db.deleteFrom('candidate').where('id', '=', extra).execute();
        await h.db.deleteFrom('jury').where('code', '=', '31399').execute();
      }
    });
  });

  describe('2. papillon: the printed address accepts the printed credentials', () => {
    it('prints the emergency portal (/secours), not the accounts\' login page', async () => {
      const [file] = await produceEdition(h.db, CENTRE, { kind: 'plan-secours', juries: ['31310'], title: 'Plan', format: 'zip' }, NOW, { portalUrl: 'https://delib.example/connexion' });
      const papillon = pdfText(unzip(file!.data)['Papillon_31310.pdf']!);
      expect(papillon).toMatch(/Adresse \(URL\) :\s+https:\/\/delib\.example\/secours\n/);
      expect(papillon).toMatch(/Identifiant du jury :\s+secours-31310/);
      expect(papillon).not.toContain('/connexion');
    });

    it('`delib edition plan-secours` warns when the public address is not set, and prints --adresse when given', () => {
      const dir = mkdtempSync(join(tmpdir(), 'delib-plan-'));
      const r = runDelib(h, ['edition', 'plan-secours', '--jury', '31310', '--out', join(dir, 'plan.zip')], { DELIB_PUBLIC_URL: '' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/Attention : l'adresse publique de Délib n'est pas définie \(DELIB_PUBLIC_URL ou --adresse\) : les papillons impriment « http:\/\/localhost:\d+\/secours »/);
      const set = runDelib(h, ['edition', 'plan-secours', '--jury', '31310', '--out', join(dir, 'plan2.zip')], { DELIB_PUBLIC_URL: 'https://delib.ac-besancon.fr' });
      expect(set.status, set.stderr).toBe(0);
      expect(set.stderr).not.toContain('Attention');
      const given = runDelib(h, ['edition', 'plan-secours', '--jury', '31310', '--adresse', 'https://examens.example.fr/', '--out', join(dir, 'plan3.zip')], { DELIB_PUBLIC_URL: '' });
      expect(given.status, given.stderr).toBe(0);
      expect(given.stderr).not.toContain('Attention');
      // one jury: its zip itself
      expect(pdfText(unzip(readFileSync(join(dir, 'plan3.zip')))['Papillon_31310.pdf']!)).toContain('https://examens.example.fr/secours');
      expect(runDelib(h, ['edition', 'plan-secours', '--jury', '31310', '--adresse', 'delib.example', '--out', join(dir, 'plan4.zip')]).status).toBe(2);
    });
  });

  describe('10. stats, PVI, CSV, RLN, PDF dates', () => {
    it('(a) an optional unit (UF1) not chosen is not a missing grade: stats par épreuve (PDF, CSV) and the jury\'s screen', async () => {
      const csv = (await one(h, CENTRE, { kind: 'stats-epreuve', juries: ['31310'], format: 'csv' })).data.toString('utf8');
      const uf1 = csv.split('\r\n').find((l) => l.startsWith('31310;UF1 '))!;
      expect(uf1.split(';').at(-1), uf1).toBe('0');
      // a compulsory unit without a grade still is missing (the demo's candidate without U41)
      expect(csv.split('\r\n').find((l) => l.startsWith('31310;U41 '))!.split(';').at(-1)).toBe('1');
      const pdf = pdfText((await one(h, CENTRE, { kind: 'stats-epreuve', juries: ['31310'] })).data);
      expect(pdf).toMatch(/UF1 Langue vivante 2 \(facultative\)(\s+\S+){8}\s+0\n/);
      const user = (await findUser(h.db, 'jury-31310'))!;
      const auth = { actor: { role: 'jury' as const, login: user.login, name: user.name, scope: '31310' }, user, sessionId: 't', csrfToken: 't', actingMember: null };
      const screen = await getStatistics(h.db, auth, '31310');
      expect(screen.byEpreuve.find((e) => e.code === 'UF1')!.missing).toBe(0);
      expect(screen.byEpreuve.find((e) => e.code === 'U41')!.missing).toBe(1);
    });

    it('(b) the 1st-group PVI of the plan de secours shows the 1st group only, not the contrôle as "résultat incomplet"', async () => {
      const [file] = await produceEdition(h.db, CENTRE, { kind: 'plan-secours', juries: ['31310'], title: 'Plan', format: 'zip' }, NOW, { portalUrl: 'https://delib.example' });
      const pvi = pdfText(unzip(file!.data)['PVI_31310.pdf']!);
      expect(pvi).toContain('DECISION PROPOSEE: Passe les épreuves de contrôle');
      expect(pvi).not.toContain('Note de contrôle manquante');
      expect(pvi).not.toContain('Épreuves de contrôle :');
      expect(pvi).not.toContain('RÉSULTAT : Épreuves de contrôle');
    });

    it('(c, d) the PV CSV gives every candidate\'s N° Candidat; the stats CSV names each Total', async () => {
      const stats = (await one(h, CENTRE, { kind: 'stats-decision', juries: ['31310'], format: 'csv' })).data.toString('utf8').split('\r\n');
      expect(stats.filter((l) => l.startsWith('31310;Total')).map((l) => l.split(';')[1])).toEqual(['Total décisions positives', 'Total décisions négatives', 'Total sans décision', 'Total']);
      const pv = (await one(h, ACADEMIE, { kind: 'pv-tenue', juries: ['20112'], format: 'csv' })).data.toString('utf8').split('\r\n').slice(1).filter(Boolean);
      expect(pv.length).toBeGreaterThan(5);
      for (const line of pv) expect(line.split(';')[1], line).toMatch(/^\d{11} - \d{3}$/);
    });

    it('(e) RLN grouped by établissement: a heading page before each établissement\'s relevés', async () => {
      const text = pdfText((await one(h, CENTRE, { kind: 'rln', juries: ['25302'], rln: { ...RLN, groupBy: 'etablissement' } })).data);
      const pages = text.split('\f');
      const headings = pages.filter((p) => /RELEVÉS DE NOTES - BREVET DE TECHNICIEN SUPÉRIEUR - Session 2023-06/.test(p));
      expect(headings.length).toBeGreaterThanOrEqual(1);
      for (const p of headings) expect(p).toMatch(/Etablissement d'inscription : [^\n]+\n(?:[^\n]*\n)*?\s*\d+ relevé\(s\) de notes/);
      // the heading comes right before the relevés of its établissement
      const first = pages.findIndex((p) => headings.includes(p));
      expect(pages[first + 1]).toContain('RELEVÉ DE NOTES');
      // without grouping by établissement, no heading page
      const plain = pdfText((await one(h, CENTRE, { kind: 'rln', juries: ['25302'], rln: RLN })).data);
      expect(plain).not.toContain('RELEVÉS DE NOTES -');
    });
  });

  describe('3. the 2nd-group dates: the centre de délibération enters them, the convocations warn without', () => {
    it('lists every épreuve without date before convocations and bordereaux; the centre dates one, it leaves the list and the convocation', async () => {
      // two CONTROLE candidates of 31408 choose their épreuves (the demo has no choice there)
      const grid = await listChoicesGrid(h.db, CENTRE);
      const units = grid.units['31408']!.map((u) => u.code);
      const chosen = grid.rows.filter((r) => r.juryCode === '31408').slice(0, 2);
      expect(chosen).toHaveLength(2);
      const saved = await saveChoices(h, CENTRE, chosen.map((r) => ({ candidateId: r.candidateId, epreuve1: units[0]!, epreuve2: units[1]!, expectedVersion: r.version })), NOW);
      expect(saved.results.map((r) => r.status)).toEqual(['saved', 'saved']);
      await move(h, '31408', '198', '200');
      try {
        const first = await checkSchedule(h.db, CENTRE, 'convocations', ['31408'], NOW);
        expect(first.count).toBeGreaterThan(0);
        expect(first.warning).toMatch(/^\d+ épreuve\(s\) du 2nd groupe n'ont pas de date ou d'heure : les convocations porteront « À communiquer »/);
        const m = first.missing[0]!;
        expect(m.candidat).toMatch(/^[A-ZÉ-]+ .+ \(\d{11}\)$/);
        expect(m).toMatchObject({ jury: '31408', manque: 'date et heure' });
        expect((await checkSchedule(h.db, CENTRE, 'bordereaux', ['31408'], NOW)).warning).toMatch(/les bordereaux de notation porteront « À communiquer »/);

        // the centre de délibération dates the épreuves of its candidates (the schedule screen's API)
        const { rows } = await listScheduleRows(h.db, CENTRE);
        const row = rows.find((r) => r.specialiteCode === '31408' && m.epreuve.startsWith(`${r.epreuveCode} `))!;
        expect(row, m.epreuve).toBeDefined();
        const res = await saveScheduleRows(h, CENTRE, [{ centreEpreuveUai: row.centreEpreuveUai, specialiteCode: '31408', epreuveCode: row.epreuveCode, date: '03/07/2023', heure: '09:30', salle: 'B12', expectedVersion: row.version }], NOW);
        expect(res.results[0]!.status).toBe('saved');
        const after = await checkSchedule(h.db, CENTRE, 'convocations', ['31408'], NOW);
        expect(after.count).toBeLessThan(first.count);
        expect(after.missing.filter((x) => x.epreuve === m.epreuve && x.centreEpreuve === m.centreEpreuve)).toEqual([]);
        const convocations = pdfText((await one(h, CENTRE, { kind: 'convocations', juries: ['31408'] })).data);
        expect(convocations).toContain('03/07/2023 09:30');

        // the command line warns the same way, with the list
        const out = join(mkdtempSync(join(tmpdir(), 'delib-convoc-')), 'convocations.pdf');
        const r = runDelib(h, ['edition', 'convocations', '--jury', '31408', '--out', out]);
        expect(r.status, r.stderr).toBe(0);
        expect(r.stderr).toMatch(/Attention : \d+ épreuve\(s\) du 2nd groupe n'ont pas de date ou d'heure/);
        expect(r.stderr).toMatch(/ {2}- [A-ZÉ-]+ .+ \(\d{11}\) - jury 31408 : U\S+ .+ - sans date et heure/);
      } finally {
        await move(h, '31408', '200', '198');
        await h.db.deleteFrom('controle_choice').where('candidate_id', 'in', chosen.map((r) => r.candidateId)).execute();
      }
    });
  });

  describe('9. liste des élèves avec livret scolaire', () => {
    it('its own title, the livret status column, a section per établissement; the CSV too', async () => {
      const text = pdfText((await one(h, CENTRE, { kind: 'livrets', juries: ['31310', '22207'], eleves: true, confirmed: true })).data);
      expect(text).toContain('Liste des élèves avec livret scolaire');
      expect(text).not.toContain('Liste des candidats pour la préparation des livrets scolaires\n');
      expect(text).toMatch(/Statut livret/);
      expect(text).toMatch(/AZBTSUN John\s+SCOLAIRE\s+Reçu/);
      expect(text).toMatch(/DOE John\s+SCOLAIRE\s+Sans statut/);
      expect(text).toMatch(/BOURGEOIS Aurélie\s+SCOLAIRE\s+Non reçu/);
      expect(text).toContain("Etablissement d'inscription : LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)");
      expect(text).not.toMatch(/APPRENTI|FORMATION CONTINUE/);
      const csv = (await one(h, CENTRE, { kind: 'livrets', juries: ['31310'], eleves: true, confirmed: true, format: 'csv' })).data.toString('utf8');
      expect(csv.split('\r\n')[0]).toBe("\uFEFFJury;N° Anonymat;N° Candidat;Nom / Prénoms;Catégorie;Statut livret;Etablissement d'inscription");
      expect(csv).toMatch(/DOE John;SCOLAIRE;Sans statut;/);
    });

    it('`delib edition livrets` warns about SCOLAIRE candidates without a livret status, as the screen', () => {
      const out = join(mkdtempSync(join(tmpdir(), 'delib-livrets-')), 'eleves.pdf');
      const r = runDelib(h, ['edition', 'livrets', '--eleves', '--jury', '31310', '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/Attention : Des candidats scolaires n'ont pas de statut livret \(\d+ candidat\(s\)\)/);
      expect(pdfText(readFileSync(out))).toContain('Liste des élèves avec livret scolaire');
    });
  });

  describe('7. « ACADÉMIE DE BESANÇON » on every document header', () => {
    it('every PDF of the demonstration prints the académie with its accents', async () => {
      const pdfs: [string, Buffer][] = [];
      const add = async (request: Record<string, unknown>) => {
        pdfs.push([String(request.kind), (await one(h, CENTRE, request)).data]);
      };
      await add({ kind: 'livrets', juries: ['31310'], confirmed: true });
      for (const kind of ['liste-anonyme', 'liste-correspondance', 'liste-handicap', 'liste-triee', 'stats-decision', 'stats-epreuve']) await add({ kind, juries: ['22207'] });
      for (const kind of ['resultats-admis', 'resultats-controle', 'resultats-non-admis', 'pv-tenue']) await add({ kind, juries: ['20112'] });
      await add({ kind: 'resultats-centre-epreuve', juries: ['20112'], list: 'admis' });
      await add({ kind: 'rln', juries: ['25302'], rln: RLN });
      await add({ kind: 'fraudeurs-liste-rouge', juries: [] });
      const [plan] = await produceEdition(h.db, CENTRE, { kind: 'plan-secours', juries: ['22207'], title: 'Plan', format: 'zip' }, NOW, { portalUrl: 'https://delib.example' });
      for (const [name, data] of Object.entries(unzip(plan!.data))) if (name.endsWith('.pdf')) pdfs.push([name, Buffer.from(data)]);
      await move(h, '31408', '198', '200');
      for (const kind of ['convocations', 'bordereaux', 'notes-manquantes']) await add({ kind, juries: ['31408'] });
      await move(h, '31408', '200', '198');
      expect(pdfs.length).toBeGreaterThanOrEqual(20);
      for (const [name, data] of pdfs) expect(pdfText(data), name).toMatch(/ACADÉMIE DE\s+BESANÇON/); // the RLN: on two lines, as the memo
    });
  });

  describe('after the 1st-group deliberations', () => {
    let vice31310: { before: number; after: number };

    beforeAll(async () => {
      // 31310: only the vice-présidente changes a grade; 22207: the président and the vice-président
      vice31310 = await changeBy(h, '31310', 'vice_president', 0);
      await changeBy(h, '22207', 'president', 0);
      await changeBy(h, '22207', 'vice_president', 1);
      await move(h, '31310', '110', '130');
      await move(h, '22207', '110', '130');
    });

    it('5. the PV is signed by whoever changed grades: the vice-présidente alone, or both', async () => {
      const pv31310 = pdfText((await one(h, CENTRE, { kind: 'pv-tenue', juries: ['31310'] })).data);
      expect(pv31310).toContain('Martin Claire, Vice-président du jury 31310');
      expect(pv31310).not.toContain('Président du jury 31310');
      const pv22207 = pdfText((await one(h, CENTRE, { kind: 'pv-tenue', juries: ['22207'] })).data);
      expect(pv22207).toContain('Morel Isabelle, Président du jury 22207');
      expect(pv22207).toContain('Lambert Olivier, Vice-président du jury 22207');
      // nobody changed a grade: the président
      const pv20112 = pdfText((await one(h, CENTRE, { kind: 'pv-tenue', juries: ['20112'] })).data);
      expect(pv20112).toContain('Fontaine Marc, Président du jury 20112');
      expect(pv20112).not.toContain('Vice-président');
    });

    it('6. numbers: two decimals and a decimal comma in every document (PV, statistics, lists, RLN, PVI)', async () => {
      const pv = pdfText((await one(h, CENTRE, { kind: 'pv-tenue', juries: ['31310'] })).data);
      expect(pv).toMatch(new RegExp(`${fr(vice31310.before)}\\s+${fr(vice31310.after)}\\s+MARTIN Claire`));
      const texts = [
        pv,
        pdfText((await one(h, ACADEMIE, { kind: 'stats-epreuve', juries: ['20113'] })).data),
        pdfText((await one(h, ACADEMIE, { kind: 'stats-decision', juries: ['20113'] })).data),
        pdfText((await one(h, CENTRE, { kind: 'rln', juries: ['25302'], rln: RLN })).data),
        (await one(h, CENTRE, { kind: 'pv-tenue', juries: ['31310'], format: 'csv' })).data.toString('utf8'),
        (await one(h, ACADEMIE, { kind: 'stats-epreuve', juries: ['20113'], format: 'csv' })).data.toString('utf8'),
      ];
      for (const t of texts) {
        expect(t).not.toMatch(/\d\.\d/);
        // every decimal number has exactly two decimals
        for (const m of t.matchAll(/\d+,(\d+)/g)) expect(m[1], m[0]).toHaveLength(2);
      }
    });
  });

  describe('8. présumés fraudeurs / liste rouge headed with the centre', () => {
    it('without a jury selection, a chef de centre gets his centre on top, not the rectorat', async () => {
      const text = pdfText((await one(h, CENTRE, { kind: 'fraudeurs-liste-rouge', juries: [] })).data);
      expect(text).toContain('LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)');
      expect(text).not.toContain('Rectorat');
    });
  });
});
