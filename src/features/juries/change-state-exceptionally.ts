// Use case: "Gérer l'avancement des jurys" — the exceptional state change (not the normal action).
// A reason is mandatory; the change is journaled with from, to and reason, by compare-and-set.
import type { DbHandle } from '../../db/connect.js';
import { findJury } from '../../db/repositories/juries.js';
import type { Actor, JuryState } from '../../domain/types.js';
import { AppError } from '../../server/app-error.js';
import { applyStateChange, loadVisibleJury, STATE_CHANGED } from './apply-state-change.js';
import { decideExceptional } from './lifecycle.js';
import { presentJury } from './present-jury.js';
import type { JuryDto } from './schemas.js';

export interface ExceptionalInput {
  readonly to: JuryState;
  readonly reason?: string | undefined;
  readonly expectedEtat: JuryState;
}

export async function changeStateExceptionally(handle: DbHandle, actor: Actor, code: string, input: ExceptionalInput, now: Date): Promise<JuryDto> {
  await handle.db.transaction().execute(async (trx) => {
    const jury = await loadVisibleJury(trx, actor, code);
    if (jury.etat !== input.expectedEtat) throw new AppError('CONFLICT', STATE_CHANGED);
    const { to, reason } = decideExceptional(actor, jury.etat, input.to, input.reason);
    await applyStateChange(trx, { actor, jury, from: jury.etat, to, at: now, journalAction: 'JURY_ETAT_EXCEPTIONNEL', reason });
  });
  return presentJury(actor, (await findJury(handle.db, code))!);
}
