// The PDF writer every renderer uses: pdfkit makes the file (objects, pages, fonts, xref, output),
// this class writes the page content itself.
//
// Why not pdfkit's text(): each call is costly (docs/performance.md, « Figures behind the code »: line wrapper, q/cm/Q around every fragment, one
// Uint8Array per content line). Here a page's content is one string, text is emitted in the page's
// top-down coordinate space (text matrix `1 0 0 -1 x y`), encodings are cached per document, and
// what is identical on many pages is drawn ONCE as a Form XObject (`useForm`).
//
// Page numbers "n/N" without keeping pages in memory: "n/" is written on the page, "N" is a Form
// XObject shared by the pages of the section, whose content is written when the section ends. Pages
// are flushed as soon as the next one starts, so a document of any length streams in bounded memory.
//
// Deterministic: no clock, no randomness; the PDF dates and file ID derive from `editedAt`.

import { deflateSync } from 'node:zlib';
import { bytes, deflated, num } from './content.js';
import { officeInstant, type LocalDateTime } from './datetime.js';
import { attachFonts, type DocFont, type FontName } from './fonts.js';
import { OutputCapture } from './output.js';
import { wrapText } from './wrap.js';
import { pdfDocumentClass } from './pdfkit.js';

export type Align = 'left' | 'right' | 'center';

export interface TextOptions {
  readonly font?: FontName;
  readonly size?: number;
  readonly align?: Align;
  /** box width for right/center alignment (from x) */
  readonly width?: number;
}

export interface PdfInfo {
  readonly title: string;
  readonly subject?: string;
  /** edition time (office wall clock): PDF CreationDate/ModDate (as the instant, in UTC) and file ID */
  readonly editedAt: LocalDateTime;
  readonly landscape?: boolean;
}

interface PdfRef {
  data: Record<string, unknown>;
  compress: boolean;
  /** chunks written and not yet output (pdfkit 0.20's PDFReference) */
  buffer: Uint8Array[];
  write(chunk: string | Uint8Array): void;
  end(chunk?: string | Uint8Array): void;
}

interface DocInternals {
  page: { fonts: Record<string, unknown>; xobjects: Record<string, unknown>; content: PdfRef; write(chunk: Uint8Array): void };
  ref(data?: Record<string, unknown>): PdfRef;
}

/**
 * Deflate level of the page content streams. pdfkit deflates them at zlib's default (6); level 1
 * saves a fifth of a PVI page's rendering for slightly larger streams (docs/performance.md,
 * « Figures behind the code »).
 */
const PAGE_LEVEL = 1;

const A4: readonly [number, number] = [595.28, 841.89];

function escapeName(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, '_');
}

export class PdfWriter {
  readonly width: number;
  readonly height: number;
  readonly margin = { top: 34, bottom: 34, left: 34, right: 34 };
  /** flow cursor: top of the next thing to draw */
  y = 0;
  private readonly doc: PDFKit.PDFDocument;
  private readonly internals: DocInternals;
  private readonly fonts: Record<FontName, DocFont>;
  private readonly output: OutputCapture;
  private out: string[] = [];
  private pageOpen = false;
  private readonly forms = new Map<string, { name: string; ref: PdfRef }>();
  private recording: { parts: string[] } | null = null;
  private sectionDecorate: ((w: PdfWriter) => void) | null = null;
  private sectionPages = 0;
  private sectionTotal: { name: string; ref: PdfRef } | null = null;
  private sectionCount = 0;
  /** pages in the whole document */
  pages = 0;

  constructor(info: PdfInfo) {
    const date = officeInstant(info.editedAt);
    const [w, h] = info.landscape ? [A4[1], A4[0]] : A4;
    this.width = w;
    this.height = h;
    this.doc = new (pdfDocumentClass())({
      size: [w, h],
      margin: 0,
      autoFirstPage: false,
      font: null as unknown as string,
      // PDF 1.3 (pdfkit's default): no XMP metadata stream, which pdfkit fills with the title
      // unescaped (a Titre édition with "<" or "&" would break it) and which costs time per file
      lang: 'fr-FR',
      info: { Title: info.title, Subject: info.subject ?? info.title, Creator: 'Délib', Producer: 'Délib (pdfkit)', CreationDate: date, ModDate: date },
    });
    this.internals = this.doc as unknown as DocInternals;
    this.output = new OutputCapture(this.doc);
    this.fonts = attachFonts(this.doc);
  }

  // ---- text -----------------------------------------------------------------------------------

  /** Width of a single-line text. */
  widthOf(text: string, size: number, font: FontName = 'R'): number {
    return text === '' ? 0 : this.fonts[font].width(text, size);
  }

  /** Height of one line of text (ascender − descender). */
  lineHeight(size: number): number {
    const f = this.fonts.R;
    return ((f.ascender - f.descender) / 1000) * size;
  }

  /** Draws one line of text whose top is at y. */
  text(text: string, x: number, y: number, opts: TextOptions = {}): void {
    if (text === '') return;
    const fontName = opts.font ?? 'R';
    const size = opts.size ?? 9;
    const font = this.fonts[fontName];
    if (opts.align && opts.align !== 'left' && opts.width !== undefined) {
      const w = font.width(text, size);
      x += opts.align === 'right' ? opts.width - w : (opts.width - w) / 2;
    }
    const baseline = y + (font.ascender / 1000) * size;
    this.useFont(font);
    const tf = `BT /${font.id} ${num(size)} Tf`;
    const tj = font.tj(text);
    if (tj !== null) {
      this.write(`${tf} 1 0 0 -1 ${num(x)} ${num(baseline)} Tm ${tj} TJ ET`);
      return;
    }
    // combining marks positioned by the font (rare: decomposed accents): one glyph at a time
    let ops = tf;
    let cx = x;
    const scale = size / 1000;
    for (const [hex, advance, dx, dy] of font.glyphs(text)) {
      ops += ` 1 0 0 -1 ${num(cx + dx * scale)} ${num(baseline - dy * scale)} Tm <${hex}> Tj`;
      cx += advance * scale;
    }
    this.write(`${ops} ET`);
  }

  /** Greedy word wrap to a width; explicit "\n" breaks; an overlong word is cut. */
  wrap(text: string, width: number, size: number, font: FontName = 'R'): string[] {
    return wrapText(text, width, font, size, (t) => this.widthOf(t, size, font));
  }

  // ---- graphics -------------------------------------------------------------------------------

  line(x1: number, y1: number, x2: number, y2: number, lineWidth = 0.5): void {
    this.write(`${num(lineWidth)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  rect(x: number, y: number, w: number, h: number, opts: { fill?: number; stroke?: boolean; lineWidth?: number } = {}): void {
    const box = `${num(x)} ${num(y)} ${num(w)} ${num(h)} re`;
    if (opts.fill !== undefined) this.write(`${num(opts.fill)} g ${box} f 0 g`);
    if (opts.stroke !== false) this.write(`${num(opts.lineWidth ?? 0.5)} w ${box} S`);
  }

  /** Fills rectangles in black as one path (a QR code's modules). */
  fillRects(rects: readonly (readonly [number, number, number, number])[]): void {
    if (rects.length === 0) return;
    this.write(`0 g ${rects.map(([x, y, w, h]) => `${num(x)} ${num(y)} ${num(w)} ${num(h)} re`).join(' ')} f`);
  }

  // ---- forms: content drawn once per document, placed on many pages ---------------------------

  /** Draws `draw` once into a Form XObject named by key (no-op when it exists), then places it. */
  useForm(key: string, draw: (w: PdfWriter) => void): void {
    let form = this.forms.get(key);
    if (!form) {
      form = this.recordForm(`Fx${this.forms.size + 1}_${escapeName(key)}`, draw);
      form.ref.end();
      this.forms.set(key, form);
    }
    this.placeForm(form.name, form.ref);
  }

  private recordForm(name: string, draw: (w: PdfWriter) => void): { name: string; ref: PdfRef } {
    const ref = this.newFormRef();
    const saved = this.recording;
    this.recording = { parts: [] };
    try {
      draw(this);
      ref.compress = false;
      ref.data.Filter = 'FlateDecode';
      ref.write(deflated(this.recording.parts.join('\n')));
    } finally {
      this.recording = saved;
    }
    return { name, ref };
  }

  private newFormRef(): PdfRef {
    const fonts: Record<string, unknown> = {};
    for (const f of Object.values(this.fonts)) fonts[f.id] = f.ref();
    return this.internals.ref({
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: [0, 0, num(this.width), num(this.height)].map(Number),
      Resources: { ProcSet: ['PDF', 'Text'], Font: fonts },
    });
  }

  private placeForm(name: string, ref: PdfRef): void {
    this.internals.page.xobjects[name] = ref;
    this.write(`q /${name} Do Q`);
  }

  // ---- pages and sections ---------------------------------------------------------------------

  /** Starts a section: page numbers restart at 1, `decorate` draws the header of each of its pages. */
  beginSection(decorate: (w: PdfWriter) => void): void {
    this.endSection();
    this.sectionDecorate = decorate;
    this.sectionCount++;
    this.newPage();
  }

  /** Closes the current page and starts a new one in the current section. */
  newPage(): void {
    this.flushPage();
    this.doc.addPage({ size: [this.width, this.height], margin: 0 });
    this.pageOpen = true;
    this.pages++;
    this.sectionPages++;
    this.write('0 g 0 G');
    this.y = this.margin.top;
    this.drawPageNumber();
    this.sectionDecorate?.(this);
  }

  /** Starts a new page when `height` does not fit below the cursor; returns true when it did. */
  ensureSpace(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  /** When set, the lowest y for flowing content (e.g. above a block anchored at the page bottom). */
  bottomLimit: number | null = null;

  /** Lowest y available for content (above the page number line). */
  get bottom(): number {
    return this.bottomLimit ?? this.height - this.margin.bottom - 12;
  }

  get contentWidth(): number {
    return this.width - this.margin.left - this.margin.right;
  }

  private drawPageNumber(): void {
    if (!this.sectionTotal) {
      const ref = this.newFormRef();
      ref.compress = false; // a few bytes: deflating would cost more than it saves
      this.sectionTotal = { name: `Tot${this.sectionCount}`, ref };
      this.sectionPages = 1;
    }
    const x0 = this.width - this.margin.right - 14;
    const y = this.height - this.margin.bottom;
    const label = `${this.sectionPages}/`;
    this.text(label, x0 - this.widthOf(label, 8), y, { size: 8 });
    this.placeForm(this.sectionTotal.name, this.sectionTotal.ref);
  }

  /** Writes the total of the section's pages into its shared "N" form. */
  private endSection(): void {
    if (!this.sectionTotal) return;
    const { ref } = this.sectionTotal;
    const x0 = this.width - this.margin.right - 14;
    const saved = this.recording;
    this.recording = { parts: [] };
    this.text(String(this.sectionPages), x0, this.height - this.margin.bottom, { size: 8 });
    ref.end(bytes(this.recording.parts.join('\n')));
    this.recording = saved;
    this.sectionTotal = null;
    this.sectionPages = 0;
  }

  private useFont(font: DocFont): void {
    if (this.pageOpen) this.internals.page.fonts[font.id] = font.ref();
  }

  private write(op: string): void {
    if (this.recording) this.recording.parts.push(op);
    else this.out.push(op);
  }

  private flushPage(): void {
    if (!this.pageOpen) return;
    if (this.out.length) {
      // deflated here at PAGE_LEVEL, after what pdfkit wrote when it opened the page (its y flip)
      const content = this.internals.page.content;
      if (!Array.isArray(content.buffer) || !content.compress) throw new Error('pdfkit: structure interne PDFReference inattendue (version de pdfkit non prise en charge)');
      const head = content.buffer.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1')).join('');
      const data = deflateSync(bytes(head + this.out.join('\n')), { level: PAGE_LEVEL });
      content.buffer = [data];
      content.compress = false;
      content.data.Filter = 'FlateDecode';
      content.data.Length = data.length;
    }
    this.out = [];
  }

  // ---- output ---------------------------------------------------------------------------------

  /** The bytes produced so far (streaming: call between pages or document parts). */
  drain(): Buffer[] {
    return this.output.drain();
  }

  /** Finishes the document and returns the remaining bytes. */
  finish(): Buffer[] {
    if (!this.pageOpen) this.beginSection(() => undefined);
    this.endSection();
    this.flushPage();
    // Embed the font subsets now, uncompressed: glyph outlines deflate poorly and deflating them
    // costs more than the rest of a one-page document (docs/performance.md, « Figures behind the code »).
    const internals = this.doc as unknown as { compress: boolean };
    internals.compress = false;
    for (const font of Object.values(this.fonts)) font.finalize();
    internals.compress = true;
    this.doc.end();
    return this.drain();
  }

  /** Finishes the document and returns the whole file. */
  toBuffer(): Buffer {
    const parts = this.finish();
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }
}
