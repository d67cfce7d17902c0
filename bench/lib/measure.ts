// A measure of the suite: one module in bench/measures/, listed in bench/run.ts.
import type { Figure } from './figures.js';
import type { Inputs } from './inputs.js';
import type { PgTarget } from './pg.js';

export interface BenchContext {
  /** --quick: a smaller session, fewer rounds */
  readonly quick: boolean;
  /** candidates of the main session (200 000, or 20 000 with --quick) */
  readonly candidates: number;
  /** sessions at which memory is shown not to grow with the work (10 000 and 100 000) */
  readonly memoryScales: readonly number[];
  readonly inputs: Inputs;
  /** null when no PostgreSQL answers (`pgReason` says why) */
  readonly pg: PgTarget | null;
  readonly pgReason: string;
  /** bench/out */
  readonly outDir: string;
  log(message: string): void;
}

export interface Measure {
  /** name for --only */
  readonly name: string;
  readonly title: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** "12,3 s CPU, charge 4,1" — the context printed next to a timing (2 cores: load > 2 inflates it). */
export function context(r: { cpuSeconds: number; load: number }, extra = ''): string {
  return `${r.cpuSeconds.toFixed(1)} s CPU, charge ${r.load.toFixed(1)}${extra ? ', ' + extra : ''}`;
}
