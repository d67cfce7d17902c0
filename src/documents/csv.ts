// CSV exports for people (*Exporter CSV*, SPEC §7): separator ";", UTF-8 with BOM, CRLF, decimal
// comma, cells quoted when needed, and formula injection neutralised: a cell starting with =, +, -,
// @, a tab or a carriage return gets a leading apostrophe. One function per list, with the columns of
// its PDF (two-line PDF cells such as "N° Anonymat / N° Candidat" become two columns, and a Jury
// column is added when a list spans several juries).

import { candidateListRows, livretStatusLabel } from './lists/candidate-lists.js';
import { assertDisplayable, compareNames, RESULT_LIST_TITLES } from './lists/results.js';
import { pvTenueParts } from './lists/pv-tenue.js';
import { statsDecisionRows } from './lists/stats.js';
import { flaggedLabel } from './lists/flagged.js';
import { average, candidateNumber, decisionLabel, etablissementLabel, gradeNumber, gradeValueText, percentage } from './format.js';
import type {
  CandidateListModel,
  CandidateListRow,
  FlaggedListModel,
  LivretsListModel,
  LivretsRow,
  MissingGradesModel,
  PvTenueModel,
  ResultListModel,
  StatsDecisionModel,
  StatsEpreuveModel,
} from './model.js';
import { formatDateTimeFr } from './pdf/datetime.js';

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[";\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised against formulas, quoted when it contains ; " CR or LF. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole file: BOM, header row, rows, CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): Buffer {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(';'));
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

export interface CsvColumn<R> {
  readonly header: string;
  readonly value: (row: R) => string | number | null | undefined;
}

export function csvFromColumns<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): Buffer {
  return toCsv(columns.map((c) => c.header), rows.map((r) => columns.map((c) => c.value(r))));
}

type WithJury<R> = R & { readonly juryCode: string };

function flatten<R, J extends { readonly jury: { readonly code: string } }>(juries: readonly J[], rows: (j: J) => readonly R[]): WithJury<R>[] {
  return juries.flatMap((j) => rows(j).map((r) => ({ ...r, juryCode: j.jury.code })));
}

const jury: CsvColumn<{ juryCode: string }> = { header: 'Jury', value: (r) => r.juryCode };
const anonymat: CsvColumn<CandidateListRow> = { header: 'N° Anonymat', value: (r) => r.numeroAnonymat };
const candidat: CsvColumn<CandidateListRow> = { header: 'N° Candidat', value: (r) => candidateNumber(r.numeroCandidat, r.numeroInscription) };
const nomPrenoms: CsvColumn<CandidateListRow> = { header: 'Nom / Prénoms', value: (r) => `${r.nom} ${r.prenoms}`.trim() };
const categorie: CsvColumn<CandidateListRow> = { header: 'Catégorie', value: (r) => r.categorie };
const etablissement: CsvColumn<CandidateListRow> = { header: "Etablissement d'inscription", value: (r) => etablissementLabel(r.etablissementInscription) };

/** Liste des candidats pour la préparation des livrets scolaires. */
export function livretsCsv(model: LivretsListModel): Buffer {
  if (model.eleves) {
    const statut = { header: 'Statut livret', value: (r: WithJury<LivretsRow>) => livretStatusLabel(r.livret) };
    return csvFromColumns<WithJury<LivretsRow>>([jury, anonymat, candidat, nomPrenoms, categorie, statut, etablissement], flatten(model.juries, (j) => j.candidates));
  }
  return csvFromColumns<WithJury<CandidateListRow>>([jury, anonymat, candidat, nomPrenoms, categorie, etablissement], flatten(model.juries, (j) => j.candidates));
}

/** The 4 candidate lists (same columns as their PDF; averages with a decimal comma). */
export function candidateListCsv(model: CandidateListModel): Buffer {
  const cols: CsvColumn<CandidateListRow>[] = {
    anonyme: [anonymat, candidat, categorie, { header: 'Observations', value: (r: CandidateListRow) => r.observations ?? '' }],
    correspondance: [anonymat, candidat, nomPrenoms, categorie, etablissement],
    handicap: [anonymat, candidat, nomPrenoms, categorie, { header: 'Mesures pour handicap', value: (r: CandidateListRow) => r.handicap ?? '' }],
    triee: [
      anonymat,
      candidat,
      categorie,
      { header: 'Décision', value: (r: CandidateListRow) => (r.decision ? decisionLabel(r.decision) : '') },
      { header: 'Moyenne', value: (r: CandidateListRow) => average(r.moyenne, ',') },
      { header: 'Moyenne pro.', value: (r: CandidateListRow) => average(r.moyennePro, ',') },
    ],
  }[model.kind];
  return csvFromColumns<WithJury<CandidateListRow>>([jury, ...cols], flatten(model.juries, (j) => candidateListRows(model.kind, j.candidates)));
}

/**
 * Statistics by decision: the PDF's group rows ("Décisions positives"…) are not rows of a table, so
 * each subtotal names its group ("Total décisions positives"); the last row is the "Total".
 */
export function statsDecisionCsv(model: StatsDecisionModel): Buffer {
  const rows = model.juries.flatMap((j) => {
    let group = '';
    return statsDecisionRows(j.counts, j.specialiteCounts).flatMap((r) => {
      if (r.kind === 'group') {
        group = r.label;
        return [];
      }
      const label = r.kind === 'subtotal' ? `Total ${group.charAt(0).toLowerCase()}${group.slice(1)}` : r.label;
      return [[j.jury.code, label, r.jury, percentage(r.jury, r.juryTotal, ','), r.specialite, percentage(r.specialite, r.specialiteTotal, ',')]];
    });
  });
  return toCsv(['Jury', 'Décision', 'Nombre de candidats du jury', '% Jury', 'Nombre de candidats de la spécialité', '% Spécialité'], rows);
}

export function statsEpreuveCsv(model: StatsEpreuveModel): Buffer {
  const g = (r: Parameters<typeof gradeNumber>[0] | null): string => (r ? gradeNumber(r, ',') : '');
  const rows = model.juries.flatMap((j) =>
    j.epreuves.map((e) => [j.jury.code, `${e.code} ${e.libelle}`, e.notes, average(e.moyenne, ','), g(e.min), g(e.max), e.auMoins10, percentage(e.auMoins10, e.notes, ','), e.absents, e.dispenses, e.manquantes]),
  );
  return toCsv(['Jury', 'Épreuve', 'Notés', 'Moyenne', 'Min.', 'Max.', 'Notes ≥ 10', '% ≥ 10', 'Absents', 'Dispensés', 'Notes manquantes'], rows);
}

/** Display lists: the same guard as the PDF (no liste rouge, no présumé fraudeur). */
export function resultListCsv(model: ResultListModel): Buffer {
  const title = RESULT_LIST_TITLES[model.kind];
  const header = ['Jury', model.groups[0]?.centreKind === 'epreuve' ? "Centre d'épreuve" : 'Centre délibération', 'Nom', 'Prénoms'];
  if (model.kind !== 'controle1') header.push('Décision');
  const rows = model.groups.flatMap((g) => {
    assertDisplayable(g.rows, title);
    return [...g.rows].sort(compareNames).map((r) => {
      const row = [g.jury.code, etablissementLabel(g.centre), r.nom, r.prenoms];
      if (model.kind !== 'controle1') row.push(r.decision);
      return row;
    });
  });
  return toCsv(header, rows);
}

/** PV de tenue: every part, one row per candidate or modified grade. */
export function pvTenueCsv(model: PvTenueModel): Buffer {
  const rows: string[][] = [];
  for (const part of pvTenueParts(model.group)) {
    if (part.key === 'modifications') {
      for (const m of model.modifications) {
        rows.push([part.title, candidateNumber(m.numeroCandidat, m.numeroInscription), m.nom, m.prenoms, '', m.epreuve, gradeValueText(m.ancienneNote, ',', ''), gradeValueText(m.nouvelleNote, ',', ''), m.modifiePar, formatDateTimeFr(m.date)]);
      }
    } else if (part.key !== 'apresSignature') {
      for (const r of [...model[part.key]].sort(compareNames)) rows.push([part.title, candidateNumber(r.numeroCandidat, r.numeroInscription), r.nom, r.prenoms, r.decision, '', '', '', '', '']);
    }
  }
  // from version 2 (issue #15): the corrections after the PV, decision before → after
  for (const r of (model.version ?? 1) > 1 ? model.apresSignature ?? [] : []) {
    rows.push([`Modifications après signature (PV version ${model.version})`, r.candidat, '', '', `${r.decisionAvant} → ${r.decisionApres}`, r.epreuve, r.noteAvant, r.noteApres, r.par, formatDateTimeFr(r.le)]);
  }
  return toCsv(['Partie', 'N° Candidat', 'Nom', 'Prénoms', 'Décision', 'Épreuve', 'Ancienne note', 'Nouvelle note', 'Modifiée par', 'Date'], rows);
}

export function missingGradesCsv(model: MissingGradesModel): Buffer {
  const rows = model.juries.flatMap((j) =>
    j.rows.map((r) => [j.jury.code, candidateNumber(r.numeroCandidat, r.numeroInscription), r.nom, r.prenoms, r.manquantes.join(' / '), etablissementLabel(r.centre)]),
  );
  return toCsv(['Jury', 'N° Candidat', 'Nom', 'Prénom', 'Note(s) manquante(s)', 'Centre du 2nd groupe'], rows);
}

export function flaggedCsv(model: FlaggedListModel): Buffer {
  const rows = model.rows
    .filter((r) => r.listeRouge || r.presumeFraudeur)
    .map((r) => [`${r.jury.code} ${r.jury.specialiteLibelle}`, `${r.numeroCandidat}-${r.numeroInscription}`, `${r.nom} ${r.prenoms}`, flaggedLabel(r).replace('\n', ' - ')]);
  return toCsv(['Jury', 'N° de candidat', 'Nom / prénom candidat', 'Présumé fraudeur - Liste rouge'], rows);
}
