// Double-entry mismatches: listed until resolved — either entry corrected from its grid, or the
// centre de délibération (or the académie) arbitrates: the value it retains is written as both
// entries (journaled with both former values).
import type { Db, DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { entryKey, writeEntryIfUnchanged } from '../../db/repositories/second-group-grades.js';
import { holdJuriesInStates } from '../../db/repositories/second-group.js';
import { canEnterControleGrades } from '../../domain/jury-state.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../server/app-error.js';
import { enforce } from '../auth/authorize.js';
import { STATE_CHANGED } from '../juries/apply-state-change.js';
import { gradeText } from './format.js';
import { buildGradeRows, type GradeRowState } from './grade-rows.js';
import { factsOf, loadControleCandidates } from './load-candidates.js';
import { GRADE_STATES, gradeVerdict, resolveVerdict, screenVerdict } from './policies.js';
import { gradeRefusal, parseEntry } from './save-grades.js';
import { loadRequestCandidates } from './save-choices.js';
import type { GradeRowDto, MismatchDto, ResolveBody } from './schemas.js';

const entryDto = (e: GradeRowState['first']) => ({ value: gradeText(e?.value), version: e?.version ?? 0, enteredBy: e?.enteredBy ?? null, enteredAt: e?.enteredAt ?? null });

function presentMismatch(s: GradeRowState): MismatchDto {
  return {
    candidateId: s.row.candidateId, juryCode: s.row.juryCode, numero: s.row.numero, nom: s.row.nom, prenoms: s.row.prenoms,
    epreuveCode: s.epreuveCode, epreuveLibelle: s.row.epreuveLibelle, first: entryDto(s.first), second: entryDto(s.second),
  };
}

export async function listMismatches(db: Db, actor: Actor): Promise<{ items: MismatchDto[]; canResolve: boolean }> {
  enforce(screenVerdict(actor, 'grades'));
  const candidates = (await loadControleCandidates(db, actor, canEnterControleGrades)).map((x) => x.candidate);
  const rows = [...(await buildGradeRows(db, candidates, 'first')).values()].filter((s) => s.row.status === 'DISCORDANTE');
  return { items: rows.map(presentMismatch), canResolve: resolveVerdict(actor) === 'allowed' };
}

export const ALREADY_RESOLVED = 'Les deux saisies ont changé entre-temps (discordance déjà résolue ou saisie modifiée) : rechargez la liste des discordances.';

export async function resolveMismatch(handle: DbHandle, actor: Actor, body: ResolveBody, now: Date): Promise<GradeRowDto> {
  enforce(resolveVerdict(actor), { forbidden: 'L’arbitrage des discordances de double saisie est réservé au centre de délibération et à l’académie.' });
  const parsed = parseEntry(body.value);
  if (!parsed.ok) throw new AppError('VALIDATION', parsed.message);
  if (parsed.value === null) throw new AppError('VALIDATION', 'Saisissez la note retenue (un nombre de 0 à 20 ou ABS).');
  const value = parsed.value;
  return handle.db.transaction().execute(async (trx) => {
    const candidates = [...(await loadRequestCandidates(trx, actor, [body.candidateId], (c) => gradeVerdict(actor, factsOf(c), c.juryEtat), gradeRefusal)).values()];
    if ((await holdJuriesInStates(trx, candidates.map((c) => c.juryCode), GRADE_STATES)).length > 0) throw new AppError('CONFLICT', STATE_CHANGED);
    const key = entryKey(body.candidateId, body.epreuveCode);
    const state = (await buildGradeRows(trx, candidates, 'first')).get(key);
    if (!state || state.row.status !== 'DISCORDANTE') throw new AppError('CONFLICT', ALREADY_RESOLVED);
    if (state.first?.version !== body.firstVersion || state.second?.version !== body.secondVersion) throw new AppError('CONFLICT', ALREADY_RESOLVED);
    const at = now.toISOString();
    const write = (table: 'controle_grade' | 'controle_grade_second', expectedVersion: number, by: string) =>
      writeEntryIfUnchanged(trx, { table, candidateId: body.candidateId, epreuveCode: body.epreuveCode, expectedVersion, value, at, by, byLogin: actor.login });
    if (!(await write('controle_grade', body.firstVersion, actor.name)) || !(await write('controle_grade_second', body.secondVersion, `${actor.name} (arbitrage)`))) {
      throw new AppError('CONFLICT', ALREADY_RESOLVED);
    }
    await appendJournal(trx, [{
      at: now, actor, action: 'NOTE_CONTROLE_DISCORDANCE_RESOLUE', juryCode: state.candidate.juryCode, candidateId: body.candidateId,
      subject: `controle_grade:${body.candidateId}:${body.epreuveCode}`,
      before: { premiereSaisie: gradeText(state.first?.value), secondeSaisie: gradeText(state.second?.value) }, after: { value: gradeText(value) },
    }]);
    return (await buildGradeRows(trx, candidates, 'first')).get(key)!.row;
  });
}
