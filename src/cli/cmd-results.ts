import { computeResultLines, resultsCsv } from '../features/results/results-table.js';

const MAX_RESULT_THREADS = 16;
import { args, err, withDb, type Command } from './shared.js';

export const resultsCommand: Command = {
  summary: 'résultats de chaque inscription (CSV ou JSON), calculés depuis la base',
  usage: 'delib results [--format csv|json] [--threads N]',
  async run(argv) {
    const { values } = args(argv, { format: { type: 'string', default: 'csv' }, threads: { type: 'string', default: '1' } });
    if (values.format !== 'csv' && values.format !== 'json') {
      err(`format « ${values.format} » inconnu (csv ou json)`);
      return 2;
    }
    const threads = Number(values.threads);
    if (!/^\d+$/.test(values.threads) || threads < 1 || threads > MAX_RESULT_THREADS) {
      err(`--threads « ${values.threads} » : un nombre de fils d'exécution de 1 à ${MAX_RESULT_THREADS} est attendu`);
      return 2;
    }
    return withDb(async (h) => {
      // several threads: ranges of candidates computed on connections of their own (parallel-lines.ts)
      const lines = await computeResultLines(h.db, { handle: h, threads });
      const text = values.format === 'csv' ? resultsCsv(lines) : JSON.stringify(lines, null, 2) + '\n';
      await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
      return 0;
    });
  },
};
