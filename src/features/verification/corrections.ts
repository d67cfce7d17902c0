// Reads of the corrections made after a jury's PV or result lists were produced (pv_correction,
// migration 0015): what makes a document produced before them superseded.
import type { Db } from '../../db/connect.js';
import '../../db/schema-verification.js';

/** The time of the jury's latest correction after `since` (ISO), or null. */
export async function latestCorrectionAfter(db: Db, juryCode: string, since: string): Promise<string | null> {
  const r = await db.selectFrom('pv_correction').select('at').where('jury_code', '=', juryCode)
    .where('at', '>', since).orderBy('at', 'desc').limit(1).executeTakeFirst();
  return r?.at ?? null;
}
