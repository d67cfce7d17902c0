// Liste des candidats pour la préparation des livrets scolaires, and the 4 lists of "Editer les
// listes de candidats": anonyme, correspondance, mesures pour handicap, triés par décision et moyenne.

import { compare } from '../../domain/rational.js';
import type { Decision } from '../../domain/types.js';
import { average, candidateNumber, decisionLabel, etablissementLabel } from '../format.js';
import type { CandidateListKind, CandidateListModel, CandidateListRow, CandidateRow, Etablissement, JuryRef, LivretStatus, LivretsListModel, LivretsRow } from '../model.js';
import type { Column } from '../pdf/table.js';
import { renderSectionedList } from './sectioned.js';

export const LIVRETS_TITLE = 'Liste des candidats pour la préparation des livrets scolaires';
export const ELEVES_LIVRETS_TITLE = 'Liste des élèves avec livret scolaire';

/** "Reçu", "Non reçu", "Sans statut" */
export function livretStatusLabel(s: LivretStatus | undefined): string {
  return s === 'recu' ? 'Reçu' : s === 'absent' ? 'Non reçu' : 'Sans statut';
}

export const CANDIDATE_LIST_TITLES: Readonly<Record<CandidateListKind, string>> = {
  anonyme: 'Liste anonyme des candidats du jury',
  correspondance: 'Liste de correspondance des candidats du jury',
  handicap: 'Liste des candidats avec mesures pour handicap',
  triee: 'Liste des candidats triés par décision et moyenne descendantes',
};

const fullName = (r: { nom: string; prenoms: string }): string => `${r.nom} ${r.prenoms}`.trim();
const number = (r: CandidateRow): string => candidateNumber(r.numeroCandidat, r.numeroInscription);

const COL = {
  anonymatCandidat: { header: 'N° Anonymat\nN° Candidat', width: 20, value: (r: CandidateRow) => `${r.numeroAnonymat}\n${number(r)}` },
  anonymat: { header: 'N° Anonymat', width: 17, value: (r: CandidateRow) => r.numeroAnonymat },
  candidat: { header: 'N° Candidat', width: 18, value: number },
  nom: { header: 'Nom / Prénoms', width: 22, value: fullName },
  categorie: { header: 'Catégorie', width: 17, value: (r: CandidateRow) => r.categorie },
  etablissement: { header: "Etablissement d'inscription", width: 26, value: (r: CandidateRow) => etablissementLabel(r.etablissementInscription) },
} satisfies Record<string, Column<CandidateRow>>;

export function livretsSectionLines(jury: JuryRef, etablissement?: Etablissement | null): string[] {
  const lines = [`Jury de délibération : ${jury.code}`, `Spécialité (Libellé) : ${jury.specialiteLibelle} (${jury.specialiteCode})`];
  if (etablissement) lines.push(`Etablissement d'inscription : ${etablissementLabel(etablissement)}`);
  return lines;
}

export function juryLines(jury: JuryRef): string[] {
  return [`Jury : ${jury.code}`, `Spécialité : ${jury.specialiteLibelle}`];
}

/**
 * Liste des candidats pour la préparation des livrets scolaires; the élèves list has its own title,
 * the livret status column, and a section per établissement d'inscription (named in its lines).
 */
export function renderLivretsList(model: LivretsListModel): Buffer {
  const columns: Column<LivretsRow>[] = model.eleves
    ? [COL.anonymatCandidat, { ...COL.nom, width: 24 }, { ...COL.categorie, width: 14 }, { header: 'Statut livret', width: 13, value: (r) => livretStatusLabel(r.livret) }, { ...COL.etablissement, width: 29 }]
    : [COL.anonymatCandidat, COL.nom, COL.categorie, COL.etablissement];
  return renderSectionedList<LivretsRow>({
    header: model.header,
    title: model.eleves ? ELEVES_LIVRETS_TITLE : LIVRETS_TITLE,
    columns,
    sections: model.juries.map((j) => ({ lines: livretsSectionLines(j.jury, j.etablissement), rows: j.candidates })),
  });
}

const DECISION_ORDER: Readonly<Record<Decision, number>> = { ADMIS: 0, CONTROLE: 1, REFUSE: 2, INCOMPLET: 3 };

/** Sort of the "triés par décision et moyenne descendantes" list: decision, exact average desc, N° anonymat. */
export function compareByDecisionAndAverage(a: CandidateListRow, b: CandidateListRow): number {
  const d = DECISION_ORDER[a.decision ?? 'INCOMPLET'] - DECISION_ORDER[b.decision ?? 'INCOMPLET'];
  if (d !== 0) return d;
  const ma = a.moyenne ?? null;
  const mb = b.moyenne ?? null;
  if (ma && mb) {
    const c = compare(mb, ma);
    if (c !== 0) return c;
  } else if (ma || mb) {
    return ma ? -1 : 1;
  }
  return a.numeroAnonymat < b.numeroAnonymat ? -1 : a.numeroAnonymat > b.numeroAnonymat ? 1 : 0;
}

/** The columns of each candidate list (shared with the CSV export). */
export function candidateListColumns(kind: CandidateListKind): Column<CandidateListRow>[] {
  switch (kind) {
    case 'anonyme':
      return [COL.anonymat, COL.candidat, COL.categorie, { header: 'Observations', width: 40, value: (r) => r.observations ?? '' }];
    case 'correspondance':
      return [COL.anonymat, COL.candidat, COL.nom, COL.categorie, COL.etablissement];
    case 'handicap':
      return [COL.anonymat, COL.candidat, COL.nom, COL.categorie, { header: 'Mesures pour handicap', width: 30, value: (r) => r.handicap ?? '' }];
    case 'triee':
      return [
        COL.anonymat,
        COL.candidat,
        COL.categorie,
        { header: 'Décision', width: 22, value: (r) => (r.decision ? decisionLabel(r.decision) : '') },
        { header: 'Moyenne', width: 10, align: 'right', value: (r) => average(r.moyenne) },
        { header: 'Moyenne pro.', width: 11, align: 'right', value: (r) => average(r.moyennePro) },
      ];
  }
}

/** The rows of a list as printed (the sorted list is sorted here). */
export function candidateListRows(kind: CandidateListKind, rows: readonly CandidateListRow[]): readonly CandidateListRow[] {
  return kind === 'triee' ? [...rows].sort(compareByDecisionAndAverage) : rows;
}

/** One of the 4 lists of "Editer les listes de candidats". */
export function renderCandidateList(model: CandidateListModel): Buffer {
  return renderSectionedList<CandidateListRow>({
    header: model.header,
    title: CANDIDATE_LIST_TITLES[model.kind],
    columns: candidateListColumns(model.kind),
    sections: model.juries.map((j) => ({ lines: juryLines(j.jury), rows: candidateListRows(model.kind, j.candidates) })),
  });
}
