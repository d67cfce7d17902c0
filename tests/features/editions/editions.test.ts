// The editions on the demonstration session, on SQLite and PostgreSQL: state rules from the domain,
// publication embargo, display lists without liste rouge / présumés fraudeurs (the PV keeps them,
// with the journal's grade modifications), the golden RLN, the emergency plan's zip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/connect.js';
import { findStoredGrade } from '../../../src/db/repositories/grades.js';
import { getEmergencyPasswordHash } from '../../../src/db/repositories/juries.js';
import { findUser } from '../../../src/db/repositories/users.js';
import { verifyZip } from '../../../src/documents/zip.js';
import type { Actor } from '../../../src/domain/types.js';
import { verifyPassword } from '../../../src/features/auth/password.js';
import { changeGrade } from '../../../src/features/deliberation/change-grade.js';
import { loadDemo } from '../../../src/features/demo/load-demo.js';
import { produceEdition } from '../../../src/features/editions/produce-edition.js';
import { listEditionJuries } from '../../../src/features/editions/select-juries.js';
import { resolveScope } from '../../../src/features/editions/select-juries.js';
import { loadContext } from '../../../src/features/editions/snapshot/context.js';
import { loadPvTenue } from '../../../src/features/editions/snapshot/results.js';
import { changeStateExceptionally } from '../../../src/features/juries/change-state-exceptionally.js';
import { AppError } from '../../../src/errors/app-error.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { pdfPages, pdfText, unzip } from './support.js';

const NOW = new Date('2023-06-06T09:18:00.000Z');
const CENTRE: Actor = { role: 'centre', login: 'centre-0250001R', name: 'Chef de centre', scope: '0250001R' };
const ACADEMIE: Actor = { role: 'academie', login: 'academie', name: "Service des examens", scope: 'A03' };
const EPREUVE: Actor = { role: 'centre_epreuve', login: 'epreuve-0250013D', name: "Chef de centre d'épreuve", scope: '0250013D' };
const RLN = { signatureLieu: 'Besançon', signatureDate: '06/06/2023', etablissement: true, mail: true, telephone: false };

async function one(h: DbHandle, actor: Actor, request: Record<string, unknown>) {
  const files = await produceEdition(h.db, actor, { title: 'Essai', ...request }, NOW);
  expect(files).toHaveLength(1);
  return files[0]!;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

async function move(h: DbHandle, code: string, from: '110' | '198', to: '130' | '140' | '200') {
  await changeStateExceptionally(h, ACADEMIE, code, { to, reason: 'test des éditions', expectedEtat: from }, NOW);
}

describeEachDialect('editions', (dialect) => {
  let h: DbHandle;

  beforeAll(async () => {
    h = await freshDb(dialect);
    await loadDemo(h, NOW);
  });
  afterAll(async () => {
    await h.close();
  });

  it('offers every jury of the scope, the ineligible ones greyed with the reason from the domain', async () => {
    const { juries } = await listEditionJuries(h.db, CENTRE, 'liste-anonyme');
    expect(juries.map((j) => j.code)).toEqual(['20112', '22207', '25302', '31310', '31408']);
    const byCode = Object.fromEntries(juries.map((j) => [j.code, j]));
    expect(byCode['31310']).toMatchObject({ selectable: true, reason: null, etat: '110' });
    expect(byCode['20112']).toMatchObject({ selectable: false });
    expect(byCode['20112']!.reason).toBe("Jury à l'état 130 : édition disponible à l'état 110 (Délibération du 1er groupe)");
    const rln = await listEditionJuries(h.db, CENTRE, 'rln');
    expect(rln.juries.filter((j) => j.selectable).map((j) => j.code)).toEqual(['25302', '31408']);
  });

  it('refuses ineligible juries, out-of-scope juries and other roles', async () => {
    const e = await refusal(produceEdition(h.db, CENTRE, { kind: 'liste-anonyme', juries: ['20112'], title: 'x' }, NOW));
    expect(e.code).toBe('GUARD_REFUSED');
    expect(e.message).toMatch(/jury 20112 : Jury à l'état 130/);
    expect((await refusal(produceEdition(h.db, CENTRE, { kind: 'liste-anonyme', juries: ['20113'], title: 'x' }, NOW))).code).toBe('NOT_FOUND');
    expect((await refusal(produceEdition(h.db, EPREUVE, { kind: 'liste-anonyme', juries: ['31408'], title: 'x' }, NOW))).code).toBe('FORBIDDEN');
    expect((await refusal(produceEdition(h.db, CENTRE, { kind: 'liste-anonyme', juries: ['31310'], title: '  ' }, NOW))).code).toBe('VALIDATION');
    expect((await refusal(produceEdition(h.db, CENTRE, { kind: 'liste-anonyme', juries: [], title: 'x' }, NOW))).message).toBe('Sélectionnez au moins un jury.');
  });

  it('publication embargo: no result list, PV or RLN for a jury below 130, in any format', async () => {
    for (const kind of ['resultats-admis', 'resultats-controle', 'resultats-non-admis', 'resultats-centre-epreuve', 'pv-tenue']) {
      for (const format of ['pdf', 'csv']) {
        const e = await refusal(produceEdition(h.db, CENTRE, { kind, juries: ['31310'], title: 'x', format }, NOW));
        expect(e.code, `${kind} ${format}`).toBe('GUARD_REFUSED');
      }
    }
    expect((await refusal(produceEdition(h.db, CENTRE, { kind: 'rln', juries: ['31310'], title: 'x', rln: RLN }, NOW))).code).toBe('GUARD_REFUSED');
    expect((await refusal(produceEdition(h.db, ACADEMIE, { kind: 'resultats-admis', juries: ['20113'], title: 'x' }, NOW))).code).toBe('GUARD_REFUSED');
  });

  it('livrets: warns that SCOLAIRE candidates have no livret status, produces once confirmed', async () => {
    const e = await refusal(produceEdition(h.db, CENTRE, { kind: 'livrets', juries: ['31310'], title: 'Livrets' }, NOW));
    expect(e.message).toMatch(/^Des candidats scolaires n'ont pas de statut livret \(\d+ candidat\(s\)\)/);
    const pdf = await one(h, CENTRE, { kind: 'livrets', juries: ['31310'], title: 'Livrets juin', confirmed: true });
    expect(pdf.name).toBe('Livrets_juin.pdf');
    const text = pdfText(pdf.data);
    expect(text).toContain('Liste des candidats pour la préparation des livrets scolaires');
    expect(text).toContain('Livrets juin');
    expect(text).toMatch(/T230A031000004\s/);
    expect(text).toContain('AZBTSUN John');
    expect(text).toContain('LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)');
    const csv = await one(h, CENTRE, { kind: 'livrets', juries: ['31310'], title: 'Livrets juin', confirmed: true, format: 'csv' });
    expect(csv.name).toBe('Livrets_juin.csv');
    expect(csv.data.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('plan de secours (110): one zip per jury with a PVI page per candidate, the statistics and a papillon with a fresh password', async () => {
    const [file] = await produceEdition(h.db, CENTRE, { kind: 'plan-secours', juries: ['31310'], title: 'Plan de secours', format: 'zip' }, NOW, { portalUrl: 'https://delib.example/connexion' });
    expect(file!.name).toBe('DELIB_0250001R_BTS_2023-06_GRD_1_31310.zip');
    expect(verifyZip(file!.data)).toMatchObject({ ok: true, files: 3 });
    const files = unzip(file!.data);
    expect(Object.keys(files).sort()).toEqual(['MANIFEST.sha256', 'PVI_31310.pdf', 'Papillon_31310.pdf', 'Statistiques_31310.pdf']);
    const count = Number((await h.db.selectFrom('candidate').select((eb) => eb.fn.countAll<number>().as('n')).where('jury_code', '=', '31310').executeTakeFirstOrThrow()).n);
    const pvi = pdfText(files['PVI_31310.pdf']!);
    expect(pdfPages(files['PVI_31310.pdf']!)).toBe(count);
    expect(pvi.match(/N° Anonymat : T230A0310/g)).toHaveLength(count);
    expect(pvi).toContain('AZBTSUN');
    expect(pdfText(files['Statistiques_31310.pdf']!)).toContain('Décisions positives');
    const papillon = pdfText(files['Papillon_31310.pdf']!);
    expect(papillon).toContain('secours-31310');
    expect(papillon).toContain('https://delib.example/secours');
    const password = /Mot de passe :\s+(\S+)/.exec(papillon)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    const hash = (await getEmergencyPasswordHash(h.db, '31310'))!.hash!;
    expect(await verifyPassword(password!, hash)).toBe(true);
    // a new plan revokes the previous password
    await produceEdition(h.db, CENTRE, { kind: 'plan-secours', juries: ['31310'], title: 'Plan de secours', format: 'zip' }, NOW);
    expect(await verifyPassword(password!, (await getEmergencyPasswordHash(h.db, '31310'))!.hash!)).toBe(false);
  });

  it('candidate lists and statistics of juries at 110 (working lists keep flagged candidates)', async () => {
    const anonyme = pdfText((await one(h, CENTRE, { kind: 'liste-anonyme', juries: ['22207'] })).data);
    expect(anonyme).toContain('Liste anonyme des candidats du jury');
    expect(anonyme).not.toContain('CHARPENTIER');
    const corresp = pdfText((await one(h, CENTRE, { kind: 'liste-correspondance', juries: ['22207'] })).data);
    expect(corresp).toContain('CHARPENTIER');
    const handicap = pdfText((await one(h, CENTRE, { kind: 'liste-handicap', juries: ['22207'] })).data);
    expect(handicap).toContain('Tiers temps');
    const triee = pdfText((await one(h, CENTRE, { kind: 'liste-triee', juries: ['31310'] })).data);
    expect(triee).toMatch(/T230A031000004 .*9,95\s+10,00/);
    const stats = pdfText((await one(h, CENTRE, { kind: 'stats-decision', juries: ['31310'] })).data);
    expect(stats).toMatch(/Spécialité : 31310 - Banque - conseiller de clientèle/);
    expect(stats).toContain('Décisions négatives');
    const csv = (await one(h, CENTRE, { kind: 'stats-epreuve', juries: ['31310'], format: 'csv' })).data.toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFJury;Épreuve;Notés;Moyenne;Min.;Max.;Notes ≥ 10;% ≥ 10;Absents;Dispensés;Notes manquantes');
  });

  describe('after the deliberations', () => {
    let modified: { numero: string; epreuve: string; before: number; after: number };

    beforeAll(async () => {
      // the jury of 22207 changes a grade in deliberation (110), then the juries move on
      const row = await h.db.selectFrom('grade as g').innerJoin('candidate as c', 'c.id', 'g.candidate_id')
        .select(['c.id', 'c.numero_candidat', 'g.epreuve_code', 'g.hundredths'])
        .where('c.jury_code', '=', '22207').where('g.kind', '=', 'NOTE').where('g.benefice', 'is', null).where('g.hundredths', '<', 1900)
        .orderBy('c.id').orderBy('g.epreuve_code').executeTakeFirstOrThrow();
      const user = (await findUser(h.db, 'jury-22207'))!;
      const stored = await findStoredGrade(h.db, 'grade', row.id, row.epreuve_code);
      await changeGrade(h, {
        actor: { role: 'jury', login: 'jury-22207', name: 'MOREL Isabelle', scope: '22207' }, user, sessionId: 'test', csrfToken: 'test', actingMember: 'president',
      }, row.id, { group: 1, epreuve: row.epreuve_code, value: String((row.hundredths! + 100) / 100).replace('.', ','), version: stored.version }, NOW);
      modified = { numero: row.numero_candidat, epreuve: row.epreuve_code, before: row.hundredths!, after: row.hundredths! + 100 };
      await move(h, '22207', '110', '130');
      await move(h, '31310', '110', '140');
    });

    it('display lists leave out liste rouge and présumés fraudeurs (PDF and CSV)', async () => {
      const admis22207 = pdfText((await one(h, CENTRE, { kind: 'resultats-admis', juries: ['22207'] })).data);
      expect(admis22207).toContain('Liste des candidats ADMIS après délibération du 1er groupe');
      expect(admis22207).toContain('Résultats publiés sous réserve de la vérification des PV');
      expect(admis22207).not.toContain('CHARPENTIER');
      const admis25302 = pdfText((await one(h, CENTRE, { kind: 'resultats-admis', juries: ['25302'] })).data);
      expect(admis25302).not.toContain('DUBOIS');
      const controle = pdfText((await one(h, CENTRE, { kind: 'resultats-controle', juries: ['25302'] })).data);
      expect(controle).toContain('GARNIER');
      expect(controle).not.toContain('BREST');
      const csv = (await one(h, CENTRE, { kind: 'resultats-admis', juries: ['22207', '25302'], format: 'csv' })).data.toString('utf8');
      expect(csv).not.toMatch(/CHARPENTIER|DUBOIS;Pierre/);
      const epreuve = pdfText((await one(h, CENTRE, { kind: 'resultats-centre-epreuve', juries: ['25302'], list: 'admis' })).data);
      expect(epreuve).toContain("Centre d'épreuve");
      expect(epreuve).not.toContain('DUBOIS');
    });

    it('the PV keeps every candidate and lists the grade modifications of the journal', async () => {
      const pv25302 = pdfText((await one(h, CENTRE, { kind: 'pv-tenue', juries: ['25302'] })).data);
      expect(pv25302).toContain('PROCES VERBAL DE TENUE DE DELIBERATION');
      expect(pv25302).toMatch(/DUBOIS\s+Pierre\s+Admis/);
      expect(pv25302).toContain('BREST');
      expect(pv25302).toContain('A ne pas afficher.');
      expect(pv25302).toContain('Roussel Thierry, Président du jury 25302');
      const pv22207 = pdfText((await one(h, CENTRE, { kind: 'pv-tenue', juries: ['22207'] })).data);
      expect(pv22207).toContain('CHARPENTIER');
      expect(pv22207).toContain('Liste des notes modifiées en délibération du 1er groupe');
      expect(pv22207).toContain(modified.numero);
      expect(pv22207).toMatch(/MOREL Isabelle[\s\S]*\(président\)/);
      // exactly the journal's modifications of that jury and group
      const ctx = await loadContext(h.db, await resolveScope(h.db, CENTRE, { kind: 'pv-tenue', juries: ['22207'] }), 'PV', NOW);
      const model = await loadPvTenue(ctx, ctx.juries[0]!);
      const journal = await h.db.selectFrom('journal').selectAll().where('jury_code', '=', '22207').where('action', '=', 'NOTE_MODIFIEE').execute();
      expect(model.modifications).toHaveLength(journal.length);
      expect(model.modifications[0]).toMatchObject({
        numeroCandidat: modified.numero,
        ancienneNote: { kind: 'NOTE', hundredths: modified.before },
        nouvelleNote: { kind: 'NOTE', hundredths: modified.after },
        modifiePar: 'MOREL Isabelle (président)',
      });
      expect(model.modifications[0]!.epreuve.startsWith(modified.epreuve)).toBe(true);
      // PV in parts: a zip with one PDF per part; "Pas de candidat concerné" when a part is empty
      const parts = unzip((await one(h, CENTRE, { kind: 'pv-tenue', juries: ['25302'], format: 'zip' })).data);
      expect(Object.keys(parts).filter((n) => n.endsWith('.pdf'))).toHaveLength(4);
      expect(pdfText(parts['PV_25302_G1_3_modifications.pdf']!)).toContain('Pas de candidat concerné');
    });

    it("AZBTSUN John's relevé de notes: 9.95, 10.00, « Passe les épreuves de contrôle »", async () => {
      const file = await one(h, CENTRE, { kind: 'rln', juries: ['31310'], title: 'RLN John', rln: { ...RLN, criteria: [{ field: 'numero-candidat', op: 'egal', values: ['02319252150'] }] } });
      expect(file.name).toBe('RLN_John.pdf');
      const text = pdfText(file.data);
      expect(text).toContain('RELEVÉ DE NOTES');
      expect(text).toContain('02319252150');
      expect(text).toContain('AZBTSUN');
      expect(text).toMatch(/Moyenne : 9[.,]95\/20/);
      expect(text).toMatch(/Moyenne : 10[.,]00\/20/);
      expect(text).toContain('DECISION DU JURY: Passe les épreuves de contrôle');
      expect(text).toContain('A Besançon, le 06 juin 2023');
      expect(text).toContain('Mail. :');
      expect(text).not.toContain('Tél. :');
    });

    it('RLN: présumés fraudeurs only when a criterion selects them; criteria combine with AND; one file per jury', async () => {
      const all = pdfText((await one(h, CENTRE, { kind: 'rln', juries: ['25302'], rln: RLN })).data);
      expect(all).toContain('GARNIER');
      expect(all).not.toContain('BREST');
      const fraud = pdfText((await one(h, CENTRE, { kind: 'rln', juries: ['25302'], rln: { ...RLN, criteria: [{ field: 'presume-fraudeur', op: 'egal', values: ['oui'] }] } })).data);
      expect(fraud).toContain('BREST');
      expect(fraud).not.toContain('GARNIER');
      const none = await refusal(produceEdition(h.db, CENTRE, {
        kind: 'rln', juries: ['25302'], title: 'x',
        rln: { ...RLN, criteria: [{ field: 'nom', op: 'commence-par', values: ['GAR'] }, { field: 'sexe', op: 'egal', values: ['F'] }] },
      }, NOW));
      expect(none.message).toMatch(/^Aucun relevé de notes à éditer/);
      // values are bound parameters and LIKE patterns are escaped: this matches nobody
      const injection = await refusal(produceEdition(h.db, CENTRE, {
        kind: 'rln', juries: ['25302'], title: 'x', rln: { ...RLN, criteria: [{ field: 'nom', op: 'contient', values: ["%' OR 1=1 --"] }] },
      }, NOW));
      expect(injection.message).toMatch(/^Aucun relevé de notes à éditer/);
      const zip = await one(h, CENTRE, { kind: 'rln', juries: ['25302', '31310'], format: 'zip', rln: RLN });
      expect(verifyZip(zip.data).ok).toBe(true);
      expect(Object.keys(unzip(zip.data)).filter((n) => n.endsWith('.pdf')).sort()).toEqual(['RLN_25302.pdf', 'RLN_31310.pdf']);
      const bad = await refusal(produceEdition(h.db, CENTRE, { kind: 'rln', juries: ['25302'], title: 'x', rln: { ...RLN, criteria: [{ field: 'liste-rouge', op: 'contient', values: ['oui'] }] } }, NOW));
      expect(bad.message).toMatch(/Opérateur « Contient » non applicable au critère « Liste rouge »/);
    });

    it("a centre d'épreuve gets the result lists of its own candidates only", async () => {
      const { juries } = await listEditionJuries(h.db, EPREUVE, 'resultats-centre-epreuve');
      expect(juries.find((j) => j.code === '31408')?.selectable).toBe(true);
      const text = pdfText((await one(h, EPREUVE, { kind: 'resultats-centre-epreuve', juries: ['31408'], list: 'controle' })).data);
      for (const nom of ['CHAMAYOU', 'GONCALVES', 'JOOMUN', 'YOU']) expect(text).toContain(nom);
      expect(text).toContain('LP P.ADRIEN PARIS');
      expect(text).not.toContain('LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)\n');
    });

    it('2nd group at 200: plan de secours of the CONTROLE candidates, notes manquantes, bordereaux, convocations', async () => {
      await move(h, '31408', '198', '200');
      const [plan] = await produceEdition(h.db, CENTRE, { kind: 'plan-secours', group: 2, juries: ['31408'], title: 'Plan 2', format: 'zip' }, NOW);
      expect(plan!.name).toBe('DELIB_0250001R_BTS_2023-06_GRD_2_31408.zip');
      const files = unzip(plan!.data);
      expect(Object.keys(files).sort()).toEqual(['MANIFEST.sha256', 'PVI_31408.pdf', 'Papillon_31408.pdf']);
      const pvi = pdfText(files['PVI_31408.pdf']!);
      expect(pvi.match(/N° Anonymat :/g)).toHaveLength(4);
      const missing = pdfText((await one(h, CENTRE, { kind: 'notes-manquantes', juries: ['31408'] })).data);
      expect(missing).toContain('CONTROLE DES NOTES MANQUANTES DU SECOND GROUPE');
      expect(missing).toContain('GONCALVES');
      expect(pdfText((await one(h, CENTRE, { kind: 'bordereaux', juries: ['31408'] })).data)).toContain('Bordereau de notation');
      expect((await one(h, CENTRE, { kind: 'convocations', juries: ['31408'] })).data.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await refusal(produceEdition(h.db, CENTRE, { kind: 'plan-secours', group: 1, juries: ['31408'], title: 'x', format: 'zip' }, NOW))).code).toBe('GUARD_REFUSED');
    });

    it('fraudeurs / liste rouge: every juries of the scope by default', async () => {
      const text = pdfText((await one(h, CENTRE, { kind: 'fraudeurs-liste-rouge', juries: [] })).data);
      expect(text).toContain('Liste des candidats présumés fraudeurs et/ou en liste rouge');
      expect(text).toMatch(/CHARPENTIER Hector\s+Liste rouge/);
      expect(text).toMatch(/BREST Fanch\s+Suspecté de fraude/);
      expect(text).toMatch(/DUBOIS Pierre\s+Suspecté de fraude/);
    });
  });
});
