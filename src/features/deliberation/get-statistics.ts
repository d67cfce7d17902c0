// Use case: the live statistics of a jury (recomputed from the current grades at each request).
import type { Db } from '../../db/connect.js';
import { groupOf } from '../../domain/jury-state.js';
import type { AuthContext } from '../auth/context.js';
import { evaluateJury, loadJuryRules } from './evaluate-jury.js';
import { loadReadableJury } from './load.js';
import { presentJuryHeader } from './present-header.js';
import type { StatisticsDto } from './schemas.js';
import { decisionTable, epreuveStats } from './statistics.js';

export async function getStatistics(db: Db, auth: AuthContext, code: string): Promise<StatisticsDto> {
  const jury = await loadReadableJury(db, auth.actor, code);
  const rules = await loadJuryRules(db, jury.specialiteCode);
  const evaluated = [...(await evaluateJury(db, code, rules)).values()];
  const group1 = evaluated.map((e) => e.result.group1.decision);
  const group2 = evaluated.flatMap((e) => (e.result.group2 ? [e.result.group2.decision] : []));
  return {
    jury: presentJuryHeader(auth, jury),
    candidates: evaluated.length,
    byDecision: decisionTable(group1, ['ADMIS', 'CONTROLE'], ['REFUSE']),
    byDecision2: groupOf(jury.etat) === 2 ? decisionTable(group2, ['ADMIS'], ['REFUSE']) : null,
    byEpreuve: epreuveStats(rules.ruleset, evaluated),
  };
}
