// Use case: *Valider* of the choices grid — saves every changed row. Authorization is all or nothing
// (an unknown or hidden candidate: 404; a role or jury state that does not allow the entry: 403);
// each row is then checked and written on its own: two different eligible units, no contrôle grade
// already entered for a unit being replaced, and optimistic concurrency on controle_choice.version
// (a conflict answers the current choices, and who saved them). One transaction, the juries held in
// their state, one journal entry per saved row.
import type { Db, DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { entriesOfUnits } from '../../db/repositories/second-group-grades.js';
import {
  findChoice, holdJuriesInStates, listChoices, listSecondGroupCandidates, unitLabels, writeChoiceIfUnchanged, type SecondGroupCandidate, type StoredChoice,
} from '../../db/repositories/second-group.js';
import { activityAvailability } from '../../domain/activities.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { STATE_CHANGED } from '../juries/apply-state-change.js';
import { isControle } from '../../domain/rules/index.js';
import { choiceProblem } from './eligibility.js';
import { presentChoiceRow } from './list-choices.js';
import { factsOf, resultsOf, type ControleCandidate } from './load-candidates.js';
import { candidateVisible, CHOICE_STATES, choiceVerdict, screenVerdict } from './policies.js';
import type { ChoiceInput, SaveChoicesResultDto } from './schemas.js';

export const CANDIDATE_NOT_FOUND = 'Candidat introuvable.';
type Result = SaveChoicesResultDto['results'][number];

/** Loads the candidates of a request; 404 when one is unknown or outside the scope, 403 when not allowed now. */
export async function loadRequestCandidates(
  db: Db, actor: Actor, ids: readonly number[], verdict: (c: SecondGroupCandidate) => 'hidden' | 'forbidden' | 'allowed', refusal: (c: SecondGroupCandidate) => string,
): Promise<Map<number, SecondGroupCandidate>> {
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', 'Un même candidat figure plusieurs fois dans la demande.');
  const byId = new Map((await listSecondGroupCandidates(db, { candidateIds: ids })).map((c) => [c.id, c]));
  for (const id of ids) {
    const c = byId.get(id);
    if (!c || !candidateVisible(actor, factsOf(c))) throw new AppError('NOT_FOUND', CANDIDATE_NOT_FOUND);
  }
  for (const c of byId.values()) enforce(verdict(c), { forbidden: refusal(c) });
  return byId;
}

function choiceRefusal(c: SecondGroupCandidate): string {
  const a = activityAvailability('saisie-choix-controle', c.juryEtat);
  const why = a.ok ? 'la saisie des choix est réservée au centre de délibération du jury et à l’académie' : a.reason;
  return `Saisie des choix impossible (jury ${c.juryCode}) : ${why}.`;
}

const sameChoice = (a: StoredChoice | undefined, b: readonly [string, string] | null) =>
  a === undefined ? b === null : b !== null && a.epreuve1 === b[0] && a.epreuve2 === b[1];

interface RowContext {
  readonly trx: Db;
  readonly actor: Actor;
  readonly now: Date;
  readonly label: (spec: string, code: string) => string;
}

function conflictMessage(ctx: RowContext, spec: string, current: StoredChoice | undefined): string {
  const who = current?.updatedBy ? ` par ${current.updatedBy}` : '';
  const what = current ? `${ctx.label(spec, current.epreuve1)} / ${ctx.label(spec, current.epreuve2)}` : 'aucun choix';
  return `Les choix de ce candidat ont été modifiés entre-temps${who} (choix actuels : ${what}). Votre saisie n’a pas été enregistrée : vérifiez-la puis validez à nouveau.`;
}

async function saveRow(ctx: RowContext, cc: ControleCandidate, current: StoredChoice | undefined, input: ChoiceInput): Promise<Result> {
  const c = cc.candidate;
  const base = { candidateId: c.id };
  const row = (choice: StoredChoice | undefined) => presentChoiceRow(ctx.actor, cc, choice);
  const error = (message: string): Result => ({ ...base, status: 'error', message, row: row(current) });
  if (!isControle(cc.result)) return { ...base, status: 'error', message: 'Ce candidat n’est pas admis à passer les épreuves de contrôle.', row: null };
  const { epreuve1: a, epreuve2: b } = input;
  if ((a === null) !== (b === null)) return error('Choisissez deux disciplines (Choix discipline 1 et Choix discipline 2).');
  const next = a !== null && b !== null ? ([a, b] as const) : null;
  const label = (code: string) => ctx.label(c.specialiteCode, code);
  if (next) {
    const problem = choiceProblem(cc.result, next[0], next[1], label);
    if (problem) return error(problem);
  }
  if ((current?.version ?? 0) !== input.expectedVersion) return { ...base, status: 'conflict', message: conflictMessage(ctx, c.specialiteCode, current), row: row(current) };
  if (sameChoice(current, next)) return { ...base, status: 'unchanged', message: 'Inchangé.', row: row(current) };
  const dropped = current ? [current.epreuve1, current.epreuve2].filter((u) => !next?.includes(u)) : [];
  const graded = await entriesOfUnits(ctx.trx, c.id, dropped);
  if (graded.length > 0) {
    const units = [...new Set(graded.map((g) => label(g.epreuveCode)))].join(', ');
    return error(`Une note de contrôle est déjà saisie pour ${units} : effacez-la d’abord (Saisir les notes des épreuves du 2nd groupe) avant de changer de discipline.`);
  }
  const at = ctx.now.toISOString();
  if (!(await writeChoiceIfUnchanged(ctx.trx, { candidateId: c.id, expectedVersion: input.expectedVersion, choice: next, at, by: ctx.actor.name }))) {
    const now = await findChoice(ctx.trx, c.id);
    return { ...base, status: 'conflict', message: conflictMessage(ctx, c.specialiteCode, now), row: row(now) };
  }
  await appendJournal(ctx.trx, [{
    at: ctx.now, actor: ctx.actor, action: 'CHOIX_CONTROLE_SAISI', juryCode: c.juryCode, candidateId: c.id, subject: `controle_choice:${c.id}`,
    before: current ? { epreuve1: current.epreuve1, epreuve2: current.epreuve2 } : null,
    after: next ? { epreuve1: next[0], epreuve2: next[1] } : null,
  }]);
  const saved = await findChoice(ctx.trx, c.id);
  return { ...base, status: 'saved', message: next ? 'Choix enregistrés.' : 'Choix effacés.', row: row(saved) };
}

export async function saveChoices(handle: DbHandle, actor: Actor, inputs: readonly ChoiceInput[], now: Date): Promise<SaveChoicesResultDto> {
  enforce(screenVerdict(actor, 'choices'));
  return handle.db.transaction().execute(async (trx) => {
    const ids = inputs.map((i) => i.candidateId);
    const candidates = await loadRequestCandidates(trx, actor, ids, (c) => choiceVerdict(actor, factsOf(c), c.juryEtat), choiceRefusal);
    if ((await holdJuriesInStates(trx, [...candidates.values()].map((c) => c.juryCode), CHOICE_STATES)).length > 0) throw new AppError('CONFLICT', STATE_CHANGED);
    const results = await resultsOf(trx, ids);
    const labels = await unitLabels(trx, [...new Set([...candidates.values()].map((c) => c.specialiteCode))]);
    const choices = await listChoices(trx, ids);
    const ctx: RowContext = { trx, actor, now, label: (spec, code) => labels.get(spec)?.get(code) ?? code };
    const out: Result[] = [];
    for (const input of inputs) {
      const candidate = candidates.get(input.candidateId)!;
      out.push(await saveRow(ctx, { candidate, result: results.get(candidate.id)! }, choices.get(candidate.id), input));
    }
    return { results: out };
  });
}
