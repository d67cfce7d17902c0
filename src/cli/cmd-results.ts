import { computeResultLines, resultsCsv } from '../features/results/results-table.js';
import { args, err, withDb, type Command } from './shared.js';

export const resultsCommand: Command = {
  summary: 'résultats de chaque inscription (CSV ou JSON), calculés depuis la base',
  usage: 'delib results [--format csv|json]',
  async run(argv) {
    const { values } = args(argv, { format: { type: 'string', default: 'csv' } });
    if (values.format !== 'csv' && values.format !== 'json') {
      err(`format « ${values.format} » inconnu (csv ou json)`);
      return 2;
    }
    return withDb(async (h) => {
      const lines = await computeResultLines(h.db, { handle: h });
      const text = values.format === 'csv' ? resultsCsv(lines) : JSON.stringify(lines, null, 2) + '\n';
      await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
      return 0;
    });
  },
};
