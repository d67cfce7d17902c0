// Use case: the jury changes a grade during its deliberation (1st group: a leaf grade at 105/110,
// entering a missing one included; 2nd group: a contrôle grade at 210). Load → decide → write in one
// transaction: the jury is held in its state (a concurrent closing waits or wins), the grade is
// written only if still at the version the change was based on (else 409 with the current value),
// the imported value is kept, and the journal records old and new values, comment and member.
// The decision is recomputed at once: the answer is the candidate's new PVI. The same core
// (applyGradeChange) applies the changes a jury made offline (sync-offline-changes.ts).
import type { Db, DbHandle } from '../../db/connect.js';
import { holdJuryState } from '../../db/repositories/deliberation.js';
import { findControleChoice, findStoredGrade, writeGradeIfUnchanged, type GradeTableName, type StoredGrade } from '../../db/repositories/grades.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { findGradeEntries } from '../../db/repositories/second-group-grades.js';
import { isOpen } from '../../domain/double-entry.js';
import { doubleEntryFacts } from '../second-group/double-entry.js';
import type { JuryView } from '../../db/repositories/juries.js';
import { formatGrade, gradeEquals } from '../../domain/grades.js';
import { stateLabel, type Group } from '../../domain/jury-state.js';
import type { Actor, GradeValue, JuryState } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import type { AuthContext } from '../auth/context.js';
import { STATE_CHANGED } from '../juries/apply-state-change.js';
import { findJuryRules, type JuryRules } from './evaluate-jury.js';
import { probeCorrection } from '../verification/pv-corrections.js';
import { buildPvi } from './get-pvi.js';
import { ACTING_MEMBER_REQUIRED, BENEFICE_LOCKED, JURY_ONLY, parseChangeValue } from './grade-input.js';
import { CANDIDATE_NOT_FOUND, candidateFacts, loadVisibleCandidate, NOT_READABLE, type LoadedCandidate } from './load.js';
import { candidateReadVerdict, modifyVerdict, needsActingMember } from './policies.js';
import { enforce } from '../auth/authorize.js';
import { presentCell } from './present-pvi.js';
import type { GradeCellDto, GradeChangeBody, PviDto } from './schemas.js';

export { ACTING_MEMBER_REQUIRED } from './grade-input.js';

export const DOUBLE_ENTRY_OPEN = 'Cette note de contrôle est en double saisie non résolue (saisie au recueil des notes, non confirmée) : elle compte comme manquante jusqu’à son arbitrage par le centre de délibération ou l’académie (onglet « Discordances » de la saisie des notes).';

export class GradeConflictError extends AppError {
  readonly current: GradeCellDto;

  constructor(current: GradeCellDto) {
    const now = current.value === '' ? 'aucune note' : current.value;
    const who = current.updatedBy ? ` par ${current.updatedBy}` : '';
    super('CONFLICT', `Cette note a été modifiée entre-temps${who} (valeur actuelle : ${now}). Votre saisie n’a pas été enregistrée : appliquez-la sur la valeur actuelle ou abandonnez-la.`);
    this.name = 'GradeConflictError';
    this.current = current;
  }
}

/** The jury is no longer in the state an offline change was made in (sync: a conflict to resolve). */
export class JuryStateMovedError extends AppError {
  readonly etat: JuryState;

  constructor(expected: string, etat: JuryState) {
    super('CONFLICT', `L'état du jury a changé pendant la coupure du réseau (${expected} → ${etat} - ${stateLabel(etat)}) : votre modification n'a pas été enregistrée.`);
    this.name = 'JuryStateMovedError';
    this.etat = etat;
  }
}

function parseValue(group: Group, raw: string): GradeValue {
  const parsed = parseChangeValue(group, raw);
  if (!parsed.ok) throw new AppError('VALIDATION', parsed.message);
  return parsed.value;
}

function refusal(actor: Actor, jury: JuryView, group: Group): AppError {
  if (actor.role !== 'jury') return new AppError('FORBIDDEN', JURY_ONLY);
  const what = group === 1 ? 'Les notes du 1er groupe' : 'Les notes des épreuves de contrôle';
  return new AppError('CONFLICT', `${what} ne peuvent pas être modifiées : le jury est à l'état ${stateLabel(jury.etat)}.`);
}

/**
 * The épreuve must be a leaf of the spécialité (1st group) or one of the candidate's two contrôle
 * units. `rules`: the spécialité's rules when the caller has them (undefined: read here).
 */
export async function checkEpreuve(db: Db, jury: JuryView, candidateId: number, group: Group, code: string, rules?: JuryRules | null): Promise<void> {
  if (group === 1) {
    const r = rules === undefined ? await findJuryRules(db, jury.specialiteCode) : rules;
    const known = r?.ruleset.units.some((u) => u.leaves.some((l) => l.code === code)) ?? false;
    if (!known) throw new AppError('VALIDATION', `L'épreuve « ${code} » n'existe pas dans la spécialité ${jury.specialiteCode}.`);
    return;
  }
  const choices = await findControleChoice(db, candidateId);
  if (!choices?.includes(code)) throw new AppError('VALIDATION', `L'unité « ${code} » n'est pas une épreuve de contrôle choisie par ce candidat.`);
}

function conflict(group: Group, stored: StoredGrade): GradeConflictError {
  return new GradeConflictError(presentCell(group, stored.epreuveCode, stored, true));
}

/** A change entered offline (sync-offline-changes.ts): journaled at its original time, marked offline. */
export interface OfflineMark {
  /** when the jury made the change in the browser (ISO, the browser's clock) */
  readonly enteredAt: string;
}

export interface ApplyOptions {
  readonly offline?: OfflineMark;
  /** the jury state the change was made in (offline: the state the portal had cached) */
  readonly expectedEtat?: string;
  /** a change whose version is behind but whose value is already in place is done ('unchanged'), not a conflict */
  readonly sameValueIsDone?: boolean;
}

export type GradeChangeOutcome = 'applied' | 'unchanged';

/** Offline changes older than this, or dated in the future, are journaled at their reception time. */
const OFFLINE_HORIZON_MS = 30 * 24 * 3600 * 1000;

/** The journal time of a change: its original time offline (when plausible), else now. */
export function changeTime(now: Date, offline: OfflineMark | undefined): Date {
  if (!offline) return now;
  const t = Date.parse(offline.enteredAt);
  return Number.isFinite(t) && t <= now.getTime() && now.getTime() - t <= OFFLINE_HORIZON_MS ? new Date(t) : now;
}

/** The journal's "after" of a grade change: new value and group, plus the offline mark. */
function journalAfter(value: GradeValue, group: Group, now: Date, offline: OfflineMark | undefined): Record<string, unknown> {
  const after: Record<string, unknown> = { note: formatGrade(value), groupe: group };
  return offline ? { ...after, horsLigne: true, saisieLe: offline.enteredAt, recueLe: now.toISOString() } : after;
}

/**
 * The checks and the write of one grade change, inside the caller's transaction: scope (404), jury
 * and state (403/409), acting member, épreuve, the jury held in its state, the version (conflict),
 * bénéfice, then the compare-and-set write and the journal entry. A value equal to the current one
 * writes nothing ('unchanged').
 */
export async function applyGradeChange(
  trx: Db, auth: AuthContext, candidateId: number, body: GradeChangeBody, now: Date, opts: ApplyOptions = {},
): Promise<LoadedCandidate & { outcome: GradeChangeOutcome; rules: JuryRules | null }> {
  const { actor } = auth;
  const group = body.group;
  const value = parseValue(group, body.value);
  const comment = body.comment?.trim() ? body.comment.trim() : null;
  const { candidate, jury } = await loadVisibleCandidate(trx, actor, candidateId);
  const verdict = modifyVerdict(actor, candidateFacts(candidate), jury.etat, group);
  if (verdict === 'hidden') throw new AppError('NOT_FOUND');
  if (opts.expectedEtat !== undefined && jury.etat !== opts.expectedEtat) throw new JuryStateMovedError(opts.expectedEtat, jury.etat);
  if (verdict === 'forbidden') throw refusal(actor, jury, group);
  if (needsActingMember(actor, auth.actingMember)) throw new AppError('FORBIDDEN', ACTING_MEMBER_REQUIRED);
  const code = body.epreuve;
  // read once: the épreuve check here, the new PVI after the commit
  const rules = (await findJuryRules(trx, jury.specialiteCode)) ?? null;
  await checkEpreuve(trx, jury, candidate.id, group, code, rules);
  if (!(await holdJuryState(trx, jury.code, jury.etat))) throw new AppError('CONFLICT', STATE_CHANGED);
  // a grade typed under double entry and not confirmed is settled by arbitration, not by one member
  if (group === 2 && isOpen(doubleEntryFacts(await findGradeEntries(trx, candidate.id, code), true))) throw new AppError('CONFLICT', DOUBLE_ENTRY_OPEN);
  const table: GradeTableName = group === 1 ? 'grade' : 'controle_grade';
  const current = await findStoredGrade(trx, table, candidate.id, code);
  if (current.version !== body.version && !(opts.sameValueIsDone && gradeEquals(current.value, value))) throw conflict(group, current);
  if (current.benefice !== null) throw new AppError('VALIDATION', BENEFICE_LOCKED);
  if (gradeEquals(current.value, value)) return { candidate, jury, outcome: 'unchanged', rules };
  const at = changeTime(now, opts.offline);
  // after the jury's PV or result lists: decisions before and after, for the PV's next version (issue #15)
  const correction = await probeCorrection(trx, jury, group);
  const written = await writeGradeIfUnchanged(trx, { table, candidateId: candidate.id, epreuveCode: code, current, value, at: at.toISOString(), by: actor.name });
  if (!written) throw conflict(group, await findStoredGrade(trx, table, candidate.id, code));
  await appendJournal(trx, [{
    at, actor, action: 'NOTE_MODIFIEE', juryCode: jury.code, candidateId: candidate.id, subject: `${table}:${candidate.id}:${code}`,
    before: { note: current.value ? formatGrade(current.value) : null }, after: journalAfter(value, group, now, opts.offline), reason: comment,
  }]);
  await correction?.finish([{ candidateId: candidate.id, epreuve: code, before: current.value, after: value }], { actor, reason: comment, at });
  return { candidate, jury, outcome: 'applied', rules };
}

/**
 * The change, then the candidate's new PVI. The candidate, his jury (as held during the change) and
 * the rules read in the transaction are reused: only the grades are read again, after the commit.
 */
export async function changeGrade(handle: DbHandle, auth: AuthContext, candidateId: number, body: GradeChangeBody, now: Date): Promise<PviDto> {
  const { candidate, jury, rules } = await handle.db.transaction().execute((trx) => applyGradeChange(trx, auth, candidateId, body, now));
  enforce(candidateReadVerdict(auth.actor, candidateFacts(candidate), jury.etat), { hidden: CANDIDATE_NOT_FOUND, forbidden: NOT_READABLE });
  return buildPvi(handle.db, auth, candidate, jury, rules ?? undefined);
}
