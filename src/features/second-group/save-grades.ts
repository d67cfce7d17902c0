// Use case: save contrôle grades, one row at a time from the keyboard grid (or several at once).
// Authorization is all or nothing (404 hidden candidate, 403 role or jury state); then each row on
// its own: one of the candidate's two units, a number 0–20 with ≤ 2 decimals or ABS ('' clears), the
// version it was based on (a conflict keeps the typed value on screen), and under double entry the
// rules of src/domain/double-entry.ts: the entry is blind (no answer reveals the other entry, nor a
// verdict, before both exist), never both entries by one person, frozen once both exist; when they
// agree the value goes in force. One transaction, the juries held at 200, every write journaled.
import { findJury } from '../../db/repositories/juries.js';
import { probeCorrection, type CorrectionProbe, type GradeFact } from '../verification/pv-corrections.js';
import type { DbHandle, Db } from '../../db/connect.js';
import { appendJournal, type JournalEntryInput } from '../../db/repositories/journal.js';
import { entryKey, findGradeEntries, writeEntryIfUnchanged, type EntrySlot, type GradeEntry } from '../../db/repositories/second-group-grades.js';
import { holdJuriesInStates, type SecondGroupCandidate } from '../../db/repositories/second-group.js';
import { activityAvailability } from '../../domain/activities.js';
import { agreedValue, entryVisibleTo, entryWriteRefusal, isDoubleEntry } from '../../domain/double-entry.js';
import { gradeEquals, parseControleEntry } from '../../domain/grades.js';
import type { Actor, ControleGradeValue } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { STATE_CHANGED } from '../juries/apply-state-change.js';
import { doubleEntryFacts, entryRefusalMessage } from './double-entry.js';
import { isControle } from '../../domain/rules/index.js';
import { gradeText } from './format.js';
import { buildGradeRows, modeEntry, modeSlot, type GradeRowState } from './grade-rows.js';
import { factsOf, resultsOf } from './load-candidates.js';
import { GRADE_STATES, gradeVerdict, screenVerdict } from './policies.js';
import { loadRequestCandidates } from './save-choices.js';
import type { EntryMode, GradeEntryInput, SaveGradesResultDto } from './schemas.js';

type Result = SaveGradesResultDto['results'][number];
type Outcome = Omit<Result, 'row'>;

export function gradeRefusal(c: SecondGroupCandidate): string {
  const a = activityAvailability('saisie-notes-controle', c.juryEtat);
  const why = a.ok ? 'la saisie est réservée au centre de délibération du jury, au centre d’épreuve du candidat et à l’académie' : a.reason;
  return `Saisie des notes du 2nd groupe impossible (jury ${c.juryCode}) : ${why}.`;
}

/** '' → null (clear); else the parsed grade, or the French error. */
export const parseEntry = parseControleEntry;

/** The current value is named only when the actor may see it (never a blind entry of someone else). */
export function gradeConflictMessage(current: GradeEntry | undefined, typed: string, visible = true): string {
  const value = !current?.value ? 'aucune note' : visible ? gradeText(current.value) : 'masquée jusqu’à l’autre saisie';
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
  /** values put in force by this request (corrections after the jury's 2nd-group PV, issue #15) */
  readonly facts: (GradeFact & { readonly juryCode: string })[];
}

const noteOf = (v: ControleGradeValue | null | undefined) => (v ? gradeText(v) : null);
const ACTIONS: Readonly<Record<EntrySlot, string>> = { inForce: 'NOTE_CONTROLE_SAISIE', 1: 'NOTE_CONTROLE_PREMIERE_SAISIE', 2: 'NOTE_CONTROLE_SECONDE_SAISIE' };

/** Journal subject of a stored value: the grade in force, or one typed entry of the double entry. */
export function gradeSubject(candidateId: number, epreuveCode: string, slot: EntrySlot): string {
  return slot === 'inForce' ? `controle_grade:${candidateId}:${epreuveCode}` : `controle_grade_entry:${candidateId}:${epreuveCode}:${slot}`;
}

/** Checks one row against the rules; the outcome that ends it, or null to write. */
function refuse(ctx: RowContext, state: GradeRowState | undefined, input: GradeEntryInput, value: ControleGradeValue | null): Outcome | null {
  const base = { candidateId: input.candidateId, epreuveCode: input.epreuveCode };
  const error = (message: string) => ({ ...base, status: 'error' as const, message });
  if (!state) return error(`L’épreuve « ${input.epreuveCode} » n’est pas l’une des deux disciplines choisies par ce candidat.`);
  const n = modeEntry(ctx.mode);
  const refusal = entryWriteRefusal(state.facts, n, ctx.actor.login);
  if (refusal) {
    const author = (n === 1 ? state.stored.first : state.stored.second)?.enteredBy ?? null;
    return error(entryRefusalMessage(refusal, n, { epreuve: state.row.epreuveLibelle, juryCode: state.candidate.juryCode, author }));
  }
  const current = modeSlot(state.facts, state.stored, ctx.mode);
  if ((current?.version ?? 0) !== input.expectedVersion) {
    const visible = !isDoubleEntry(state.facts) || entryVisibleTo(state.facts, n, ctx.actor.login);
    return { ...base, status: 'conflict', message: gradeConflictMessage(current, input.value, visible) };
  }
  if (value === null ? !current?.value : gradeEquals(value, current?.value)) return { ...base, status: 'unchanged', message: 'Inchangée.' };
  return null;
}

async function saveRow(ctx: RowContext, input: GradeEntryInput): Promise<Outcome> {
  const base = { candidateId: input.candidateId, epreuveCode: input.epreuveCode };
  if (!ctx.controle(input.candidateId)) return { ...base, status: 'error', message: 'Ce candidat n’est pas admis à passer les épreuves de contrôle.' };
  const parsed = parseEntry(input.value);
  if (!parsed.ok) return { ...base, status: 'error', message: parsed.message };
  const state = ctx.before.get(entryKey(input.candidateId, input.epreuveCode));
  const refused = refuse(ctx, state, input, parsed.value);
  if (refused || !state) return refused!;
  const slot: EntrySlot = isDoubleEntry(state.facts) ? modeEntry(ctx.mode) : 'inForce';
  const current = modeSlot(state.facts, state.stored, ctx.mode);
  const at = ctx.now.toISOString();
  const write = { candidateId: input.candidateId, epreuveCode: input.epreuveCode, at, by: ctx.actor.name, byLogin: ctx.actor.login };
  if (!(await writeEntryIfUnchanged(ctx.trx, { ...write, slot, expectedVersion: input.expectedVersion, value: parsed.value }))) {
    return { ...base, status: 'conflict', message: 'Cette note a été modifiée entre-temps : votre saisie n’a pas été enregistrée ; rechargez la grille.' };
  }
  const journal = (action: string, s: EntrySlot, before: unknown, after: unknown): JournalEntryInput => ({
    at: ctx.now, actor: ctx.actor, action, juryCode: state.candidate.juryCode, candidateId: input.candidateId,
    subject: gradeSubject(input.candidateId, input.epreuveCode, s), before, after,
  });
  const entries = [journal(ACTIONS[slot], slot, { note: noteOf(current?.value) }, { note: noteOf(parsed.value) })];
  if (slot === 'inForce') ctx.facts.push({ juryCode: state.candidate.juryCode, candidateId: input.candidateId, epreuve: input.epreuveCode, before: current?.value ?? null, after: parsed.value });
  if (slot !== 'inForce') {
    const after = await findGradeEntries(ctx.trx, input.candidateId, input.epreuveCode);
    const agreed = agreedValue(doubleEntryFacts(after, true));
    if (agreed && !after.inForce) {
      await writeEntryIfUnchanged(ctx.trx, { ...write, slot: 'inForce', expectedVersion: 0, value: agreed });
      entries.push(journal('NOTE_CONTROLE_DOUBLE_SAISIE_CONCORDANTE', 'inForce', { note: null }, { note: noteOf(agreed) }));
      ctx.facts.push({ juryCode: state.candidate.juryCode, candidateId: input.candidateId, epreuve: input.epreuveCode, before: null, after: agreed });
    }
  }
  await appendJournal(ctx.trx, entries);
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
      // every chosen unit (the first mode lists them all), with every stored value
      trx, actor, now, mode: body.mode, before: await buildGradeRows(trx, candidates, 'first', actor.login),
      controle: (id) => { const r = results.get(id); return r !== undefined && isControle(r); },
      facts: [],
    };
    // a 2nd-group grade entered after the jury's 2nd-group PV or result lists: decisions before/after (issue #15)
    const probes = new Map<string, CorrectionProbe>();
    for (const code of new Set(candidates.map((c) => c.juryCode))) {
      const jury = await findJury(trx, code);
      const probe = jury ? await probeCorrection(trx, jury, 2) : null;
      if (probe) probes.set(code, probe);
    }
    const outcomes: Outcome[] = [];
    for (const e of body.entries) outcomes.push(await saveRow(ctx, e));
    for (const [code, probe] of probes) await probe.finish(ctx.facts.filter((f) => f.juryCode === code), { actor, reason: null, at: now });
    const after = await buildGradeRows(trx, candidates, body.mode, actor.login);
    return { results: outcomes.map((o) => ({ ...o, row: after.get(entryKey(o.candidateId, o.epreuveCode))?.row ?? null })) };
  });
}
