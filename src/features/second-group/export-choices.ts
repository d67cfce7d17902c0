// Use case: *Exporter CSV* of the choices grid — the saved choices of the rows matching the grid's
// criteria (every page, in the grid's order), or of the rows given, or of all rows, with the grid's columns; ";", UTF-8 with BOM, formulas neutralised (src/documents/csv.ts).
import type { Db } from '../../db/connect.js';
import { toCsv } from '../../documents/csv.js';
import type { Actor } from '../../domain/types.js';
import { choiceCellText, choiceMatches, listChoicesGrid } from './list-choices.js';
import { pageOf } from './grid-page.js';
import { CHOICE_COLUMNS, type ChoicesQuery } from './schemas.js';

export const CHOICES_CSV_HEADER = ['Candidat', 'Choix discipline 1', 'Choix discipline 2', 'Spécialité', 'Handi', 'Jury', 'Etat'] as const;

export async function exportChoicesCsv(db: Db, actor: Actor, candidateIds?: readonly number[], criteria?: Partial<Omit<ChoicesQuery, 'page' | 'pageSize'>>): Promise<Buffer> {
  const grid = await listChoicesGrid(db, actor);
  const only = candidateIds ? new Set(candidateIds) : null;
  let shown = grid.rows.filter((r) => !only || only.has(r.candidateId));
  if (criteria) {
    // the grid's rows as the screen lists them, every page
    const sort = criteria.sort ?? 'candidat';
    shown = pageOf(shown, { page: 1, pageSize: Math.max(1, shown.length), order: criteria.order ?? 'asc' }, (r) => choiceMatches(grid, r, criteria),
      (r) => choiceCellText(grid, r, sort), (r) => `${r.candidat} ${String(r.candidateId).padStart(12, '0')}`).rows;
  }
  const rows = shown.map((r) => CHOICE_COLUMNS.map((c) => choiceCellText(grid, r, c)));
  return toCsv(CHOICES_CSV_HEADER, rows);
}
