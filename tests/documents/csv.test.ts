import { describe, expect, it } from 'vitest';
import { ratio } from '../../src/domain/rational.js';
import {
  candidateListCsv,
  csvCell,
  flaggedCsv,
  livretsCsv,
  missingGradesCsv,
  pvTenueCsv,
  resultListCsv,
  statsDecisionCsv,
  statsEpreuveCsv,
  toCsv,
} from '../../src/documents/csv.js';
import * as F from './fixtures.js';
import * as S from './samples.js';

const BOM = [0xef, 0xbb, 0xbf];
const lines = (b: Buffer): string[] => b.subarray(3).toString('utf8').split('\r\n');

describe('CSV for people', () => {
  it('UTF-8 with BOM, ";" separator, CRLF line ends', () => {
    const b = toCsv(['a', 'b'], [['NGUYỄN', 'é'], ['1', '2']]);
    expect([...b.subarray(0, 3)]).toEqual(BOM);
    expect(b.subarray(3).toString('utf8')).toBe('a;b\r\nNGUYỄN;é\r\n1;2\r\n');
  });

  it('neutralises formula injection: cells starting with = + - @ tab CR get a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+33 6 12')).toBe("'+33 6 12");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe('"\'\rcmd"');
    expect(csvCell('AZBTSUN')).toBe('AZBTSUN');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes cells with ; " CR LF and doubles quotes', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dit "oui"')).toBe('"dit ""oui"""');
    expect(csvCell('l1\nl2')).toBe('"l1\nl2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  it('livrets: the PDF columns, two-line cells split', () => {
    const l = lines(livretsCsv(S.livrets()));
    expect(l[0]).toBe("Jury;N° Anonymat;N° Candidat;Nom / Prénoms;Catégorie;Etablissement d'inscription");
    expect(l[1]).toBe('31310;T230A031000004;02319252150 - 001;AZBTSUN John;SCOLAIRE;LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)');
  });

  it('the 4 candidate lists; the sorted one with a decimal comma, truncated', () => {
    expect(lines(candidateListCsv(S.candidateList('anonyme')))[0]).toBe('Jury;N° Anonymat;N° Candidat;Catégorie;Observations');
    expect(lines(candidateListCsv(S.candidateList('correspondance')))[0]).toBe("Jury;N° Anonymat;N° Candidat;Nom / Prénoms;Catégorie;Etablissement d'inscription");
    expect(lines(candidateListCsv(S.candidateList('handicap')))[1]).toContain('Tiers temps ; secrétaire');
    const m = S.candidateList('triee');
    const one = { ...m, juries: [{ jury: F.JURY_31310, candidates: [{ ...m.juries[0]!.candidates[0]!, decision: 'CONTROLE' as const, moyenne: ratio(19991, 2000), moyennePro: ratio(10, 1) }] }] };
    const l = lines(candidateListCsv(one));
    expect(l[0]).toBe('Jury;N° Anonymat;N° Candidat;Catégorie;Décision;Moyenne;Moyenne pro.');
    expect(l[1]).toBe('31310;T230A031000004;02319252150 - 001;SCOLAIRE;Passe les épreuves de contrôle;9,99;10,00');
  });

  it('statistics with comma percentages', () => {
    const l = lines(statsDecisionCsv(S.statsDecision()));
    expect(l[0]).toBe('Jury;Décision;Nombre de candidats du jury;% Jury;Nombre de candidats de la spécialité;% Spécialité');
    expect(l).toContain('31408;Admis;20;68,97%;20;68,97%');
    expect(l).toContain('31408;Total;29;100%;29;100%');
    // issue #14.10: each subtotal names its group (three "Total" rows could not be told apart)
    expect(l.filter((r) => r.startsWith('31408;Total'))).toEqual([
      '31408;Total décisions positives;23;79,31%;23;79,31%', '31408;Total décisions négatives;6;20,69%;6;20,69%', '31408;Total;29;100%;29;100%',
    ]);
    const e = lines(statsEpreuveCsv(S.statsEpreuve()));
    expect(e[1]).toBe('31310;U1 Culture générale et expression;2;10,75;9,00;12,50;1;50,00%;0;0;0');
  });

  it('result lists keep the display-list guard', () => {
    const l = lines(resultListCsv(S.resultList('admis1')));
    expect(l[0]).toBe('Jury;Centre délibération;Nom;Prénoms;Décision');
    expect(l[1]).toBe('31408;LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R);AIT-KHEDDACHE;Imane;Admis');
    const m = S.resultList('admis1');
    const bad = { ...m, groups: [{ ...m.groups[0]!, rows: [{ nom: 'X', prenoms: 'Y', decision: 'Admis', listeRouge: true, presumeFraudeur: false }] }] };
    expect(() => resultListCsv(bad)).toThrow(/liste rouge/);
  });

  it('PV, missing grades and flagged candidates', () => {
    const pv = lines(pvTenueCsv(S.pvTenue(1)));
    expect(pv[0]).toBe('Partie;N° Candidat;Nom;Prénoms;Décision;Épreuve;Ancienne note;Nouvelle note;Modifiée par;Date');
    expect(pv).toContain('Liste des notes modifiées en délibération du 1er groupe;02321252217 - 001;BANQA;Pierre;;U5 Env.éco.jur.orgs.activ.bancai.;8,25;9,00;DUBOIS Pierre (président);11/07/2023 10:42');
    // issue #14.10: the candidates' rows carry their N° Candidat too
    expect(pv).toContain('Liste des candidats ADMIS après délibération du 1er groupe;02246250289 - 001;AZBTSUN;John;Admis;;;;;');
    expect(lines(missingGradesCsv(S.missingGrades()))[1]).toBe('31408;02246250289 - 001;GONCALVES;Laura;Culture générale et expression / Anglais;LP P.ADRIEN PARIS – BESANCON (0250013D)');
    const f = lines(flaggedCsv(S.flagged()));
    expect(f[0]).toBe('Jury;N° de candidat;Nom / prénom candidat;Présumé fraudeur - Liste rouge');
    expect(f[1]).toBe('22207 Bioanalyses et contrôles;02242250256-001;CHARPENTIER Hector;Liste rouge');
  });

  it('neutralises a hostile name in a list', () => {
    const m = S.livrets();
    const hostile = { ...m, juries: [{ jury: F.JURY_31310, candidates: [{ ...m.juries[0]!.candidates[0]!, nom: '=cmd|"/c calc"!A1', prenoms: '' }] }] };
    expect(lines(livretsCsv(hostile))[1]).toContain(';"\'=cmd|""/c calc""!A1";');
  });
});
