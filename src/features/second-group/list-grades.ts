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
import { contains, normalize, pageOf } from './grid-page.js';
import type { EntryMode, GradeRowDto, GradesGridDto, GradesPageDto, GradesQuery } from './schemas.js';

/** statuses of a grade in force (what the deliberation uses) */
const IN_FORCE = new Set<GradeRowDto['status']>(['SAISIE', 'CONCORDANTE', 'ARBITREE']);
const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

export async function listGradesGrid(db: Db, actor: Actor, mode: EntryMode): Promise<GradesGridDto> {
  enforce(screenVerdict(actor, 'grades'));
  const candidates = (await loadControleCandidates(db, actor, canEnterControleGrades)).map((x) => x.candidate);
  const rows = [...(await buildGradeRows(db, candidates, mode, actor.login)).values()];
  return { mode, rows: rows.map((r) => r.row) };
}

/** « Saisir les notes » one page at a time, in grid order, filtered and cut by the server. */
export async function searchGradesGrid(db: Db, actor: Actor, q: GradesQuery): Promise<GradesPageDto> {
  const grid = await listGradesGrid(db, actor, q.mode);
  const all = grid.rows;
  const s = q.q?.trim() ? normalize(q.q.trim()) : '';
  const page = pageOf(all, q, (r) => (!q.jury || r.juryCode === q.jury) && (!q.epreuve || r.epreuveLibelle === q.epreuve)
    && (!s || [r.juryCode, r.numero, r.nom, r.prenoms, r.epreuveLibelle, r.value, r.statusLabel].some((v) => contains(v, s))));
  return {
    mode: grid.mode, rows: page.rows, total: page.total, all: all.length, page: page.page, pageSize: page.pageSize,
    juries: [...new Set(all.map((r) => r.juryCode))].sort(),
    epreuves: [...new Set(all.map((r) => r.epreuveLibelle))].sort((a, b) => collator.compare(a, b)),
    done: q.mode === 'first' ? all.filter((r) => IN_FORCE.has(r.status)).length : all.filter((r) => r.value !== '' || r.masked).length,
  };
}
