// Issue #9 §5: the emergency plan (plan de secours) remains, and its PVI carry the same figures as the
// offline portal. On the demonstration session (SQLite and PostgreSQL): for every candidate of jury
// 31310, the offline portal's PVI (the browser's code: offline-views.ts over the bundle, with changes
// made offline and then synchronised) and the plan's PVI (its view model, then the PDF itself) give
// the same averages, totals, unit grades and points, decisions and rules.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/connect.js';
import { findUser } from '../../../src/db/repositories/users.js';
import { average, points as pointsText } from '../../../src/documents/format.js';
import type { PviEntry } from '../../../src/documents/model.js';
import { DECISION_LABELS } from '../../../src/domain/types.js';
import type { AuthContext } from '../../../src/features/auth/context.js';
import { getOfflineBundle } from '../../../src/features/deliberation/get-offline-bundle.js';
import { offlinePvi, withChanges, type QueuedChange } from '../../../src/features/deliberation/offline-views.js';
import { syncOfflineChanges } from '../../../src/features/deliberation/sync-offline-changes.js';
import { loadDemo } from '../../../src/features/demo/load-demo.js';
import { produceEdition } from '../../../src/features/editions/produce-edition.js';
import { loadContext } from '../../../src/features/editions/snapshot/context.js';
import { loadPviEntries } from '../../../src/features/editions/snapshot/transcripts.js';
import { findJury } from '../../../src/db/repositories/juries.js';
import type { PviDto } from '../../../src/features/deliberation/schemas.js';
import { flat, hasPoppler, pdfPagesText } from '../../documents/pdf-helpers.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { unzip } from '../editions/support.js';

const NOW = new Date('2023-06-06T09:18:00.000Z');
const CENTRE = { role: 'centre', login: 'centre-0250001R', name: 'Chef de centre', scope: '0250001R' } as const;
const GOLDEN = 'T230A031000004';
const MISSING = 'T230A031000008';

interface Figures {
  moyenne: string;
  moyennePro: string;
  totalPoints: string;
  decision: string;
  rule: string;
  units: string[];
  ects: number;
}

/** The figures the offline portal shows (PVI screen). */
function portalFigures(p: PviDto): Figures {
  return {
    moyenne: p.group1.moyenne ?? '',
    moyennePro: p.group1.moyennePro ?? '',
    totalPoints: p.group1.totalPoints ?? '',
    decision: p.group1.decisionLabel,
    rule: p.group1.rule,
    units: p.units.map((u) => `${u.code} ${u.grade} ${u.facultative ? (u.bonus ?? '') : (u.points ?? '')}`),
    ects: p.ects,
  };
}

/** The figures the plan's PVI prints (its view model, through the documents' formatters). */
function planFigures(e: PviEntry): Figures {
  const g = e.result.group1;
  const grade = (u: PviEntry['units'][number]) => (u.grade === null ? '' : typeof u.grade === 'string' ? u.grade : average(u.grade, ','));
  return {
    moyenne: average(g.moyenne, ','),
    moyennePro: average(g.moyennePro, ','),
    totalPoints: pointsText(g.totalPoints, ','),
    decision: DECISION_LABELS[g.decision],
    rule: g.trace.message,
    units: e.units.map((u) => `${u.code} ${grade(u)} ${pointsText(u.facultative ? u.bonus : u.points, ',')}`),
    ects: e.result.ects,
  };
}

describeEachDialect('plan de secours and offline portal carry the same figures', (dialect) => {
  let h: DbHandle;
  let auth: AuthContext;

  beforeAll(async () => {
    h = await freshDb(dialect);
    await loadDemo(h, NOW);
    const user = (await findUser(h.db, 'jury-31310'))!;
    auth = { user, actor: { role: 'jury', login: user.login, name: 'DUBOIS Pierre', scope: '31310' }, sessionId: 's', csrfToken: 't', actingMember: 'president' };
  });
  afterAll(async () => {
    await h.close();
  });

  it('every candidate of 31310, after two grades changed offline and synchronised', async () => {
    const before = await getOfflineBundle(h.db, auth, '31310', NOW);
    const idOf = (anonymat: string) => before.candidates.find((c) => c.candidate.numeroAnonymat === anonymat)!.candidate.id;
    const versionOf = (id: number, code: string) => before.candidates.find((c) => c.candidate.id === id)!.leafGrades.find((g) => g.epreuveCode === code)?.version ?? 0;
    const queue: QueuedChange[] = [
      { id: 'a1b2c3d4-0000-4000-8000-000000000001', candidateId: idOf(GOLDEN), group: 1, epreuve: 'U1', value: '10', version: versionOf(idOf(GOLDEN), 'U1'), enteredAt: '2023-06-06T09:05:00.000Z', expectedEtat: '110', memberName: 'DUBOIS Pierre' },
      { id: 'a1b2c3d4-0000-4000-8000-000000000002', candidateId: idOf(MISSING), group: 1, epreuve: 'U41', value: '12', version: versionOf(idOf(MISSING), 'U41'), enteredAt: '2023-06-06T09:06:00.000Z', expectedEtat: '110', memberName: 'DUBOIS Pierre' },
    ];
    const offline = withChanges(before, queue);
    expect(offlinePvi(offline, idOf(GOLDEN))!.group1).toMatchObject({ moyenne: '10,10', decisionLabel: 'Admis' });
    const sync = await syncOfflineChanges(h, auth, '31310', { changes: queue.map(({ memberName: _m, ...c }) => c) }, NOW);
    expect(sync.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const jury = (await findJury(h.db, '31310'))!;
    const ctx = await loadContext(h.db, { actor: CENTRE, kind: 'plan-secours', group: 1, juries: [jury] }, 'Plan de secours', NOW);
    const entries = await loadPviEntries(ctx, jury);
    expect(entries.map((e) => e.numeroAnonymat).sort()).toEqual(offline.candidates.map((c) => c.candidate.numeroAnonymat).sort());
    const portal = new Map(offline.candidates.map((c) => [c.candidate.numeroAnonymat, portalFigures(offlinePvi(offline, c.candidate.id)!)]));
    for (const e of entries) expect(planFigures(e), e.numeroAnonymat).toEqual(portal.get(e.numeroAnonymat));
    expect(portal.get(GOLDEN)).toMatchObject({ moyenne: '10,10', moyennePro: '10,00', decision: 'Admis' });

    // the PDF of the plan itself: each candidate's page prints the portal's averages, decision and rule
    if (!hasPoppler()) throw new Error('poppler-utils (pdftotext) est requis : apt-get install -y poppler-utils');
    const [zip] = await produceEdition(h.db, CENTRE, { kind: 'plan-secours', juries: ['31310'], title: 'Plan de secours', format: 'zip' }, NOW);
    const pages = pdfPagesText(Buffer.from(unzip(zip!.data)['PVI_31310.pdf']!)).map(flat);
    for (const [anonymat, f] of portal) {
      const page = pages.find((p) => p.includes(`N° Anonymat : ${anonymat}`));
      expect(page, anonymat).toBeDefined();
      if (f.moyenne) expect(page).toContain(`Moyenne : ${f.moyenne}/20`);
      if (f.moyennePro) expect(page).toContain(`Moyenne : ${f.moyennePro}/20`);
      expect(page).toContain(`DECISION PROPOSEE: ${f.decision}`);
      expect(page).toContain(`Règle appliquée : ${f.rule}`);
    }
  });
});
