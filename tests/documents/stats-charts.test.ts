// The charts of the statistics PDF (issue #16, point 2): vector graphics drawn by the PDF writer —
// the averages by band, jury against spécialité, with the 8 and 10 thresholds, and the decisions.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderStatsByDecision } from '../../src/documents/lists/stats.js';
import { DECISIONS_TITLE, HISTOGRAM_TITLE } from '../../src/documents/lists/stats-charts.js';
import { flat, hasPoppler, pdfPagesText, POPPLER_MISSING } from './pdf-helpers.js';
import * as S from './samples.js';

/** The page content streams of a PDF, inflated. */
function contents(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const end = raw.indexOf('endstream', m.index);
    const body = pdf.subarray(m.index + m[0].length, end);
    try {
      out.push(inflateSync(body).toString('latin1'));
    } catch {
      // not a deflated stream (fonts are, images are not here): skipped
    }
  }
  return out.join('\n');
}

const bands = {
  jury: [0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 5, 6, 4, 3, 2, 2, 1, 0, 0, 0],
  specialite: [0, 0, 0, 0, 0, 1, 2, 4, 6, 8, 10, 12, 9, 7, 5, 3, 2, 1, 0, 0],
};

describe('statistics PDF charts', () => {
  const model = S.statsDecision();
  const withCharts = renderStatsByDecision({ ...model, juries: model.juries.map((j) => ({ ...j, bands })) });

  it('draws the bars and the threshold lines as vector operators (rectangles, lines), no image', () => {
    const plain = contents(renderStatsByDecision(model));
    const drawn = contents(withCharts);
    const fills = (c: string) => (c.match(/ re f/g) ?? []).length;
    // 10 jury bands and 13 spécialité bands with candidates, 2 × 3 decision parts (no incomplet), 2 + 4 legend squares
    expect(fills(drawn) - fills(plain)).toBe(10 + 13 + 6 + 6);
    // the two threshold lines are 1,4 pt wide
    expect((drawn.match(/1\.4 w [\d.]+ [\d.]+ m [\d.]+ [\d.]+ l S/g) ?? []).length).toBe(2);
    expect(withCharts.toString('latin1')).not.toMatch(/\/Subtype\s*\/Image/);
  });

  it.runIf(hasPoppler())('prints the titles, the thresholds and the legends', () => {
    const t = flat(pdfPagesText(withCharts).join('\n'));
    expect(t).toContain(HISTOGRAM_TITLE);
    expect(t).toContain(DECISIONS_TITLE);
    expect(t).toContain('8 (contrôle)');
    expect(t).toContain('10 (admis)');
    expect(t).toContain('Jury 31408');
    expect(t).toContain('Spécialité 31408 (tous ses jurys)');
    expect(t).toContain('Passe les épreuves de contrôle');
    // 20 admitted of 29: printed in the jury's bar as in the table
    expect(t).toContain('68,97%');
  });

  it.skipIf(hasPoppler())('needs poppler', () => {
    throw new Error(POPPLER_MISSING);
  });
});
