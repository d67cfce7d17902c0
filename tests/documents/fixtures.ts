// The memo's data as view models: jury 31310 "Banque - conseiller de clientèle", the golden candidate
// AZBTSUN John evaluated by the REAL engine (SPEC §3), the centre LP NELSON MANDELA.

import { ABS, note } from '../../src/domain/grades.js';
import { evaluate } from '../../src/domain/rules/index.js';
import type { CandidateInput, Ruleset, UnitDef } from '../../src/domain/types.js';
import { transcriptResult, transcriptUnits } from '../../src/documents/from-result.js';
import type {
  CandidateRow,
  EditionHeader,
  Etablissement,
  JuryRef,
  PviEntry,
  ResultRow,
  ServiceExamen,
  TranscriptBatchModel,
  TranscriptCandidate,
  TranscriptEntry,
} from '../../src/documents/model.js';

export const EDITED_AT = '2023-06-06T11:18';

export const MANDELA: Etablissement = { uai: '0250001R', libelle: 'LP NELSON MANDELA', ville: 'AUDINCOURT CEDEX' };
export const ADRIEN_PARIS: Etablissement = { uai: '0250013D', libelle: 'LP P.ADRIEN PARIS', ville: 'BESANCON' };

export const HEADER: EditionHeader = {
  domaine: 'BREVET DE TECHNICIEN SUPÉRIEUR',
  academie: 'ACADÉMIE DE BESANÇON',
  centre: MANDELA,
  session: '2023-06',
  editedAt: EDITED_AT,
};

export const JURY_31310: JuryRef = { code: '31310', specialiteCode: '31310', specialiteLibelle: 'Banque - conseiller de clientèle' };
export const JURY_31408: JuryRef = { code: '31408', specialiteCode: '31408', specialiteLibelle: 'Comptabilité et gestion' };

const unit = (code: string, libelle: string, coef: number, o: Partial<UnitDef> = {}): UnitDef => ({
  code,
  libelle,
  coefCenti: coef * 100,
  domaine: 'general',
  controle: false,
  facultative: false,
  ects: null,
  leaves: [{ code, libelle, coefCenti: 100 }],
  ...o,
});

/** The 31310 ruleset of SPEC §3, with the memo's RLN labels. */
export const RULESET_31310: Ruleset = {
  units: [
    unit('U1', 'Culture générale et expression', 3, { controle: true, ects: 6 }),
    unit('U2', 'Langue vivante 1-Allemand', 2, {
      controle: true,
      ects: 6,
      leaves: [
        { code: 'U2E', libelle: 'Langue vivante 1 : Écrite-Allemand', coefCenti: 100 },
        { code: 'U2O', libelle: 'Langue vivante 1 : Orale-Allemand', coefCenti: 100 },
      ],
    }),
    unit('U3', 'Gestion de la relation client', 5, { domaine: 'professionnel', ects: 30 }),
    unit('U41', 'Étude de cas', 4, { domaine: 'professionnel', ects: 24 }),
    unit('U42', 'Analyse situation commerciale', 2, { domaine: 'professionnel', ects: 12 }),
    unit('U5', 'Env.éco.jur.orgs.activ.bancai.', 4, { domaine: 'professionnel', ects: 42 }),
    unit('UF1', 'Langue vivante 2 (facultative)', 1, { facultative: true }),
  ],
};

const GOLDEN_GRADES = { U1: note(900), U2E: note(600), U2O: note(1600), U3: note(1000), U41: note(1000), U42: note(1000), U5: note(1000) };

/** AZBTSUN John before the contrôle (CONTROLE: 9,95 / pro 10,00). */
export const GOLDEN_INPUT_1: CandidateInput = { grades: GOLDEN_GRADES };
/** … and after it (contrôle U1 12, U2 11 → 10,40, Admis, 120 ECTS). */
export const GOLDEN_INPUT_2: CandidateInput = { grades: GOLDEN_GRADES, controleChoices: ['U1', 'U2'], controleGrades: { U1: note(1200), U2: note(1100) } };

export const AZBTSUN: TranscriptCandidate = {
  numeroCandidat: '02319252150',
  numeroInscription: '001',
  nom: 'AZBTSUN',
  nomUsage: '',
  prenoms: 'John',
  sexe: 'M',
  dateNaissance: '01/09/2002',
  lieuNaissance: 'RENNES (035)',
  ine: '210340601AA',
  formePassage: 'Globale',
  juryCode: '31310',
  categorie: 'SCOLAIRE',
  adresse: ['Rue du pré', 'Batiment B', 'Appart 5', '1er étage', '25000 Besancon'],
  etablissementInscription: MANDELA,
};

export function entryFor(candidate: TranscriptCandidate, input: CandidateInput, benefices: Record<string, string> = {}): TranscriptEntry {
  const result = evaluate(RULESET_31310, input);
  return {
    candidate,
    specialite: JURY_31310.specialiteLibelle,
    units: transcriptUnits(RULESET_31310, input, result, benefices),
    result: transcriptResult(result),
  };
}

export const SERVICE_EXAMEN: ServiceExamen = {
  libelle: 'Rectorat de Besançon',
  adresse: ['1 rue des champs', '25000 BESANCON'],
  telephone: '03 81 65 47 00',
  mail: 'rectBesancon@ac-besancon.fr',
};

export function transcriptBatch(entries: TranscriptEntry[], o: Partial<TranscriptBatchModel> = {}): TranscriptBatchModel {
  return {
    session: '2023-06',
    academie: 'ACADÉMIE DE BESANÇON',
    domaine: 'BREVET DE TECHNICIEN SUPÉRIEUR',
    editedAt: EDITED_AT,
    serviceExamen: SERVICE_EXAMEN,
    options: { etablissement: false, mail: true, telephone: true },
    signature: { lieu: 'rennes', date: '06/06/2023' },
    transcripts: entries,
    ...o,
  };
}

export const NGUYEN: TranscriptCandidate = {
  ...AZBTSUN,
  numeroCandidat: '02321252299',
  nom: 'NGUYỄN',
  prenoms: 'Thị Minh Khai',
  sexe: 'F',
  dateNaissance: '12/03/2003',
  lieuNaissance: 'HÀ NỘI (99)',
  ine: '210340699ZZ',
  adresse: ['12 rue de l’Église', '25200 Montbéliard'],
};

/** A refused candidate with an absence, a DI and a bénéfice. */
export const NGUYEN_INPUT: CandidateInput = {
  grades: { U1: note(1250), U2E: { kind: 'DI' }, U2O: { kind: 'DI' }, U3: note(725), U41: ABS, U42: note(1100), U5: note(1325), UF1: note(1400) },
};

export function pviEntry(entry: TranscriptEntry, numeroAnonymat: string, o: Partial<PviEntry> = {}): PviEntry {
  return { ...entry, numeroAnonymat, jury: JURY_31310, livret: 'recu', handicap: null, flags: { listeRouge: false, presumeFraudeur: false }, ...o };
}

/** The memo's "livrets" list of jury 31310. */
export const LIVRETS_31310: CandidateRow[] = [
  ['T230A031000004', '02319252150', '001', 'AZBTSUN', 'John', 'SCOLAIRE'],
  ['T230A031000005', '02321252217', '001', 'BANQA', 'Pierre', 'SCOLAIRE'],
  ['T230A031000006', '02321252218', '001', 'BANQB', 'Laura', 'SCOLAIRE'],
  ['T230A031000007', '02321252219', '001', 'BANQC', 'Ella', 'SCOLAIRE'],
  ['T230A031000021', '02241250226', '002', 'DATE', 'Candy', 'EXPERIENCE PROFESSIONNEL.3 ANS'],
  ['T230A031000022', '02241250225', '002', 'DEAUX', 'Jane', 'FORMATION CONTINUE'],
  ['T230A031000023', '02241250224', '002', 'DOE', 'John', 'SCOLAIRE'],
  ['T230A031000024', '02321252299', '001', 'NGUYỄN', 'Thị Minh Khai', 'SCOLAIRE'],
].map(([numeroAnonymat, numeroCandidat, numeroInscription, nom, prenoms, categorie]) => ({
  numeroAnonymat: numeroAnonymat!,
  numeroCandidat: numeroCandidat!,
  numeroInscription: numeroInscription!,
  nom: nom!,
  prenoms: prenoms!,
  categorie: categorie!,
  etablissementInscription: MANDELA,
}));

/** n synthetic candidates (deterministic), for multi-page lists. */
export function manyCandidates(n: number): CandidateRow[] {
  return Array.from({ length: n }, (_, i) => ({
    numeroAnonymat: `T230A0310${String(10000 + i).padStart(5, '0')}`,
    numeroCandidat: `0232125${String(3000 + i).padStart(4, '0')}`,
    numeroInscription: '001',
    nom: `NOM${String.fromCharCode(65 + (i % 26))}${i}`,
    prenoms: i % 7 === 0 ? 'Marie-Éléonore Françoise' : 'Jean',
    categorie: i % 5 === 0 ? 'FORMATION CONTINUE' : 'SCOLAIRE',
    etablissementInscription: i % 3 === 0 ? ADRIEN_PARIS : MANDELA,
  }));
}

/** The memo's display list of jury 31408 (admis after the 1st group). */
export const ADMIS_31408: ResultRow[] = [
  ['AIT-KHEDDACHE', 'Imane'], ['AYYILDIZ', 'Omer Can'], ['BARRY', 'Boubacar'], ['BEAURENAUT', 'Léa'],
  ['BEN MOUSSA', 'Nadia'], ['BOUKNIZA', 'Mohamed'], ['BRUNEAU', 'Kassandra'], ['CORBIN - CAMPAGNE', 'Juliette'],
  ['DA SILVA MARQUES', 'Dilane'], ['GAILLOT', 'Carine'], ['GOYETTE', 'Inès'],
].map(([nom, prenoms]) => ({ nom: nom!, prenoms: prenoms!, decision: 'Admis', listeRouge: false, presumeFraudeur: false }));

