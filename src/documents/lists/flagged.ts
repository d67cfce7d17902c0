// Liste des candidats présumés fraudeurs et/ou en liste rouge (memo §1.2): who is kept off the
// display lists, so that the centre recognises them if they ask.

import type { FlaggedListModel } from '../model.js';
import type { Column } from '../pdf/table.js';
import { renderSectionedList } from './sectioned.js';

export const FLAGGED_TITLE = 'Liste des candidats présumés fraudeurs et/ou en liste rouge';

type FlaggedRow = FlaggedListModel['rows'][number];
export const FLAGGED_COLUMNS: Column<FlaggedRow>[] = [
  { header: 'Jury', width: 30, value: (r) => `${r.jury.code} ${r.jury.specialiteLibelle}` },
  { header: 'N° de candidat', width: 18, value: (r) => `${r.numeroCandidat}-${r.numeroInscription}` },
  { header: 'Nom / prénom candidat', width: 28, value: (r) => `${r.nom} ${r.prenoms}` },
  { header: 'Présumé fraudeur - Liste rouge', width: 24, value: (r) => flaggedLabel(r) },
];

export function flaggedLabel(r: { listeRouge: boolean; presumeFraudeur: boolean }): string {
  return [r.presumeFraudeur ? 'Suspecté de fraude' : '', r.listeRouge ? 'Liste rouge' : ''].filter(Boolean).join('\n');
}

/** Liste des candidats présumés fraudeurs et/ou en liste rouge (all juries of the centre). */
export function renderFlaggedList(model: FlaggedListModel): Buffer {
  return renderSectionedList<FlaggedRow>({
    header: model.header,
    title: FLAGGED_TITLE,
    columns: FLAGGED_COLUMNS,
    sections: [{ lines: [], rows: model.rows.filter((r) => r.listeRouge || r.presumeFraudeur) }],
  });
}
