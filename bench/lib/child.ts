// Each measured step runs in its own Node process, so that its peak memory (maxRSS) is its own.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { compiledEntry, productRoot } from '../../src/compiled.js';

export const REPO = productRoot();
/** the compiled bench/child.ts (the steps measure the compiled product, as `delib` runs it) */
const ENTRY = compiledEntry('bench-child');
const MARK = '@@bench ';

/** What every step reports besides its own figures. */
export interface StepReport {
  /** wall-clock seconds of the measured part */
  readonly seconds: number;
  /** CPU seconds (user + system) of the process during the measured part */
  readonly cpuSeconds: number;
  /** CPU seconds of the child processes it started and that ended meanwhile (e.g. a hashing helper) */
  readonly childCpuSeconds: number;
  /** peak resident memory of the whole process, MB */
  readonly peakRssMb: number;
  /** 1-minute load average at the end (2 cores: above 2, timings are inflated) */
  readonly load: number;
  readonly [k: string]: unknown;
}

/** Runs `step` of bench/steps.ts in a child process and returns its report. */
export function runStep(step: string, params: Record<string, unknown>, opts: { nodeArgs?: readonly string[] } = {}): Promise<StepReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ENTRY, step, JSON.stringify(params)], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(MARK));
      if (code !== 0 || !line) {
        reject(new Error(`étape ${step} : échec (code ${code})\n${out.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line.slice(MARK.length)) as StepReport);
    });
  });
}

/**
 * CPU seconds of this process's terminated (and reaped) children: /proc/self/stat cutime + cstime,
 * in clock ticks of 1/100 s; 0 where /proc is missing. process.cpuUsage() does not include them.
 */
function childrenCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

/** Inside a child: times `work`, then prints the report line. */
export async function reportStep(work: () => Promise<Record<string, unknown> | void>): Promise<void> {
  const c0 = process.cpuUsage();
  const children0 = childrenCpuSeconds();
  const t0 = performance.now();
  const extra = (await work()) ?? {};
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const report: StepReport = {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    childCpuSeconds: childrenCpuSeconds() - children0,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    load: loadavg()[0]!,
    ...extra,
  };
  process.stdout.write(MARK + JSON.stringify(report) + '\n');
}

/** Times a part of a step (wall and CPU seconds). */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const cpu = process.cpuUsage(c0);
  return { value, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}
