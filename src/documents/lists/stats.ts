// Statistiques avant délibération: par décision (as the memo) and par épreuve.

import { add, compare, div, fromInt, type Rational } from '../../domain/rational.js';
import type { CandidateResult } from '../../domain/rules/result.js';
import { average, gradeNumber, percentage } from '../format.js';
import type { DecisionCounts, EpreuveStats, StatsDecisionModel, StatsEpreuveModel } from '../model.js';
import type { Column } from '../pdf/table.js';
import { renderSectionedList } from './sectioned.js';
import { drawStatsCharts } from './stats-charts.js';

export const STATS_DECISION_TITLE = 'Statistiques avant délibération par décision';
export const STATS_EPREUVE_TITLE = 'Statistiques avant délibération par épreuve';

export interface StatsDecisionRow {
  readonly label: string;
  readonly kind: 'group' | 'line' | 'subtotal' | 'total';
  readonly jury: number;
  readonly juryTotal: number;
  readonly specialite: number;
  readonly specialiteTotal: number;
}

const total = (c: DecisionCounts): number => c.admis + c.controle + c.refuse + c.incomplet;

/** The rows of the table "par décision": positive decisions, negative ones, (no decision), total. */
export function statsDecisionRows(jury: DecisionCounts, spe: DecisionCounts): StatsDecisionRow[] {
  const jt = total(jury);
  const st = total(spe);
  const row = (label: string, kind: StatsDecisionRow['kind'], j: number, s: number): StatsDecisionRow => ({
    label, kind, jury: j, juryTotal: jt, specialite: s, specialiteTotal: st,
  });
  const rows = [
    row('Décisions positives', 'group', 0, 0),
    row('Admis', 'line', jury.admis, spe.admis),
    row('Passe les épreuves de contrôle', 'line', jury.controle, spe.controle),
    row('Total', 'subtotal', jury.admis + jury.controle, spe.admis + spe.controle),
    row('Décisions négatives', 'group', 0, 0),
    row('Refusé', 'line', jury.refuse, spe.refuse),
    row('Total', 'subtotal', jury.refuse, spe.refuse),
  ];
  if (jury.incomplet > 0 || spe.incomplet > 0) {
    rows.push(row('Sans décision', 'group', 0, 0), row('Incomplet (notes manquantes)', 'line', jury.incomplet, spe.incomplet), row('Total', 'subtotal', jury.incomplet, spe.incomplet));
  }
  rows.push(row('Total', 'total', jt, st));
  return rows;
}

const cell = (r: StatsDecisionRow, v: string): string => (r.kind === 'group' ? '' : v);

export const STATS_DECISION_COLUMNS: readonly Column<StatsDecisionRow>[] = [
  { header: 'Décision', width: 30, value: (r) => r.label },
  { header: 'Nombre de candidats du jury', width: 17, align: 'right', value: (r) => cell(r, String(r.jury)) },
  { header: '% Jury', width: 12, align: 'right', value: (r) => cell(r, percentage(r.jury, r.juryTotal)) },
  { header: 'Nombre de candidats de la spécialité', width: 19, align: 'right', value: (r) => cell(r, String(r.specialite)) },
  { header: '% Spécialité', width: 12, align: 'right', value: (r) => cell(r, percentage(r.specialite, r.specialiteTotal)) },
];

export function renderStatsByDecision(model: StatsDecisionModel): Buffer {
  // the charts of each jury under its table (issue #16): sections are drawn in order
  let section = 0;
  return renderSectionedList<StatsDecisionRow>({
    header: model.header,
    title: STATS_DECISION_TITLE,
    columns: STATS_DECISION_COLUMNS,
    sections: model.juries.map((j) => ({
      lines: [`Jury : ${j.jury.code}`, `Spécialité : ${j.jury.specialiteCode} - ${j.jury.specialiteLibelle}`],
      rows: statsDecisionRows(j.counts, j.specialiteCounts),
    })),
    rowStyle: (r) => (r.kind === 'line' ? undefined : r.kind === 'group' ? { bold: true, fill: 0.96, span: true } : { bold: true }),
    after: (w) => {
      const j = model.juries[section++];
      if (j?.bands) drawStatsCharts(w, { juryCode: j.jury.code, specialiteCode: j.jury.specialiteCode, bands: j.bands, counts: j.counts, specialiteCounts: j.specialiteCounts });
    },
  });
}

// ---- par épreuve --------------------------------------------------------------------------------

/**
 * Statistics of each unit over the given results: graded candidates (a number; ABS/AJ leaves give
 * an ABS unit or a 0 mean, see the engine), exact mean (truncated when printed), min, max, ≥ 10,
 * absents, dispensés, missing (an optional unit without a grade was not chosen: not missing).
 */
export function epreuveStats(results: readonly CandidateResult[]): EpreuveStats[] {
  const first = results[0];
  if (!first) return [];
  return first.units.map((unit, index) => {
    let notes = 0, auMoins10 = 0, absents = 0, dispenses = 0, manquantes = 0;
    let sum: Rational = fromInt(0);
    let min: Rational | null = null;
    let max: Rational | null = null;
    const ten = fromInt(10);
    for (const r of results) {
      const g = r.units[index]?.grade ?? null;
      // an optional unit without a grade was not chosen: not a missing grade
      if (g === null) {
        if (!unit.facultative) manquantes++;
      }
      else if (g === 'ABS') absents++;
      else if (g === 'DI') dispenses++;
      else {
        notes++;
        sum = add(sum, g);
        if (compare(g, ten) >= 0) auMoins10++;
        if (!min || compare(g, min) < 0) min = g;
        if (!max || compare(g, max) > 0) max = g;
      }
    }
    return {
      code: unit.code, libelle: unit.libelle, notes,
      moyenne: notes ? div(sum, fromInt(notes)) : null,
      min, max, auMoins10, absents, dispenses, manquantes,
    };
  });
}

const grade = (r: Rational | null): string => (r ? gradeNumber(r) : '');

export const STATS_EPREUVE_COLUMNS: readonly Column<EpreuveStats>[] = [
  { header: 'Épreuve', width: 34, value: (e) => `${e.code} ${e.libelle}` },
  { header: 'Notés', width: 7, align: 'right', value: (e) => String(e.notes) },
  { header: 'Moyenne', width: 9, align: 'right', value: (e) => average(e.moyenne) },
  { header: 'Min.', width: 7, align: 'right', value: (e) => grade(e.min) },
  { header: 'Max.', width: 7, align: 'right', value: (e) => grade(e.max) },
  { header: 'Notes ≥ 10', width: 8, align: 'right', value: (e) => String(e.auMoins10) },
  { header: '% ≥ 10', width: 9, align: 'right', value: (e) => percentage(e.auMoins10, e.notes) },
  { header: 'Absents', width: 8, align: 'right', value: (e) => String(e.absents) },
  { header: 'Dispensés', width: 9, align: 'right', value: (e) => String(e.dispenses) },
  { header: 'Notes manquantes', width: 10, align: 'right', value: (e) => String(e.manquantes) },
];

export function renderStatsByEpreuve(model: StatsEpreuveModel): Buffer {
  return renderSectionedList<EpreuveStats>({
    header: model.header,
    title: STATS_EPREUVE_TITLE,
    columns: STATS_EPREUVE_COLUMNS,
    landscape: true,
    sections: model.juries.map((j) => ({
      lines: [`Jury : ${j.jury.code}`, `Spécialité : ${j.jury.specialiteCode} - ${j.jury.specialiteLibelle}`, `Nombre de candidats : ${j.candidats}`],
      rows: j.epreuves,
    })),
  });
}
