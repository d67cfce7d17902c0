// Human label of an account's scope: "ACADEMIE DE BESANCON", "LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)"…
import type { Db } from '../../db/connect.js';
import { findJury } from '../../db/repositories/juries.js';
import { getEtablissement, getExamSession } from '../../db/repositories/session.js';
import type { Role } from '../../domain/types.js';

export function etablissementLabel(e: { uai: string; libelle: string; ville: string }): string {
  return `${e.libelle} – ${e.ville} (${e.uai})`;
}

export async function scopeLabel(db: Db, role: Role, scope: string): Promise<string> {
  switch (role) {
    case 'academie': {
      const s = await getExamSession(db);
      return s && s.academie_code === scope ? s.academie_libelle : `Académie ${scope}`;
    }
    case 'centre':
    case 'centre_epreuve': {
      const e = await getEtablissement(db, scope);
      return e ? etablissementLabel(e) : scope;
    }
    case 'jury': {
      const j = await findJury(db, scope);
      return j ? `Jury ${j.code} – ${j.specialiteLibelle}` : `Jury ${scope}`;
    }
  }
}
