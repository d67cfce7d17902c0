// Tables: column widths, wrapping cells, header row repeated on every page, rows never split.

import type { FontName } from './fonts.js';
import type { Align, PdfWriter } from './writer.js';

export interface Column<R> {
  /** header text ("\n" for two lines: "N° Anonymat\nN° Candidat") */
  readonly header: string;
  /** relative width: the columns share the table width in proportion */
  readonly width: number;
  readonly align?: Align;
  /** the cell text ("\n" breaks lines; long text wraps) */
  readonly value: (row: R) => string;
}

export interface RowStyle {
  readonly bold?: boolean;
  /** gray level of the background (1 = white) */
  readonly fill?: number;
  /** the first column's text spans the whole row */
  readonly span?: boolean;
  /** left indent of the first cell's text */
  readonly indent?: number;
  /** font size of the row (default: the table's) */
  readonly size?: number;
}

export interface TableOptions<R> {
  readonly x?: number;
  readonly width?: number;
  readonly size?: number;
  readonly padX?: number;
  readonly padY?: number;
  readonly headerFill?: number;
  readonly rowStyle?: (row: R) => RowStyle | undefined;
  /** called after a page break, before the header row is drawn again (e.g. a "suite" line) */
  readonly onPageBreak?: () => void;
  /** draw the header row (default true) */
  readonly header?: boolean;
}

interface Layout {
  readonly x: number;
  readonly widths: readonly number[];
  readonly size: number;
  readonly padX: number;
  readonly padY: number;
  readonly lh: number;
}

function cellLines(w: PdfWriter, text: string, width: number, size: number, font: FontName): string[] {
  return text === '' ? [] : w.wrap(text, width, size, font);
}

interface RowLayout {
  readonly lines: readonly string[][];
  readonly spans: readonly number[];
  readonly height: number;
  readonly style: RowStyle;
}

function layoutRow(w: PdfWriter, l: Layout, cells: readonly string[], style: RowStyle): RowLayout {
  const font: FontName = style.bold ? 'B' : 'R';
  const spans = style.span ? [l.widths.reduce((a, b) => a + b, 0)] : l.widths;
  const texts = style.span ? [cells[0] ?? ''] : cells;
  const size = style.size ?? l.size;
  const indent = style.indent ?? 0;
  const lines = texts.map((t, i) => cellLines(w, t, spans[i]! - 2 * l.padX - (i === 0 ? indent : 0), size, font));
  const lh = size === l.size ? l.lh : w.lineHeight(size);
  const height = Math.max(1, ...lines.map((c) => c.length)) * lh + 2 * l.padY;
  return { lines, spans, height, style };
}

function paintRow(w: PdfWriter, l: Layout, row: RowLayout, aligns: readonly (Align | undefined)[]): void {
  const font: FontName = row.style.bold ? 'B' : 'R';
  const y = w.y;
  if (row.style.fill !== undefined) w.rect(l.x, y, row.spans.reduce((a, b) => a + b, 0), row.height, { fill: row.style.fill, stroke: false });
  let x = l.x;
  row.lines.forEach((cell, i) => {
    const cw = row.spans[i]!;
    const align = row.style.span ? 'left' : aligns[i];
    const size = row.style.size ?? l.size;
    const lh = size === l.size ? l.lh : w.lineHeight(size);
    const indent = i === 0 ? (row.style.indent ?? 0) : 0;
    cell.forEach((line, k) => w.text(line, x + l.padX + indent, y + l.padY + k * lh, { font, size, align, width: cw - 2 * l.padX - indent }));
    w.rect(x, y, cw, row.height);
    x += cw;
  });
  w.y = y + row.height;
}

/** Draws a table at the cursor (w.y), breaking pages between rows and repeating the header row. */
export function drawTable<R>(w: PdfWriter, columns: readonly Column<R>[], rows: readonly R[], opts: TableOptions<R> = {}): void {
  const x = opts.x ?? w.margin.left;
  const width = opts.width ?? w.width - w.margin.right - x;
  const weights = columns.reduce((a, c) => a + c.width, 0);
  const size = opts.size ?? 8.5;
  const layout: Layout = {
    x,
    widths: columns.map((c) => (c.width / weights) * width),
    size,
    padX: opts.padX ?? 3,
    padY: opts.padY ?? 2.5,
    lh: w.lineHeight(size),
  };
  const aligns = columns.map((c) => c.align);
  const header = opts.header !== false ? layoutRow(w, layout, columns.map((c) => c.header), { bold: true, fill: opts.headerFill ?? 0.88 }) : null;
  const headerAligns = columns.map(() => 'left' as const);
  const layouts = rows.map((row) => layoutRow(w, layout, columns.map((c) => c.value(row)), opts.rowStyle?.(row) ?? {}));
  // the header row never stays alone at the bottom of a page
  if (w.ensureSpace((header?.height ?? 0) + (layouts[0]?.height ?? 0))) opts.onPageBreak?.();
  if (header) paintRow(w, layout, header, headerAligns);
  for (const row of layouts) {
    if (w.ensureSpace(row.height)) {
      opts.onPageBreak?.();
      if (header) paintRow(w, layout, header, headerAligns);
    }
    paintRow(w, layout, row, aligns);
  }
}
