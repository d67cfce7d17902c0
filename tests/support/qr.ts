// Decodes the QR code of a PDF page as a reader would: the page rendered to PNG by poppler's pdftoppm,
// then decoded by jsQR (issue #15).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with a default export: under NodeNext the function is the module itself
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as unknown as typeof jsQRModule.default;

const dir = mkdtempSync(join(tmpdir(), 'delib-qr-'));
let n = 0;

/** The PNG of one page of a PDF (200 dpi). */
export function pdfPagePng(pdf: Uint8Array, page = 1, dpi = 200): Buffer {
  const base = join(dir, `doc-${n++}`);
  writeFileSync(`${base}.pdf`, pdf);
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', `${base}.pdf`, base]);
  return readFileSync(`${base}.png`);
}

/** The text of the QR code of a PNG image, or null. */
export function decodeQrPng(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null;
}

export function decodePdfQr(pdf: Uint8Array, page = 1): string | null {
  return decodeQrPng(pdfPagePng(pdf, page));
}
