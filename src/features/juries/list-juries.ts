// Use case: search the juries in scope (Vue détaillée criteria: état égal / différent, code, spécialité).
import type { Db } from '../../db/connect.js';
import type { JuryView } from '../../db/repositories/juries.js';
import type { Actor } from '../../domain/types.js';
import { enforce } from '../auth/authorize.js';
import { juriesInScope } from './jury-scope.js';
import { juryScreensVerdict } from './policies.js';
import { presentJury } from './present-jury.js';
import type { JuryDto, JuryQuery } from './schemas.js';

function matches(j: JuryView, q: JuryQuery): boolean {
  if (q.etat !== undefined && (q.etatOp === 'different') === (j.etat === q.etat)) return false;
  if (q.code && !j.code.toLowerCase().includes(q.code.toLowerCase())) return false;
  if (q.specialite) {
    const s = q.specialite.toLowerCase();
    if (j.specialiteCode.toLowerCase() !== s && !j.specialiteLibelle.toLowerCase().includes(s)) return false;
  }
  return true;
}

export async function searchJuries(db: Db, actor: Actor, q: JuryQuery): Promise<JuryDto[]> {
  enforce(juryScreensVerdict(actor));
  return (await juriesInScope(db, actor)).filter((j) => matches(j, q)).map((j) => presentJury(actor, j));
}
