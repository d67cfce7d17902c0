// Use case: the charts of a jury against its spécialité (issue #16, point 2), from the current grades,
// for whoever may read the jury's grades. The spécialité's figures are aggregates over all its juries
// of the session (as the memo's "Statistiques avant délibération" print them), never one jury's.
import type { Db } from '../../db/connect.js';
import { loadCandidateInputs } from '../../db/repositories/candidate-inputs.js';
import { listJuries } from '../../db/repositories/juries.js';
import type { CandidateResult } from '../../domain/rules/index.js';
import type { AuthContext } from '../auth/context.js';
import { loadJuryRules } from '../deliberation/evaluate-jury.js';
import { loadReadableJury } from '../deliberation/load.js';
import { presentJuryHeader } from '../deliberation/present-header.js';
import { presentCharts } from './present-charts.js';
import type { ChartsDto } from './schemas.js';

export async function getCharts(db: Db, auth: AuthContext, code: string): Promise<ChartsDto> {
  const jury = await loadReadableJury(db, auth, code);
  const rules = await loadJuryRules(db, jury.specialiteCode);
  const juries = (await listJuries(db, { specialite: jury.specialiteCode })).map((j) => j.code);
  const own: CandidateResult[] = [];
  const all: CandidateResult[] = [];
  for await (const chunk of loadCandidateInputs(db, { juryCodes: juries })) {
    for (const { candidate, input } of chunk) {
      const r = rules.rules.evaluate(rules.compiled, input);
      all.push(r);
      if (candidate.juryCode === code) own.push(r);
    }
  }
  return presentCharts(presentJuryHeader(auth, jury), rules.ruleset, own, {
    code: jury.specialiteCode, libelle: jury.specialiteLibelle, juries: juries.length, results: all,
  });
}
