// The engine's inputs loaded from the database (grades aggregated per candidate by the database and
// decoded here): every kind of grade, contrôle choices and grades, chunks, dense and sparse scopes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, freshDb } from '../support/db.js';
import type { DbHandle } from '../../src/db/connect.js';
import { decodeGrades, loadCandidateInputs, type LoadedCandidate } from '../../src/db/repositories/candidate-inputs.js';
import { candidate, controleChoice, controleGrade, epreuves, etablissement, examSession, grades, jury, specialite } from '../support/factories.js';

async function all(h: DbHandle, scope: Parameters<typeof loadCandidateInputs>[1] = {}): Promise<LoadedCandidate[]> {
  const out: LoadedCandidate[] = [];
  for await (const chunk of loadCandidateInputs(h.db, scope)) out.push(...chunk);
  return out;
}

describe('decodeGrades', () => {
  it('decodes numbers, ABS, AJ, DI and cleared grades, with codes of any length', () => {
    const text = ['U1\x1f1250', 'U2E\x1fA', 'U2O\x1fJ', 'U3\x1fD', 'U41\x1f', 'UNE_EPREUVE_AU_CODE_LONG\x1f0', 'U5\x1f2000'].join('\x1e');
    expect(decodeGrades(text)).toEqual({
      U1: { kind: 'NOTE', hundredths: 1250 }, U2E: { kind: 'ABS' }, U2O: { kind: 'AJ' }, U3: { kind: 'DI' }, U41: undefined,
      UNE_EPREUVE_AU_CODE_LONG: { kind: 'NOTE', hundredths: 0 }, U5: { kind: 'NOTE', hundredths: 2000 },
    });
    expect(decodeGrades(null)).toEqual({});
    expect(decodeGrades('')).toEqual({});
  });

  it('shares grade values between candidates (one object per possible grade)', () => {
    const a = decodeGrades('U1\x1f1250');
    const b = decodeGrades('U3\x1f1250');
    expect(a.U1).toBe(b.U3);
    expect(Object.isFrozen(a.U1)).toBe(true);
  });
});

describeEachDialect('loadCandidateInputs', (dialect) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await examSession(h.db);
    await etablissement(h.db, '0250001R');
    await specialite(h.db, '31310');
    await epreuves(h.db, '31310');
    await jury(h.db, '31310', { specialite: '31310' });
    await jury(h.db, '31311', { specialite: '31310' });
    for (let id = 1; id <= 30; id++) await candidate(h.db, { id, jury: id % 3 === 0 ? '31311' : '31310' });
    await grades(h.db, 1, { U1: 950, U2E: 'ABS', U2O: 'AJ', U3: 'DI', U41: null, U42: 0, U5: 2000 });
    for (let id = 2; id <= 30; id++) await grades(h.db, id, { U1: 1000 + id, U2E: 800, U2O: 1200 });
    await controleChoice(h.db, 2, 'U1', 'U2');
    await controleGrade(h.db, 2, 'U1', 1400);
    await controleGrade(h.db, 2, 'U2', 'ABS');
  });
  afterAll(async () => h.close());

  it('gives every candidate, in id order, with its grades, choices and contrôle grades', async () => {
    const loaded = await all(h, { chunk: 7 });
    expect(loaded.map((l) => l.candidate.id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(loaded[0]!.candidate).toMatchObject({ id: 1, numeroInscription: '001', juryCode: '31310' });
    expect(loaded[0]!.input).toEqual({
      grades: {
        U1: { kind: 'NOTE', hundredths: 950 }, U2E: { kind: 'ABS' }, U2O: { kind: 'AJ' }, U3: { kind: 'DI' }, U41: undefined,
        U42: { kind: 'NOTE', hundredths: 0 }, U5: { kind: 'NOTE', hundredths: 2000 },
      },
      controleChoices: null,
      controleGrades: {},
    });
    expect(loaded[1]!.input).toEqual({
      grades: { U1: { kind: 'NOTE', hundredths: 1002 }, U2E: { kind: 'NOTE', hundredths: 800 }, U2O: { kind: 'NOTE', hundredths: 1200 } },
      controleChoices: ['U1', 'U2'],
      controleGrades: { U1: { kind: 'NOTE', hundredths: 1400 }, U2: { kind: 'ABS' } },
    });
  });

  it('loads only the juries or candidates asked for (sparse selections)', async () => {
    const byJury = await all(h, { juryCodes: ['31311'], chunk: 4 });
    expect(byJury.map((l) => l.candidate.id)).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
    expect(byJury[0]!.input.grades.U1).toEqual({ kind: 'NOTE', hundredths: 1003 });
    const byId = await all(h, { candidateIds: [30, 2, 17] });
    expect(byId.map((l) => [l.candidate.id, l.input.grades.U1])).toEqual([
      [2, { kind: 'NOTE', hundredths: 1002 }], [17, { kind: 'NOTE', hundredths: 1017 }], [30, { kind: 'NOTE', hundredths: 1030 }],
    ]);
    expect(await all(h, { juryCodes: [] })).toEqual([]);
    expect(await all(h, { candidateIds: [] })).toEqual([]);
  });

  it('gives a scope (one query per chunk) the same inputs as the whole session (grouped scans)', async () => {
    const whole = await all(h, { chunk: 7 });
    const byJury = [...await all(h, { juryCodes: ['31310'], chunk: 6 }), ...await all(h, { juryCodes: ['31311'] })];
    expect(byJury.sort((a, b) => a.candidate.id - b.candidate.id)).toEqual(whole);
    // candidate 1: every kind of grade; candidate 2: contrôle choices and grades (a number and ABS)
    expect(await all(h, { candidateIds: [2, 1] })).toEqual(whole.slice(0, 2));
  });

  it('loads a range of ids (the ranges of the results on several threads)', async () => {
    const whole = await all(h, { chunk: 7 });
    expect((await all(h, { afterId: 10, lastId: 20, chunk: 4 })).map((l) => l.candidate.id)).toEqual(Array.from({ length: 10 }, (_, i) => i + 11));
    expect(await all(h, { afterId: 25, chunk: 2 })).toEqual(whole.slice(25));
    expect(await all(h, { lastId: 3 })).toEqual(whole.slice(0, 3));
    expect(await all(h, { afterId: 30 })).toEqual([]);
    // with a scope, the range narrows it
    expect((await all(h, { juryCodes: ['31311'], afterId: 5, lastId: 15 })).map((l) => l.candidate.id)).toEqual([6, 9, 12, 15]);
  });

  it('works inside a transaction', async () => {
    const ids = await h.db.transaction().execute(async (trx) => {
      const out: number[] = [];
      for await (const chunk of loadCandidateInputs(trx, { juryCodes: ['31310'] })) out.push(...chunk.map((c) => c.candidate.id));
      return out;
    });
    expect(ids).toHaveLength(20);
  });
});
