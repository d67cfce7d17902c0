// Use case: search the juries in scope (Vue détaillée criteria: état égal / différent, code, spécialité).
import type { Db } from '../../db/connect.js';
import type { JuryView } from '../../db/repositories/juries.js';
import type { Actor } from '../../domain/types.js';
import { enforce } from '../auth/authorize.js';
import { juriesInScope } from './jury-scope.js';
import { juryScreensVerdict } from './policies.js';
import { presentJury } from './present-jury.js';
import type { JuryDto, JuryQuery } from './schemas.js';

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** "dd/mm/yyyy hh:mm" → a sortable "yyyymmddhhmm" ('' when absent: first in ascending order). */
function sortableDate(d: string | null): string {
  const m = d ? /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}))?/.exec(d) : null;
  return m ? `${m[3]}${m[2]}${m[1]}${m[4] ?? '00'}${m[5] ?? '00'}` : '';
}

function sortValue(j: JuryView, sort: JuryQuery['sort']): string {
  switch (sort) {
    case 'code': return j.code;
    case 'specialite': return j.specialiteLibelle;
    case 'centre': return j.centreLibelle;
    case 'etat': return j.etat;
    case 'debut': return sortableDate(j.debutDeliberation);
  }
}

function matches(j: JuryView, q: JuryQuery): boolean {
  if (q.etat !== undefined && (q.etatOp === 'different') === (j.etat === q.etat)) return false;
  if (q.code && !j.code.toLowerCase().includes(q.code.toLowerCase())) return false;
  if (q.specialite) {
    const s = q.specialite.toLowerCase();
    if (j.specialiteCode.toLowerCase() !== s && !j.specialiteLibelle.toLowerCase().includes(s)) return false;
  }
  return true;
}

export interface JuryPage {
  readonly items: JuryDto[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly specialites: { code: string; libelle: string }[];
}

/**
 * One page of the juries in scope matching the criteria, in the asked order (then by code). A national
 * session has 5 005 juries: the whole list as JSON was 5,6 MB; a page is 50 juries. Only the page is
 * presented (the actions of each jury are computed for the rows sent).
 */
export async function searchJuries(db: Db, actor: Actor, q: JuryQuery): Promise<JuryPage> {
  enforce(juryScreensVerdict(actor));
  const inScope = await juriesInScope(db, actor);
  const specialites = new Map<string, string>();
  for (const j of inScope) specialites.set(j.specialiteCode, j.specialiteLibelle);
  const keyed = inScope.filter((j) => matches(j, q)).map((j) => ({ j, key: sortValue(j, q.sort) }));
  const dir = q.order === 'desc' ? -1 : 1;
  keyed.sort((a, b) => dir * collator.compare(a.key, b.key) || collator.compare(a.j.code, b.j.code));
  const lastPage = Math.max(1, Math.ceil(keyed.length / q.pageSize));
  const page = Math.min(q.page, lastPage);
  const rows = keyed.slice((page - 1) * q.pageSize, page * q.pageSize);
  return {
    items: rows.map(({ j }) => presentJury(actor, j)),
    total: keyed.length,
    page,
    pageSize: q.pageSize,
    specialites: [...specialites].map(([code, libelle]) => ({ code, libelle })).sort((a, b) => a.code.localeCompare(b.code)),
  };
}
