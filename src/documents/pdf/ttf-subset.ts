// A fast TrueType subsetter for PDF embedding, replacing fontkit's TTFSubset inside pdfkit.
//
// fontkit re-decodes every glyph and re-encodes the cvt/prep/fpgm tables value by value through its
// generic struct codec for each document (time and garbage per font per document: docs/performance.md,
// « Figures behind the code »). Here the source font is parsed ONCE (table directory, loca, hmtx) and a subset is
// raw byte copying: glyph outlines are sliced from `glyf`, composite glyphs get their component ids
// remapped, and head/hhea/maxp/cvt/prep/fpgm are copied with three fields patched. The output has
// the same tables as fontkit's subset (what PDF needs for a CIDFontType2 with Identity mapping).
//
// It implements the part of fontkit's Subset interface that pdfkit's EmbeddedFont uses:
// `includeGlyph(id) -> new id`, `encode() -> bytes`, and `cff` (undefined: TrueType outlines).

const PDF_TABLES = ['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep'] as const;

interface TableSlice {
  readonly offset: number;
  readonly length: number;
}

/** A TrueType font parsed once: raw tables and glyph locations. Immutable, shareable. */
export class TtfSource {
  readonly bytes: Uint8Array;
  readonly numGlyphs: number;
  /** start offsets of glyphs in `glyf` (numGlyphs + 1 entries), absolute in `bytes` */
  private readonly glyphStart: Uint32Array;
  private readonly advance: Uint16Array;
  private readonly lsb: Int16Array;
  private readonly tables: ReadonlyMap<string, TableSlice>;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const numTables = view.getUint16(4);
    const tables = new Map<string, TableSlice>();
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + i * 16;
      const tag = String.fromCharCode(bytes[rec]!, bytes[rec + 1]!, bytes[rec + 2]!, bytes[rec + 3]!);
      tables.set(tag, { offset: view.getUint32(rec + 8), length: view.getUint32(rec + 12) });
    }
    for (const tag of ['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp']) {
      if (!tables.has(tag)) throw new Error(`Police TrueType sans table ${tag}`);
    }
    this.tables = tables;
    const head = tables.get('head')!;
    const longLoca = view.getInt16(head.offset + 50) === 1;
    this.numGlyphs = view.getUint16(tables.get('maxp')!.offset + 4);
    const loca = tables.get('loca')!.offset;
    const glyf = tables.get('glyf')!.offset;
    this.glyphStart = new Uint32Array(this.numGlyphs + 1);
    for (let g = 0; g <= this.numGlyphs; g++) {
      this.glyphStart[g] = glyf + (longLoca ? view.getUint32(loca + g * 4) : view.getUint16(loca + g * 2) * 2);
    }
    const numberOfHMetrics = view.getUint16(tables.get('hhea')!.offset + 34);
    const hmtx = tables.get('hmtx')!.offset;
    this.advance = new Uint16Array(this.numGlyphs);
    this.lsb = new Int16Array(this.numGlyphs);
    let lastAdvance = 0;
    for (let g = 0; g < this.numGlyphs; g++) {
      if (g < numberOfHMetrics) {
        lastAdvance = view.getUint16(hmtx + g * 4);
        this.lsb[g] = view.getInt16(hmtx + g * 4 + 2);
      } else {
        this.lsb[g] = view.getInt16(hmtx + numberOfHMetrics * 4 + (g - numberOfHMetrics) * 2);
      }
      this.advance[g] = lastAdvance;
    }
  }

  table(tag: string): Uint8Array | null {
    const t = this.tables.get(tag);
    return t ? this.bytes.subarray(t.offset, t.offset + t.length) : null;
  }

  glyph(gid: number): Uint8Array {
    if (gid < 0 || gid >= this.numGlyphs) return new Uint8Array(0);
    return this.bytes.subarray(this.glyphStart[gid]!, this.glyphStart[gid + 1]!);
  }

  metrics(gid: number): { advance: number; lsb: number } {
    return { advance: this.advance[gid] ?? 0, lsb: this.lsb[gid] ?? 0 };
  }

  createSubset(): FastTtfSubset {
    return new FastTtfSubset(this);
  }
}

// composite glyph flags
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** The glyphs one document uses, in first-use order (glyph 0, .notdef, is always the first). */
export class FastTtfSubset {
  readonly cff = undefined;
  private readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(private readonly source: TtfSource) {
    this.includeGlyph(0);
  }

  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    let gid = this.mapping.get(id);
    if (gid === undefined) {
      gid = this.glyphs.length;
      this.glyphs.push(id);
      this.mapping.set(id, gid);
    }
    return gid;
  }

  /** Remaps the component ids of a composite glyph (copy), including the components. */
  private remapComposite(data: Uint8Array): Uint8Array {
    const out = data.slice();
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    let pos = 10;
    for (;;) {
      const flags = view.getUint16(pos);
      view.setUint16(pos + 2, this.includeGlyph(view.getUint16(pos + 2)));
      pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) pos += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
      if (!(flags & MORE_COMPONENTS)) return out;
    }
  }

  encode(): Uint8Array {
    const src = this.source;
    const outlines: Uint8Array[] = [];
    const offsets: number[] = [];
    let size = 0;
    // the list grows while composite components are included
    for (let i = 0; i < this.glyphs.length; i++) {
      let data = src.glyph(this.glyphs[i]!);
      if (data.length >= 10 && ((data[0]! << 8) | data[1]!) & 0x8000) data = this.remapComposite(data);
      offsets.push(size);
      outlines.push(data);
      size += (data.length + 3) & ~3;
    }
    offsets.push(size);
    const n = this.glyphs.length;

    const glyf = new Uint8Array(size);
    for (let i = 0; i < n; i++) glyf.set(outlines[i]!, offsets[i]!);
    const loca = new Uint8Array((n + 1) * 4);
    const locaView = new DataView(loca.buffer);
    for (let i = 0; i <= n; i++) locaView.setUint32(i * 4, offsets[i]!);
    const hmtx = new Uint8Array(n * 4);
    const hmtxView = new DataView(hmtx.buffer);
    for (let i = 0; i < n; i++) {
      const m = src.metrics(this.glyphs[i]!);
      hmtxView.setUint16(i * 4, m.advance);
      hmtxView.setInt16(i * 4 + 2, m.lsb);
    }
    const head = src.table('head')!.slice();
    const headView = new DataView(head.buffer);
    headView.setUint32(8, 0); // checkSumAdjustment, set below
    headView.setInt16(50, 1); // indexToLocFormat: long offsets
    const hhea = src.table('hhea')!.slice();
    new DataView(hhea.buffer).setUint16(34, n);
    const maxp = src.table('maxp')!.slice();
    new DataView(maxp.buffer).setUint16(4, n);

    const tables = new Map<string, Uint8Array>([['glyf', glyf], ['head', head], ['hhea', hhea], ['hmtx', hmtx], ['loca', loca], ['maxp', maxp]]);
    for (const tag of ['cvt ', 'fpgm', 'prep']) {
      const t = src.table(tag);
      if (t) tables.set(tag, t);
    }
    return assemble(tables);
  }
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  const full = data.length & ~3;
  for (let i = 0; i < full; i += 4) {
    sum = (sum + ((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!)) >>> 0;
  }
  if (full < data.length) {
    let last = 0;
    for (let i = full; i < full + 4; i++) last = (last << 8) | (data[i] ?? 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** Builds the sfnt file: offset table, table directory (sorted tags), 4-byte aligned tables. */
function assemble(tables: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const tags = PDF_TABLES.filter((t) => tables.has(t));
  const numTables = tags.length;
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  let offset = 12 + numTables * 16;
  let total = offset;
  for (const tag of tags) total += (tables.get(tag)!.length + 3) & ~3;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, numTables);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, numTables * 16 - searchRange);
  let headOffset = 0;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = tag.charCodeAt(k);
    view.setUint32(rec + 4, checksum(data));
    view.setUint32(rec + 8, offset);
    view.setUint32(rec + 12, data.length);
    out.set(data, offset);
    if (tag === 'head') headOffset = offset;
    offset += (data.length + 3) & ~3;
  });
  // checkSumAdjustment = 0xB1B0AFBA − checksum of the whole font (computed with the field at 0)
  view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
