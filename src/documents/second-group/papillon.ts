// Papillon of the emergency plan: the jury's access to the emergency portal (URL, login, password).

import type { PapillonModel } from '../model.js';
import { infoLines, paragraph, runningHeader, titleBlock } from '../pdf/blocks.js';
import { PdfWriter } from '../pdf/writer.js';

export const PAPILLON_TITLE = 'Portail jury de secours';
export const PAPILLON_NOTICE =
  "Ce portail de secours n'est accessible qu'en cas de nécessité (indisponibilité de l'application de délibération), uniquement après autorisation du RSI académique.";

function writer(header: { titreEdition?: string; editedAt: string }, title: string): PdfWriter {
  return new PdfWriter({ title: header.titreEdition ?? title, subject: title, editedAt: header.editedAt });
}

/** Papillon of a jury: emergency portal URL, login and password (one page per jury). */
export function renderPapillons(model: PapillonModel): Buffer {
  const w = writer(model.header, PAPILLON_TITLE);
  for (const p of model.papillons) {
    w.beginSection((w) => runningHeader(w, model.header));
    titleBlock(w, `${PAPILLON_TITLE} - Jury ${p.jury.code}`, 13);
    infoLines(w, [`Jury : ${p.jury.code}`, `Spécialité : ${p.jury.specialiteCode} - ${p.jury.specialiteLibelle}`], { size: 10 });
    const x = w.margin.left + 30;
    const top = w.y + 6;
    const rows: [string, string][] = [['Adresse (URL)', p.url], ['Identifiant du jury', p.login], ['Mot de passe', p.password]];
    w.rect(w.margin.left, top - 10, w.contentWidth, rows.length * 24 + 16, { lineWidth: 1 });
    rows.forEach(([label, value], i) => {
      w.text(`${label} :`, x, top + i * 24, { size: 11 });
      w.text(value, x + 150, top + i * 24, { size: 12, font: 'B' });
    });
    w.y = top + rows.length * 24 + 20;
    paragraph(w, PAPILLON_NOTICE, { size: 9.5, font: 'B' });
    paragraph(w, 'Document confidentiel : à remettre au président du jury, à conserver sous pli fermé et à détruire après la délibération.', { size: 9 });
  }
  return w.toBuffer();
}
