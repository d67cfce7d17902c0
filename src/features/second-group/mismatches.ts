// Double-entry rows awaiting arbitration (ADR 0012): both entries typed and different, or a row left
// open when the jury left 200 (the académie's override). Listed until a third person — the centre de
// délibération or the académie, author of neither entry — retains the value, which goes in force
// (journaled with both entries). The entries themselves stay as they were typed.
import type { Db, DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { entryKey, findGradeEntries, writeEntryIfUnchanged } from '../../db/repositories/second-group-grades.js';
import { holdJuriesInStates, type SecondGroupCandidate } from '../../db/repositories/second-group.js';
import { arbitrationRefusal, awaitsArbitration, entryVisibleTo, gradeStatus, type ArbitrationRefusal, type EntryNo } from '../../domain/double-entry.js';
import { canArbitrateControleGrades, canEnterControleGrades } from '../../domain/jury-state.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { STATE_CHANGED } from '../juries/apply-state-change.js';
import { doubleEntryFacts, STATUS_LABELS } from './double-entry.js';
import { gradeText } from './format.js';
import { buildGradeRows, type GradeRowState } from './grade-rows.js';
import { factsOf, loadControleCandidates } from './load-candidates.js';
import { ARBITRATION_STATES, arbitrateVerdict, screenVerdict } from './policies.js';
import { parseEntry } from './save-grades.js';
import { loadRequestCandidates } from './save-choices.js';
import type { GradeRowDto, MismatchDto, ResolveBody } from './schemas.js';

export const ALREADY_RESOLVED = 'Cette discordance a changé entre-temps (déjà arbitrée, ou une saisie a changé) : rechargez la liste des discordances.';
export const ARBITRATOR_IS_AUTHOR = 'Vous avez fait l’une des deux saisies de cette note : l’arbitrage revient à une autre personne du centre de délibération, ou à l’académie.';

const ARBITRATION_REFUSALS: Readonly<Record<ArbitrationRefusal, string>> = {
  NOTHING_TO_ARBITRATE: 'Cette note n’attend pas d’arbitrage (saisies concordantes, ou seconde saisie à faire).',
  AUTHOR: ARBITRATOR_IS_AUTHOR,
};

function arbitrationBy(actor: Actor, s: GradeRowState): string | null {
  if (arbitrateVerdict(actor, factsOf(s.candidate), s.candidate.juryEtat) !== 'allowed') {
    return 'L’arbitrage des discordances est réservé au centre de délibération du jury et à l’académie, aux états 200 et 210.';
  }
  const r = arbitrationRefusal(s.facts, actor.login, canEnterControleGrades(s.candidate.juryEtat));
  return r ? ARBITRATION_REFUSALS[r] : null;
}

function presentMismatch(actor: Actor, s: GradeRowState): MismatchDto {
  const entriesPossible = canEnterControleGrades(s.candidate.juryEtat);
  const entry = (n: EntryNo) => {
    const e = n === 1 ? s.stored.first : s.stored.second;
    const visible = entryVisibleTo(s.facts, n, actor.login, entriesPossible);
    return { value: visible ? gradeText(e?.value) : '', version: e?.version ?? 0, enteredBy: e?.enteredBy ?? null, enteredAt: e?.enteredAt ?? null };
  };
  const refusal = arbitrationBy(actor, s);
  const status = gradeStatus(s.facts);
  return {
    candidateId: s.row.candidateId, juryCode: s.row.juryCode, numero: s.row.numero, nom: s.row.nom, prenoms: s.row.prenoms,
    epreuveCode: s.epreuveCode, epreuveLibelle: s.row.epreuveLibelle, juryEtat: s.candidate.juryEtat, status, statusLabel: STATUS_LABELS[status],
    first: entry(1), second: entry(2), canResolve: refusal === null, refusal,
  };
}

export async function listMismatches(db: Db, actor: Actor): Promise<{ items: MismatchDto[] }> {
  enforce(screenVerdict(actor, 'grades'));
  const candidates = (await loadControleCandidates(db, actor, canArbitrateControleGrades)).map((x) => x.candidate);
  const rows = [...(await buildGradeRows(db, candidates, 'first', actor.login)).values()]
    .filter((s) => awaitsArbitration(s.facts, canEnterControleGrades(s.candidate.juryEtat)));
  return { items: rows.map((s) => presentMismatch(actor, s)) };
}

function resolutionRefusal(c: SecondGroupCandidate): string {
  return `Arbitrage impossible (jury ${c.juryCode}) : l’arbitrage des discordances est réservé au centre de délibération du jury et à l’académie, aux états 200 et 210.`;
}

export async function resolveMismatch(handle: DbHandle, actor: Actor, body: ResolveBody, now: Date): Promise<GradeRowDto> {
  enforce(screenVerdict(actor, 'grades'));
  const parsed = parseEntry(body.value);
  if (!parsed.ok) throw new AppError('VALIDATION', parsed.message);
  if (parsed.value === null) throw new AppError('VALIDATION', 'Saisissez la note retenue (un nombre de 0 à 20 ou ABS).');
  const value = parsed.value;
  return handle.db.transaction().execute(async (trx) => {
    const candidates = [...(await loadRequestCandidates(trx, actor, [body.candidateId], (c) => arbitrateVerdict(actor, factsOf(c), c.juryEtat), resolutionRefusal)).values()];
    const candidate = candidates[0]!;
    if ((await holdJuriesInStates(trx, [candidate.juryCode], ARBITRATION_STATES)).length > 0) throw new AppError('CONFLICT', STATE_CHANGED);
    const stored = await findGradeEntries(trx, body.candidateId, body.epreuveCode);
    const facts = doubleEntryFacts(stored, true);
    const refusal = arbitrationRefusal(facts, actor.login, canEnterControleGrades(candidate.juryEtat));
    if (refusal === 'AUTHOR') throw new AppError('FORBIDDEN', ARBITRATOR_IS_AUTHOR);
    if (refusal || (stored.first?.version ?? 0) !== body.firstVersion || (stored.second?.version ?? 0) !== body.secondVersion) throw new AppError('CONFLICT', ALREADY_RESOLVED);
    const written = await writeEntryIfUnchanged(trx, {
      slot: 'inForce', candidateId: body.candidateId, epreuveCode: body.epreuveCode, expectedVersion: 0, value, at: now.toISOString(), by: actor.name, byLogin: actor.login,
    });
    if (!written) throw new AppError('CONFLICT', ALREADY_RESOLVED);
    await appendJournal(trx, [{
      at: now, actor, action: 'NOTE_CONTROLE_DISCORDANCE_RESOLUE', juryCode: candidate.juryCode, candidateId: body.candidateId,
      subject: `controle_grade:${body.candidateId}:${body.epreuveCode}`,
      before: { note: null, premiereSaisie: gradeText(stored.first?.value) || null, secondeSaisie: gradeText(stored.second?.value) || null },
      after: { note: gradeText(value) },
    }]);
    return (await buildGradeRows(trx, candidates, 'first', actor.login)).get(entryKey(body.candidateId, body.epreuveCode))!.row;
  });
}
