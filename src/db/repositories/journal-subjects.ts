// What the journal's entries are about, for people: the candidates, juries and épreuves named by a
// page of entries (their subjects), read in three bulk queries.
import type { Db } from '../connect.js';

export interface JournalSubjectCandidate {
  readonly numeroCandidat: string;
  readonly numeroAnonymat: string;
  readonly specialiteCode: string;
}

export interface JournalSubjects {
  readonly candidates: ReadonlyMap<number, JournalSubjectCandidate>;
  /** jury code → spécialité code */
  readonly juries: ReadonlyMap<string, string>;
  /** `${specialite}:${code}` → épreuve label */
  readonly epreuves: ReadonlyMap<string, string>;
}

export async function findJournalSubjects(
  db: Db, q: { candidateIds: readonly number[]; juryCodes: readonly string[]; specialiteCodes: readonly string[] },
): Promise<JournalSubjects> {
  const { candidateIds, juryCodes } = q;
  const candidates = new Map<number, JournalSubjectCandidate>();
  if (candidateIds.length > 0) {
    const rows = await db.selectFrom('candidate').innerJoin('jury', 'jury.code', 'candidate.jury_code')
      .select(['candidate.id', 'candidate.numero_candidat', 'candidate.numero_anonymat', 'jury.specialite_code'])
      .where('candidate.id', 'in', [...candidateIds]).execute();
    for (const r of rows) candidates.set(r.id, { numeroCandidat: r.numero_candidat, numeroAnonymat: r.numero_anonymat, specialiteCode: r.specialite_code });
  }
  const juries = new Map<string, string>();
  if (juryCodes.length > 0) {
    for (const r of await db.selectFrom('jury').select(['code', 'specialite_code']).where('code', 'in', [...juryCodes]).execute()) juries.set(r.code, r.specialite_code);
  }
  const specialites = [...new Set([...candidates.values()].map((c) => c.specialiteCode).concat([...juries.values()], q.specialiteCodes))];
  const epreuves = new Map<string, string>();
  if (specialites.length > 0) {
    const rows = await db.selectFrom('epreuve').select(['specialite_code', 'code', 'libelle']).where('specialite_code', 'in', specialites).execute();
    for (const r of rows) epreuves.set(`${r.specialite_code}:${r.code}`, r.libelle);
  }
  return { candidates, juries, epreuves };
}
