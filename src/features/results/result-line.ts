// One result line per inscription (the contract of SPEC §7, `delib results`) and the sorted lines of a
// range of candidates.
import type { Db } from '../../db/connect.js';
import type { CandidateScope } from '../../db/repositories/candidate-inputs.js';
import { formatFr } from '../../domain/rational.js';
import type { CandidateResult } from '../../domain/rules/index.js';
import { evaluateCandidates } from './evaluate-candidates.js';

export const RESULTS_COLUMNS = ['numero_candidat', 'numero_inscription', 'jury', 'moyenne_1', 'moyenne_pro_1', 'decision_1', 'moyenne_2', 'decision_2'] as const;

export interface ResultLine {
  readonly numero_candidat: string;
  readonly numero_inscription: string;
  readonly jury: string;
  readonly moyenne_1: string;
  readonly moyenne_pro_1: string;
  readonly decision_1: string;
  readonly moyenne_2: string;
  readonly decision_2: string;
}

export function resultLine(key: { numeroCandidat: string; numeroInscription: string; juryCode: string }, r: CandidateResult): ResultLine {
  const g1 = r.group1;
  const incomplete = g1.decision === 'INCOMPLET';
  const g2 = g1.decision === 'CONTROLE' ? r.group2 : null;
  const incomplete2 = g2?.decision === 'INCOMPLET';
  return {
    numero_candidat: key.numeroCandidat,
    numero_inscription: key.numeroInscription,
    jury: key.juryCode,
    moyenne_1: incomplete || !g1.moyenne ? '' : formatFr(g1.moyenne),
    moyenne_pro_1: incomplete || !g1.moyennePro ? '' : formatFr(g1.moyennePro),
    decision_1: g1.decision,
    moyenne_2: !g2 || incomplete2 || !g2.moyenne ? '' : formatFr(g2.moyenne),
    decision_2: g2 ? g2.decision : '',
  };
}

/** The order of `delib results`: numero_candidat, then numero_inscription. */
export function compareLines(a: ResultLine, b: ResultLine): number {
  return a.numero_candidat < b.numero_candidat ? -1 : a.numero_candidat > b.numero_candidat ? 1
    : a.numero_inscription < b.numero_inscription ? -1 : a.numero_inscription > b.numero_inscription ? 1 : 0;
}

/** The sorted lines of the candidates of a scope (the whole session, a range of ids…). */
export async function sortedLines(db: Db, scope: CandidateScope = {}): Promise<ResultLine[]> {
  const lines: ResultLine[] = [];
  for await (const chunk of evaluateCandidates(db, scope)) {
    for (const { candidate, result } of chunk) lines.push(resultLine(candidate, result));
  }
  return lines.sort(compareLines);
}
