// Shared persistence step of every jury state change: compare-and-set plus its journal entry, in the
// caller's transaction. Also the lookup that hides juries outside the actor's scope (404).
import type { Db } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { compareAndSetJuryState, type JuryView } from '../../db/repositories/juries.js';
import type { Actor, JuryState } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { findJuryInScope, type ScopedJury } from './jury-scope.js';

export const JURY_NOT_FOUND = 'Jury introuvable.';
export const STATE_CHANGED = "L'état du jury a changé entre-temps. Rechargez la liste des jurys puis recommencez.";

/** The jury if the actor may see it, else 404 (a jury outside one's scope does not exist for them). */
export async function loadVisibleJury(db: Db, actor: Actor, code: string): Promise<ScopedJury> {
  const jury = await findJuryInScope(db, actor, code);
  if (!jury) throw new AppError('NOT_FOUND', JURY_NOT_FOUND);
  return jury;
}

export interface StateChange {
  readonly actor: Actor;
  readonly jury: JuryView;
  readonly from: JuryState;
  readonly to: JuryState;
  readonly at: Date;
  readonly journalAction: 'JURY_TRANSITION' | 'JURY_ETAT_EXCEPTIONNEL';
  readonly reason?: string;
  /** grades in double entry left open by an exceptional change the académie confirmed (journaled) */
  readonly openDoubleEntries?: readonly string[];
}

/** Writes the change if the jury is still in `from` (else 409: another request won), with its journal entry. */
export async function applyStateChange(trx: Db, c: StateChange): Promise<void> {
  if (!(await compareAndSetJuryState(trx, c.jury.code, c.from, c.to))) throw new AppError('CONFLICT', STATE_CHANGED);
  await appendJournal(trx, [{
    at: c.at, actor: c.actor, action: c.journalAction, juryCode: c.jury.code, subject: `jury:${c.jury.code}`,
    before: { etat: c.from },
    after: c.openDoubleEntries?.length ? { etat: c.to, doubleSaisieNonResolue: c.openDoubleEntries } : { etat: c.to },
    reason: c.reason ?? null,
  }]);
}
