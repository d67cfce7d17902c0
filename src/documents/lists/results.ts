// Listes de résultats (affichage): admis, admis à l'épreuve de contrôle, non admis (1st group),
// admis / non admis à l'issue de l'épreuve de contrôle (2nd group); per jury, for the centre de
// délibération or grouped by centre d'épreuve. Display lists never show a candidate on liste rouge
// or présumé fraudeur: filtering is the caller's job, and these renderers THROW if one is passed.

import { etablissementLabel } from '../format.js';
import type { DisplayFlags, EditionHeader, Etablissement, JuryRef, ResultListKind, ResultListModel, ResultRow } from '../model.js';
import { centeredBlock, signatureBlock } from '../pdf/blocks.js';
import { formatDateTimeFr } from '../pdf/datetime.js';
import { drawTable, type Column } from '../pdf/table.js';
import { PdfWriter } from '../pdf/writer.js';
import { NO_CANDIDATE } from './sectioned.js';

export const RESULT_LIST_TITLES: Readonly<Record<ResultListKind, string>> = {
  admis1: 'Liste des candidats ADMIS après délibération du 1er groupe',
  controle1: "Liste des candidats admis à se présenter à l'épreuve de contrôle",
  nonAdmis1: 'Liste des candidats non admis après délibération du 1er groupe',
  admis2: "Liste des candidats ADMIS à l'issue de l'épreuve de contrôle",
  nonAdmis2: "Liste des candidats non admis après délibération de l'épreuve de contrôle",
};

export const PUBLISHED_UNDER_RESERVE = 'Résultats publiés sous réserve de la vérification des PV';
export const LIST_SIGNATURE = 'Signature du président du jury ou du chef de centre';

/** Defence in depth: a display list must not contain a candidate on liste rouge or présumé fraudeur. */
export function assertDisplayable(rows: readonly (DisplayFlags & { nom: string; prenoms: string })[], title: string): void {
  const bad = rows.find((r) => r.listeRouge || r.presumeFraudeur);
  if (bad) {
    const why = bad.presumeFraudeur ? 'présumé fraudeur' : 'en liste rouge';
    // no name in the message: error messages reach the server log
    throw new Error(`« ${title} » : un candidat ${why} ne doit pas figurer sur une liste d'affichage`);
  }
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', ignorePunctuation: false });

/** Alphabetical order of display lists: nom, prénoms (French collation, then code points). */
export function compareNames(a: { nom: string; prenoms: string }, b: { nom: string; prenoms: string }): number {
  return collator.compare(a.nom, b.nom) || collator.compare(a.prenoms, b.prenoms) || (a.nom + a.prenoms < b.nom + b.prenoms ? -1 : a.nom + a.prenoms > b.nom + b.prenoms ? 1 : 0);
}

export function resultListColumns(kind: ResultListKind): Column<{ nom: string; prenoms: string; decision: string }>[] {
  const cols: Column<{ nom: string; prenoms: string; decision: string }>[] = [
    { header: 'Nom', width: 40, value: (r) => r.nom },
    { header: 'Prénoms', width: 35, value: (r) => r.prenoms },
  ];
  if (kind !== 'controle1') cols.push({ header: 'Décision', width: 25, value: (r) => r.decision });
  return cols;
}

export interface ResultBlock {
  readonly header: EditionHeader;
  readonly jury: JuryRef;
  readonly title: string;
  readonly centreKind: 'deliberation' | 'epreuve';
  readonly centre: Etablissement;
  /** PV de tenue: the first line and the date of deliberation */
  readonly pv?: { readonly dateDeliberation: string };
}

/** The centred block of display lists and PVs (memo §4.1, §4.2), drawn at the top of each page. */
export function drawResultBlock(w: PdfWriter, b: ResultBlock): void {
  w.text(`Edité le ${formatDateTimeFr(b.header.editedAt)}`, w.margin.left, w.margin.top, { size: 7.5, align: 'right', width: w.contentWidth });
  if (w.pages === 1 && b.header.titreEdition) w.text(b.header.titreEdition, w.margin.left, w.margin.top, { size: 7.5 });
  w.y = w.margin.top + 14;
  const centre = b.centreKind === 'deliberation' ? 'Centre délibération' : "Centre d'épreuve";
  centeredBlock(w, [
    ...(b.pv ? [{ text: 'PROCES VERBAL DE TENUE DE DELIBERATION', bold: true, size: 11 }] : []),
    { text: b.header.academie, bold: true },
    { text: b.header.domaine, bold: true },
    { text: `Session ${b.header.session}`, bold: true },
    { text: `Jury : ${b.jury.code} - ${b.jury.specialiteLibelle}`, bold: true },
    ...(b.pv ? [{ text: `Date de délibération : ${b.pv.dateDeliberation}`, bold: true }] : []),
    { text: b.title, bold: true, size: 11 },
    { text: `${centre} : ${etablissementLabel(b.centre)}` },
  ]);
}

export function renderResultList(model: ResultListModel): Buffer {
  const title = RESULT_LIST_TITLES[model.kind];
  const w = new PdfWriter({ title: model.header.titreEdition ?? title, subject: title, editedAt: model.header.editedAt });
  const columns = resultListColumns(model.kind);
  for (const group of model.groups) {
    assertDisplayable(group.rows, title);
    const rows: ResultRow[] = [...group.rows].sort(compareNames);
    w.beginSection((w) => drawResultBlock(w, { header: model.header, jury: group.jury, title, centreKind: group.centreKind, centre: group.centre }));
    if (rows.length === 0) {
      w.text(NO_CANDIDATE, w.margin.left, w.y, { font: 'B', size: 10 });
      w.y += 16;
    } else {
      drawTable(w, columns, rows, { size: 9.5 });
    }
    w.y += 10;
    w.ensureSpace(80);
    w.text(PUBLISHED_UNDER_RESERVE, w.margin.left, w.y, { font: 'B', size: 9.5 });
    w.y += 8;
    signatureBlock(w, [LIST_SIGNATURE]);
  }
  if (model.groups.length === 0) {
    w.beginSection(() => undefined);
    w.text(`${title} : ${NO_CANDIDATE}`, w.margin.left, w.margin.top, { size: 10 });
  }
  return w.toBuffer();
}
