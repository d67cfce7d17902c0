// Use case: the session context shown in every screen title ("BTS - 2023-06 - ACADEMIE DE BESANCON")
// and, for a centre or centre d'épreuve, its établissement (a jury: its centre de délibération).
import type { Db } from '../../db/connect.js';
import { findJury } from '../../db/repositories/juries.js';
import { getEtablissement, getExamSession } from '../../db/repositories/session.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import type { SessionContextDto } from './schemas.js';

export const NO_SESSION_MESSAGE = "Aucune session d'examen n'est chargée : l'académie doit d'abord l'importer.";

async function etablissementUaiOf(db: Db, actor: Actor): Promise<string | null> {
  switch (actor.role) {
    case 'centre':
    case 'centre_epreuve':
      return actor.scope;
    case 'jury':
      return (await findJury(db, actor.scope))?.centreUai ?? null;
    case 'academie':
      return null;
  }
}

export async function getContext(db: Db, actor: Actor): Promise<SessionContextDto> {
  const s = await getExamSession(db);
  if (!s) throw new AppError('NOT_FOUND', NO_SESSION_MESSAGE);
  const uai = await etablissementUaiOf(db, actor);
  const e = uai ? await getEtablissement(db, uai) : undefined;
  return {
    domaine: s.domaine,
    session: s.session,
    academieCode: s.academie_code,
    academieLibelle: s.academie_libelle,
    periode: 'Session normale',
    etablissement: e ? { uai: e.uai, libelle: e.libelle, ville: e.ville } : null,
  };
}
