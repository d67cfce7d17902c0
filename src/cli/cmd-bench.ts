import { args, type Command } from './shared.js';

export const benchCommand: Command = {
  summary: 'banc d\'essai de performance (démarrage, import, résultats, moteur, éditions, plan de secours, HTTP) → bench/results.json',
  usage: 'delib bench [--quick] [--only startup,import,results,engine,documents,plan-secours,http,pages,aids] [--seed N] [--candidates N] [--keep-pg]',
  async run(argv) {
    args(argv, {
      quick: { type: 'boolean' }, only: { type: 'string' }, seed: { type: 'string' }, candidates: { type: 'string' },
      'keep-pg': { type: 'boolean' }, help: { type: 'boolean' },
    });
    // the suite lives outside src/ (bench/): loaded only by this command
    const { runBench } = await import('../../bench/run.js');
    return runBench(argv);
  },
};
