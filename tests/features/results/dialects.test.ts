// The results of one generated session (grades of every kind, several spécialités) on SQLite and on
// PostgreSQL: byte-identical lines, and the lines an independent reading of the grade rows gives
// (the packed grades the loader reads, ADR 0021, say exactly what the grade rows say) — for the whole
// session (rows as arrays, outside a transaction), inside a transaction (Kysely), for a jury's
// candidates, and after grades changed in plain SQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DbHandle } from '../../../src/db/connect.js';
import { gradeFromRow } from '../../../src/db/repositories/candidate-inputs.js';
import { loadRulesets } from '../../../src/db/repositories/rulesets.js';
import { rulesFor } from '../../../src/domain/rules/index.js';
import type { Actor, GradeValue } from '../../../src/domain/types.js';
import { generateSession } from '../../../src/features/generate/synthetic.js';
import { importSession } from '../../../src/features/import/import-session.js';
import { evaluateCandidates } from '../../../src/features/results/evaluate-candidates.js';
import { compareLines, resultLine } from '../../../src/features/results/result-line.js';
import { computeResultLines, resultsCsv, type ResultLine } from '../../../src/features/results/results-table.js';
import { DIALECTS, freshDb } from '../../support/db.js';

const actor: Actor = { role: 'academie', login: 'test', name: 'Test', scope: 'A03' };
const work = mkdtempSync(join(tmpdir(), 'delib-results-dialects-'));
const folder = join(work, 'session');
const handles = new Map<string, DbHandle>();

/** The lines from the grade rows themselves, read one by one (no packed text involved). */
async function linesFromGradeRows(h: DbHandle): Promise<ResultLine[]> {
  const rules = rulesFor('BTS');
  const compiled = new Map([...(await loadRulesets(h.db))].map(([s, r]) => [s, rules.compile(r.ruleset)]));
  const specOf = new Map((await h.db.selectFrom('jury').select(['code', 'specialite_code']).execute()).map((j) => [j.code, j.specialite_code]));
  const gradesOf = new Map<number, Record<string, GradeValue | undefined>>();
  for (const g of await h.db.selectFrom('grade').select(['candidate_id', 'epreuve_code', 'kind', 'hundredths']).execute()) {
    let rec = gradesOf.get(g.candidate_id);
    if (!rec) gradesOf.set(g.candidate_id, (rec = {}));
    rec[g.epreuve_code] = gradeFromRow(g.kind, g.hundredths);
  }
  const lines: ResultLine[] = [];
  for (const c of await h.db.selectFrom('candidate').select(['id', 'numero_candidat', 'numero_inscription', 'jury_code']).execute()) {
    const result = rules.evaluate(compiled.get(specOf.get(c.jury_code)!)!, { grades: gradesOf.get(c.id) ?? {}, controleChoices: null, controleGrades: {} });
    lines.push(resultLine({ numeroCandidat: c.numero_candidat, numeroInscription: c.numero_inscription, juryCode: c.jury_code }, result));
  }
  return lines.sort(compareLines);
}

beforeAll(async () => {
  await generateSession({ candidates: 3000, seed: 11, out: folder });
  for (const d of DIALECTS) {
    const h = await freshDb(d);
    const r = await importSession(h, folder, actor);
    if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
    handles.set(d, h);
  }
}, 240_000);
afterAll(async () => {
  for (const h of handles.values()) await h.close();
  rmSync(work, { recursive: true, force: true });
});

it('whole session: each dialect gives the lines of its grade rows, and both dialects the same bytes', async () => {
  const csv: string[] = [];
  for (const [d, h] of handles) {
    const lines = await computeResultLines(h.db, { handle: h });
    expect(lines, d).toHaveLength(3000);
    expect(new Set(lines.map((l) => l.decision_1)).size, d).toBeGreaterThanOrEqual(3);
    expect(resultsCsv(lines), d).toBe(resultsCsv(await linesFromGradeRows(h)));
    // in a transaction the rows come through Kysely (no rows as arrays): the same lines
    expect(resultsCsv(await h.db.transaction().execute((trx) => computeResultLines(trx))), d).toBe(resultsCsv(lines));
    csv.push(resultsCsv(lines));
  }
  if (csv.length === 2) expect(csv[1]).toBe(csv[0]);
}, 120_000);

it('a jury\'s candidates (the jury portal\'s path) give the lines of the whole session', async () => {
  for (const [d, h] of handles) {
    const whole = await computeResultLines(h.db, { handle: h });
    const code = whole[1234]!.jury;
    const scoped: ResultLine[] = [];
    for await (const chunk of evaluateCandidates(h.db, { juryCodes: [code] })) for (const { candidate, result } of chunk) scoped.push(resultLine(candidate, result));
    expect(scoped.sort(compareLines), d).toEqual(whole.filter((l) => l.jury === code));
  }
});

it('grades changed in plain SQL are in the next results, the same on both dialects', async () => {
  const csv: string[] = [];
  for (const [d, h] of handles) {
    await sql`UPDATE grade SET kind = 'NOTE', hundredths = 2000 WHERE candidate_id % 7 = 0`.execute(h.db);
    await sql`UPDATE grade SET kind = 'ABS', hundredths = NULL WHERE candidate_id % 11 = 0 AND epreuve_code = (SELECT min(g.epreuve_code) FROM grade g WHERE g.candidate_id = grade.candidate_id)`.execute(h.db);
    await sql`DELETE FROM grade WHERE candidate_id % 13 = 0`.execute(h.db);
    const lines = await computeResultLines(h.db, { handle: h });
    expect(resultsCsv(lines), d).toBe(resultsCsv(await linesFromGradeRows(h)));
    expect(lines.filter((l) => l.decision_1 === 'INCOMPLET').length, d).toBeGreaterThanOrEqual(3000 / 13 - 1);
    csv.push(resultsCsv(lines));
  }
  if (csv.length === 2) expect(csv[1]).toBe(csv[0]);
}, 120_000);
