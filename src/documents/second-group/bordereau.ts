// Bordereau de notation of a 2nd-group épreuve in a centre: candidates, empty grade column, examiner.

import { candidateNumber, etablissementLabel } from '../format.js';
import type { BordereauModel } from '../model.js';
import { infoLines, paragraph, runningHeader, titleBlock } from '../pdf/blocks.js';
import { drawTable, type Column } from '../pdf/table.js';
import { PdfWriter } from '../pdf/writer.js';

export const BORDEREAU_TITLE = 'Bordereau de notation - épreuve du second groupe';

function writer(header: { titreEdition?: string; editedAt: string }, title: string): PdfWriter {
  return new PdfWriter({ title: header.titreEdition ?? title, subject: title, editedAt: header.editedAt });
}

/** "Date : 03/07/2023 - Heure : 09:30 - Salle : B12" (the parts that are known). */
function scheduleLine(b: { date?: string | undefined; heure?: string | undefined; salle?: string | undefined }): string {
  return [b.date ? `Date : ${b.date}` : '', b.heure ? `Heure : ${b.heure}` : '', b.salle ? `Salle : ${b.salle}` : ''].filter(Boolean).join(' - ');
}

/** Per épreuve and centre: the candidates to grade, an empty "Note" column, the examiner's signature. */
export function renderBordereaux(model: BordereauModel): Buffer {
  const w = writer(model.header, BORDEREAU_TITLE);
  type Row = BordereauModel['bordereaux'][number]['candidates'][number];
  const columns: Column<Row>[] = [
    { header: 'N° Candidat', width: 20, value: (r) => candidateNumber(r.numeroCandidat, r.numeroInscription) },
    { header: 'Nom', width: 24, value: (r) => r.nom },
    { header: 'Prénoms', width: 22, value: (r) => r.prenoms },
    { header: 'Note /20\n(ou ABS)', width: 12, value: () => '\n' },
    { header: 'Observations', width: 22, value: () => '' },
  ];
  for (const b of model.bordereaux) {
    w.beginSection((w) => {
      runningHeader(w, model.header);
      titleBlock(w, BORDEREAU_TITLE);
      infoLines(w, [
        `Jury : ${b.jury.code} - ${b.jury.specialiteLibelle}`,
        `Épreuve : ${b.epreuve.code} ${b.epreuve.libelle}`,
        `Centre d'épreuve : ${etablissementLabel(b.centre)}`,
        ...(b.date || b.heure || b.salle ? [scheduleLine(b)] : []),
      ]);
    });
    drawTable(w, columns, b.candidates, { size: 9.5, padY: 5 });
    w.y += 14;
    w.ensureSpace(90);
    w.text(`Nombre de candidats : ${b.candidates.length}`, w.margin.left, w.y, { size: 9.5 });
    w.y += 18;
    const half = w.contentWidth / 2;
    w.text("Nom et prénom de l'examinateur :", w.margin.left, w.y, { size: 9.5, font: 'B' });
    w.text("Signature de l'examinateur :", w.margin.left + half + 10, w.y, { size: 9.5, font: 'B' });
    w.rect(w.margin.left, w.y + 14, half - 10, 48);
    w.rect(w.margin.left + half + 10, w.y + 14, half - 10, 48);
    w.y += 70;
  }
  if (model.bordereaux.length === 0) {
    w.beginSection((w) => runningHeader(w, model.header));
    titleBlock(w, BORDEREAU_TITLE);
    paragraph(w, 'Pas de candidat concerné', { font: 'B' });
  }
  return w.toBuffer();
}
