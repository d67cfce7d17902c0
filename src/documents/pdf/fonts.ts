// Fonts for every PDF: DejaVu Sans and DejaVu Sans Bold (full Latin, Vietnamese "NGUYỄN" included),
// embedded as subsets. The expensive work is done ONCE per process and shared by every document:
//
//  - the TTF files are read and parsed by fontkit once (cost: docs/performance.md, « Figures behind the code »); pdfkit accepts a parsed
//    fontkit font object as a font source (PDFFontFactory.open: `typeof src.layout === 'function'`);
//  - each text segment (a word and its trailing space) is shaped by fontkit once per process and
//    kept as a "plan" (glyph ids, kerning, widths, code points), shared by all documents;
//  - per document, only the glyph ids of the document's subset are assigned, and the subset is
//    built by our raw-byte subsetter (ttf-subset.ts) instead of fontkit's.
//
// This relies on internals of pdfkit 0.20's EmbeddedFont (`subset`, `layoutRun`, `widths`,
// `unicode`, `scale`, `finalize`), checked when a document is created: a pdfkit upgrade that
// changes them makes every document fail loudly (and the tests with it), never print wrong glyphs.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TtfSource } from './ttf-subset.js';
import { pdfDocumentClass } from './pdfkit.js';

export type FontName = 'R' | 'B';

interface FontkitFont {
  layout(text: string): unknown;
}

interface SharedFont {
  readonly name: FontName;
  readonly fontkit: FontkitFont;
  readonly ttf: TtfSource;
  /** segment plans, in two generations of at most PLAN_GENERATION entries (see DocFont.plan) */
  plans: Map<string, SegmentPlan>;
  older: Map<string, SegmentPlan>;
  /** advance width (1/1000 em) by glyph id, as laid out */
  readonly advance: Map<number, number>;
}

/** A glyph run as pdfkit's EmbeddedFont.layoutRun returns it (positions scaled to 1/1000 em). */
interface Run {
  readonly glyphs: readonly { readonly id: number; readonly advanceWidth: number; readonly codePoints: number[] }[];
  readonly positions: readonly { readonly xAdvance: number; readonly advanceWidth: number; readonly xOffset: number; readonly yOffset: number }[];
}

/** The part of pdfkit's EmbeddedFont this module uses. */
interface EmbeddedFontInternals {
  id: string;
  font: unknown;
  subset: { includeGlyph(id: number): number };
  layoutRun(text: string): Run;
  widths: number[];
  unicode: number[][];
  scale: number;
  ascender: number;
  descender: number;
  ref(): unknown;
  finalize(): void;
}

const FILES: Record<FontName, string> = {
  R: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  B: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
};

/**
 * Segment plans kept per font: two generations of this many (bounded memory). When the current one
 * is full it becomes the older one and the previous older one is dropped; a plan found in the older
 * generation moves back to the current one. Segments in use (labels, libellés, common grades) stay;
 * one-off ones (candidate numbers, dates, totals: most of a PVI page's new segments) go. Dropping
 * everything at once instead made ¼ of the plan de secours' shaping work re-shape common segments.
 */
const PLAN_GENERATION = 10_000;

let shared: Record<FontName, SharedFont> | null = null;

function loadFont(name: FontName): SharedFont {
  const require = createRequire(import.meta.url);
  const bytes = readFileSync(require.resolve(FILES[name]));
  // let pdfkit's own fontkit parse the file once; keep the parsed object
  const probe = new (pdfDocumentClass())({ font: null as unknown as string, autoFirstPage: false });
  probe.font(bytes);
  const fontkit = (probe as unknown as { _font: { font: FontkitFont } })._font.font;
  // pdfkit reads the PostScript name several times per document; fontkit looks it up each time
  Object.defineProperty(fontkit, 'postscriptName', { value: (fontkit as unknown as { postscriptName: string }).postscriptName });
  return { name, fontkit, ttf: new TtfSource(new Uint8Array(bytes)), plans: new Map(), older: new Map(), advance: new Map() };
}

/** The process-wide fonts, loaded on first use. */
export function sharedFonts(): Record<FontName, SharedFont> {
  if (!shared) shared = { R: loadFont('R'), B: loadFont('B') };
  return shared;
}

/** Loads the fonts now (e.g. at server start) so that the first document does not pay for it. */
export function warmUpFonts(): void {
  sharedFonts();
}

/** Splits a text as pdfkit caches layouts: runs ending with a space or tab. */
function segments(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      out.push(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/**
 * What a segment needs to be written in any document, computed once per process from fontkit's
 * layout. Compact (tens of thousands are cached): glyph ids as the UTF-16 units of a string, no
 * per-glyph arrays in the usual case; the glyphs' advance widths are kept per font (SharedFont.advance).
 */
interface SegmentPlan {
  /** the glyph ids, one UTF-16 code unit each */
  readonly glyphs: string;
  /** TJ adjustment after each glyph ("-12" or ""), null when there is none */
  readonly adjust: readonly string[] | null;
  /** the code points of each glyph (ToUnicode); null: one per glyph, the segment's UTF-16 units in order */
  readonly codePoints: readonly (readonly number[])[] | null;
  /** total advance, 1/1000 em */
  readonly width: number;
  /** a glyph is offset (combining mark placed by the font): drawn glyph by glyph */
  readonly offsets: boolean;
}

/** Null when glyph i has exactly the code point segment.charCodeAt(i) (no ligature, no surrogate pair). */
function codePointsOf(run: Run, segment: string): SegmentPlan['codePoints'] {
  const simple = run.glyphs.length === segment.length && run.glyphs.every((g, i) => g.codePoints.length === 1 && g.codePoints[0] === segment.charCodeAt(i));
  return simple ? null : run.glyphs.map((g) => [...g.codePoints]);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * One font of one document: encodes text to a PDF TJ operand using the shared segment plans, the
 * document's subset (glyph ids are per document) and a per-document cache of encoded segments.
 */
export class DocFont {
  readonly id: string;
  readonly ascender: number;
  readonly descender: number;
  private readonly encoded = new Map<string, string | null>();
  private readonly subset: { includeGlyph(id: number): number };

  constructor(
    private readonly embedded: EmbeddedFontInternals,
    private readonly shared: SharedFont,
  ) {
    this.id = embedded.id;
    this.ascender = embedded.ascender;
    this.descender = embedded.descender;
    this.subset = embedded.subset;
  }

  ref(): unknown {
    return this.embedded.ref();
  }

  /** Writes the font objects (subset, widths, ToUnicode) if the document used the font. */
  finalize(): void {
    this.embedded.finalize();
  }

  /** fontkit's shaping of a segment (glyphs, kerning), positions scaled to 1/1000 em. */
  private run(segment: string): Run {
    return this.embedded.layoutRun(segment);
  }

  private plan(segment: string): SegmentPlan {
    const shared = this.shared;
    let plan = shared.plans.get(segment);
    if (plan !== undefined) return plan;
    plan = shared.older.get(segment);
    if (plan !== undefined) {
      shared.older.delete(segment);
      return this.keep(segment, plan);
    }
    const run = this.run(segment);
    const scale = this.embedded.scale;
    let width = 0;
    let offsets = false;
    let adjusted = false;
    const adjust: string[] = [];
    run.positions.forEach((p) => {
      width += p.xAdvance;
      if (p.xOffset || p.yOffset) offsets = true;
      const adj = p.xAdvance - p.advanceWidth;
      if (adj !== 0) adjusted = true;
      adjust.push(adj !== 0 ? String(Math.round(-adj * 100) / 100) : '');
    });
    let glyphs = '';
    for (const g of run.glyphs) {
      glyphs += String.fromCharCode(g.id);
      if (!shared.advance.has(g.id)) shared.advance.set(g.id, g.advanceWidth * scale);
    }
    plan = { glyphs, adjust: adjusted ? adjust : null, codePoints: codePointsOf(run, segment), width, offsets };
    return this.keep(segment, plan);
  }

  private keep(segment: string, plan: SegmentPlan): SegmentPlan {
    const shared = this.shared;
    if (shared.plans.size >= PLAN_GENERATION) {
      shared.older = shared.plans;
      shared.plans = new Map();
    }
    shared.plans.set(segment, plan);
    return plan;
  }

  /** Advance width of a text at a size, in points. */
  width(text: string, size: number): number {
    let w = 0;
    let last = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) {
        w += this.plan(text.slice(last, i + 1)).width;
        last = i + 1;
      }
    }
    if (last < text.length) w += this.plan(last === 0 ? text : text.slice(last)).width;
    return (w * size) / 1000;
  }

  /**
   * The TJ operand "[<0001> -12 <0203>]" of a text, or null when a glyph carries an x/y offset
   * (combining marks placed by the font), which the caller draws glyph by glyph (`glyphs`).
   */
  tj(text: string): string | null {
    let body = '';
    for (const seg of segments(text)) {
      let part = this.encoded.get(seg);
      if (part === undefined) {
        part = this.encodeSegment(seg);
        this.encoded.set(seg, part);
      }
      if (part === null) return null;
      body += part;
    }
    return `[${body}]`;
  }

  private encodeSegment(segment: string): string | null {
    const plan = this.plan(segment);
    if (plan.offsets) return null;
    let out = '';
    let hex = '';
    const adjust = plan.adjust;
    for (let i = 0; i < plan.glyphs.length; i++) {
      const gid = this.include(plan, i, segment);
      hex += HEX[gid >> 8]! + HEX[gid & 0xff]!;
      const adj = adjust === null ? '' : adjust[i]!;
      if (adj !== '') {
        out += `<${hex}> ${adj} `;
        hex = '';
      }
    }
    return hex ? `${out}<${hex}> ` : out;
  }

  /** The document's id of glyph i of the plan (its width and code points recorded on first use). */
  private include(plan: SegmentPlan, i: number, segment: string): number {
    const e = this.embedded;
    const glyph = plan.glyphs.charCodeAt(i);
    const gid = this.subset.includeGlyph(glyph);
    if (e.widths[gid] === undefined) {
      e.widths[gid] = this.shared.advance.get(glyph)!;
      e.unicode[gid] = plan.codePoints === null ? [segment.charCodeAt(i)] : [...plan.codePoints[i]!];
    }
    return gid;
  }

  /** Glyph by glyph: [hex, x advance, x offset, y offset] in 1/1000 em, for texts `tj` refuses. */
  glyphs(text: string): [string, number, number, number][] {
    const out: [string, number, number, number][] = [];
    for (const seg of segments(text)) {
      const run = this.run(seg);
      const plan = this.plan(seg);
      run.positions.forEach((p, i) => {
        const gid = this.include(plan, i, seg);
        out.push([HEX[gid >> 8]! + HEX[gid & 0xff]!, p.xAdvance, p.xOffset, p.yOffset]);
      });
    }
    return out;
  }
}

/**
 * Registers the fonts on a fresh document, swaps in the shared layout cache and the fast subsetter,
 * and returns the document's fonts.
 */
export function attachFonts(doc: PDFKit.PDFDocument): Record<FontName, DocFont> {
  const fonts = sharedFonts();
  const result = {} as Record<FontName, DocFont>;
  for (const name of ['R', 'B'] as const) {
    const f = fonts[name];
    doc.registerFont(name, f.fontkit as unknown as PDFKit.Mixins.PDFFontSource);
    doc.font(name);
    const embedded = (doc as unknown as { _font: EmbeddedFontInternals })._font;
    if (embedded.font !== f.fontkit || typeof embedded.layoutRun !== 'function' || !Array.isArray(embedded.widths) || !Array.isArray(embedded.unicode)) {
      throw new Error('pdfkit: structure interne EmbeddedFont inattendue (version de pdfkit non prise en charge)');
    }
    embedded.subset = f.ttf.createSubset();
    result[name] = new DocFont(embedded, f);
  }
  doc.font('R');
  return result;
}
