import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSession, type GenerateSummary } from '../../src/features/generate/synthetic.js';
import {
  SPEC_HEADERS,
  candKey,
  decide,
  gradeHundredths,
  gradesByCandidate,
  readSession,
  rulesets,
  validateSession,
  type Table,
} from './exchange-check.js';

const FILES = Object.keys(SPEC_HEADERS);

describe('generateSession (synthetic national session)', () => {
  let root: string;
  let dirA: string;
  let summary: GenerateSummary;
  let t: Record<string, Table>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'delib-gen-'));
    dirA = join(root, 'a');
    summary = await generateSession({ candidates: 500, seed: 42, out: dirA });
    t = readSession(dirA);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes the 9 files with exactly the SPEC §7 headers', () => {
    for (const f of FILES) expect(t[f]!.header, f).toEqual(SPEC_HEADERS[f]);
  });

  it('passes every SPEC §7 row check (keys, references, UAI, INE, grades, bénéfices)', () => {
    expect(validateSession(t, ['000', '105', '110'])).toEqual([]);
  });

  it('returns a summary that matches the files', () => {
    expect(summary).toEqual({
      candidates: 500,
      grades: t['notes.csv']!.rows.length,
      juries: t['jurys.csv']!.rows.length,
      specialites: t['specialites.csv']!.rows.length,
      etablissements: t['etablissements.csv']!.rows.length,
    });
    expect(t['candidats.csv']!.rows).toHaveLength(500);
    expect(summary.grades / summary.candidates).toBeGreaterThan(9);
    expect(summary.grades / summary.candidates).toBeLessThan(15);
  });

  it('has juries of at most 60 candidates, each with a centre and a spécialité', () => {
    const sizes = new Map<string, number>();
    for (const c of t['candidats.csv']!.rows) sizes.set(c.jury!, (sizes.get(c.jury!) ?? 0) + 1);
    for (const j of t['jurys.csv']!.rows) {
      const n = sizes.get(j.code!) ?? 0;
      expect(n, j.code).toBeGreaterThan(0);
      expect(n, j.code).toBeLessThanOrEqual(60);
    }
    expect(t['jurys.csv']!.rows.filter((j) => j.etat === '110').length).toBeGreaterThan(t['jurys.csv']!.rows.length / 2);
  });

  it('has no missing compulsory grade (the session is deliberable) and a unit is DI as a whole', () => {
    const rs = rulesets(t['epreuves.csv']!.rows);
    const specOf = new Map(t['jurys.csv']!.rows.map((j) => [j.code!, j.specialite!]));
    const grades = gradesByCandidate(t['notes.csv']!.rows);
    const decisions = new Map<string, number>();
    for (const c of t['candidats.csv']!.rows) {
      const g = grades.get(candKey(c)) ?? new Map<string, string>();
      const units = rs.get(specOf.get(c.jury!)!)!;
      for (const u of units) {
        if (u.facultative) continue;
        for (const l of u.leaves) expect(g.has(l.code), `${candKey(c)} ${l.code}`).toBe(true);
        const di = u.leaves.map((l) => g.get(l.code) === 'DI');
        expect(di.every((x) => x) || di.every((x) => !x)).toBe(true);
      }
      // at least two eligible contrôle units remain (at most one general unit is DI)
      const eligible = units.filter((u) => u.controle && !u.facultative && !u.leaves.every((l) => g.get(l.code) === 'DI'));
      expect(eligible.length).toBeGreaterThanOrEqual(2);
      const d = decide(units, g).decision;
      decisions.set(d, (decisions.get(d) ?? 0) + 1);
    }
    expect(decisions.get('INCOMPLET') ?? 0).toBe(0);
    expect(decisions.get('ADMIS') ?? 0).toBeGreaterThan(150);
    expect(decisions.get('CONTROLE') ?? 0).toBeGreaterThan(5);
    expect(decisions.get('REFUSE') ?? 0).toBeGreaterThan(5);
  });

  it('has realistic grades: mean ≈ 10–11, σ ≈ 3.5, mostly half/quarter points', () => {
    const values: number[] = [];
    let quarter = 0;
    for (const r of t['notes.csv']!.rows) {
      const h = gradeHundredths(r.note!);
      if (h === null) continue;
      values.push(h / 100);
      if (h % 25 === 0) quarter++;
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(mean).toBeGreaterThan(9.8);
    expect(mean).toBeLessThan(11.8);
    expect(sd).toBeGreaterThan(2.8);
    expect(sd).toBeLessThan(4.2);
    expect(quarter / values.length).toBeGreaterThan(0.85);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(20);
  });

  it('has varied candidates: categories, livret only for SCOLAIRE, decimal coefficients, sub-épreuves, optional units', () => {
    const cats = new Set(t['candidats.csv']!.rows.map((c) => c.categorie));
    for (const c of ['SCOLAIRE', 'APPRENTI', 'FORMATION CONTINUE']) expect(cats.has(c)).toBe(true);
    const ep = t['epreuves.csv']!.rows;
    expect(ep.some((e) => e.coefficient!.includes(','))).toBe(true);
    expect(ep.some((e) => e.parent !== '')).toBe(true);
    expect(ep.some((e) => e.facultative === 'oui')).toBe(true);
    expect(t['notes.csv']!.rows.some((n) => n.benefice !== '')).toBe(true);
    expect(t['notes.csv']!.rows.some((n) => n.note === 'DI')).toBe(true);
  });

  it('leaves choix_controle / notes_controle with their header only (juries ≤ 110)', () => {
    expect(t['choix_controle.csv']!.rows).toHaveLength(0);
    expect(t['notes_controle.csv']!.rows).toHaveLength(0);
  });

  it('is deterministic: same seed, same bytes; another seed, other data', async () => {
    const dirB = join(root, 'b');
    const dirC = join(root, 'c');
    await generateSession({ candidates: 500, seed: 42, out: dirB });
    await generateSession({ candidates: 500, seed: 43, out: dirC });
    for (const f of FILES) {
      expect(readFileSync(join(dirB, f)).equals(readFileSync(join(dirA, f))), f).toBe(true);
    }
    expect(readFileSync(join(dirC, 'notes.csv')).equals(readFileSync(join(dirA, 'notes.csv')))).toBe(false);
    expect(readFileSync(join(dirC, 'candidats.csv')).equals(readFileSync(join(dirA, 'candidats.csv')))).toBe(false);
  });

  it('scales: 8 000 candidates stay valid with unique identifiers', async () => {
    const dir = join(root, 'big');
    const s = await generateSession({ candidates: 8_000, seed: 7, out: dir });
    expect(s.candidates).toBe(8_000);
    expect(s.specialites).toBeGreaterThanOrEqual(40);
    expect(s.etablissements).toBeGreaterThanOrEqual(100);
    const big = readSession(dir);
    expect(validateSession(big, ['000', '105', '110'])).toEqual([]);
    const academies = new Set(big['etablissements.csv']!.rows.map((e) => e.uai!.slice(0, 3)));
    expect(academies.size).toBeGreaterThan(60); // départements
    expect(big['candidats.csv']!.rows.some((c) => /[\u1E00-\u1EFF]/.test(c.nom!))).toBe(true);
  });
});
