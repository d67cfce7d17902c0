// Use case: the changes a jury made offline reach the server (issue #9, ADR 0009). They are applied
// in the order they were made, each in its own transaction with the usual checks (applyGradeChange:
// scope, state, acting member, épreuve, optimistic concurrency on the grade's version) and journaled
// at their original time with the offline mark. Nothing is dropped silently: a change whose grade
// moved on the server, or made in a jury state that has changed since, comes back as a conflict with
// the current value, for the jury to resolve — apply it anyway ('keep-mine', on the current version)
// or keep the server's value ('keep-server', journaled). A change the server has already dealt with
// (its answer was lost) is recognised by its id and not applied twice.
import type { Db, DbHandle } from '../../db/connect.js';
import { findStoredGrade, type GradeTableName } from '../../db/repositories/grades.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { findJury } from '../../db/repositories/juries.js';
import { findOfflineChange, recordOfflineChange, type OfflineChangeRecord } from '../../db/repositories/offline-changes.js';
import { formatGrade } from '../../domain/grades.js';
import { AppError } from '../../errors/app-error.js';
import type { AuthContext } from '../auth/context.js';
import { applyGradeChange, checkEpreuve, GradeConflictError, JuryStateMovedError } from './change-grade.js';
import { OFFLINE_JURY_ONLY } from './get-offline-bundle.js';
import { ACTING_MEMBER_REQUIRED, parseChangeValue } from './grade-input.js';
import { loadReadableJury, loadVisibleCandidate } from './load.js';
import type { OfflineChangeDto, SyncBody, SyncItemDto, SyncResultDto } from './offline-schemas.js';
import { needsActingMember } from './policies.js';
import { presentJuryHeader } from './present-header.js';
import { presentCell } from './present-pvi.js';
import type { GradeCellDto } from './schemas.js';

export const DISCARD_REASON = 'Conflit résolu par le jury : la valeur du serveur est conservée, la saisie hors ligne est abandonnée.';
export const BLOCKED_BY_EARLIER = 'Une modification précédente de cette note est en conflit : résolvez-la d’abord.';
export const ID_TAKEN = 'Identifiant de modification déjà utilisé par une autre modification : modification refusée.';

const tableOf = (ch: OfflineChangeDto): GradeTableName => (ch.group === 1 ? 'grade' : 'controle_grade');

function item(ch: OfflineChangeDto, status: SyncItemDto['status'], message: string, extra: Partial<SyncItemDto> = {}): SyncItemDto {
  return { id: ch.id, status, conflict: null, message, current: null, ...extra };
}

/** The grade as it is on the server now, when the candidate is visible to the jury (else null). */
async function currentCell(db: Db, auth: AuthContext, ch: OfflineChangeDto): Promise<GradeCellDto | null> {
  try {
    const { candidate } = await loadVisibleCandidate(db, auth.actor, ch.candidateId);
    return presentCell(ch.group, ch.epreuve, await findStoredGrade(db, tableOf(ch), candidate.id, ch.epreuve), false);
  } catch (e) {
    if (e instanceof AppError) return null;
    throw e;
  }
}

function record(ch: OfflineChangeDto, auth: AuthContext, code: string, status: OfflineChangeRecord['status'], message: string, now: Date): OfflineChangeRecord {
  return {
    id: ch.id, jury_code: code, user_login: auth.actor.login, candidate_id: ch.candidateId, subject: `${tableOf(ch)}:${ch.candidateId}:${ch.epreuve}`,
    status, message, entered_at: ch.enteredAt, received_at: now.toISOString(),
  };
}

/** 'keep-server': the offline value is abandoned by the jury's choice — journaled, never silent. */
async function discard(trx: Db, auth: AuthContext, code: string, ch: OfflineChangeDto, now: Date): Promise<SyncItemDto> {
  const { candidate, jury } = await loadVisibleCandidate(trx, auth.actor, ch.candidateId);
  if (jury.code !== code) throw new AppError('NOT_FOUND', 'Candidat introuvable.');
  await checkEpreuve(trx, jury, candidate.id, ch.group, ch.epreuve);
  const current = await findStoredGrade(trx, tableOf(ch), candidate.id, ch.epreuve);
  const parsed = parseChangeValue(ch.group, ch.value);
  await appendJournal(trx, [{
    at: now, actor: auth.actor, action: 'NOTE_HORS_LIGNE_ABANDONNEE', juryCode: jury.code, candidateId: candidate.id,
    subject: `${tableOf(ch)}:${candidate.id}:${ch.epreuve}`,
    before: { note: current.value ? formatGrade(current.value) : null },
    after: { note: parsed.ok ? formatGrade(parsed.value) : ch.value.trim(), groupe: ch.group, horsLigne: true, saisieLe: ch.enteredAt },
    reason: DISCARD_REASON,
  }]);
  const message = `Saisie hors ligne de ${ch.epreuve} abandonnée : la valeur du serveur (${current.value ? formatGrade(current.value) : 'aucune note'}) est conservée.`;
  await recordOfflineChange(trx, record(ch, auth, code, 'discarded', message, now));
  return item(ch, 'discarded', message);
}

async function apply(trx: Db, auth: AuthContext, code: string, ch: OfflineChangeDto, now: Date): Promise<SyncItemDto> {
  const body = { group: ch.group, epreuve: ch.epreuve, value: ch.value, version: ch.version, ...(ch.comment ? { comment: ch.comment } : {}) };
  const { jury, outcome } = await applyGradeChange(trx, auth, ch.candidateId, body, now, {
    offline: { enteredAt: ch.enteredAt }, expectedEtat: ch.expectedEtat, sameValueIsDone: true,
  });
  if (jury.code !== code) throw new AppError('NOT_FOUND', 'Candidat introuvable.');
  const message = outcome === 'applied' ? `Note ${ch.epreuve} enregistrée.` : `La note ${ch.epreuve} avait déjà cette valeur sur le serveur.`;
  await recordOfflineChange(trx, record(ch, auth, code, outcome, message, now));
  return item(ch, outcome, message);
}

async function syncOne(handle: DbHandle, auth: AuthContext, code: string, ch: OfflineChangeDto, now: Date): Promise<SyncItemDto> {
  const done = await findOfflineChange(handle.db, ch.id);
  if (done) {
    return done.jury_code === code && done.user_login === auth.actor.login && done.subject === `${tableOf(ch)}:${ch.candidateId}:${ch.epreuve}`
      ? item(ch, 'duplicate', done.message)
      : item(ch, 'rejected', ID_TAKEN);
  }
  try {
    return await handle.db.transaction().execute((trx) => (ch.resolution === 'keep-server' ? discard(trx, auth, code, ch, now) : apply(trx, auth, code, ch, now)));
  } catch (e) {
    if (e instanceof GradeConflictError) return item(ch, 'conflict', e.message, { conflict: 'grade', current: e.current });
    if (e instanceof JuryStateMovedError) return item(ch, 'conflict', e.message, { conflict: 'state', current: await currentCell(handle.db, auth, ch) });
    if (e instanceof AppError) return item(ch, 'rejected', e.message, { current: await currentCell(handle.db, auth, ch) });
    throw e;
  }
}

export async function syncOfflineChanges(handle: DbHandle, auth: AuthContext, code: string, body: SyncBody, now: Date): Promise<SyncResultDto> {
  const { actor } = auth;
  await loadReadableJury(handle.db, actor, code);
  if (actor.role !== 'jury') throw new AppError('FORBIDDEN', OFFLINE_JURY_ONLY);
  if (needsActingMember(actor, auth.actingMember)) throw new AppError('FORBIDDEN', ACTING_MEMBER_REQUIRED);
  const results: SyncItemDto[] = [];
  // a later change of a grade whose earlier change did not go through waits for its resolution
  const blocked = new Set<string>();
  for (const ch of body.changes) {
    const key = `${ch.candidateId}:${ch.group}:${ch.epreuve}`;
    const r = blocked.has(key)
      ? item(ch, 'conflict', BLOCKED_BY_EARLIER, { conflict: 'grade', current: await currentCell(handle.db, auth, ch) })
      : await syncOne(handle, auth, code, ch, now);
    if (r.status === 'conflict' || r.status === 'rejected') blocked.add(key);
    results.push(r);
  }
  return { results, jury: presentJuryHeader(auth, (await findJury(handle.db, code))!) };
}
