// The results contract of SPEC §7 (`delib results`): one line per inscription, sorted by
// numero_candidat then numero_inscription; averages truncated to 2 decimals with a decimal comma.
import type { Db } from '../../db/connect.js';
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

/** Every inscription's result line, sorted. */
export async function computeResultLines(db: Db): Promise<ResultLine[]> {
  const lines: ResultLine[] = [];
  for await (const chunk of evaluateCandidates(db)) {
    for (const { candidate, result } of chunk) lines.push(resultLine(candidate, result));
  }
  lines.sort((a, b) =>
    a.numero_candidat < b.numero_candidat ? -1 : a.numero_candidat > b.numero_candidat ? 1
      : a.numero_inscription < b.numero_inscription ? -1 : a.numero_inscription > b.numero_inscription ? 1 : 0);
  return lines;
}

/** The CSV of `delib results --format csv` (header, `;`, `\n`, no BOM — a machine contract). */
export function resultsCsv(lines: readonly ResultLine[]): string {
  const out: string[] = [RESULTS_COLUMNS.join(';')];
  for (const l of lines) out.push(RESULTS_COLUMNS.map((c) => l[c]).join(';'));
  return out.join('\n') + '\n';
}
