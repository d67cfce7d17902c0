// Use case: the jury changes a grade during its deliberation (1st group: a leaf grade at 105/110,
// entering a missing one included; 2nd group: a contrôle grade at 210). Load → decide → write in one
// transaction: the jury is held in its state (a concurrent closing waits or wins), the grade is
// written only if still at the version the change was based on (else 409 with the current value),
// the imported value is kept, and the journal records old and new values, comment and member.
// The decision is recomputed at once: the answer is the candidate's new PVI.
import type { Db, DbHandle } from '../../db/connect.js';
import { holdJuryState } from '../../db/repositories/deliberation.js';
import { findControleChoice, findStoredGrade, writeGradeIfUnchanged, type GradeTableName, type StoredGrade } from '../../db/repositories/grades.js';
import { appendJournal } from '../../db/repositories/journal.js';
import type { JuryView } from '../../db/repositories/juries.js';
import { loadRulesets } from '../../db/repositories/rulesets.js';
import { formatGrade, gradeEquals, parseControleGrade, parseGrade } from '../../domain/grades.js';
import { stateLabel, type Group } from '../../domain/jury-state.js';
import type { Actor, GradeValue } from '../../domain/types.js';
import { AppError } from '../../server/app-error.js';
import type { AuthContext } from '../auth/context.js';
import { STATE_CHANGED } from '../juries/apply-state-change.js';
import { buildPvi } from './get-pvi.js';
import { candidateFacts, loadReadableCandidate, loadVisibleCandidate } from './load.js';
import { modifyVerdict, needsActingMember } from './policies.js';
import { presentCell } from './present-pvi.js';
import type { GradeCellDto, GradeChangeBody, PviDto } from './schemas.js';

export const ACTING_MEMBER_REQUIRED = 'Indiquez d’abord qui délibère (président ou vice-président du jury) : chaque modification est signée de son nom.';
export const JURY_ONLY = 'Seul le jury (président ou vice-président) modifie les notes en délibération.';
export const BENEFICE_LOCKED = 'Une note conservée en bénéfice d’une session antérieure ne peut pas être modifiée.';

/** 409 with the grade as it is now: the client keeps the typed value and may re-apply or discard it. */
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

function parseValue(group: Group, raw: string): GradeValue {
  const parsed = group === 1 ? parseGrade(raw) : parseControleGrade(raw);
  if (!parsed.ok) {
    const hint = group === 1 ? 'un nombre de 0 à 20 avec 2 décimales au plus, ABS, AJ ou DI' : 'un nombre de 0 à 20 avec 2 décimales au plus, ou ABS';
    const message = parsed.code === 'NOT_ALLOWED' ? parsed.error : `${parsed.error} : saisissez ${hint}`;
    throw new AppError('VALIDATION', `${message}.`);
  }
  return parsed.value;
}

function refusal(actor: Actor, jury: JuryView, group: Group): AppError {
  if (actor.role !== 'jury') return new AppError('FORBIDDEN', JURY_ONLY);
  const what = group === 1 ? 'Les notes du 1er groupe' : 'Les notes des épreuves de contrôle';
  return new AppError('CONFLICT', `${what} ne peuvent pas être modifiées : le jury est à l'état ${stateLabel(jury.etat)}.`);
}

/** The épreuve must be a leaf of the spécialité (1st group) or one of the candidate's two contrôle units. */
async function checkEpreuve(db: Db, jury: JuryView, candidateId: number, group: Group, code: string): Promise<void> {
  if (group === 1) {
    const spec = (await loadRulesets(db, [jury.specialiteCode])).get(jury.specialiteCode);
    const leaves = spec?.ruleset.units.flatMap((u) => u.leaves.map((l) => l.code)) ?? [];
    if (!leaves.includes(code)) throw new AppError('VALIDATION', `L'épreuve « ${code} » n'existe pas dans la spécialité ${jury.specialiteCode}.`);
    return;
  }
  const choices = await findControleChoice(db, candidateId);
  if (!choices?.includes(code)) throw new AppError('VALIDATION', `L'unité « ${code} » n'est pas une épreuve de contrôle choisie par ce candidat.`);
}

function conflict(group: Group, stored: StoredGrade): GradeConflictError {
  return new GradeConflictError(presentCell(group, stored.epreuveCode, stored, true));
}

export async function changeGrade(handle: DbHandle, auth: AuthContext, candidateId: number, body: GradeChangeBody, now: Date): Promise<PviDto> {
  const { actor } = auth;
  const group = body.group;
  const value = parseValue(group, body.value);
  const comment = body.comment?.trim() ? body.comment.trim() : null;
  await handle.db.transaction().execute(async (trx) => {
    const { candidate, jury } = await loadVisibleCandidate(trx, actor, candidateId);
    const verdict = modifyVerdict(actor, candidateFacts(candidate), jury.etat, group);
    if (verdict === 'hidden') throw new AppError('NOT_FOUND');
    if (verdict === 'forbidden') throw refusal(actor, jury, group);
    if (needsActingMember(actor, auth.actingMember)) throw new AppError('FORBIDDEN', ACTING_MEMBER_REQUIRED);
    const code = body.epreuve;
    await checkEpreuve(trx, jury, candidate.id, group, code);
    if (!(await holdJuryState(trx, jury.code, jury.etat))) throw new AppError('CONFLICT', STATE_CHANGED);
    const table: GradeTableName = group === 1 ? 'grade' : 'controle_grade';
    const current = await findStoredGrade(trx, table, candidate.id, code);
    if (current.version !== body.version) throw conflict(group, current);
    if (current.benefice !== null) throw new AppError('VALIDATION', BENEFICE_LOCKED);
    if (gradeEquals(current.value, value)) return;
    const written = await writeGradeIfUnchanged(trx, { table, candidateId: candidate.id, epreuveCode: code, current, value, at: now.toISOString(), by: actor.name });
    if (!written) throw conflict(group, await findStoredGrade(trx, table, candidate.id, code));
    await appendJournal(trx, [{
      at: now, actor, action: 'NOTE_MODIFIEE', juryCode: jury.code, candidateId: candidate.id, subject: `${table}:${candidate.id}:${code}`,
      before: { note: current.value ? formatGrade(current.value) : null }, after: { note: formatGrade(value), groupe: group }, reason: comment,
    }]);
  });
  const { candidate, jury } = await loadReadableCandidate(handle.db, actor, candidateId);
  return buildPvi(handle.db, auth, candidate, jury);
}
