// Use case: the académie enables or disables a jury's emergency access (papillon login). Journaled,
// with its reason: enabling requires one (issue #13.6), like an exceptional state change.
import type { DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { findJury, setEmergencyAccess } from '../../db/repositories/juries.js';
import type { Actor } from '../../domain/types.js';
import { enforce } from '../auth/authorize.js';
import { AppError } from '../../errors/app-error.js';
import { loadVisibleJury } from './apply-state-change.js';
import { emergencyVerdict } from './policies.js';
import { presentJury } from './present-jury.js';
import type { JuryDto } from './schemas.js';

export const EMERGENCY_REASON_REQUIRED = "Le motif est obligatoire pour activer l'accès de secours : il est enregistré au journal.";

export async function toggleEmergency(handle: DbHandle, actor: Actor, code: string, enabled: boolean, now: Date, reason?: string): Promise<JuryDto> {
  const why = reason?.trim() ?? '';
  await handle.db.transaction().execute(async (trx) => {
    const jury = await loadVisibleJury(trx, actor, code);
    enforce(emergencyVerdict(actor, jury));
    if (jury.emergencyEnabled === enabled) return;
    if (enabled && why === '') throw new AppError('VALIDATION', EMERGENCY_REASON_REQUIRED);
    await setEmergencyAccess(trx, code, { enabled });
    await appendJournal(trx, [{
      at: now, actor, action: 'JURY_ACCES_SECOURS', juryCode: code, subject: `jury:${code}`,
      before: { emergencyEnabled: jury.emergencyEnabled }, after: { emergencyEnabled: enabled }, reason: why || null,
    }]);
  });
  return presentJury(actor, (await findJury(handle.db, code))!);
}
