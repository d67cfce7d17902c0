// pdfkit, loaded when the first document is made: with fontkit and their dependencies it is ≈ 70
// files that a process which makes no document (a server starting, `delib results`) does not read.
import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';

let loaded: typeof PDFKitDocument | null = null;

/** pdfkit's PDFDocument class. */
export function pdfDocumentClass(): typeof PDFKitDocument {
  return (loaded ??= createRequire(import.meta.url)('pdfkit') as typeof PDFKitDocument);
}
