// The bytes of a pdfkit document, collected without its Readable stream.
//
// pdfkit pushes every object line through a Node Readable (and converts strings to bytes one char at
// a time); for small documents that machinery costs more than the content. OutputCapture replaces the
// document's `_write` (same bytes, same offsets for the xref) and keeps the chunks until drained.

interface PdfkitOutput {
  _write(data: string | Uint8Array): void;
  _offset: number;
  read(): Buffer | null;
}

export class OutputCapture {
  private readonly chunks: Uint8Array[] = [];
  private readonly captured: boolean;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    const d = doc as unknown as PdfkitOutput;
    this.captured = typeof d._write === 'function' && typeof d._offset === 'number';
    if (!this.captured) return; // unknown pdfkit version: read its stream instead
    const chunks = this.chunks;
    // the header (%PDF-1.4 …) was written by the constructor, into the stream's buffer
    let c: Buffer | null;
    while ((c = d.read()) !== null) chunks.push(c);
    d._write = (data: string | Uint8Array): void => {
      const b = typeof data === 'string' ? Buffer.from(data + '\n', 'latin1') : data;
      chunks.push(b);
      d._offset += b.length;
    };
  }

  /** The bytes written since the last call. */
  drain(): Buffer[] {
    if (this.captured) {
      const out = this.chunks.length ? [Buffer.concat(this.chunks)] : [];
      this.chunks.length = 0;
      return out;
    }
    const out: Buffer[] = [];
    let c: Buffer | null;
    while ((c = (this.doc as unknown as PdfkitOutput).read()) !== null) out.push(c);
    return out;
  }
}
