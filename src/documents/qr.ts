// QR codes drawn as vector in a PDF (issue #15): the `qrcode` library computes the modules, each run
// of dark modules of a row becomes one rectangle of a single filled path (no image, sharp at any
// print resolution). Pure: same text ⇒ same drawing.
import QRCode from 'qrcode';
import type { PdfWriter } from './pdf/writer.js';

/** The dark runs of a QR code of `text`, as [row, first column, length], and its size in modules. */
export function qrRuns(text: string): { size: number; runs: [number, number, number][] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const runs: [number, number, number][] = [];
  for (let r = 0; r < size; r++) {
    let start = -1;
    for (let c = 0; c <= size; c++) {
      const dark = c < size && modules.data[r * size + c] === 1;
      if (dark && start < 0) start = c;
      if (!dark && start >= 0) {
        runs.push([r, start, c - start]);
        start = -1;
      }
    }
  }
  return { size, runs };
}

/** Draws the QR code of `text` in the square (x, y, side) — top-left origin, like the rest of the page. */
export function drawQr(w: PdfWriter, text: string, x: number, y: number, side: number): void {
  const { size, runs } = qrRuns(text);
  const m = side / size;
  w.fillRects(runs.map(([r, c, n]) => [x + c * m, y + r * m, n * m, m] as const));
}
