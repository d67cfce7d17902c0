// Use case: the live statistics of a jury (recomputed from the current grades at each request).
import type { Db } from '../../db/connect.js';
import type { AuthContext } from '../auth/context.js';
import { evaluateJury, loadJuryRules } from './evaluate-jury.js';
import { loadReadableJury } from './load.js';
import { presentJuryHeader } from './present-header.js';
import type { StatisticsDto } from './schemas.js';
import { presentStatistics } from './statistics.js';

export async function getStatistics(db: Db, auth: AuthContext, code: string): Promise<StatisticsDto> {
  const jury = await loadReadableJury(db, auth, code);
  const rules = await loadJuryRules(db, jury.specialiteCode);
  const evaluated = [...(await evaluateJury(db, code, rules)).values()];
  return presentStatistics(presentJuryHeader(auth, jury), rules.ruleset, evaluated);
}
