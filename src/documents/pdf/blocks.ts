// The memo's recurring blocks: running header, title, information lines, centred header block of
// the display lists and PVs, signature block, paragraphs that flow across pages.

import { etablissementLabel } from '../format.js';
import type { EditionHeader } from '../model.js';
import { formatDateTimeFr } from './datetime.js';
import type { FontName } from './fonts.js';
import type { PdfWriter } from './writer.js';

/**
 * The header of every page (one Form XObject per document):
 *   BREVET DE TECHNICIEN SUPÉRIEUR                 LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)
 *   ACADÉMIE DE BESANÇON                                            Edité le 06/06/2023 11:18
 *   Session : 2023-06
 */
export function runningHeader(w: PdfWriter, h: EditionHeader): void {
  const x = w.margin.left;
  const width = w.contentWidth;
  w.useForm('running-header', () => {
    const top = w.margin.top;
    w.text(h.domaine, x, top, { font: 'B', size: 9 });
    w.text(etablissementLabel(h.centre), x, top, { size: 9, align: 'right', width });
    w.text(h.academie, x, top + 12, { font: 'B', size: 9 });
    w.text(`Edité le ${formatDateTimeFr(h.editedAt)}`, x, top + 12, { size: 9, align: 'right', width });
    w.text(`Session : ${h.session}`, x, top + 24, { size: 9 });
    w.line(x, top + 38, x + width, top + 38, 0.6);
  });
  w.y = w.margin.top + 44;
}

/** "Titre édition" of the user, on the first page only. */
export function editionTitle(w: PdfWriter, h: EditionHeader): void {
  if (!h.titreEdition) return;
  w.text(h.titreEdition, w.margin.left, w.y, { size: 8, align: 'right', width: w.contentWidth });
  w.y += 11;
}

/** The document title, bold, centred in a framed band. */
export function titleBlock(w: PdfWriter, title: string, size = 11): void {
  const x = w.margin.left;
  const width = w.contentWidth;
  const lines = w.wrap(title, width - 16, size, 'B');
  const lh = w.lineHeight(size);
  const height = lines.length * lh + 10;
  w.rect(x, w.y, width, height, { fill: 0.93 });
  lines.forEach((line, i) => w.text(line, x, w.y + 5 + i * lh, { font: 'B', size, align: 'center', width }));
  w.y += height + 8;
}

/** Information lines ("Jury : 31310", "Spécialité : …"), one per line. */
export function infoLines(w: PdfWriter, lines: readonly string[], opts: { size?: number; font?: FontName } = {}): void {
  const size = opts.size ?? 9;
  const lh = w.lineHeight(size) + 1.5;
  for (const line of lines) {
    w.text(line, w.margin.left, w.y, { size, font: opts.font });
    w.y += lh;
  }
  w.y += 5;
}

/** A centred block of lines (display lists, PV): the first `boldCount` lines in bold. */
export function centeredBlock(w: PdfWriter, lines: readonly { text: string; bold?: boolean; size?: number }[]): void {
  const x = w.margin.left;
  const width = w.contentWidth;
  for (const line of lines) {
    const size = line.size ?? 10;
    for (const part of w.wrap(line.text, width, size, line.bold ? 'B' : 'R')) {
      w.text(part, x, w.y, { font: line.bold ? 'B' : 'R', size, align: 'center', width });
      w.y += w.lineHeight(size) + 2;
    }
  }
  w.y += 6;
}

/** A paragraph that flows across pages; returns nothing, moves the cursor. */
export function paragraph(w: PdfWriter, text: string, opts: { size?: number; font?: FontName; x?: number; width?: number; after?: number } = {}): void {
  const size = opts.size ?? 9;
  const x = opts.x ?? w.margin.left;
  const width = opts.width ?? w.width - w.margin.right - x;
  const lh = w.lineHeight(size) + 1;
  for (const line of w.wrap(text, width, size, opts.font)) {
    w.ensureSpace(lh);
    w.text(line, x, w.y, { size, font: opts.font });
    w.y += lh;
  }
  w.y += opts.after ?? 4;
}

/**
 * The signature block of PVs and lists:
 *   Dubois Pierre, Président du jury 31310
 *   A : AUDINCOURT CEDEX, le 06/06/2023 - Signature :
 * followed by room to sign; kept together on one page.
 */
export function signatureBlock(w: PdfWriter, lines: readonly string[], room = 56): void {
  const lh = w.lineHeight(9) + 2;
  w.y += 10;
  w.ensureSpace(lines.length * lh + room);
  for (const line of lines) {
    w.text(line, w.margin.left, w.y, { size: 9 });
    w.y += lh;
  }
  w.y += room;
}
