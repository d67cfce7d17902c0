// The measured steps. Each runs alone in a child process (bench/child.ts) so that the peak memory it
// reports is its own; the orchestrator (bench/run.ts) turns the reports into figures.
import { createHash } from 'node:crypto';
import { connect } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadCandidateInputs } from '../src/db/repositories/candidate-inputs.js';
import { loadRulesets } from '../src/db/repositories/rulesets.js';
import { rulesFor, type CompiledRuleset } from '../src/domain/rules/index.js';
import type { Actor, CandidateInput } from '../src/domain/types.js';
import { importSession } from '../src/features/import/import-session.js';
import type { ParallelStats } from '../src/features/results/parallel-lines.js';
import { computeResultLines, resultsCsv } from '../src/features/results/results-table.js';
import { timed } from './lib/child.js';

const BENCH_ACTOR: Actor = { role: 'academie', login: 'bench', name: 'Banc d\'essai', scope: 'A00' };

export type Step = (params: Record<string, unknown>) => Promise<Record<string, unknown>>;

async function withDatabase<T>(url: string, fn: (h: Awaited<ReturnType<typeof connect>>) => Promise<T>): Promise<T> {
  const h = await connect(url);
  try {
    await migrateToLatest(h.db);
    return await fn(h);
  } finally {
    await h.close();
  }
}

/** Imports a generated session into an empty database. */
const importStep: Step = ({ url, folder }) => withDatabase(String(url), async (h) => {
  const t = await timed(() => importSession(h, String(folder), BENCH_ACTOR));
  if (!t.value.ok) throw new Error(`import refusé : ${t.value.errors.slice(0, 5).map((e) => `${e.file}:${e.line} ${e.message}`).join(' | ')}`);
  return { seconds: t.seconds, cpuSeconds: t.cpuSeconds, candidates: t.value.summary.candidats, grades: t.value.summary.notes };
});

/**
 * Every candidate's decisions from the database: the lines of `delib results` (one thread by default;
 * `threads`: as `delib results --threads N`, each thread with its own connection).
 */
const resultsStep: Step = ({ url, threads }) => withDatabase(String(url), async (h) => {
  let shared: ParallelStats | undefined;
  const t = await timed(() => computeResultLines(h.db, {
    handle: h, ...(threads === undefined ? {} : { threads: Number(threads) }), onStats: (s) => (shared = s),
  }));
  const csv = resultsCsv(t.value);
  const decisions: Record<string, number> = {};
  for (const l of t.value) decisions[l.decision_1] = (decisions[l.decision_1] ?? 0) + 1;
  return {
    seconds: t.seconds, cpuSeconds: t.cpuSeconds, candidates: t.value.length, decisions,
    threads: shared ? shared.workers + 1 : 1, rangesByWorkers: shared ? `${shared.byWorkers}/${shared.ranges}` : null,
    digest: createHash('sha256').update(csv).digest('hex').slice(0, 16),
  };
});

/** The pure engine: inputs loaded once (untimed), then evaluated `rounds` times. */
const engineStep: Step = ({ url, rounds }) => withDatabase(String(url), async (h) => {
  const rules = rulesFor('BTS');
  const rulesets = await loadRulesets(h.db);
  const compiled = new Map<string, CompiledRuleset>([...rulesets].map(([spec, r]) => [spec, rules.compile(r.ruleset)]));
  const juries = new Map((await h.db.selectFrom('jury').select(['code', 'specialite_code']).execute()).map((j) => [j.code, j.specialite_code]));
  const inputs: CandidateInput[] = [];
  const ruleOf: CompiledRuleset[] = [];
  for await (const chunk of loadCandidateInputs(h.db)) {
    for (const { candidate, input } of chunk) {
      inputs.push(input);
      ruleOf.push(compiled.get(juries.get(candidate.juryCode)!)!);
    }
  }
  // an empty or half-imported database would give a rate of nothing: a failure, not a figure
  if (inputs.length === 0) throw new Error(`aucun candidat dans ${String(url)}`);
  const perSecond: number[] = [];
  let cpu = 0;
  let decisions = 0;
  // round 0 warms up (compilation, the rulesets' caches) and is not counted
  for (let r = -1; r < Number(rounds ?? 5); r++) {
    const t = await timed(() => {
      let admis = 0;
      for (let i = 0; i < inputs.length; i++) if (rules.evaluate(ruleOf[i]!, inputs[i]!).finalDecision === 'ADMIS') admis++;
      return admis;
    });
    decisions = t.value;
    if (r < 0) continue;
    cpu += t.cpuSeconds;
    perSecond.push(inputs.length / t.seconds);
  }
  const sorted = [...perSecond].sort((a, b) => a - b);
  return { candidates: inputs.length, perSecond, median: sorted[Math.floor(sorted.length / 2)], best: sorted[sorted.length - 1], admis: decisions, cpuSeconds: cpu };
});

/** A `delib` command run in this process (its peak memory is the step's): { url, argv }. */
const cliStep: Step = async ({ url, argv }) => {
  process.env.DATABASE_URL = String(url);
  const { main } = await import('../src/cli/main.js');
  const t = await timed(() => main(argv as string[]));
  if (t.value !== 0) throw new Error(`delib ${(argv as string[]).join(' ')} : code ${t.value}`);
  return { seconds: t.seconds, cpuSeconds: t.cpuSeconds };
};

/** Nothing: the memory of a child process that has loaded the bench (the floor of every step). */
const baselineStep: Step = async () => ({});

/** `delib journal verify`'s work: every chain walked and hashed, then every jury's data replayed and compared. */
const journalVerifyStep: Step = ({ url }) => withDatabase(String(url), async (h) => {
  const { verifyJournal } = await import('../src/db/repositories/journal.js');
  const { verifyJournalData } = await import('../src/features/journal/data-ledger.js');
  const t = await timed(async () => ({ chains: await verifyJournal(h.db), data: await verifyJournalData(h.db) }));
  return {
    seconds: t.seconds, cpuSeconds: t.cpuSeconds, entries: t.value.chains.entries, problems: t.value.chains.problems.length,
    juries: t.value.data.juries, differences: t.value.data.differences.length,
  };
});

export const STEPS: Record<string, Step> = {
  baseline: baselineStep,
  'journal-verify': journalVerifyStep,
  import: importStep,
  results: resultsStep,
  engine: engineStep,
  cli: cliStep,
};

/** Steps of other modules, loaded only by the child that runs them. */
export const LAZY_STEPS: Record<string, () => Promise<Record<string, Step>>> = {
  'aids-near': async () => (await import('./measures/aids-steps.js')).AIDS_STEPS,
  'rln-pages': async () => (await import('./measures/documents-steps.js')).DOCUMENT_STEPS,
  'pvi-pages': async () => (await import('./measures/documents-steps.js')).DOCUMENT_STEPS,
  'chromium-pages': async () => (await import('./measures/documents-steps.js')).DOCUMENT_STEPS,
  'documents-batch': async () => (await import('./measures/documents-steps.js')).DOCUMENT_STEPS,
  'rln-files': async () => (await import('./measures/documents-steps.js')).DOCUMENT_STEPS,
  'pvi-files': async () => (await import('./measures/documents-steps.js')).DOCUMENT_STEPS,
  'chromium-files': async () => (await import('./measures/documents-steps.js')).DOCUMENT_STEPS,
};

