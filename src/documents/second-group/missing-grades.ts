// CONTROLE DES NOTES MANQUANTES DU SECOND GROUPE, per jury, or "Pas de notes manquantes.".

import { candidateNumber, etablissementLabel } from '../format.js';
import type { MissingGradesModel } from '../model.js';
import { renderSectionedList } from '../lists/sectioned.js';
import type { Column } from '../pdf/table.js';

export const MISSING_TITLE = 'CONTROLE DES NOTES MANQUANTES DU SECOND GROUPE';
export const NO_MISSING = 'Pas de notes manquantes.';

type MissingRow = MissingGradesModel['juries'][number]['rows'][number];
export const MISSING_COLUMNS: Column<MissingRow>[] = [
  { header: 'N° Candidat', width: 18, value: (r) => candidateNumber(r.numeroCandidat, r.numeroInscription) },
  { header: 'Nom', width: 16, value: (r) => r.nom },
  { header: 'Prénom', width: 13, value: (r) => r.prenoms },
  { header: 'Note(s) manquante(s)', width: 28, value: (r) => r.manquantes.join('\n') },
  { header: 'Centre du 2nd groupe', width: 25, value: (r) => etablissementLabel(r.centre) },
];

/** CONTROLE DES NOTES MANQUANTES DU SECOND GROUPE (per jury), or "Pas de notes manquantes.". */
export function renderMissingGrades(model: MissingGradesModel): Buffer {
  const juries = model.juries.filter((j) => j.rows.length > 0);
  return renderSectionedList<MissingRow>({
    header: model.header,
    title: MISSING_TITLE,
    columns: MISSING_COLUMNS,
    sections: juries.map((j) => ({ lines: [`Jury : ${j.jury.code}`], rows: j.rows })),
    emptyText: NO_MISSING,
  });
}
