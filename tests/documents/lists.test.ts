import { describe, expect, it } from 'vitest';
import { ratio } from '../../src/domain/rational.js';
import { candidateListRows, renderCandidateList, renderLivretsList } from '../../src/documents/lists/candidate-lists.js';
import { renderFlaggedList } from '../../src/documents/lists/flagged.js';
import { pvTenueParts, renderPvTenue, renderPvTenueParts } from '../../src/documents/lists/pv-tenue.js';
import { renderResultList } from '../../src/documents/lists/results.js';
import { epreuveStats, renderStatsByDecision, renderStatsByEpreuve } from '../../src/documents/lists/stats.js';
import { percentage } from '../../src/documents/format.js';
import { renderBordereaux } from '../../src/documents/second-group/bordereau.js';
import { renderConvocationFiles, renderConvocations } from '../../src/documents/second-group/convocation.js';
import { renderMissingGrades } from '../../src/documents/second-group/missing-grades.js';
import { renderPapillons } from '../../src/documents/second-group/papillon.js';
import { evaluate } from '../../src/domain/rules/index.js';
import * as F from './fixtures.js';
import { flat, pdfInfo, pdfPagesText, pdfText } from './pdf-helpers.js';
import * as S from './samples.js';

/** Text in physical layout (row by row), whitespace collapsed. */
const text = (pdf: Buffer): string => flat(pdfText(pdf, { layout: true }));
const HEADER_TEXTS = ['BREVET DE TECHNICIEN SUPÉRIEUR', 'LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)', 'Session : 2023-06', 'Edité le 06/06/2023 11:18'];

describe('Liste des candidats pour la préparation des livrets scolaires', () => {
  it('has the memo header, title, jury lines and columns', () => {
    const t = text(renderLivretsList(S.livrets()));
    for (const s of HEADER_TEXTS) expect(t).toContain(s);
    expect(t).toContain('Livrets scolaires juin 2023'); // Titre édition, first page
    expect(t).toContain('Liste des candidats pour la préparation des livrets scolaires');
    expect(t).toContain('Jury de délibération : 31310');
    expect(t).toContain('Spécialité (Libellé) : Banque - conseiller de clientèle (31310)');
    // two-line cells, read row by row: "N° Anonymat" over "N° Candidat", établissement on 2 lines
    expect(t).toContain("N° Anonymat Nom / Prénoms Catégorie Etablissement d'inscription N° Candidat");
    expect(t).toContain('T230A031000004 AZBTSUN John SCOLAIRE LP NELSON MANDELA – 02319252150 - 001 AUDINCOURT CEDEX (0250001R)');
    expect(t).toContain('NGUYỄN Thị Minh Khai');
  });

  it('per établissement: one section per jury and établissement', () => {
    const m = S.livrets();
    const t = text(renderLivretsList({ ...m, juries: [{ ...m.juries[0]!, etablissement: F.MANDELA }, { ...m.juries[0]!, etablissement: F.ADRIEN_PARIS, candidates: [] }] }));
    expect(t).toContain("Etablissement d'inscription : LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)");
    expect(t).toContain("Etablissement d'inscription : LP P.ADRIEN PARIS – BESANCON (0250013D) Pas de candidat concerné");
  });

  it('numbers the pages n/N and repeats the header, title and column headers on every page', () => {
    const pdf = renderLivretsList(S.livrets(100));
    const pages = pdfPagesText(pdf).map(flat);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((p, i) => {
      expect(p).toContain(`${i + 1}/${pages.length}`);
      expect(p).toContain('Edité le 06/06/2023 11:18');
      expect(p).toContain('Liste des candidats pour la préparation des livrets scolaires');
      expect(p).toContain('N° Anonymat N° Candidat Nom / Prénoms');
    });
    expect(pages.slice(1).join(' ')).not.toContain('Livrets scolaires juin 2023');
    // every candidate once, in order
    const all = pages.join(' ');
    for (let i = 0; i < 100; i++) expect(all).toContain(`T230A0310${String(10000 + i).padStart(5, '0')}`);
    expect(pdfInfo(pdf)['Page size']).toContain('A4');
  });
});

describe('the 4 candidate lists', () => {
  it('anonyme: N° Anonymat, N° Candidat, Catégorie, Observations, no names', () => {
    const t = text(renderCandidateList(S.candidateList('anonyme')));
    expect(t).toContain('Liste anonyme des candidats du jury');
    expect(t).toContain('Jury : 31310 Spécialité : Banque - conseiller de clientèle');
    expect(t).toContain('N° Anonymat N° Candidat Catégorie Observations');
    expect(t).toContain('Livret non reçu');
    expect(t).not.toContain('AZBTSUN');
  });

  it('correspondance: + Nom / Prénoms, Etablissement d’inscription', () => {
    const t = text(renderCandidateList(S.candidateList('correspondance')));
    expect(t).toContain('Liste de correspondance des candidats du jury');
    expect(t).toContain("N° Anonymat N° Candidat Nom / Prénoms Catégorie Etablissement d'inscription");
    expect(t).toContain('AZBTSUN John');
  });

  it('handicap: + the measures', () => {
    const t = text(renderCandidateList(S.candidateList('handicap')));
    expect(t).toContain('Liste des candidats avec mesures pour handicap');
    expect(t).toContain('Mesures pour handicap');
    expect(t).toContain('Tiers temps ; secrétaire');
  });

  it('triée: by decision (Admis, Contrôle, Refusé) then exact moyenne descending, truncated', () => {
    const model = S.candidateList('triee');
    const t = text(renderCandidateList(model));
    expect(t).toContain('Liste des candidats triés par décision et moyenne descendantes');
    expect(t).toContain('Décision Moyenne Moyenne pro.');
    const rows = candidateListRows('triee', model.juries[0]!.candidates);
    expect(rows.map((r) => r.decision)).toEqual(['ADMIS', 'ADMIS', 'ADMIS', 'ADMIS', 'CONTROLE', 'CONTROLE', 'REFUSE', 'REFUSE']);
    const admis = rows.filter((r) => r.decision === 'ADMIS').map((r) => r.moyenne!);
    for (let i = 1; i < admis.length; i++) expect(Number(admis[i - 1]!.num) / Number(admis[i - 1]!.den)).toBeGreaterThan(Number(admis[i]!.num) / Number(admis[i]!.den));
    // 9.9955 prints 9,99, never 10,00
    const trunc = renderCandidateList({ ...model, juries: [{ jury: F.JURY_31310, candidates: [{ ...model.juries[0]!.candidates[0]!, moyenne: ratio(19991, 2000), moyennePro: null }] }] });
    expect(text(trunc)).toContain('9,99');
    expect(text(trunc)).not.toContain('10,00');
  });
});

describe('statistiques avant délibération', () => {
  it('par décision: the memo table with exact percentages', () => {
    const t = text(renderStatsByDecision(S.statsDecision()));
    expect(t).toContain('Jury : 31408');
    expect(t).toContain('Spécialité : 31408 - Comptabilité et gestion');
    expect(t).toContain('Décision Nombre de % Jury Nombre de candidats % Spécialité candidats du jury de la spécialité');
    expect(t).toContain('Décisions positives');
    expect(t).toContain('Admis 20 68,97% 20 68,97%');
    expect(t).toContain('Passe les épreuves de contrôle 3 10,34% 3 10,34%');
    expect(t).toContain('Total 23 79,31% 23 79,31%');
    expect(t).toContain('Décisions négatives');
    expect(t).toContain('Refusé 6 20,69% 6 20,69%');
    expect(t).toContain('Total 6 20,69% 6 20,69%');
    expect(t).toContain('Total 29 100% 29 100%');
  });

  it('percentages are rounded half up on integers', () => {
    expect(percentage(20, 29)).toBe('68,97%');
    expect(percentage(1, 8)).toBe('12,50%');
    expect(percentage(1, 800)).toBe('0,13%'); // 0.125 -> 0,13
    expect(percentage(1, 3)).toBe('33,33%');
    expect(percentage(2, 3)).toBe('66,67%');
    expect(percentage(0, 5)).toBe('0,00%');
    expect(percentage(5, 5)).toBe('100%');
    expect(percentage(0, 0)).toBe('-');
    expect(percentage(2, 3, ',')).toBe('66,67%');
  });

  it('par épreuve: graded, exact mean truncated, min, max, ≥ 10, absents, dispensés', () => {
    const results = [F.GOLDEN_INPUT_1, F.NGUYEN_INPUT].map((i) => evaluate(F.RULESET_31310, i));
    const stats = epreuveStats(results);
    const u1 = stats.find((s) => s.code === 'U1')!;
    expect(u1.notes).toBe(2);
    expect(u1.auMoins10).toBe(1);
    const u41 = stats.find((s) => s.code === 'U41')!;
    expect(u41.absents).toBe(1);
    const u2 = stats.find((s) => s.code === 'U2')!;
    expect(u2.dispenses).toBe(1);
    const t = text(renderStatsByEpreuve(S.statsEpreuve()));
    expect(t).toContain('Statistiques avant délibération par épreuve');
    expect(t).toContain('U1 Culture générale et expression 2 10,75 9,00 12,50 1 50,00% 0 0 0');
    expect(pdfInfo(renderStatsByEpreuve(S.statsEpreuve()))['Page size']).toMatch(/841.89 x 595.28/); // landscape
  });
});

describe('listes de résultats (affichage)', () => {
  it('has the memo block, alphabetical rows and the footer', () => {
    const t = text(renderResultList(S.resultList('admis1')));
    for (const s of ['ACADÉMIE DE BESANÇON', 'BREVET DE TECHNICIEN SUPÉRIEUR', 'Session 2023-06', 'Jury : 31408 - Comptabilité et gestion', 'Liste des candidats ADMIS après délibération du 1er groupe', 'Centre délibération : LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)', 'Nom Prénoms Décision', 'AIT-KHEDDACHE Imane Admis', 'Résultats publiés sous réserve de la vérification des PV', 'Signature du président du jury ou du chef de centre', 'Edité le 06/06/2023 11:18', '1/1']) {
      expect(t).toContain(s);
    }
    expect(t.indexOf('BEN MOUSSA')).toBeLessThan(t.indexOf('BOUKNIZA'));
  });

  it('contrôle list has Nom | Prénoms only; 2nd group and centre d’épreuve titles', () => {
    const c = text(renderResultList(S.resultList('controle1')));
    expect(c).toContain("Liste des candidats admis à se présenter à l'épreuve de contrôle");
    expect(c).not.toContain('Décision');
    expect(text(renderResultList(S.resultList('admis2')))).toContain("Liste des candidats ADMIS à l'issue de l'épreuve de contrôle");
    expect(text(renderResultList(S.resultList('nonAdmis1')))).toContain('Liste des candidats non admis après délibération du 1er groupe');
    const ce = S.resultList('admis1');
    const byCentre = text(renderResultList({ ...ce, groups: [{ ...ce.groups[0]!, centreKind: 'epreuve', centre: F.ADRIEN_PARIS }] }));
    expect(byCentre).toContain("Centre d'épreuve : LP P.ADRIEN PARIS – BESANCON (0250013D)");
  });

  it('THROWS when a candidate on liste rouge or présumé fraudeur is passed (defence in depth)', () => {
    const m = S.resultList('admis1');
    const withFlag = (flags: { listeRouge: boolean; presumeFraudeur: boolean }) => ({
      ...m,
      groups: [{ ...m.groups[0]!, rows: [...m.groups[0]!.rows, { nom: 'CACHÉ', prenoms: 'Paul', decision: 'Admis', ...flags }] }],
    });
    expect(() => renderResultList(withFlag({ listeRouge: true, presumeFraudeur: false }))).toThrow(/liste rouge/);
    expect(() => renderResultList(withFlag({ listeRouge: false, presumeFraudeur: true }))).toThrow(/présumé fraudeur/);
  });
});

describe('PV de tenue de délibération', () => {
  it('1st group: 4 parts, each with the PV block and the président’s signature', () => {
    const pages = pdfPagesText(renderPvTenue(S.pvTenue(1)), true).map(flat);
    expect(pages).toHaveLength(4);
    pages.forEach((p, i) => {
      for (const s of ['PROCES VERBAL DE TENUE DE DELIBERATION', 'ACADÉMIE DE BESANÇON', 'Session 2023-06', 'Jury : 31310 - Banque - conseiller de clientèle', 'Date de délibération : 11/07/2023 11:00', 'Centre délibération : LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)', 'Dubois Pierre, Président du jury 31310', 'A : AUDINCOURT CEDEX, le 06/06/2023 - Signature :', '1/1', `Journal des modifications : ancre n° 1234 - empreinte ${'3f9a0c7e'.repeat(8)}`]) {
        expect(p).toContain(s);
      }
      expect(p).toContain(pvTenueParts(1)[i]!.title);
    });
    expect(pages[0]).toContain('Nom Prénoms Décision AZBTSUN John Admis BANQA Pierre Admis BANQB Laura Admis');
    expect(pages[1]).toContain('Liste des candidats admis à se présenter aux épreuves du second groupe');
    expect(pages[2]).toContain('Liste des notes modifiées en délibération du 1er groupe');
    expect(pages[2]).toContain('N° Candidat Nom / Prénoms Épreuve Ancienne Nouvelle Modifiée par Date note note');
    expect(pages[2]).toContain('02321252217 - BANQA Pierre U5 8,25 9,00 DUBOIS Pierre 11/07/2023 001 Env.éco.jur.orgs.activ.bancai. (président) 10:42');
    expect(pages[3]).toContain('A ne pas afficher.');
    expect(pages[3]).toContain('Pas de candidat concerné');
    expect(pages.join(' ')).not.toContain('ATTENTION');
  });

  it('a journal that does not verify: a warning on top of every part; an empty journal says so', () => {
    const pages = pdfPagesText(renderPvTenue({ ...S.pvTenue(1), journal: { anchor: null, problems: ['entrée n° 3 : chaînage rompu', 'autre'] } }), true).map(flat);
    expect(pages).toHaveLength(4);
    for (const p of pages) {
      expect(p).toContain('ATTENTION : le journal des modifications ne se vérifie pas — 2 anomalie(s), dont « entrée n° 3 : chaînage rompu »');
      expect(p).toContain('ne signez pas ce procès-verbal avant vérification');
      expect(p).toContain('Journal des modifications : vide.');
    }
  });

  it('2nd group: admis, notes modifiées, non admis; one PDF per part for the zip', () => {
    const parts = renderPvTenueParts(S.pvTenue(2));
    expect(parts.map((p) => p.name)).toEqual(['PV_31310_G2_1_admis.pdf', 'PV_31310_G2_2_modifications.pdf', 'PV_31310_G2_3_nonAdmis.pdf']);
    expect(text(parts[0]!.data)).toContain("Liste des candidats ADMIS à l'issue de l'épreuve de contrôle");
    expect(text(parts[1]!.data)).toContain('Liste des notes modifiées en délibération du 2nd groupe');
    expect(text(parts[2]!.data)).toContain("Liste des candidats non admis après délibération de l'épreuve de contrôle");
  });
});

describe('plan de secours and 2nd group documents', () => {
  it('papillon: portal, URL, login, password, RSI notice', () => {
    const t = text(renderPapillons(S.papillons()));
    for (const s of ['Portail jury de secours', 'https://delib-secours.ac-besancon.fr/jury', 'Identifiant du jury : JURY-31310', 'Mot de passe : k7Qe-92Lm-Xa4P', 'Spécialité : 31310 - Banque - conseiller de clientèle', 'uniquement après autorisation du RSI académique']) {
      expect(t).toContain(s);
    }
  });

  it('convocation: the two épreuves with date, time and place', () => {
    const t = text(renderConvocations(S.convocations()));
    expect(t).toContain('CONVOCATION AUX ÉPREUVES DU SECOND GROUPE');
    expect(t).toContain('MONSIEUR AZBTSUN John');
    expect(t).toContain('U1 Culture générale et expression 03/07/2023 09:30 LP P.ADRIEN PARIS – BESANCON (0250013D) Salle : B12');
    expect(t).toContain('U2 Langue vivante 1-Allemand 03/07/2023 14:00');
    expect(t).toContain('Épreuve Date et heure Lieu');
  });

  it('convocation: a time not set yet is "À communiquer"; none to print: "Pas de candidat concerné"', () => {
    const m = S.convocations();
    const cv = m.convocations[0]!;
    const t = text(renderConvocations({ ...m, convocations: [{ ...cv, epreuves: [{ ...cv.epreuves[0]!, heure: 'À communiquer' }, { ...cv.epreuves[1]!, date: 'À communiquer', heure: '' }] }] }));
    expect(t).toMatch(/U1 Culture générale et expression 03\/07\/2023 LP P\.ADRIEN PARIS – BESANCON \(0250013D\) Heure : À Salle : B12 communiquer/);
    expect(t).toContain('U2 Langue vivante 1-Allemand À communiquer LP P.ADRIEN PARIS');
    expect(text(renderConvocations({ ...m, convocations: [] }))).toContain('Pas de candidat concerné');
  });

  it('convocations in one file: each page numbers its own letter (1/1) and carries its place in the batch', () => {
    const m = S.convocations();
    const three = { ...m, convocations: [0, 1, 2].map((k) => ({ ...m.convocations[0]!, candidate: { ...m.convocations[0]!.candidate, numeroCandidat: `0231925215${k}` } })) };
    const pages = pdfText(renderConvocations(three), { layout: true }).split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(3);
    pages.forEach((p, i) => {
      expect(p).toContain(`Convocation ${i + 1}/3`);
      expect(p).toMatch(/\b1\/1\s*$/);
    });
    // a letter alone (one file per candidate, or a single convocation) has no batch mark
    expect(text(renderConvocations(m))).not.toMatch(/Convocation \d+\//);
  });

  it('convocations, one file per candidate: one single-page PDF each, named after the candidate', () => {
    const m = S.convocations();
    const two = { ...m, convocations: [m.convocations[0]!, { ...m.convocations[0]!, candidate: { ...m.convocations[0]!.candidate, numeroCandidat: '02321252217', nom: 'BANQA', prenoms: 'Pierre Émile' } }] };
    const files = renderConvocationFiles(two);
    expect(files.map((f) => f.name)).toEqual(['Convocation_02319252150-001_AZBTSUN_John.pdf', 'Convocation_02321252217-001_BANQA_Pierre_Emile.pdf']);
    expect(text(files[1]!.data)).toContain('MONSIEUR BANQA Pierre Émile');
    expect(text(files[1]!.data)).not.toContain('AZBTSUN');
    const otherJury = { ...two, convocations: [two.convocations[0]!, { ...two.convocations[1]!, candidate: { ...two.convocations[1]!.candidate, juryCode: '31408' } }] };
    expect(renderConvocationFiles(otherJury).map((f) => f.name)).toEqual(['31310/Convocation_02319252150-001_AZBTSUN_John.pdf', '31408/Convocation_02321252217-001_BANQA_Pierre_Emile.pdf']);
    expect(renderConvocationFiles({ ...m, convocations: [] }).map((f) => f.name)).toEqual(['Convocations.pdf']);
  });

  it('bordereau de notation: candidates, empty Note column, examiner boxes', () => {
    const t = text(renderBordereaux(S.bordereaux()));
    expect(t).toContain('Épreuve : U1 Culture générale et expression');
    expect(t).toContain("Centre d'épreuve : LP P.ADRIEN PARIS – BESANCON (0250013D) Date : 03/07/2023 - Heure : 09:30 - Salle : B12");
    expect(text(renderBordereaux({ ...S.bordereaux(), bordereaux: [{ ...S.bordereaux().bordereaux[0]!, date: undefined, heure: undefined, salle: undefined }] }))).not.toContain('Date :');
    expect(t).toContain('N° Candidat Nom Prénoms Note /20 Observations (ou ABS)');
    expect(t).toContain('02319252150 - 001 AZBTSUN John');
    expect(t).toContain("Nom et prénom de l'examinateur");
    expect(t).toContain("Signature de l'examinateur");
  });

  it('contrôle des notes manquantes, or "Pas de notes manquantes."', () => {
    const t = text(renderMissingGrades(S.missingGrades()));
    expect(t).toContain('CONTROLE DES NOTES MANQUANTES DU SECOND GROUPE');
    expect(t).toContain('Jury : 31408');
    expect(t).toContain('N° Candidat Nom Prénom Note(s) manquante(s) Centre du 2nd groupe');
    expect(t).toContain('GONCALVES Laura Culture générale et expression LP P.ADRIEN PARIS – Anglais BESANCON (0250013D)');
    expect(text(renderMissingGrades(S.missingGrades(true)))).toContain('Pas de notes manquantes.');
  });

  it('présumés fraudeurs et/ou liste rouge', () => {
    const t = text(renderFlaggedList(S.flagged()));
    expect(t).toContain('Liste des candidats présumés fraudeurs et/ou en liste rouge');
    expect(t).toContain('Jury N° de candidat Nom / prénom candidat Présumé fraudeur - Liste rouge');
    expect(t).toContain('22207 Bioanalyses et contrôles 02242250256-001 CHARPENTIER Hector Liste rouge');
    expect(t).toContain('25302 Aéronautique 02241250223-001 BREST Fanch Suspecté de fraude');
  });
});
