// Reading the PDFs back with poppler-utils (pdftotext, pdftoppm, pdfinfo).
// Install them with `apt-get install -y poppler-utils` (Debian) when missing.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasPoppler(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const POPPLER_MISSING = 'poppler-utils (pdftotext, pdftoppm) est requis : apt-get install -y poppler-utils';

function withFile<T>(pdf: Buffer, f: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'delib-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, pdf);
    return f(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF (reading order, or physical layout with `layout`). Pages end with \f. */
export function pdfText(pdf: Buffer, opts: { layout?: boolean; first?: number; last?: number } = {}): string {
  return withFile(pdf, (path) => {
    const args = [...(opts.layout ? ['-layout'] : []), ...(opts.first ? ['-f', String(opts.first)] : []), ...(opts.last ? ['-l', String(opts.last)] : []), '-enc', 'UTF-8', path, '-'];
    return execFileSync('pdftotext', args, { encoding: 'utf8' });
  });
}

/** Text of each page. */
export function pdfPagesText(pdf: Buffer, layout = false): string[] {
  const pages = pdfText(pdf, { layout }).split('\f');
  if (pages[pages.length - 1]?.trim() === '') pages.pop();
  return pages;
}

/** pdfinfo's fields; `args` e.g. ['-rawdates'], `env` e.g. { TZ } (pdfinfo shows dates in local time). */
export function pdfInfo(pdf: Buffer, args: readonly string[] = [], env: Record<string, string> = {}): Record<string, string> {
  return withFile(pdf, (path) => {
    const out = execFileSync('pdfinfo', [...args, path], { encoding: 'utf8', env: { ...process.env, ...env } });
    return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
  });
}

/** One page rendered to PNG bytes (pdftoppm -r <dpi> -png). */
export function pdfPagePng(pdf: Buffer, page: number, dpi = 50): Buffer {
  return withFile(pdf, (path, dir) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', String(page), '-l', String(page), path, join(dir, 'p')]);
    const png = readdirSync(dir).find((f) => f.startsWith('p') && f.endsWith('.png'));
    if (!png) throw new Error(`pdftoppm n'a pas produit la page ${page}`);
    return readFileSync(join(dir, png));
  });
}

/** Collapses whitespace so that assertions do not depend on line breaks. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
