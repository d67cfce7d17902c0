// Snapshots of the "Statistiques avant délibération": by decision (the jury and its whole
// spécialité, as the memo) and by épreuve. Decisions are the engine's proposals at this stage.
import { epreuveStats } from '../../../documents/lists/stats.js';
import type { Db } from '../../../db/connect.js';
import type { ExamSession } from '../../../db/repositories/session.js';
import type { DecisionCounts, StatsDecisionModel, StatsEpreuveModel } from '../../../documents/model.js';
import { averageBands } from '../../../domain/distribution.js';
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

const ZERO: DecisionCounts = { admis: 0, controle: 0, refuse: 0, incomplet: 0 };

function add(a: DecisionCounts, b: DecisionCounts): DecisionCounts {
  return { admis: a.admis + b.admis, controle: a.controle + b.controle, refuse: a.refuse + b.refuse, incomplet: a.incomplet + b.incomplet };
}

/**
 * The decision counts of every jury of a spécialité, evaluated once per spécialité and kept as counts
 * only (four numbers per jury). The emergency plan asks for the statistics of each jury of an
 * académie, each with its whole spécialité: shared across its juries, each spécialité is evaluated
 * once instead of once per jury (384 juries of 15 000 candidates: ≈ 3 s of SQL and as much
 * evaluation saved).
 */
export class SpecialiteDecisionCounts {
  private readonly bySpecialite = new Map<string, Promise<SpecialiteFigures>>();

  constructor(private readonly db: Db, private readonly session: ExamSession) {}

  of(specialiteCode: string): Promise<ReadonlyMap<string, DecisionCounts>> {
    return this.figures(specialiteCode).then((f) => f.counts);
  }

  /** The averages of each jury of the spécialité by one-point band (the charts of issue #16). */
  bandsOf(specialiteCode: string): Promise<ReadonlyMap<string, readonly number[]>> {
    return this.figures(specialiteCode).then((f) => f.bands);
  }

  private figures(specialiteCode: string): Promise<SpecialiteFigures> {
    let figures = this.bySpecialite.get(specialiteCode);
    if (!figures) this.bySpecialite.set(specialiteCode, (figures = this.load(specialiteCode)));
    return figures;
  }

  private async load(specialiteCode: string): Promise<SpecialiteFigures> {
    const codes = (await juriesOfSpecialites(this.db, [specialiteCode])).get(specialiteCode) ?? [];
    const juries = codes.map((code) => ({ code, specialiteCode }));
    const evaluations = await evaluateJuries(this.db, this.session, juries);
    const juryOf = await candidateJuries(this.db, codes);
    const results = new Map(codes.map((code) => [code, resultsOf(evaluations, code, juryOf)]));
    return {
      counts: new Map(codes.map((code) => [code, count(results.get(code)!)])),
      bands: new Map(codes.map((code) => [code, averageBands(results.get(code)!)])),
    };
  }
}

interface SpecialiteFigures {
  readonly counts: ReadonlyMap<string, DecisionCounts>;
  readonly bands: ReadonlyMap<string, readonly number[]>;
}

/**
 * By decision: counts and shares for the jury and for every jury of its spécialité. With `shared`
 * (counts kept across calls, e.g. by the emergency plan), the other juries' figures come from it and
 * the jury's own are evaluated again, so that they match its PVI drawn at the same time.
 */
export async function loadStatsByDecision(ctx: EditionContext, shared?: SpecialiteDecisionCounts): Promise<StatsDecisionModel> {
  const counts = shared ?? new SpecialiteDecisionCounts(ctx.db, ctx.session);
  const juries: StatsDecisionModel['juries'][number][] = [];
  for (const j of ctx.juries) {
    const byJury = await counts.of(j.specialiteCode);
    const bandsByJury = await counts.bandsOf(j.specialiteCode);
    const ownResults = shared ? [...(await evaluateJuries(ctx.db, ctx.session, [j])).byCandidate.values()].map((e) => e.result) : null;
    const own = ownResults ? count(ownResults) : (byJury.get(j.code) ?? ZERO);
    const ownBands = ownResults ? averageBands(ownResults) : (bandsByJury.get(j.code) ?? averageBands([]));
    let specialite = own;
    for (const [code, c] of byJury) if (code !== j.code) specialite = add(specialite, c);
    const specialiteBands = [...ownBands];
    for (const [code, b] of bandsByJury) if (code !== j.code) b.forEach((n, k) => (specialiteBands[k]! += n));
    juries.push({ jury: juryRef(j), counts: own, specialiteCounts: specialite, bands: { jury: ownBands, specialite: specialiteBands } });
  }
  return { header: ctx.header, juries };
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
