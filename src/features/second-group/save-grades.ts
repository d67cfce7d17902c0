// Use case: save contrôle grades, one row at a time from the keyboard grid (or several at once).
// Authorization is all or nothing (404 hidden candidate, 403 role or jury state); then each row on
// its own: one of the candidate's two units, a number 0–20 with ≤ 2 decimals or ABS ('' clears), the
// version it was based on (a conflict answers the current value and who entered it: nothing is
// lost, the screen keeps the typed value), and under double entry never both entries by the same
// person. One transaction, the juries held at 200, one journal entry per saved row.
import type { DbHandle, Db } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { entryKey, findEntry, writeEntryIfUnchanged, type EntryTable, type GradeEntry } from '../../db/repositories/second-group-grades.js';
import { holdJuriesInStates, type SecondGroupCandidate } from '../../db/repositories/second-group.js';
import { activityAvailability } from '../../domain/activities.js';
import { gradeEquals, parseControleGrade } from '../../domain/grades.js';
import type { Actor, ControleGradeValue } from '../../domain/types.js';
import { AppError } from '../../server/app-error.js';
import { enforce } from '../auth/authorize.js';
import { STATE_CHANGED } from '../juries/apply-state-change.js';
import { isControle } from './eligibility.js';
import { gradeText } from './format.js';
import { buildGradeRows, type GradeRowState } from './grade-rows.js';
import { factsOf, resultsOf } from './load-candidates.js';
import { GRADE_STATES, gradeVerdict, screenVerdict } from './policies.js';
import { loadRequestCandidates } from './save-choices.js';
import type { EntryMode, GradeEntryInput, SaveGradesResultDto } from './schemas.js';

type Result = SaveGradesResultDto['results'][number];

export const SAME_PERSON = 'Double saisie : les deux saisies d’une même note doivent être faites par deux personnes différentes (vous avez fait l’autre saisie de cette note).';

export function gradeRefusal(c: SecondGroupCandidate): string {
  const a = activityAvailability('saisie-notes-controle', c.juryEtat);
  const why = a.ok ? 'la saisie est réservée au centre de délibération du jury, au centre d’épreuve du candidat et à l’académie' : a.reason;
  return `Saisie des notes du 2nd groupe impossible (jury ${c.juryCode}) : ${why}.`;
}

/** '' → null (clear); else the parsed grade, or the French error. */
export function parseEntry(raw: string): { ok: true; value: ControleGradeValue | null } | { ok: false; message: string } {
  if (raw.trim() === '') return { ok: true, value: null };
  const p = parseControleGrade(raw);
  if (p.ok) return { ok: true, value: p.value };
  const message = p.code === 'NOT_ALLOWED' ? p.error : `${p.error} : saisissez un nombre de 0 à 20 avec 2 décimales au plus, ou ABS`;
  return { ok: false, message: `${message}.` };
}

export function gradeConflictMessage(current: GradeEntry | undefined, typed: string): string {
  const value = current?.value ? gradeText(current.value) : 'aucune note';
  const who = current?.enteredBy ? ` par ${current.enteredBy}` : '';
  return `Cette note a été modifiée entre-temps${who} (valeur actuelle : ${value}). Votre saisie « ${typed.trim() || 'vide'} » n’a pas été enregistrée : elle reste affichée ; validez-la de nouveau pour remplacer la valeur actuelle, ou abandonnez-la.`;
}

interface RowContext {
  readonly trx: Db;
  readonly actor: Actor;
  readonly now: Date;
  readonly mode: EntryMode;
  readonly before: Map<string, GradeRowState>;
  readonly controle: (candidateId: number) => boolean;
}

async function saveRow(ctx: RowContext, input: GradeEntryInput): Promise<Omit<Result, 'row'>> {
  const base = { candidateId: input.candidateId, epreuveCode: input.epreuveCode };
  const error = (message: string) => ({ ...base, status: 'error' as const, message });
  if (!ctx.controle(input.candidateId)) return error('Ce candidat n’est pas admis à passer les épreuves de contrôle.');
  const state = ctx.before.get(entryKey(input.candidateId, input.epreuveCode));
  if (!state) return error(`L’épreuve « ${input.epreuveCode} » n’est pas l’une des deux disciplines choisies par ce candidat.`);
  if (ctx.mode === 'second' && !state.doubleEntry) return error(`La double saisie n’est pas activée pour l’épreuve « ${state.row.epreuveLibelle} » du jury ${state.candidate.juryCode}.`);
  const parsed = parseEntry(input.value);
  if (!parsed.ok) return error(parsed.message);
  const table: EntryTable = ctx.mode === 'first' ? 'controle_grade' : 'controle_grade_second';
  const current = ctx.mode === 'first' ? state.first : state.second;
  if ((current?.version ?? 0) !== input.expectedVersion) return { ...base, status: 'conflict', message: gradeConflictMessage(current, input.value) };
  if (parsed.value === null ? !current?.value : gradeEquals(parsed.value, current?.value)) return { ...base, status: 'unchanged', message: 'Inchangée.' };
  const other = ctx.mode === 'first' ? state.second : state.first;
  if (state.doubleEntry && other?.enteredByLogin === ctx.actor.login) return error(SAME_PERSON);
  const ok = await writeEntryIfUnchanged(ctx.trx, {
    table, candidateId: input.candidateId, epreuveCode: input.epreuveCode, expectedVersion: input.expectedVersion, value: parsed.value,
    at: ctx.now.toISOString(), by: ctx.actor.name, byLogin: ctx.actor.login,
  });
  if (!ok) return { ...base, status: 'conflict', message: gradeConflictMessage(await findEntry(ctx.trx, table, input.candidateId, input.epreuveCode), input.value) };
  await appendJournal(ctx.trx, [{
    at: ctx.now, actor: ctx.actor, action: ctx.mode === 'first' ? 'NOTE_CONTROLE_SAISIE' : 'NOTE_CONTROLE_SECONDE_SAISIE',
    juryCode: state.candidate.juryCode, candidateId: input.candidateId, subject: `${table}:${input.candidateId}:${input.epreuveCode}`,
    before: { value: current?.value ? gradeText(current.value) : null }, after: { value: parsed.value ? gradeText(parsed.value) : null },
  }]);
  return { ...base, status: 'saved', message: parsed.value ? 'Note enregistrée.' : 'Note effacée.' };
}

export async function saveControleGrades(
  handle: DbHandle, actor: Actor, body: { mode: EntryMode; entries: readonly GradeEntryInput[] }, now: Date,
): Promise<SaveGradesResultDto> {
  enforce(screenVerdict(actor, 'grades'));
  const keys = body.entries.map((e) => entryKey(e.candidateId, e.epreuveCode));
  if (new Set(keys).size !== keys.length) throw new AppError('VALIDATION', 'Une même note figure plusieurs fois dans la demande.');
  return handle.db.transaction().execute(async (trx) => {
    const ids = [...new Set(body.entries.map((e) => e.candidateId))];
    const candidates = [...(await loadRequestCandidates(trx, actor, ids, (c) => gradeVerdict(actor, factsOf(c), c.juryEtat), gradeRefusal)).values()];
    if ((await holdJuriesInStates(trx, candidates.map((c) => c.juryCode), GRADE_STATES)).length > 0) throw new AppError('CONFLICT', STATE_CHANGED);
    const results = await resultsOf(trx, ids);
    const ctx: RowContext = {
      // every chosen unit (first mode lists them all), with both entries
      trx, actor, now, mode: body.mode, before: await buildGradeRows(trx, candidates, 'first'),
      controle: (id) => { const r = results.get(id); return r !== undefined && isControle(r); },
    };
    const outcomes: Omit<Result, 'row'>[] = [];
    for (const e of body.entries) outcomes.push(await saveRow(ctx, e));
    const after = await buildGradeRows(trx, candidates, body.mode);
    return { results: outcomes.map((o) => ({ ...o, row: after.get(entryKey(o.candidateId, o.epreuveCode))?.row ?? null })) };
  });
}
