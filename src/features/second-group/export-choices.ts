// Use case: *Exporter CSV* of the choices grid — the saved choices of the rows shown (all rows when
// none given), with the grid's columns; ";", UTF-8 with BOM, formulas neutralised (src/documents/csv.ts).
import type { Db } from '../../db/connect.js';
import { toCsv } from '../../documents/csv.js';
import type { Actor } from '../../domain/types.js';
import { listChoicesGrid } from './list-choices.js';

export const CHOICES_CSV_HEADER = ['Candidat', 'Choix discipline 1', 'Choix discipline 2', 'Spécialité', 'Handi', 'Jury', 'Etat'] as const;

export async function exportChoicesCsv(db: Db, actor: Actor, candidateIds?: readonly number[]): Promise<Buffer> {
  const grid = await listChoicesGrid(db, actor);
  const only = candidateIds ? new Set(candidateIds) : null;
  const label = (spec: string, code: string | null) => (code === null ? '' : grid.units[spec]?.find((u) => u.code === code)?.libelle ?? code);
  const rows = grid.rows
    .filter((r) => !only || only.has(r.candidateId))
    .map((r) => [r.candidat, label(r.specialiteCode, r.epreuve1), label(r.specialiteCode, r.epreuve2), r.specialite, r.handicap ? 'Oui' : 'Non', r.juryCode, r.juryEtat]);
  return toCsv(CHOICES_CSV_HEADER, rows);
}
