// Procès-verbal individuel (PVI), for the jury and the emergency plan: one page per candidate,
// anonymous number first, identity, every unit and sub-épreuve with coefficients and points, totals,
// moyenne and moyenne pro, the proposed decision and the rule that gave it, livret status and flags.

import { etablissementLabel } from '../format.js';
import type { PviEntry, PviModel } from '../model.js';
import { editionTitle, infoLines, paragraph, runningHeader, titleBlock } from '../pdf/blocks.js';
import { PdfWriter } from '../pdf/writer.js';
import { drawVerification } from './verification.js';
import { drawGradeGrid } from './grid.js';
import { PROPOSED_PREFIX } from './rows.js';

export const PVI_TITLE = 'PROCÈS-VERBAL INDIVIDUEL DE NOTES';

const LIVRET: Readonly<Record<string, string>> = { recu: 'reçu', absent: 'non reçu' };

/** The flag lines of a candidate ("Présumé fraudeur", handicap, bénéfices, dispenses, livret). */
export function pviFlagLines(e: PviEntry): string[] {
  const lines = [`Livret scolaire : ${e.livret ? LIVRET[e.livret] : 'sans statut'}`];
  lines.push(`Mesures pour handicap : ${e.handicap?.trim() ? e.handicap.trim() : 'aucune'}`);
  const benefices = e.units.filter((u) => u.benefice).map((u) => `${u.code} (${u.benefice})`);
  const dispenses = e.units.filter((u) => u.grade === 'DI').map((u) => u.code);
  lines.push(`Bénéfices : ${benefices.length ? benefices.join(', ') : 'aucun'}`);
  lines.push(`Dispenses : ${dispenses.length ? dispenses.join(', ') : 'aucune'}`);
  return lines;
}

function alerts(e: PviEntry): string[] {
  const out: string[] = [];
  if (e.flags.presumeFraudeur) out.push('PRÉSUMÉ FRAUDEUR');
  if (e.flags.listeRouge) out.push('LISTE ROUGE');
  return out;
}

function drawEntry(w: PdfWriter, model: PviModel, e: PviEntry, first: boolean): void {
  const c = e.candidate;
  let isFirstPage = first;
  w.beginSection((w) => {
    runningHeader(w, model.header);
    if (isFirstPage) editionTitle(w, model.header);
    isFirstPage = false;
    titleBlock(w, PVI_TITLE);
  });
  w.text(`N° Anonymat : ${e.numeroAnonymat}`, w.margin.left, w.y, { font: 'B', size: 13 });
  const warn = alerts(e);
  if (warn.length) w.text(warn.join(' - '), w.margin.left, w.y, { font: 'B', size: 11, align: 'right', width: w.contentWidth });
  w.y += 20;
  infoLines(w, [`Jury : ${e.jury.code} - ${e.jury.specialiteLibelle}`, `Spécialité : ${e.specialite}`], { font: 'B' });
  const left = [
    `N° Candidat : ${c.numeroCandidat} - ${c.numeroInscription}`,
    `Nom : ${c.nom}${c.nomUsage ? ` (usage : ${c.nomUsage})` : ''}`,
    `Prénom(s) : ${c.prenoms}`,
    `Né(e) le : ${c.dateNaissance} à ${c.lieuNaissance}`,
    `Catégorie : ${c.categorie} - Forme de passage : ${c.formePassage}`,
    `Etablissement d'inscription : ${etablissementLabel(c.etablissementInscription)}`,
  ];
  const top = w.y;
  const lh = w.lineHeight(8.5) + 2;
  left.forEach((line, i) => w.text(line, w.margin.left, top + i * lh, { size: 8.5 }));
  const x2 = w.margin.left + w.contentWidth * 0.6;
  pviFlagLines(e).forEach((line, i) => w.text(line, x2, top + i * lh, { size: 8.5 }));
  w.y = top + left.length * lh + 8;
  if (e.verification) {
    drawVerification(w, e.verification, { qrX: w.margin.left + w.contentWidth - 56, qrY: top, side: 56, textX: w.margin.left, textY: w.y, oneLine: true });
    w.y += 16;
  }

  const g1 = e.result.group1;
  const g2 = e.result.group2;
  drawGradeGrid(w, e.units, e.result, {
    decisionPrefix: PROPOSED_PREFIX,
    group1Note: `Règle appliquée : ${g1.trace.message}`,
    group2Note: g2 ? `Règle appliquée : ${g2.trace.message}` : undefined,
  });
  if (g2 && g2.decision === 'INCOMPLET' && g2.choices) {
    w.y += 6;
    paragraph(w, `Épreuves de contrôle : ${g2.choices.join(', ')} - ${g2.trace.message}`, { size: 8.5 });
  }
  w.y += 14;
  w.ensureSpace(60);
  w.text('Décision du jury :', w.margin.left, w.y, { font: 'B', size: 9 });
  w.text('Visa du président du jury :', w.margin.left + w.contentWidth / 2, w.y, { font: 'B', size: 9 });
  w.rect(w.margin.left + w.contentWidth / 2, w.y + 14, w.contentWidth / 2, 40);
  w.rect(w.margin.left, w.y + 14, w.contentWidth / 2 - 10, 40);
  w.y += 60;
}

/** One PDF, one page (section) per candidate. */
export function renderPvi(model: PviModel): Buffer {
  const w = new PdfWriter({ title: model.header.titreEdition ?? PVI_TITLE, subject: PVI_TITLE, editedAt: model.header.editedAt });
  model.entries.forEach((e, i) => drawEntry(w, model, e, i === 0));
  return w.toBuffer();
}
