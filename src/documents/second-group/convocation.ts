// Convocation aux épreuves du second groupe: one letter per candidate (épreuves, date, time, place).

import { candidateNumber, etablissementLabel } from '../format.js';
import { safeFileName } from '../naming.js';
import type { ConvocationModel } from '../model.js';
import { infoLines, paragraph, runningHeader, titleBlock } from '../pdf/blocks.js';
import { formatLongDateFr } from '../pdf/datetime.js';
import { drawTable, type Column } from '../pdf/table.js';
import { PdfWriter } from '../pdf/writer.js';

export const CONVOCATION_TITLE = 'CONVOCATION AUX ÉPREUVES DU SECOND GROUPE';

function writer(header: { titreEdition?: string; editedAt: string }, title: string): PdfWriter {
  return new PdfWriter({ title: header.titreEdition ?? title, subject: title, editedAt: header.editedAt });
}

/** "03/07/2023 09:30"; a time not set yet goes on its own line ("Heure : À communiquer"). */
function when(e: ConvocationModel['convocations'][number]['epreuves'][number]): string {
  if (!e.heure) return e.date;
  return /^\d/.test(e.heure) ? `${e.date} ${e.heure}` : `${e.date}\nHeure : ${e.heure}`;
}

/**
 * "Convocation 3/57", bottom left of each page of a file of several letters. The page number (bottom
 * right) counts the pages of the letter itself, as the memo numbers each part of a merged PV ("1/1"):
 * each letter goes to a different candidate, who must not read "3/57" as pages missing from his; the
 * office that prints the file checks with this mark that the batch is complete and in order.
 */
export function batchMark(index: number, count: number): string {
  return `Convocation ${index + 1}/${count}`;
}

/** One letter per candidate: the two épreuves with date, time and place. */
export function renderConvocations(model: ConvocationModel): Buffer {
  const w = writer(model.header, CONVOCATION_TITLE);
  const columns: Column<ConvocationModel['convocations'][number]['epreuves'][number]>[] = [
    { header: 'Épreuve', width: 34, value: (e) => `${e.code} ${e.libelle}` },
    { header: 'Date et heure', width: 20, value: when },
    { header: 'Lieu', width: 46, value: (e) => `${etablissementLabel(e.lieu)}${e.salle ? `\nSalle : ${e.salle}` : ''}` },
  ];
  const count = model.convocations.length;
  for (const [i, cv] of model.convocations.entries()) {
    const c = cv.candidate;
    w.beginSection((w) => {
      runningHeader(w, model.header);
      if (count > 1) w.text(batchMark(i, count), w.margin.left, w.height - w.margin.bottom, { size: 8 });
    });
    const top = w.y + 4;
    const se = model.serviceExamen;
    [se.libelle, ...se.adresse].forEach((line, i) => w.text(line, w.margin.left, top + i * 11, { size: 8.5, font: i === 0 ? 'B' : 'R' }));
    const civ = c.sexe.toUpperCase() === 'F' ? 'MADAME ' : c.sexe.toUpperCase() === 'M' ? 'MONSIEUR ' : '';
    [`${civ}${c.nom} ${c.prenoms}`, ...c.adresse].forEach((line, i) => w.text(line, 318, top + 40 + i * 12, { size: 9.5, font: i === 0 ? 'B' : 'R' }));
    w.y = top + 40 + (c.adresse.length + 1) * 12 + 24;
    titleBlock(w, CONVOCATION_TITLE);
    infoLines(w, [
      `N° candidat : ${candidateNumber(c.numeroCandidat, c.numeroInscription)} - Session ${model.header.session}`,
      `Spécialité : ${cv.specialite} - Jury : ${c.juryCode}`,
    ]);
    paragraph(w, `${civ ? (civ === 'MADAME ' ? 'Madame' : 'Monsieur') : 'Madame, Monsieur'}, vous êtes convoqué(e) aux épreuves orales de contrôle du second groupe que vous avez choisies, aux dates, heures et lieux ci-dessous :`, { size: 9.5, after: 8 });
    drawTable(w, columns, cv.epreuves, { size: 9.5 });
    w.y += 10;
    paragraph(w, "Vous devez vous présenter 15 minutes avant l'heure indiquée, muni(e) de cette convocation et d'une pièce d'identité en cours de validité. Toute absence à une épreuve entraîne l'attribution de la note ABS : la note de l'épreuve initiale est alors conservée.", { size: 9 });
    w.y += 8;
    w.text(`A ${model.signature.lieu}, le ${formatLongDateFr(model.signature.date)}`, w.margin.left, w.y, { size: 9.5, align: 'right', width: w.contentWidth });
    w.y += 14;
    w.text(model.serviceExamen.libelle, w.margin.left, w.y, { size: 9.5, font: 'B', align: 'right', width: w.contentWidth });
  }
  if (model.convocations.length === 0) {
    w.beginSection((w) => runningHeader(w, model.header));
    titleBlock(w, CONVOCATION_TITLE);
    paragraph(w, 'Pas de candidat concerné', { font: 'B' });
  }
  return w.toBuffer();
}

/**
 * "Un fichier par candidat": one PDF per convocation, named after the jury and the candidate
 * ("31408/Convocation_02246250289-001_GONCALVES_Laura.pdf"); "Pas de candidat concerné" when none.
 */
export function renderConvocationFiles(model: ConvocationModel): { name: string; data: Buffer }[] {
  if (model.convocations.length === 0) return [{ name: 'Convocations.pdf', data: renderConvocations(model) }];
  const juries = new Set(model.convocations.map((cv) => cv.candidate.juryCode));
  return model.convocations.map((cv) => {
    const c = cv.candidate;
    const name = safeFileName(`Convocation_${c.numeroCandidat}-${c.numeroInscription}_${c.nom}_${c.prenoms}`, 'pdf');
    return { name: juries.size > 1 ? `${safeFileName(c.juryCode)}/${name}` : name, data: renderConvocations({ ...model, convocations: [cv] }) };
  });
}
