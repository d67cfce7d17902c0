// Snapshots of the "Statistiques avant délibération": by decision (the jury and its whole
// spécialité, as the memo) and by épreuve. Decisions are the engine's proposals at this stage.
import { epreuveStats } from '../../../documents/lists/stats.js';
import type { DecisionCounts, StatsDecisionModel, StatsEpreuveModel } from '../../../documents/model.js';
import type { CandidateResult } from '../../../domain/rules/result.js';
import { candidateJuries, juriesOfSpecialites } from '../data/candidates.js';
import { evaluateJuries, juryRef, type EditionContext, type Evaluations } from './context.js';

function count(results: Iterable<CandidateResult>): DecisionCounts {
  const c = { admis: 0, controle: 0, refuse: 0, incomplet: 0 };
  for (const r of results) {
    const d = r.group1.decision;
    if (d === 'ADMIS') c.admis++;
    else if (d === 'CONTROLE') c.controle++;
    else if (d === 'REFUSE') c.refuse++;
    else c.incomplet++;
  }
  return c;
}

function resultsOf(e: Evaluations, juryCode: string, juryOf: ReadonlyMap<number, string>): CandidateResult[] {
  const out: CandidateResult[] = [];
  for (const [id, ev] of e.byCandidate) if (juryOf.get(id) === juryCode) out.push(ev.result);
  return out;
}

/** By decision: counts and shares for the jury and for every jury of its spécialité. */
export async function loadStatsByDecision(ctx: EditionContext): Promise<StatsDecisionModel> {
  const specs = await juriesOfSpecialites(ctx.db, [...new Set(ctx.juries.map((j) => j.specialiteCode))]);
  const all = [...specs].flatMap(([specialiteCode, codes]) => codes.map((code) => ({ code, specialiteCode })));
  const evaluations = await evaluateJuries(ctx.db, ctx.session, all);
  const juryOf = await candidateJuries(ctx.db, all.map((j) => j.code));
  return {
    header: ctx.header,
    juries: ctx.juries.map((j) => ({
      jury: juryRef(j),
      counts: count(resultsOf(evaluations, j.code, juryOf)),
      specialiteCounts: count((specs.get(j.specialiteCode) ?? []).flatMap((code) => resultsOf(evaluations, code, juryOf))),
    })),
  };
}

/** By épreuve: notes, mean, min, max, ≥ 10, absents, dispensés, missing, per unit. */
export async function loadStatsByEpreuve(ctx: EditionContext): Promise<StatsEpreuveModel> {
  const evaluations = await evaluateJuries(ctx.db, ctx.session, ctx.juries);
  const juryOf = await candidateJuries(ctx.db, ctx.juries.map((j) => j.code));
  return {
    header: ctx.header,
    juries: ctx.juries.map((j) => {
      const results = resultsOf(evaluations, j.code, juryOf);
      return { jury: juryRef(j), candidats: results.length, epreuves: epreuveStats(results) };
    }),
  };
}
