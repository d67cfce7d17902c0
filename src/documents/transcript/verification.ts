// The verification block of a relevé de notes or a PVI (issue #15): the QR code of the public
// verification address and, in words, the code and where to type it.
import type { TranscriptVerification } from '../model.js';
import type { PdfWriter } from '../pdf/writer.js';
import { drawQr } from '../qr.js';

export interface VerificationPlace {
  readonly qrX: number;
  readonly qrY: number;
  readonly side: number;
  readonly textX: number;
  readonly textY: number;
  /** code and address on one line (PVI) instead of three (RLN's narrow column) */
  readonly oneLine?: boolean;
}

/** "https://x/verifier/CODE" → "https://x/verifier" (where the code is typed). */
export function verificationPage(url: string): string {
  return url.replace(/\/[^/]*$/, '');
}

export function drawVerification(w: PdfWriter, v: TranscriptVerification, p: VerificationPlace): void {
  drawQr(w, v.url, p.qrX, p.qrY, p.side);
  w.text('Code de vérification :', p.textX, p.textY, { size: 8 });
  w.text(v.code, p.textX + w.widthOf('Code de vérification : ', 8), p.textY, { size: 8, font: 'B' });
  if (p.oneLine) {
    const x = p.textX + w.widthOf('Code de vérification : ', 8) + w.widthOf(v.code, 8, 'B') + 6;
    w.text(`- authenticité vérifiable sur ${verificationPage(v.url)}`, x, p.textY + 0.8, { size: 7 });
    return;
  }
  w.text('Authenticité vérifiable sur :', p.textX, p.textY + 10, { size: 7 });
  w.text(verificationPage(v.url), p.textX, p.textY + 19, { size: 7 });
}
