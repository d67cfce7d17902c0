// Use case: "Gérer l'avancement des jurys" — the exceptional state change (not the normal action).
// A reason is mandatory; the change is journaled with from, to and reason, by compare-and-set. It is
// refused over 2nd-group grades in double entry not resolved yet (listed), unless the académie
// confirms it: those rows then stay open, listed in the journal entry and in "Discordances".
import type { DbHandle } from '../../db/connect.js';
import { findJury } from '../../db/repositories/juries.js';
import type { Actor, JuryState } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { applyStateChange, loadVisibleJury, STATE_CHANGED } from './apply-state-change.js';
import { listOpenDoubleEntries } from '../second-group/double-entry.js';
import { decideExceptional } from './lifecycle.js';
import { presentJury } from './present-jury.js';
import type { JuryDto } from './schemas.js';

export interface ExceptionalInput {
  readonly to: JuryState;
  readonly reason?: string | undefined;
  readonly expectedEtat: JuryState;
  readonly overrideOpenDoubleEntries?: boolean | undefined;
}

export async function changeStateExceptionally(handle: DbHandle, actor: Actor, code: string, input: ExceptionalInput, now: Date): Promise<JuryDto> {
  await handle.db.transaction().execute(async (trx) => {
    const jury = await loadVisibleJury(trx, actor, code);
    if (jury.etat !== input.expectedEtat) throw new AppError('CONFLICT', STATE_CHANGED);
    const open = (await listOpenDoubleEntries(trx, [jury.code])).map((o) => o.description);
    const { to, reason } = decideExceptional(actor, jury.etat, input.to, input.reason, {
      openDoubleEntries: open, overrideOpenDoubleEntries: input.overrideOpenDoubleEntries === true,
    });
    await applyStateChange(trx, { actor, jury, from: jury.etat, to, at: now, journalAction: 'JURY_ETAT_EXCEPTIONNEL', reason, openDoubleEntries: open });
  });
  return presentJury(actor, (await findJury(handle.db, code))!);
}
