// Search criteria never reach SQL as text (issue #8 §2): every filter parameter — Vue détaillée
// (etat, etatOp, code, spécialité), journal (jury, action, actor, from, to, page), 2nd-group grids,
// and the candidate criteria of SPEC §6 (RLN) — fuzzed with fast-check: SQL metacharacters, quotes,
// LIKE wildcards, unicode, very long strings. Always 200 or 400 (404 for a jury out of scope), never
// a 500, never a row outside the caller's scope; the criteria give exactly what a plain reference
// filter gives (a quote is a character to match, not SQL).
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { CRITERION_FIELDS, CRITERION_OPERATORS, FIELD_INFO, criterionProblems, isoDate, type Criterion } from '../../src/features/editions/criteria.js';
import { compileCriteria } from '../../src/features/editions/data/criteria-sql.js';
import { listEditionCandidates, type EditionCandidate } from '../../src/features/editions/data/candidates.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { candidate, grades, allMemoGrades } from '../support/factories.js';
import { testApp, type Session } from '../server/helpers.js';
import { loginAll, securityWorld, type Who } from './world.js';

const META = ["'", "''", '"', ';', '--', '/*', '*/', '%', '_', '\\', '\\%', "' OR '1'='1", "'; DROP TABLE jury; --", ') OR (1=1', 'UNION SELECT', '$1', '?', '`', '\u202e', 'é', 'É', 'ß', '𝔘', '\uFEFF', ' ', '\t', '\n'];
const hostile = fc.oneof(
  fc.constantFrom(...META),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.array(fc.constantFrom(...META, 'A', '3', '1', '0'), { maxLength: 8 }).map((a) => a.join('')),
  fc.integer({ min: 20, max: 5000 }).map((n) => "'".repeat(n)),
).filter((s) => !s.includes('\u0000'));

const SCOPE: Record<Exclude<Who, 'anonyme'>, string[] | null> = {
  academie: null,
  'centre-0250001R': ['31310', '31311', '31312'],
  'centre-0390007W': ['31408'],
  'jury-31310': ['31310'],
  'jury-31408': ['31408'],
  'epreuve-0250013D': null, // 403 on these screens
};
const CALLERS = Object.keys(SCOPE) as Exclude<Who, 'anonyme'>[];

function reference(c: EditionCandidate, cr: Criterion): boolean {
  const value = (f: string): string => {
    switch (f) {
      case 'numero-candidat': return c.numeroCandidat;
      case 'numero-inscription': return c.numeroInscription;
      case 'nom': return c.nom;
      case 'prenoms': return c.prenoms;
      case 'ine': return c.ine;
      case 'jury': return c.juryCode;
      case 'categorie': return c.categorie;
      case 'sexe': return c.sexe;
      case 'forme-passage': return c.formePassage;
      case 'etablissement-inscription': return c.etablissement?.uai ?? '';
      case 'centre-epreuve': return c.centreEpreuve?.uai ?? '';
      default: throw new Error(f);
    }
  };
  const v = value(cr.field).toLowerCase();
  const xs = cr.values.map((x) => x.trim()).filter(Boolean).map((x) => x.toLowerCase());
  switch (cr.op) {
    case 'egal': return v === xs[0];
    case 'different': return v !== xs[0];
    case 'contient': return v.includes(xs[0]!);
    case 'commence-par': return v.startsWith(xs[0]!);
    case 'parmi': return xs.includes(v);
  }
}

describeEachDialect('security: search criteria fuzzing', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let s: Map<Who, Session | null>;
  let everyone: EditionCandidate[];
  beforeAll(async () => {
    h = await freshDb(dialect);
    await securityWorld(h);
    // names with metacharacters, to be matched literally
    for (const [i, nom] of ["O'BRIEN", 'DU_PONT', '100%', 'BACK\\SLASH', 'ÉLODIE', "D'ARTAGNAN--"].entries()) {
      await grades(h.db, await candidate(h.db, { id: 200 + i, jury: i % 2 ? '31310' : '31408', centreEpreuve: '0250013D', nom }), allMemoGrades(1000 + i * 100));
    }
    app = await testApp(h);
    s = await loginAll(app);
    everyone = await listEditionCandidates(h.db, { juryCodes: ['31310', '31311', '31312', '31408'] });
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const get = (who: Exclude<Who, 'anonyme'>, path: string, q: Record<string, string>) =>
    app.inject({ method: 'GET', url: path, query: q, headers: { cookie: s.get(who)!.cookie } });

  it('Vue détaillée (GET /api/juries): etat, etatOp, code, spécialité', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...CALLERS), fc.record({ etat: hostile, etatOp: hostile, code: hostile, specialite: hostile }, { requiredKeys: [] }), async (who, q) => {
      const res = await get(who, '/api/juries', q as Record<string, string>);
      expect(res.statusCode).toBeLessThan(500);
      if (who === 'epreuve-0250013D') {
        expect([400, 403]).toContain(res.statusCode); // validation comes first: it tells nothing
        return;
      }
      expect([200, 400]).toContain(res.statusCode);
      if (res.statusCode === 200) {
        const codes = (res.json().items as { code: string }[]).map((j) => j.code);
        const scope = SCOPE[who];
        if (scope) for (const c of codes) expect(scope).toContain(c);
      }
    }), { seed: 1, numRuns: 60 });
  });

  it('journal (GET /api/journal): jury, action, actor, from, to, page', async () => {
    const arb = fc.record({ jury: hostile, action: hostile, actor: hostile, from: fc.oneof(hostile, fc.constant('2023-06-06')), to: hostile, page: fc.oneof(hostile, fc.integer().map(String)) }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(fc.constantFrom(...CALLERS), arb, async (who, q) => {
      const res = await get(who, '/api/journal', q as Record<string, string>);
      expect(res.statusCode).toBeLessThan(500);
      if (who === 'epreuve-0250013D') {
        expect([400, 403]).toContain(res.statusCode); // validation comes first: it tells nothing
        return;
      }
      expect([200, 400, 404]).toContain(res.statusCode);
      if (res.statusCode === 200) {
        const scope = SCOPE[who];
        for (const e of res.json().items as { juryCode: string | null }[]) if (scope) expect(scope).toContain(e.juryCode);
        expect(res.json().items.length).toBeLessThanOrEqual(50);
      }
    }), { seed: 2, numRuns: 60 });
  });

  it('2nd-group grids: ?jury= and ?mode=', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...CALLERS), hostile, hostile, async (who, jury, mode) => {
      const a = await get(who, '/api/second-group/missing-grades', { jury });
      const b = await get(who, '/api/second-group/grades', { mode });
      for (const r of [a, b]) {
        expect(r.statusCode).toBeLessThan(500);
        expect([200, 400, 403, 404]).toContain(r.statusCode);
      }
      if (a.statusCode === 200 && SCOPE[who]) {
        for (const j of a.json().juries as { jury: { code: string } }[]) expect(SCOPE[who]).toContain(j.jury.code);
      }
    }), { seed: 3, numRuns: 30 });
  });

  it('candidate criteria (SPEC §6) compiled to SQL: exactly the reference filter, never an SQL error', async () => {
    const textFields = CRITERION_FIELDS.filter((f) => FIELD_INFO[f].type === 'text' && f !== 'specialite');
    const literal = fc.oneof(hostile, fc.constantFrom(...everyone.flatMap((c) => [c.nom, c.nom.slice(0, 3), c.prenoms, c.juryCode, c.numeroCandidat.slice(2, 6)])));
    const criterion = fc.record({
      field: fc.constantFrom(...textFields),
      op: fc.constantFrom(...CRITERION_OPERATORS),
      values: fc.array(literal, { minLength: 1, maxLength: 3 }),
    });
    await fc.assert(fc.asyncProperty(fc.array(criterion, { minLength: 1, maxLength: 3 }), async (criteria) => {
      const valid = criteria.every((c) => criterionProblems(c).length === 0);
      fc.pre(valid);
      const got = await listEditionCandidates(h.db, { juryCodes: ['31310', '31311', '31312', '31408'], where: compileCriteria(criteria) });
      const ids = got.map((c) => c.id).sort((a, b) => a - b);
      for (const id of ids) expect(everyone.map((c) => c.id)).toContain(id);
      // SQLite's lower() folds ASCII only: compare with the reference on ASCII values
      const ascii = criteria.every((c) => c.values.every((v) => /^[\x20-\x7e]*$/.test(v)));
      if (ascii) {
        const want = everyone.filter((c) => criteria.every((cr) => reference(c, cr))).map((c) => c.id).sort((a, b) => a - b);
        expect(ids).toEqual(want);
      }
    }), { seed: 4, numRuns: 150 });
    // a quote is a character: the injection classic selects nobody; O'BRIEN is found by his name
    const none = await listEditionCandidates(h.db, { juryCodes: ['31310', '31408'], where: compileCriteria([{ field: 'nom', op: 'egal', values: ["x' OR '1'='1"] }]) });
    expect(none).toEqual([]);
    const obrien = await listEditionCandidates(h.db, { juryCodes: ['31310', '31408'], where: compileCriteria([{ field: 'nom', op: 'contient', values: ["'b"] }]) });
    expect(obrien.map((c) => c.nom)).toEqual(["O'BRIEN"]);
    const pct = await listEditionCandidates(h.db, { juryCodes: ['31310', '31408'], where: compileCriteria([{ field: 'nom', op: 'contient', values: ['%'] }]) });
    expect(pct.map((c) => c.nom)).toEqual(['100%']);
    const under = await listEditionCandidates(h.db, { juryCodes: ['31310', '31408'], where: compileCriteria([{ field: 'nom', op: 'commence-par', values: ['du_'] }]) });
    expect(under.map((c) => c.nom)).toEqual(['DU_PONT']);
    expect(isoDate("01/01/2000' OR 1=1")).toBeNull();
  });

  it('criteria through HTTP (RLN edition requests): 202 or 400, never a 500, never another centre\'s jury', async () => {
    const centre = s.get('centre-0250001R')!;
    const crit = fc.record({ field: fc.oneof(fc.constantFrom(...CRITERION_FIELDS), hostile), op: fc.oneof(fc.constantFrom(...CRITERION_OPERATORS), hostile), values: fc.array(hostile, { maxLength: 4 }) });
    await fc.assert(fc.asyncProperty(fc.array(crit, { maxLength: 3 }), fc.constantFrom(['31311'], ['31408'], ['31311', "31311' --"]), async (criteria, juries) => {
      const res = await app.inject({
        method: 'POST', url: '/api/editions/rln/jobs', headers: { cookie: centre.cookie, 'x-csrf-token': centre.csrf },
        payload: { juries, title: 'RLN', format: 'pdf', rln: { signatureLieu: 'Besançon', signatureDate: '06/07/2023', criteria } },
      });
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect([202, 400, 404, 422]).toContain(res.statusCode);
      if ((juries as readonly string[]).includes('31408')) expect(res.statusCode).not.toBe(202);
    }), { seed: 5, numRuns: 40 });
  });
});
