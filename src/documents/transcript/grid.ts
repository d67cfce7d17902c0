// The grade grid shared by the RLN and the PVI: units table, result rows, decision, contrôle table.

import { drawTable, type Column } from '../pdf/table.js';
import type { PdfWriter } from '../pdf/writer.js';
import type { TranscriptResult, TranscriptUnit } from '../model.js';
import {
  controleRows,
  group1DecisionLine,
  group1Summary,
  group2DecisionLine,
  group2Summary,
  hasControleResult,
  unitRows,
  type SummaryRow,
  type TranscriptRow,
} from './rows.js';

const W = { label: 38.5, note: 10, coeff: 7, points: 9, ects: 8.5, obs: 27 };

function gradeColumns(first: string): Column<TranscriptRow>[] {
  return [
    { header: first, width: W.label, value: (r) => r.label },
    { header: 'Note', width: W.note, align: 'right', value: (r) => r.note },
    { header: 'Coeff.', width: W.coeff, align: 'right', value: (r) => r.coeff },
    { header: 'Points', width: W.points, align: 'right', value: (r) => r.points },
    { header: 'ECTS(1)', width: W.ects, align: 'right', value: (r) => r.ects },
    { header: 'Observations', width: W.obs, value: (r) => r.observations },
  ];
}

const UNIT_COLUMNS = gradeColumns('Épreuves');
const CONTROLE_COLUMNS = gradeColumns('Épreuves de contrôle');

const SUMMARY_COLUMNS: Column<SummaryRow>[] = [
  { header: '', width: W.label, value: (r) => r.label },
  { header: '', width: W.note + W.coeff, align: 'right', value: (r) => r.total },
  { header: '', width: W.points, align: 'right', value: (r) => r.points },
  { header: '', width: W.ects + W.obs, value: (r) => r.moyenne },
];

const DECISION_COLUMNS: Column<string>[] = [{ header: '', width: 1, value: (s) => s }];

export interface GridOptions {
  readonly size?: number;
  /** called when the grid continues on a new page */
  readonly onPageBreak?: () => void;
  /** extra lines after each decision (PVI: the rule that fired) */
  readonly group1Note?: string;
  readonly group2Note?: string;
  /** "DECISION DU JURY: " (RLN) or "DECISION PROPOSEE: " (PVI) */
  readonly decisionPrefix?: string;
}

function summary(w: PdfWriter, rows: readonly SummaryRow[], decision: string, note: string | undefined, opts: GridOptions): void {
  const size = opts.size ?? 8.5;
  drawTable(w, SUMMARY_COLUMNS, rows, { header: false, size, rowStyle: () => ({ bold: true, fill: 0.95 }), onPageBreak: opts.onPageBreak });
  const lines = note ? [decision, note] : [decision];
  drawTable(w, DECISION_COLUMNS, lines, { header: false, size, rowStyle: (s) => (s === decision ? { bold: true, fill: 0.95 } : { size: size - 1 }), onPageBreak: opts.onPageBreak });
}

/** Draws the units table, the 1st-group result and, once decided, the contrôle table and result. */
export function drawGradeGrid(w: PdfWriter, units: readonly TranscriptUnit[], result: TranscriptResult, opts: GridOptions = {}): void {
  const size = opts.size ?? 8.5;
  const leafStyle = { size: size - 1, indent: 10 };
  drawTable(w, UNIT_COLUMNS, unitRows(units, result), { size, headerFill: 0.88, rowStyle: (r) => (r.leaf ? leafStyle : undefined), onPageBreak: opts.onPageBreak });
  summary(w, group1Summary(result), group1DecisionLine(result, opts.decisionPrefix), opts.group1Note, opts);
  if (!hasControleResult(result)) return;
  w.y += 8;
  drawTable(w, CONTROLE_COLUMNS, controleRows(units, result), { size, onPageBreak: opts.onPageBreak });
  const s2 = group2Summary(result);
  summary(w, s2 ? [s2] : [], group2DecisionLine(result, opts.decisionPrefix), opts.group2Note, opts);
}
