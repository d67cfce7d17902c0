// The common shape of the centre's lists: running header, title, a few information lines (jury,
// spécialité) and a table, one section per jury (a new page, page numbers restarting at 1/N).

import { editionTitle, infoLines, paragraph, runningHeader, titleBlock } from '../pdf/blocks.js';
import { drawTable, type Column, type RowStyle } from '../pdf/table.js';
import { PdfWriter } from '../pdf/writer.js';
import type { EditionHeader } from '../model.js';

export const NO_CANDIDATE = 'Pas de candidat concerné';

export interface ListSection<R> {
  /** lines under the title: "Jury : 31310", "Spécialité : …" */
  readonly lines: readonly string[];
  readonly rows: readonly R[];
}

export interface SectionedList<R> {
  readonly header: EditionHeader;
  readonly title: string;
  readonly columns: readonly Column<R>[];
  readonly sections: readonly ListSection<R>[];
  readonly landscape?: boolean;
  readonly size?: number;
  readonly rowStyle?: (row: R) => RowStyle | undefined;
  /** printed instead of an empty table */
  readonly emptyText?: string;
  /** drawn after each section's table (footers, signatures) */
  readonly after?: (w: PdfWriter) => void;
}

/** Draws the sections into a writer (several lists may share one file). */
export function drawSectionedList<R>(w: PdfWriter, list: SectionedList<R>): void {
  const sections = list.sections.length ? list.sections : [{ lines: [], rows: [] }];
  for (const section of sections) {
    let first = w.pages === 0;
    w.beginSection((w) => {
      runningHeader(w, list.header);
      if (first) editionTitle(w, list.header);
      first = false;
      titleBlock(w, list.title);
      infoLines(w, section.lines);
    });
    if (section.rows.length === 0) {
      paragraph(w, list.emptyText ?? NO_CANDIDATE, { font: 'B', size: 10 });
    } else {
      drawTable(w, list.columns, section.rows, { size: list.size, rowStyle: list.rowStyle });
    }
    list.after?.(w);
  }
}

/** Renders a whole sectioned list to a PDF file. */
export function renderSectionedList<R>(list: SectionedList<R>): Buffer {
  const w = new PdfWriter({ title: list.header.titreEdition ?? list.title, subject: list.title, editedAt: list.header.editedAt, landscape: list.landscape });
  drawSectionedList(w, list);
  return w.toBuffer();
}
