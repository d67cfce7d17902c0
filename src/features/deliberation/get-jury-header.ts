// Use case: the jury as the portal shows it (names of its président and vice-président, state, what
// this user may do), for any state: it feeds "Qui délibère ?" before the deliberation opens.
import type { Db } from '../../db/connect.js';
import type { AuthContext } from '../auth/context.js';
import { loadVisibleJury } from '../juries/apply-state-change.js';
import { presentJuryHeader } from './present-header.js';
import type { JuryHeaderDto } from './schemas.js';

export async function getJuryHeader(db: Db, auth: AuthContext, code: string): Promise<JuryHeaderDto> {
  return presentJuryHeader(auth, await loadVisibleJury(db, auth.actor, code));
}
