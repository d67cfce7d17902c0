// The charts of the "Statistiques avant délibération par décision" (issue #16, point 2, ADR 0016),
// drawn as vector graphics with the PDF writer's operators, in greys (printed documents): the jury's
// averages by one-point band against its spécialité's, with the 8 and 10 thresholds, and the
// decisions of the jury and of the spécialité as stacked bars (100 % each). Pure: figures → drawing.
import { percentage } from '../format.js';
import type { DecisionCounts } from '../model.js';
import type { PdfWriter } from '../pdf/writer.js';

export interface StatsChartsData {
  readonly juryCode: string;
  readonly specialiteCode: string;
  readonly bands: { readonly jury: readonly number[]; readonly specialite: readonly number[] };
  readonly counts: DecisionCounts;
  readonly specialiteCounts: DecisionCounts;
}

export const HISTOGRAM_TITLE = 'Répartition des moyennes du 1er groupe (en % des candidats ayant une moyenne)';
export const DECISIONS_TITLE = 'Décisions proposées du 1er groupe (en % des candidats)';

const JURY_GREY = 0.25;
const SPECIALITE_GREY = 0.72;
const DECISION_GREYS: readonly [keyof DecisionCounts, string, number][] = [
  ['admis', 'Admis', 0.55],
  ['controle', 'Passe les épreuves de contrôle', 0.7],
  ['refuse', 'Refusé', 0.85],
  ['incomplet', 'Incomplet', 0.97],
];

function legend(w: PdfWriter, x: number, y: number, items: readonly [string, number][]): void {
  let cx = x;
  for (const [label, grey] of items) {
    w.rect(cx, y + 1, 8, 8, { fill: grey });
    w.text(label, cx + 11, y, { size: 8 });
    cx += 11 + w.widthOf(label, 8) + 14;
  }
}

function histogram(w: PdfWriter, d: StatsChartsData): void {
  const x0 = w.margin.left + 28;
  const width = w.contentWidth - 36;
  const height = 120;
  w.text(HISTOGRAM_TITLE, w.margin.left, w.y, { font: 'B', size: 9 });
  const top = w.y + 24;
  const bottom = top + height;
  const total = (b: readonly number[]) => b.reduce((a, n) => a + n, 0);
  const jt = total(d.bands.jury);
  const st = total(d.bands.specialite);
  const share = (b: readonly number[], t: number, k: number) => (t === 0 ? 0 : (100 * b[k]!) / t);
  let maxShare = 0;
  for (let k = 0; k < 20; k++) maxShare = Math.max(maxShare, share(d.bands.jury, jt, k), share(d.bands.specialite, st, k));
  const yMax = Math.max(10, Math.ceil(maxShare / 10) * 10);
  const yOf = (v: number) => bottom - (v / yMax) * height;
  const xOf = (points: number) => x0 + (points / 20) * width;
  // grid and the y axis: every 10 %
  for (let v = 0; v <= yMax; v += 10) {
    w.line(x0, yOf(v), x0 + width, yOf(v), v === 0 ? 0.8 : 0.1);
    w.text(`${v} %`, w.margin.left, yOf(v) - 4, { size: 7, align: 'right', width: 24 });
  }
  w.line(x0, top, x0, bottom, 0.8);
  // two bars per band: the jury (dark), the spécialité (light)
  const band = width / 20;
  const bar = (band - 2) / 2;
  for (let k = 0; k < 20; k++) {
    const j = share(d.bands.jury, jt, k);
    const s = share(d.bands.specialite, st, k);
    if (j > 0) w.rect(xOf(k) + 1, yOf(j), bar, bottom - yOf(j), { fill: JURY_GREY, lineWidth: 0.3 });
    if (s > 0) w.rect(xOf(k) + 1 + bar, yOf(s), bar, bottom - yOf(s), { fill: SPECIALITE_GREY, lineWidth: 0.3 });
  }
  // x axis: 0..20 every 2 points
  for (let p = 0; p <= 20; p += 2) {
    w.line(xOf(p), bottom, xOf(p), bottom + 3, 0.5);
    w.text(String(p), xOf(p) - 10, bottom + 4, { size: 7, align: 'center', width: 20 });
  }
  // the thresholds: 8 (contrôle) and 10 (admis)
  for (const [p, label, left] of [[8, '8 (contrôle)', true], [10, '10 (admis)', false]] as const) {
    w.line(xOf(p), top - 6, xOf(p), bottom, 1.4);
    w.text(label, left ? xOf(p) - 2 - w.widthOf(label, 7, 'B') : xOf(p) + 2, top - 12, { font: 'B', size: 7 });
  }
  w.y = bottom + 16;
  legend(w, x0, w.y, [[`Jury ${d.juryCode}`, JURY_GREY], [`Spécialité ${d.specialiteCode} (tous ses jurys)`, SPECIALITE_GREY]]);
  w.y += 20;
}

function decisions(w: PdfWriter, d: StatsChartsData): void {
  w.text(DECISIONS_TITLE, w.margin.left, w.y, { font: 'B', size: 9 });
  w.y += 16;
  const x0 = w.margin.left + 80;
  const width = w.contentWidth - 88;
  for (const [label, c] of [[`Jury ${d.juryCode}`, d.counts], [`Spécialité ${d.specialiteCode}`, d.specialiteCounts]] as const) {
    const total = c.admis + c.controle + c.refuse + c.incomplet;
    w.text(label, w.margin.left, w.y + 3, { size: 8 });
    let x = x0;
    for (const [key, , grey] of DECISION_GREYS) {
      const part = total === 0 ? 0 : (c[key] / total) * width;
      if (part > 0) {
        w.rect(x, w.y, part, 16, { fill: grey, lineWidth: 0.3 });
        const text = percentage(c[key], total);
        if (w.widthOf(text, 7) + 4 < part) w.text(text, x, w.y + 4, { size: 7, align: 'center', width: part });
      }
      x += part;
    }
    w.y += 22;
  }
  legend(w, x0, w.y, DECISION_GREYS.map(([, l, g]) => [l, g]));
  w.y += 18;
}

/** Both charts at the cursor (a new page first when they do not fit). */
export function drawStatsCharts(w: PdfWriter, d: StatsChartsData): void {
  w.ensureSpace(300);
  w.y += 14;
  histogram(w, d);
  decisions(w, d);
}
