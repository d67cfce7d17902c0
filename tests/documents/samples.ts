// One sample model per document, from the memo's examples (used by the tests and the visual refs).

import { note } from '../../src/domain/grades.js';
import { ratio } from '../../src/domain/rational.js';
import { evaluate } from '../../src/domain/rules/index.js';
import { epreuveStats } from '../../src/documents/lists/stats.js';
import type {
  BordereauModel,
  CandidateListModel,
  ConvocationModel,
  FlaggedListModel,
  LivretsListModel,
  MissingGradesModel,
  PapillonModel,
  PviModel,
  PvTenueModel,
  ResultListModel,
  StatsDecisionModel,
  StatsEpreuveModel,
} from '../../src/documents/model.js';
import * as F from './fixtures.js';

export const livrets = (n = 0): LivretsListModel => ({
  header: { ...F.HEADER, titreEdition: 'Livrets scolaires juin 2023' },
  juries: [{ jury: F.JURY_31310, candidates: n ? F.manyCandidates(n) : F.LIVRETS_31310 }],
});

export const candidateList = (kind: CandidateListModel['kind']): CandidateListModel => ({
  header: F.HEADER,
  kind,
  juries: [
    {
      jury: F.JURY_31310,
      candidates: F.LIVRETS_31310.map((c, i) => ({
        ...c,
        observations: i === 2 ? 'Livret non reçu' : '',
        handicap: i % 3 === 0 ? 'Tiers temps ; secrétaire' : null,
        decision: (['ADMIS', 'CONTROLE', 'REFUSE', 'ADMIS'] as const)[i % 4],
        moyenne: ratio(800 + i * 97, 100),
        moyennePro: ratio(1000 + i * 13, 100),
      })),
    },
  ],
});

export const statsDecision = (): StatsDecisionModel => ({
  header: F.HEADER,
  juries: [
    {
      jury: F.JURY_31408,
      counts: { admis: 20, controle: 3, refuse: 6, incomplet: 0 },
      specialiteCounts: { admis: 20, controle: 3, refuse: 6, incomplet: 0 },
    },
  ],
});

export const statsEpreuve = (): StatsEpreuveModel => {
  const results = [F.GOLDEN_INPUT_1, F.NGUYEN_INPUT].map((input) => evaluate(F.RULESET_31310, input));
  return { header: F.HEADER, juries: [{ jury: F.JURY_31310, candidats: results.length, epreuves: epreuveStats(results) }] };
};

export const resultList = (kind: ResultListModel['kind'] = 'admis1'): ResultListModel => ({
  header: F.HEADER,
  kind,
  groups: [{ jury: F.JURY_31408, centreKind: 'deliberation', centre: F.MANDELA, rows: F.ADMIS_31408 }],
});

export const pvTenue = (group: 1 | 2 = 1): PvTenueModel => ({
  header: F.HEADER,
  group,
  jury: F.JURY_31310,
  dateDeliberation: '11/07/2023 11:00',
  centre: F.MANDELA,
  signataires: [{ name: 'Dubois Pierre', role: 'president' }],
  signature: { lieu: 'AUDINCOURT CEDEX', date: '06/06/2023' },
  admis: [
    { numeroCandidat: '02321252217', numeroInscription: '001', nom: 'BANQA', prenoms: 'Pierre', decision: 'Admis' },
    { numeroCandidat: '02246250289', numeroInscription: '001', nom: 'AZBTSUN', prenoms: 'John', decision: 'Admis' },
    { numeroCandidat: '02321252218', numeroInscription: '001', nom: 'BANQB', prenoms: 'Laura', decision: 'Admis' },
  ],
  controle: group === 1 ? [{ numeroCandidat: '02321252219', numeroInscription: '001', nom: 'NGUYỄN', prenoms: 'Thị Minh Khai', decision: 'Passe les épreuves de contrôle' }] : [],
  modifications: [
    {
      numeroCandidat: '02321252217',
      numeroInscription: '001',
      nom: 'BANQA',
      prenoms: 'Pierre',
      epreuve: 'U5 Env.éco.jur.orgs.activ.bancai.',
      ancienneNote: note(825),
      nouvelleNote: note(900),
      modifiePar: 'DUBOIS Pierre (président)',
      date: '2023-07-11T10:42',
    },
  ],
  nonAdmis: [],
  journal: { anchor: `1234:${'3f9a0c7e'.repeat(8)}`, problems: [] },
});

export const pvi = (): PviModel => ({
  header: F.HEADER,
  entries: [
    F.pviEntry(F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_1), 'T230A031000004'),
    F.pviEntry(F.entryFor(F.NGUYEN, F.NGUYEN_INPUT, { U42: '2021-06' }), 'T230A031000024', {
      livret: null,
      handicap: 'Tiers temps',
      flags: { listeRouge: true, presumeFraudeur: true },
    }),
  ],
});

export const papillons = (): PapillonModel => ({
  header: F.HEADER,
  papillons: [{ jury: F.JURY_31310, url: 'https://delib-secours.ac-besancon.fr/jury', login: 'JURY-31310', password: 'k7Qe-92Lm-Xa4P' }],
});

export const convocations = (): ConvocationModel => ({
  header: F.HEADER,
  serviceExamen: F.SERVICE_EXAMEN,
  signature: { lieu: 'Besançon', date: '20/06/2023' },
  convocations: [
    {
      candidate: F.AZBTSUN,
      specialite: F.JURY_31310.specialiteLibelle,
      epreuves: [
        { code: 'U1', libelle: 'Culture générale et expression', date: '03/07/2023', heure: '09:30', lieu: F.ADRIEN_PARIS, salle: 'B12' },
        { code: 'U2', libelle: 'Langue vivante 1-Allemand', date: '03/07/2023', heure: '14:00', lieu: F.ADRIEN_PARIS },
      ],
    },
  ],
});

export const bordereaux = (): BordereauModel => ({
  header: F.HEADER,
  bordereaux: [
    {
      jury: F.JURY_31310,
      epreuve: { code: 'U1', libelle: 'Culture générale et expression' },
      centre: F.ADRIEN_PARIS,
      date: '03/07/2023',
      heure: '09:30',
      salle: 'B12',
      candidates: F.LIVRETS_31310.slice(0, 3),
    },
  ],
});

export const missingGrades = (empty = false): MissingGradesModel => ({
  header: F.HEADER,
  juries: [
    {
      jury: F.JURY_31408,
      rows: empty
        ? []
        : [
            { numeroCandidat: '02246250289', numeroInscription: '001', nom: 'GONCALVES', prenoms: 'Laura', manquantes: ['Culture générale et expression', 'Anglais'], centre: F.ADRIEN_PARIS },
            { numeroCandidat: '02246250290', numeroInscription: '001', nom: 'JOOMUN', prenoms: 'Rayane', manquantes: ['Culture générale et expression', 'Culture économique juridique et managériale'], centre: F.ADRIEN_PARIS },
          ],
    },
  ],
});

export const flagged = (): FlaggedListModel => ({
  header: F.HEADER,
  rows: [
    { jury: { code: '22207', specialiteCode: '22207', specialiteLibelle: 'Bioanalyses et contrôles' }, numeroCandidat: '02242250256', numeroInscription: '001', nom: 'CHARPENTIER', prenoms: 'Hector', listeRouge: true, presumeFraudeur: false },
    { jury: { code: '25302', specialiteCode: '25302', specialiteLibelle: 'Aéronautique' }, numeroCandidat: '02241250223', numeroInscription: '001', nom: 'BREST', prenoms: 'Fanch', listeRouge: false, presumeFraudeur: true },
    { jury: { code: '25302', specialiteCode: '25302', specialiteLibelle: 'Aéronautique' }, numeroCandidat: '02242250255', numeroInscription: '001', nom: 'DUBOIS', prenoms: 'Pierre', listeRouge: false, presumeFraudeur: true },
  ],
});
