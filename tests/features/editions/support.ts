// Helpers of the editions tests: the text of a PDF (poppler's pdftotext), its page count, zips.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';

const dir = mkdtempSync(join(tmpdir(), 'delib-pdf-'));
let n = 0;

function file(data: Uint8Array): string {
  const p = join(dir, `doc-${n++}.pdf`);
  writeFileSync(p, data);
  return p;
}

/** The text of a PDF, layout kept (one string). */
export function pdfText(data: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file(data), '-'], { encoding: 'utf8' });
}

export function pdfPages(data: Uint8Array): number {
  const info = execFileSync('pdfinfo', [file(data)], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

export function unzip(data: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(data);
}
