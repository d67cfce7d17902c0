import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/domain/rules/index.js';
import { streamTranscripts } from '../../src/documents/batch.js';
import { FOOTNOTES, LEGAL_NOTICE, NOTA, unitRows, controleRows } from '../../src/documents/transcript/rows.js';
import { renderTranscripts, renderTranscriptsByJury } from '../../src/documents/transcript/rln.js';
import { renderPvi } from '../../src/documents/transcript/pvi.js';
import * as F from './fixtures.js';
import { flat, hasPoppler, pdfInfo, pdfPagesText, pdfText, POPPLER_MISSING } from './pdf-helpers.js';
import * as S from './samples.js';

describe('relevé de notes (RLN) of the golden candidate, from the real engine', () => {
  it('poppler-utils is installed', () => {
    expect(hasPoppler(), POPPLER_MISSING).toBe(true);
  });

  it('the engine gives the memo figures (SPEC §3 golden example)', () => {
    const r1 = evaluate(F.RULESET_31310, F.GOLDEN_INPUT_1);
    expect(r1.group1.decision).toBe('CONTROLE');
    const r2 = evaluate(F.RULESET_31310, F.GOLDEN_INPUT_2);
    expect(r2.finalDecision).toBe('ADMIS');
    expect(r2.ects).toBe(120);
  });

  it('before the contrôle: 9.95/20, 10.00/20, "Passe les épreuves de contrôle"', () => {
    const text = flat(pdfText(renderTranscripts(F.transcriptBatch([F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_1)]))));
    for (const s of [
      'ACADÉMIE DE BESANÇON', 'RELEVÉ DE NOTES', 'BREVET DE TECHNICIEN SUPÉRIEUR', 'N° candidat :', '02319252150',
      'Inscription n° :', 'Session :', '2023-06', 'Rectorat de Besançon', '1 rue des champs', 'Tél. : 03 81 65 47 00',
      'Mail. : rectBesancon@ac-besancon.fr', 'Nom de famille :', 'AZBTSUN', "Nom d'usage :", 'Prénom(s) :', 'John',
      'Né le :', '01/09/2002 A : RENNES (035)', 'INE :', '210340601AA', 'Forme de passage :', 'Globale - Jury : 31310',
      'Catégorie :', 'SCOLAIRE', 'MONSIEUR AZBTSUN John', 'Rue du pré', 'Batiment B', 'Appart 5', '1er étage', '25000 Besancon',
      'Spécialité', 'Banque - conseiller de clientèle',
    ]) expect(text).toContain(s);
    for (const s of ['Épreuves', 'Note', 'Coeff.', 'Points', 'ECTS(1)', 'Observations']) expect(text).toContain(s);
    expect(text).toContain('U1 Culture générale et expression (3)');
    expect(text).toContain('U2 Langue vivante 1-Allemand (3)');
    expect(text).toContain('U3 Gestion de la relation client (2)');
    expect(text).toContain('Langue vivante 1 : Écrite-Allemand');
    const layout = pdfText(renderTranscripts(F.transcriptBatch([F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_1)])), { layout: true });
    // labels (drawn once per file) and values (per relevé) side by side
    expect(layout).toMatch(/N° candidat :\s+02319252150/);
    expect(layout).toMatch(/Inscription n° :\s+001/);
    expect(layout).toMatch(/Session :\s+2023-06/);
    expect(layout).toMatch(/Nom de famille :\s+AZBTSUN\s+MONSIEUR AZBTSUN John/);
    expect(layout).toMatch(/Né le :\s+01\/09\/2002\s+A : RENNES \(035\)/);
    expect(layout).toMatch(/Forme de passage : Globale - Jury : 31310/);
    expect(layout).toMatch(/U1 Culture générale et expression \(3\)\s+9,00\/20\s+3,00\s+27,00/);
    expect(layout).toMatch(/U2 Langue vivante 1-Allemand \(3\)\s+11,00\/20\s+2,00\s+22,00/);
    expect(layout).toMatch(/Langue vivante 1 : Écrite-Allemand\s+6,00\/20\s+1,00/);
    expect(layout).toMatch(/Langue vivante 1 : Orale-Allemand\s+16,00\/20\s+1,00/);
    expect(layout).toMatch(/RÉSULTAT : Épreuves\s+Total : 20,00\s+199,00\s+Moyenne : 9,95\/20/);
    expect(layout).toMatch(/Épreuves professionnelles\s+Total : 15,00\s+150,00\s+Moyenne : 10,00\/20/);
    expect(text).toContain('DECISION DU JURY: Passe les épreuves de contrôle');
    expect(text).not.toContain('Épreuves de contrôle Note');
    expect(text).not.toContain('CRÉDITS EUROPÉENS');
    // footnotes, signature place and date, paragraphs: verbatim
    for (const note of FOOTNOTES) expect(text).toContain(note);
    expect(text).toContain('A rennes, le 06 juin 2023');
    expect(text).toContain(LEGAL_NOTICE);
    expect(text).toContain(NOTA);
  });

  it('after the contrôle: "Meilleure note retenue (4)", 10,40/20, Admis, 120 crédits', () => {
    const layout = pdfText(renderTranscripts(F.transcriptBatch([F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_2)])), { layout: true });
    expect(layout).toMatch(/Épreuves de contrôle\s+Note\s+Coeff\.\s+Points\s+ECTS\(1\)\s+Observations/);
    expect(layout).toMatch(/U1 Culture générale et expression\s+12,00\/20\s+Meilleure note retenue \(4\)/);
    expect(layout).toMatch(/U2 Langue vivante 1-Allemand\s+11,00\/20\s*\n/);
    expect(layout).toMatch(/RÉSULTAT : Épreuves de contrôle\s+Total : 20,00\s+208,00\s+Moyenne : 10,40\/20/);
    expect(flat(layout)).toContain('DECISION DU JURY: Passe les épreuves de contrôle');
    expect(flat(layout)).toContain('DECISION DU JURY: Admis CRÉDITS EUROPÉENS (ECTS) : 120 crédits');
  });

  it('prints NGUYỄN, DI "Dispensé", ABS, a bénéfice with its session, and ECTS of a refused candidate', () => {
    const pdf = renderTranscripts(F.transcriptBatch([F.entryFor(F.NGUYEN, F.NGUYEN_INPUT, { U42: '2021-06' })]));
    const text = flat(pdfText(pdf));
    expect(text).toContain('NGUYỄN');
    expect(text).toContain('MADAME NGUYỄN Thị Minh Khai');
    expect(text).toContain('HÀ NỘI (99)');
    const layout = pdfText(pdf, { layout: true });
    expect(layout).toMatch(/U2 Langue vivante 1-Allemand \(3\)\s+DI\s+2,00\s+Dispensé/);
    expect(layout).toMatch(/U41 Étude de cas \(2\)\s+ABS\s+4,00\s+0,00\s+Absent/);
    expect(layout).toMatch(/U42 Analyse situation commerciale \(2\)\s+11,00\/20\s+2,00\s+22,00\s+12\s+Bénéfice 2021-06/);
    expect(layout).toMatch(/UF1 Langue vivante 2 \(facultative\)\s+14,00\/20\s+1,00\s+4,00\s+Épreuve facultative/);
    expect(text).toContain('DECISION DU JURY: Refusé CRÉDITS EUROPÉENS (ECTS) : 60 crédits');
  });

  it('follows the header options (établissement, mail, téléphone)', () => {
    const entry = F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_1);
    const none = flat(pdfText(renderTranscripts(F.transcriptBatch([entry], { options: { etablissement: false, mail: false, telephone: false } }))));
    expect(none).not.toContain('Mail. :');
    expect(none).not.toContain('Tél. :');
    expect(none).not.toContain("Etablissement d'inscription");
    const all = pdfText(renderTranscripts(F.transcriptBatch([entry], { options: { etablissement: true, mail: true, telephone: true } })), { layout: true });
    expect(all).toMatch(/Etablissement d'inscription :\s+LP NELSON MANDELA – AUDINCOURT CEDEX \(0250001R\)/);
  });

  it('one file with many relevés: one page each, numbered 1/1, title page when a Titre édition is given', () => {
    const entries = [F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_1), F.entryFor(F.NGUYEN, F.NGUYEN_INPUT), F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_2)];
    const pages = pdfPagesText(renderTranscripts(F.transcriptBatch(entries)));
    expect(pages).toHaveLength(3);
    for (const p of pages) expect(p).toMatch(/\n1\/1\n/);
    const titled = pdfPagesText(renderTranscripts(F.transcriptBatch(entries, { titreEdition: 'RLN admissibles juin 2023' })));
    expect(titled).toHaveLength(4);
    expect(titled[0]).toContain('RLN admissibles juin 2023');
    expect(titled.slice(1).join('')).not.toContain('RLN admissibles juin 2023');
    expect(pdfInfo(renderTranscripts(F.transcriptBatch(entries, { titreEdition: 'RLN admissibles juin 2023' })))['Title']).toBe('RLN admissibles juin 2023');
  });

  it('one file per jury', () => {
    const other = { ...F.NGUYEN, juryCode: '31311' };
    const files = renderTranscriptsByJury(F.transcriptBatch([F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_1), F.entryFor(other, F.NGUYEN_INPUT), F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_2)]));
    expect(files.map((f) => f.name)).toEqual(['RLN_31310.pdf', 'RLN_31311.pdf']);
    expect(pdfPagesText(files[0]!.data)).toHaveLength(2);
    expect(pdfText(files[1]!.data)).toContain('NGUYỄN');
  });

  it('streaming gives the same bytes as the one-shot render', async () => {
    const entries = Array.from({ length: 45 }, (_, i) => F.entryFor({ ...F.AZBTSUN, numeroCandidat: String(2319252150 + i).padStart(11, '0') }, i % 2 ? F.GOLDEN_INPUT_1 : F.GOLDEN_INPUT_2));
    const model = F.transcriptBatch(entries);
    const chunks: Buffer[] = [];
    const res = await streamTranscripts(model, entries, (c) => void chunks.push(c), { yieldEvery: 7 });
    expect(res.transcripts).toBe(45);
    expect(chunks.length).toBeGreaterThan(3);
    expect(Buffer.concat(chunks).equals(renderTranscripts(model))).toBe(true);
  });

  it('skips an optional unit that was not taken', () => {
    const e = F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_1);
    const rows = unitRows(e.units, e.result);
    expect(rows.map((r) => r.label)).not.toContain('UF1 Langue vivante 2 (facultative)');
  });

  it('issue #14.4: per-unit ECTS only for a candidate finally refused, beside 1st-group grades ≥ 10 (memo RLN, SPEC §3)', () => {
    // CONTROLE, 2nd group not decided: no credits at all
    const controle = F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_1);
    expect(controle.result.group1.decision).toBe('CONTROLE');
    expect(unitRows(controle.units, controle.result).map((r) => r.ects).filter(Boolean)).toEqual([]);
    const layout1 = pdfText(renderTranscripts(F.transcriptBatch([controle])), { layout: true });
    expect(layout1).not.toMatch(/CRÉDITS EUROPÉENS/);
    // admitted after the contrôle: 120 on the decision line, the column left empty (U1 9,00 has none)
    const admis = F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_2);
    expect(admis.result.finalDecision).toBe('ADMIS');
    expect(unitRows(admis.units, admis.result).map((r) => r.ects).filter(Boolean)).toEqual([]);
    expect(controleRows(admis.units, admis.result).map((r) => r.ects).filter(Boolean)).toEqual([]);
  });
});

describe('procès-verbal individuel (PVI)', () => {
  it('anonymous number first, identity, grid, proposed decision and rule, livret and flags; one page each', () => {
    const pdf = renderPvi(S.pvi());
    const pages = pdfPagesText(pdf).map(flat);
    expect(pages).toHaveLength(2);
    const [p1, p2] = pages as [string, string];
    expect(p1.indexOf('N° Anonymat : T230A031000004')).toBeLessThan(p1.indexOf('AZBTSUN'));
    for (const s of ['PROCÈS-VERBAL INDIVIDUEL DE NOTES', 'Jury : 31310 - Banque - conseiller de clientèle', 'N° Candidat : 02319252150 - 001', 'Livret scolaire : reçu', 'Moyenne : 9,95/20', 'Moyenne : 10,00/20', 'DECISION PROPOSEE: Passe les épreuves de contrôle', 'Règle appliquée :', 'Visa du président du jury']) {
      expect(p1).toContain(s);
    }
    for (const s of ['PRÉSUMÉ FRAUDEUR - LISTE ROUGE', 'Livret scolaire : sans statut', 'Mesures pour handicap : Tiers temps', 'Bénéfices : U42 (2021-06)', 'Dispenses : U2', 'DECISION PROPOSEE: Refusé', 'NGUYỄN']) {
      expect(p2).toContain(s);
    }
    expect(p1).toContain('BREVET DE TECHNICIEN SUPÉRIEUR');
    expect(p1).toContain('Edité le 06/06/2023 11:18');
    expect(p1).toContain('1/1');
  });
});
