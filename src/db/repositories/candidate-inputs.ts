// Loads candidates with their grades, contrôle choices and contrôle grades, in bounded chunks, as
// the engine's CandidateInput. Memory stays flat whatever the number of candidates.
import type { Db } from '../connect.js';
import type { CandidateInput, ControleGradeValue, GradeValue } from '../../domain/types.js';

export interface CandidateKey {
  readonly id: number;
  readonly numeroCandidat: string;
  readonly numeroInscription: string;
  readonly juryCode: string;
}

export interface LoadedCandidate {
  readonly candidate: CandidateKey;
  readonly input: CandidateInput;
}

export interface CandidateScope {
  /** only these juries */
  readonly juryCodes?: readonly string[];
  /** only these candidates */
  readonly candidateIds?: readonly number[];
  /** candidates per chunk */
  readonly chunk?: number;
}

export function gradeFromRow(kind: string | null, hundredths: number | null): GradeValue | undefined {
  switch (kind) {
    case 'NOTE':
      return { kind: 'NOTE', hundredths: hundredths! };
    case 'ABS':
      return { kind: 'ABS' };
    case 'AJ':
      return { kind: 'AJ' };
    case 'DI':
      return { kind: 'DI' };
    default:
      return undefined;
  }
}

function controleFromRow(kind: string, hundredths: number | null): ControleGradeValue {
  return kind === 'ABS' ? { kind: 'ABS' } : { kind: 'NOTE', hundredths: hundredths! };
}

/** Yields chunks of candidates (ordered by id) with their engine inputs. */
export async function* loadCandidateInputs(db: Db, scope: CandidateScope = {}): AsyncGenerator<LoadedCandidate[]> {
  const chunk = scope.chunk ?? 5000;
  let lastId = 0;
  for (;;) {
    let q = db
      .selectFrom('candidate')
      .select(['id', 'numero_candidat', 'numero_inscription', 'jury_code'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(chunk);
    if (scope.juryCodes) {
      if (scope.juryCodes.length === 0) return;
      q = q.where('jury_code', 'in', [...scope.juryCodes]);
    }
    if (scope.candidateIds) {
      if (scope.candidateIds.length === 0) return;
      q = q.where('id', 'in', [...scope.candidateIds]);
    }
    const cands = await q.execute();
    if (cands.length === 0) return;
    const first = cands[0]!.id;
    const last = cands[cands.length - 1]!.id;
    lastId = last;
    // Contiguous id ranges use the primary-key range; sparse selections use the id list.
    const dense = last - first + 1 <= cands.length * 2;
    const ids = cands.map((c) => c.id);
    const gq = db.selectFrom('grade').select(['candidate_id', 'epreuve_code', 'kind', 'hundredths']);
    const grades = await (dense ? gq.where('candidate_id', '>=', first).where('candidate_id', '<=', last) : gq.where('candidate_id', 'in', ids)).execute();
    const chq = db.selectFrom('controle_choice').select(['candidate_id', 'epreuve_1', 'epreuve_2']);
    const choices = await (dense ? chq.where('candidate_id', '>=', first).where('candidate_id', '<=', last) : chq.where('candidate_id', 'in', ids)).execute();
    const cgq = db.selectFrom('controle_grade').select(['candidate_id', 'epreuve_code', 'kind', 'hundredths']);
    const cgrades = await (dense ? cgq.where('candidate_id', '>=', first).where('candidate_id', '<=', last) : cgq.where('candidate_id', 'in', ids)).execute();

    const byId = new Map<number, { grades: Record<string, GradeValue | undefined>; choices: [string, string] | null; cg: Record<string, ControleGradeValue | undefined> }>();
    for (const c of cands) byId.set(c.id, { grades: {}, choices: null, cg: {} });
    for (const g of grades) {
      const e = byId.get(g.candidate_id);
      if (e) e.grades[g.epreuve_code] = gradeFromRow(g.kind, g.hundredths);
    }
    for (const ch of choices) {
      const e = byId.get(ch.candidate_id);
      if (e) e.choices = [ch.epreuve_1, ch.epreuve_2];
    }
    for (const g of cgrades) {
      const e = byId.get(g.candidate_id);
      if (e) e.cg[g.epreuve_code] = controleFromRow(g.kind, g.hundredths);
    }
    yield cands.map((c) => {
      const e = byId.get(c.id)!;
      return {
        candidate: { id: c.id, numeroCandidat: c.numero_candidat, numeroInscription: c.numero_inscription, juryCode: c.jury_code },
        input: { grades: e.grades, controleChoices: e.choices, controleGrades: e.cg },
      };
    });
    if (cands.length < chunk) return;
  }
}
