// Use case: "Saisir les notes des épreuves du 2nd groupe" — the grid of the juries at 200 in scope
// (the centre: its juries; the centre d'épreuve: the candidates it hosts), first or second entry, as
// the viewer may see it (blind: never someone else's entry before both exist).
import type { Db } from '../../db/connect.js';
import { canEnterControleGrades } from '../../domain/jury-state.js';
import type { Actor } from '../../domain/types.js';
import { enforce } from '../auth/authorize.js';
import { buildGradeRows } from './grade-rows.js';
import { loadControleCandidates } from './load-candidates.js';
import { screenVerdict } from './policies.js';
import type { EntryMode, GradesGridDto } from './schemas.js';

export async function listGradesGrid(db: Db, actor: Actor, mode: EntryMode): Promise<GradesGridDto> {
  enforce(screenVerdict(actor, 'grades'));
  const candidates = (await loadControleCandidates(db, actor, canEnterControleGrades)).map((x) => x.candidate);
  const rows = [...(await buildGradeRows(db, candidates, mode, actor.login)).values()];
  return { mode, rows: rows.map((r) => r.row) };
}
