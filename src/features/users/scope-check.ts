// An account's scope must name something that exists: the session's académie, an établissement, a jury.
import type { Db } from '../../db/connect.js';
import { findJury } from '../../db/repositories/juries.js';
import { getEtablissement, getExamSession } from '../../db/repositories/session.js';
import type { Role } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';

export async function assertScopeExists(db: Db, role: Role, scope: string): Promise<void> {
  let ok: boolean;
  switch (role) {
    case 'academie': {
      const s = await getExamSession(db);
      ok = !s || s.academie_code === scope;
      break;
    }
    case 'centre':
    case 'centre_epreuve':
      ok = (await getEtablissement(db, scope)) !== undefined;
      break;
    case 'jury':
      ok = (await findJury(db, scope)) !== undefined;
      break;
  }
  if (!ok) throw new AppError('VALIDATION', `Périmètre inconnu pour ce rôle : « ${scope} ».`);
}
