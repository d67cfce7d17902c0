// Use case: the académie enables or disables a jury's emergency access (papillon login). Journaled.
import type { DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { findJury, setEmergencyAccess } from '../../db/repositories/juries.js';
import type { Actor } from '../../domain/types.js';
import { enforce } from '../auth/authorize.js';
import { loadVisibleJury } from './apply-state-change.js';
import { emergencyVerdict } from './policies.js';
import { presentJury } from './present-jury.js';
import type { JuryDto } from './schemas.js';

export async function toggleEmergency(handle: DbHandle, actor: Actor, code: string, enabled: boolean, now: Date): Promise<JuryDto> {
  await handle.db.transaction().execute(async (trx) => {
    const jury = await loadVisibleJury(trx, actor, code);
    enforce(emergencyVerdict(actor, jury));
    if (jury.emergencyEnabled === enabled) return;
    await setEmergencyAccess(trx, code, { enabled });
    await appendJournal(trx, [{
      at: now, actor, action: 'JURY_ACCES_SECOURS', juryCode: code, subject: `jury:${code}`,
      before: { emergencyEnabled: jury.emergencyEnabled }, after: { emergencyEnabled: enabled },
    }]);
  });
  return presentJury(actor, (await findJury(handle.db, code))!);
}
