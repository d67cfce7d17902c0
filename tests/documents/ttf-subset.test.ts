import { describe, expect, it } from 'vitest';
import { sharedFonts } from '../../src/documents/pdf/fonts.js';
import { TtfSource } from '../../src/documents/pdf/ttf-subset.js';

interface Fontkit {
  glyphForCodePoint(cp: number): { id: number };
}

function wholeChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) sum = (sum + (((bytes[i] ?? 0) << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0))) >>> 0;
  return sum;
}

const isComposite = (g: Uint8Array): boolean => g.length >= 10 && (((g[0]! << 8) | g[1]!) & 0x8000) !== 0;

describe('fast TrueType subsetter', () => {
  const font = sharedFonts().R;
  const fk = font.fontkit as unknown as Fontkit;

  it('copies outlines and metrics, remaps composite glyphs, keeps a valid sfnt', () => {
    const subset = font.ttf.createSubset();
    const ids = [...'AZBTSUN NGUYỄN éèàç0123456789/.'].map((c) => fk.glyphForCodePoint(c.codePointAt(0)!).id);
    const newIds = ids.map((id) => subset.includeGlyph(id));
    expect(newIds[0]).toBe(1); // 0 is .notdef
    expect(subset.includeGlyph(ids[0]!)).toBe(1); // stable
    const bytes = subset.encode();
    expect(wholeChecksum(bytes)).toBe(0xb1b0afba);
    const parsed = new TtfSource(bytes);
    const unique = new Set([0, ...ids]).size;
    expect(parsed.numGlyphs).toBeGreaterThanOrEqual(unique); // + components of composite glyphs
    ids.forEach((id, k) => {
      const original = font.ttf.glyph(id);
      const copy = parsed.glyph(newIds[k]!);
      expect(parsed.metrics(newIds[k]!)).toEqual(font.ttf.metrics(id));
      if (!isComposite(original)) expect(Buffer.from(copy.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
      else expect(copy.length).toBeGreaterThanOrEqual(original.length);
    });
    // Ễ is a composite glyph in DejaVu Sans: its components must be inside the subset
    const e = parsed.glyph(newIds[[...'AZBTSUN NGUYỄN'].indexOf('Ễ')]!);
    expect(isComposite(e)).toBe(true);
    const component = (e[12]! << 8) | e[13]!;
    expect(component).toBeGreaterThan(0);
    expect(component).toBeLessThan(parsed.numGlyphs);
  });
});

describe('perf sample (used by `delib bench`)', () => {
  it('renders N relevés in one file and N one-page files', async () => {
    const { renderSampleTranscriptFile, renderSampleTranscriptFiles } = await import('../../src/documents/perf-sample.js');
    const one = renderSampleTranscriptFile(5);
    expect(one.pages).toBe(5);
    expect(one.bytes).toBeGreaterThan(10_000);
    const many = await renderSampleTranscriptFiles(4);
    expect(many.files).toBe(4);
    expect(many.bytes).toBeGreaterThan(4 * 10_000);
  });
});
