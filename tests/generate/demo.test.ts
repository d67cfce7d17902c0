import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CENTRE_EPREUVE_UAI,
  DEMO_CENTRE_UAI,
  DEMO_JURIES,
  DEMO_MISSING_GRADE,
  DEMO_NAMED_CANDIDATES,
  DEMO_OTHER_CENTRE_UAI,
  writeDemoSession,
} from '../../src/features/generate/demo.js';
import {
  SPEC_HEADERS,
  candKey,
  decide,
  gradesByCandidate,
  readSession,
  rulesets,
  uaiOk,
  validateSession,
  type Decision,
  type Row,
  type Table,
} from './exchange-check.js';

// rows of samples/memo-31310 (the memo's jury), embedded so that the test does not depend on the folder
const SAMPLE_EPREUVES_31310 = [
  '31310;U1;Culture générale et expression;3;general;oui;non;;6',
  '31310;U2;Langue vivante 1;2;general;oui;non;;6',
  '31310;U2E;Langue vivante 1 : écrite;1;general;non;non;U2;',
  '31310;U2O;Langue vivante 1 : orale;1;general;non;non;U2;',
  '31310;U3;Gestion de la relation client;5;professionnel;non;non;;30',
  '31310;U41;Étude de cas;4;professionnel;non;non;;24',
  '31310;U42;Analyse situation commerciale;2;professionnel;non;non;;12',
  '31310;U5;Environnement économique et juridique;4;professionnel;non;non;;42',
  '31310;UF1;Langue vivante 2 (facultative);1;general;non;oui;;',
];
const SAMPLE_AZBTSUN =
  '02319252150;001;AZBTSUN;;John;M;01/09/2002;RENNES (035);210340601AA;SCOLAIRE;GLOBALE;0250001R;0250001R;31310;T230A031000004;oui;;non;non;Rue du pré;25000;Besancon;';
const SAMPLE_BANQA_START = '02321252217;001;BANQA;;Pierre;M;02/02/2003;BESANCON (025);210340602AB;SCOLAIRE;GLOBALE;0250001R;0250001R;31310;T230A031000005;oui;';
const SAMPLE_NOTES = [
  '02319252150;001;U1;9;',
  '02319252150;001;U2E;6;',
  '02319252150;001;U2O;16;',
  '02319252150;001;U3;10;',
  '02319252150;001;U41;10;',
  '02319252150;001;U42;10;',
  '02319252150;001;U5;10;',
  '02321252217;001;U1;12;',
  '02321252217;001;U2E;11;',
  '02321252217;001;U2O;13,5;',
  '02321252217;001;U3;9,5;',
  '02321252217;001;U41;11;',
  '02321252217;001;U42;10;',
  '02321252217;001;U5;8,25;',
  '02321252217;001;UF1;14;',
];

const line = (r: Row, header: string[]): string => header.map((h) => r[h]).join(';');

describe('writeDemoSession', () => {
  let root: string;
  let t: Record<string, Table>;
  let decisions: Map<string, { decision: Decision; moy: number | null; pro: number | null }>;
  let byName: (nom: string, prenoms: string) => Row;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'delib-demo-'));
    await writeDemoSession(join(root, 'demo'));
    t = readSession(join(root, 'demo'));
    const rs = rulesets(t['epreuves.csv']!.rows);
    const grades = gradesByCandidate(t['notes.csv']!.rows);
    decisions = new Map();
    for (const c of t['candidats.csv']!.rows) {
      decisions.set(candKey(c), decide(rs.get(c.jury!)!, grades.get(candKey(c)) ?? new Map()));
    }
    byName = (nom, prenoms) => {
      const found = t['candidats.csv']!.rows.filter((c) => c.nom === nom && c.prenoms === prenoms);
      expect(found, `${nom} ${prenoms}`).toHaveLength(1);
      return found[0]!;
    };
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const candidatesOf = (jury: string): Row[] => t['candidats.csv']!.rows.filter((c) => c.jury === jury);
  const decisionOf = (c: Row): Decision => decisions.get(candKey(c))!.decision;

  it('is a valid exchange-format session', () => {
    for (const f of Object.keys(SPEC_HEADERS)) expect(t[f]!.header).toEqual(SPEC_HEADERS[f]);
    expect(validateSession(t, ['000', '105', '110', '130', '140', '198'])).toEqual([]);
  });

  it('has the académie de Besançon session', () => {
    expect(line(t['session.csv']!.rows[0]!, SPEC_HEADERS['session.csv']!)).toBe(
      'BTS;2023-06;A03;ACADEMIE DE BESANCON;Rectorat de Besançon;1 rue des champs 25000 BESANCON;ce.dec@ac-besancon.fr;',
    );
  });

  it('has the memo établissements with valid UAIs', () => {
    const etabs = t['etablissements.csv']!.rows.map((r) => line(r, SPEC_HEADERS['etablissements.csv']!));
    for (const e of [
      '0250001R;LP NELSON MANDELA;AUDINCOURT CEDEX',
      '0250013D;LP P.ADRIEN PARIS;BESANCON',
      '0390007W;LYCEE DU JURA;LONS-LE-SAUNIER',
      '0700021T;LYCEE DE HAUTE-SAONE;VESOUL',
    ]) {
      expect(etabs).toContain(e);
    }
    expect(t['etablissements.csv']!.rows.every((r) => uaiOk(r.uai!))).toBe(true);
    expect(DEMO_CENTRE_UAI).toBe('0250001R');
    expect(DEMO_OTHER_CENTRE_UAI).toBe('0390007W');
    expect(DEMO_CENTRE_EPREUVE_UAI).toBe('0250013D');
  });

  it('has the six juries with their states, centres and dates (and DEMO_JURIES matches jurys.csv)', () => {
    const rows = t['jurys.csv']!.rows.map((r) => line(r, SPEC_HEADERS['jurys.csv']!));
    expect(rows).toEqual(
      DEMO_JURIES.map((j) =>
        [j.code, j.specialite, j.centreDeliberation, j.president, j.vicePresident, j.debutDeliberation, j.finDeliberation, j.etat].join(';'),
      ),
    );
    const st = Object.fromEntries(t['jurys.csv']!.rows.map((j) => [j.code, j.etat]));
    expect(st).toEqual({ '20112': '130', '22207': '110', '25302': '140', '31310': '110', '31408': '198', '20113': '110' });
    const j31310 = t['jurys.csv']!.rows.find((j) => j.code === '31310')!;
    expect([j31310.president, j31310.vice_president, j31310.debut_deliberation, j31310.fin_deliberation]).toEqual([
      'DUBOIS Pierre',
      'MARTIN Claire',
      '31/05/2023 17:00',
      '11/07/2023 11:00',
    ]);
    const dates = Object.fromEntries(t['jurys.csv']!.rows.map((j) => [j.code, `${j.debut_deliberation} - ${j.fin_deliberation}`]));
    expect(dates['31408']).toBe('31/05/2023 14:00 - 06/07/2023 15:00');
    expect(dates['20112']).toBe('31/05/2023 10:00 - 03/07/2023 05:00');
    expect(dates['22207']).toBe('30/05/2023 00:00 - 04/07/2023 08:00');
    expect(dates['25302']).toBe('09/06/2023 09:00 - 05/07/2023 15:00');
    for (const j of t['jurys.csv']!.rows) {
      expect(j.centre_deliberation).toBe(j.code === '20113' ? DEMO_OTHER_CENTRE_UAI : DEMO_CENTRE_UAI);
      expect(j.specialite).toBe(j.code);
    }
    expect(t['specialites.csv']!.rows.find((s) => s.code === '20113')!.libelle).toBe(
      'Systèmes numériques option B : Electronique et communications',
    );
  });

  it('has 25–40 candidates per jury (20113: about 25)', () => {
    for (const j of DEMO_JURIES) {
      const n = candidatesOf(j.code).length;
      expect(n, j.code).toBeGreaterThanOrEqual(25);
      expect(n, j.code).toBeLessThanOrEqual(40);
    }
  });

  it('defines 31310 exactly as the memo sample', () => {
    const rows = t['epreuves.csv']!.rows.filter((e) => e.specialite === '31310').map((e) => line(e, SPEC_HEADERS['epreuves.csv']!));
    expect(rows).toEqual(SAMPLE_EPREUVES_31310);
  });

  it('has consistent rulesets for 31408 (U1–U4 general contrôle, professional U5+)', () => {
    const rs = rulesets(t['epreuves.csv']!.rows).get('31408')!;
    expect(rs.filter((u) => u.controle).map((u) => u.code)).toEqual(['U1', 'U2', 'U3', 'U4']);
    expect(rs.filter((u) => u.domaine === 'professionnel').map((u) => u.code)).toEqual(['U5', 'U6', 'U7']);
    expect(rs.find((u) => u.code === 'U1')!).toMatchObject({ domaine: 'general', controle: true });
  });

  it('has the golden candidate and BANQA exactly as in the sample', () => {
    const header = SPEC_HEADERS['candidats.csv']!;
    const rows = t['candidats.csv']!.rows.map((r) => line(r, header));
    expect(rows).toContain(SAMPLE_AZBTSUN);
    expect(rows.some((r) => r.startsWith(SAMPLE_BANQA_START))).toBe(true);
    const notes = t['notes.csv']!.rows
      .filter((n) => n.numero_candidat === '02319252150' || n.numero_candidat === '02321252217')
      .map((n) => line(n, SPEC_HEADERS['notes.csv']!));
    expect(notes).toEqual(SAMPLE_NOTES);
    expect(decisions.get('02319252150-001')).toEqual({ decision: 'CONTROLE', moy: 995, pro: 1000 });
    expect(decisions.get('02321252217-001')).toEqual({ decision: 'ADMIS', moy: 1045, pro: 963 });
  });

  it('has the golden candidate\'s contrôle choices (U1, U2) and no contrôle grade', () => {
    expect(t['choix_controle.csv']!.rows.map((r) => line(r, SPEC_HEADERS['choix_controle.csv']!))).toEqual(['02319252150;001;U1;U2']);
    expect(t['notes_controle.csv']!.rows).toHaveLength(0);
  });

  it('has the memo candidates of 31310 with their numbers, anonymats and categories', () => {
    const expected: [string, string, string, string, string][] = [
      ['BANQB', 'Laura', '02321252218-001', 'T230A031000006', 'SCOLAIRE'],
      ['BANQC', 'Ella', '02321252219-001', 'T230A031000007', 'SCOLAIRE'],
      ['DATE', 'Candy', '02241250226-002', 'T230A031000021', 'EXPERIENCE PROFESSIONNEL.3 ANS'],
      ['DEAUX', 'Jane', '02241250225-002', 'T230A031000022', 'FORMATION CONTINUE'],
      ['DOE', 'John', '02241250224-002', 'T230A031000023', 'SCOLAIRE'],
    ];
    for (const [nom, prenoms, key, anonymat, categorie] of expected) {
      const c = byName(nom, prenoms);
      expect([candKey(c), c.numero_anonymat, c.categorie, c.jury]).toEqual([key, anonymat, categorie, '31310']);
    }
    expect(byName('DOE', 'John').livret).toBe(''); // SCOLAIRE without livret status -> alert
  });

  it('has exactly one INCOMPLET, in 31310 (the missing grade of DEMO_MISSING_GRADE), none elsewhere', () => {
    const incomplets = t['candidats.csv']!.rows.filter((c) => decisionOf(c) === 'INCOMPLET');
    expect(incomplets.map((c) => [candKey(c), c.jury])).toEqual([
      [`${DEMO_MISSING_GRADE.numeroCandidat}-${DEMO_MISSING_GRADE.numeroInscription}`, '31310'],
    ]);
    const grades = gradesByCandidate(t['notes.csv']!.rows).get(`${DEMO_MISSING_GRADE.numeroCandidat}-001`)!;
    expect(grades.has(DEMO_MISSING_GRADE.epreuve)).toBe(false);
    expect([...grades.keys()].sort()).toEqual(['U1', 'U2E', 'U2O', 'U3', 'U42', 'U5']);
  });

  it('has exactly the memo\'s four CONTROLE candidates in 31408, with centre d\'épreuve 0250013D and no choice', () => {
    const controle = candidatesOf('31408').filter((c) => decisionOf(c) === 'CONTROLE');
    expect(controle.map((c) => `${c.nom} ${c.prenoms} ${candKey(c)}`).sort()).toEqual([
      'CHAMAYOU Lilian 02246250298-001',
      'GONCALVES Laura 02246250289-001',
      'JOOMUN Rayane 02246250290-001',
      'YOU Norind 02246250288-001',
    ]);
    for (const c of controle) {
      expect(c.centre_epreuve).toBe(DEMO_CENTRE_EPREUVE_UAI);
      const d = decisions.get(candKey(c))!;
      expect(d.moy!).toBeGreaterThanOrEqual(800);
      expect(d.moy!).toBeLessThan(1000);
      expect(d.pro!).toBeGreaterThanOrEqual(1000);
    }
    const choices = new Set(t['choix_controle.csv']!.rows.map((r) => r.numero_candidat));
    for (const c of controle) expect(choices.has(c.numero_candidat!)).toBe(false);
  });

  it('has the memo\'s admitted candidates of 31408', () => {
    for (const [nom, prenoms] of [
      ['AIT-KHEDDACHE', 'Imane'],
      ['AYYILDIZ', 'Omer Can'],
      ['BARRY', 'Boubacar'],
      ['BEAURENAUT', 'Léa'],
      ['BEN MOUSSA', 'Nadia'],
      ['BOUKNIZA', 'Mohamed'],
      ['BRUNEAU', 'Kassandra'],
      ['CORBIN - CAMPAGNE', 'Juliette'],
      ['DA SILVA MARQUES', 'Dilane'],
      ['GAILLOT', 'Carine'],
      ['GOYETTE', 'Inès'],
    ] as const) {
      const c = byName(nom, prenoms);
      expect(c.jury).toBe('31408');
      expect(decisionOf(c), nom).toBe('ADMIS');
    }
  });

  it('has at least one CONTROLE candidate in 20112 (130) and 25302 (140)', () => {
    for (const j of ['20112', '25302']) expect(candidatesOf(j).filter((c) => decisionOf(c) === 'CONTROLE').length, j).toBeGreaterThan(0);
  });

  it('has the memo\'s flags: CHARPENTIER on the liste rouge, BREST and DUBOIS presumed fraudsters', () => {
    const rouge = t['candidats.csv']!.rows.filter((c) => c.liste_rouge === 'oui');
    expect(rouge.map((c) => `${c.jury} ${candKey(c)} ${c.nom} ${c.prenoms}`)).toEqual(['22207 02242250256-001 CHARPENTIER Hector']);
    const fraude = t['candidats.csv']!.rows.filter((c) => c.presume_fraudeur === 'oui');
    expect(fraude.map((c) => `${c.jury} ${candKey(c)} ${c.nom} ${c.prenoms}`).sort()).toEqual([
      '25302 02241250223-001 BREST Fanch',
      '25302 02242250255-001 DUBOIS Pierre',
    ]);
  });

  it('exercises the rest: handicap, livret statuses, bénéfices, DI, ABS, other exam centres, Vietnamese names', () => {
    const cands = t['candidats.csv']!.rows;
    const notes = t['notes.csv']!.rows;
    expect(cands.filter((c) => c.handicap !== '').length).toBeGreaterThanOrEqual(3);
    expect(cands.some((c) => c.handicap === 'Tiers temps')).toBe(true);
    expect(cands.filter((c) => c.categorie === 'SCOLAIRE' && c.livret === '').length).toBeGreaterThanOrEqual(2);
    expect(cands.some((c) => c.livret === 'non')).toBe(true);
    const benef = notes.filter((n) => n.benefice !== '');
    expect(benef.length).toBeGreaterThanOrEqual(3);
    expect(benef.every((n) => ['2021-06', '2022-06'].includes(n.benefice!))).toBe(true);
    expect(notes.some((n) => n.note === 'DI')).toBe(true);
    const absCands = new Set(notes.filter((n) => n.note === 'ABS').map(candKey));
    expect(absCands.size).toBeGreaterThanOrEqual(2);
    for (const k of absCands) expect(decisions.get(k)!.decision).toBe('REFUSE');
    expect(cands.some((c) => c.centre_epreuve === DEMO_CENTRE_EPREUVE_UAI && c.jury !== '31408')).toBe(true);
    expect(cands.some((c) => c.centre_epreuve === DEMO_OTHER_CENTRE_UAI && c.jury !== '20113')).toBe(true);
    expect(cands.filter((c) => /[\u1E00-\u1EFF]/.test(c.nom! + c.prenoms!)).length).toBeGreaterThanOrEqual(3);
    expect(cands.some((c) => c.nom === 'NGUYỄN')).toBe(true);
  });

  it('lists its named candidates with the decisions it guarantees', () => {
    const golden = DEMO_NAMED_CANDIDATES.find((c) => c.nom === 'AZBTSUN')!;
    expect(golden).toMatchObject({ jury: '31310', numeroCandidat: '02319252150', decision: 'CONTROLE' });
    for (const n of DEMO_NAMED_CANDIDATES) {
      const c = byName(n.nom, n.prenoms);
      expect(candKey(c)).toBe(`${n.numeroCandidat}-${n.numeroInscription}`);
      expect(c.jury).toBe(n.jury);
      if (n.decision) expect(decisionOf(c), n.nom).toBe(n.decision);
    }
  });

  it('is generated deterministically (same bytes twice)', async () => {
    await writeDemoSession(join(root, 'demo2'));
    for (const f of Object.keys(SPEC_HEADERS)) {
      expect(readFileSync(join(root, 'demo2', f)).equals(readFileSync(join(root, 'demo', f))), f).toBe(true);
    }
  });
});
