// Statistics by decision with counts shared across juries (the emergency plan): each spécialité is
// evaluated once, the jury's own figures are read again at each call, and the result always equals
// the statistics computed on their own — before and after a grade of the jury changes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/connect.js';
import type { Actor } from '../../../src/domain/types.js';
import { loadDemo } from '../../../src/features/demo/load-demo.js';
import { resolveScope } from '../../../src/features/editions/select-juries.js';
import { loadContext } from '../../../src/features/editions/snapshot/context.js';
import { loadStatsByDecision, SpecialiteDecisionCounts } from '../../../src/features/editions/snapshot/stats.js';
import { describeEachDialect, freshDb } from '../../support/db.js';

const NOW = new Date('2023-06-06T09:18:00.000Z');
const CENTRE: Actor = { role: 'centre', login: 'centre-0250001R', name: 'Chef de centre', scope: '0250001R' };

describeEachDialect('statistics by decision, shared counts', (dialect) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await loadDemo(h, NOW);
  });
  afterAll(async () => {
    await h.close();
  });

  it('equal the statistics computed alone, before and after a change of the jury\'s grades', async () => {
    const ctx = await loadContext(h.db, await resolveScope(h.db, CENTRE, { kind: 'stats-decision', juries: ['31310'] }), 'Stats', NOW);
    const shared = new SpecialiteDecisionCounts(ctx.db, ctx.session);
    const alone = await loadStatsByDecision(ctx);
    expect(await loadStatsByDecision(ctx, shared)).toEqual(alone);
    const [row] = alone.juries;
    expect(row!.counts.admis + row!.counts.controle + row!.counts.refuse + row!.counts.incomplet).toBeGreaterThan(0);

    // the jury's admitted candidates fail every épreuve after the shared counts were taken
    const ids = (await h.db.selectFrom('candidate').select('id').where('jury_code', '=', '31310').execute()).map((c) => c.id);
    await h.db.updateTable('grade').set({ hundredths: 0 }).where('candidate_id', 'in', ids).where('kind', '=', 'NOTE').execute();
    const after = await loadStatsByDecision(ctx);
    expect(after.juries[0]!.counts).not.toEqual(row!.counts);
    expect(after.juries[0]!.counts.admis).toBe(0);
    expect(await loadStatsByDecision(ctx, shared)).toEqual(after);
  });
});
