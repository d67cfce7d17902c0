// The 2nd-group grids are paged, sorted and filtered by the server (issue #18 point 5), like the
// juries list: a page of rows with the count of matching rows and of all rows; the choices grid by
// any column, its search and a filter per column, and Exporter CSV of every matching row; the grade
// grid in grid order, by jury, épreuve and search, with its filters' choices and its progress counted
// over every row.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { controleChoice } from '../../support/factories.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';
import { secondGroupWorld, type World } from './world.js';

interface ChoicePage { rows: { candidateId: number; candidat: string; juryCode: string; specialiteCode: string; handicap: boolean }[]; units: Record<string, unknown>; total: number; all: number; page: number; pageSize: number }
interface GradePage { rows: { candidateId: number; epreuveCode: string; juryCode: string; epreuveLibelle: string; status: string }[]; total: number; all: number; page: number; pageSize: number; juries: string[]; epreuves: string[]; done: number }

describeEachDialect('2nd group: grids paged, sorted and filtered by the server', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let aca: Session, centre: Session;

  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await secondGroupWorld(h.db);
    await h.db.updateTable('candidate').set({ handicap: 'Tiers temps' }).where('id', '=', w.j198.di).execute();
    await controleChoice(h.db, w.j200.a, 'U1', 'U2');
    await controleChoice(h.db, w.j200.b, 'U2', 'U3');
    app = await testApp(h);
    [aca, centre] = await Promise.all([login(app, 'academie'), login(app, 'centre-0250001R')]);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const choices = async (s: Session, query: string) => {
    const res = await call(app, s, 'GET', `/api/second-group/choices${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ChoicePage;
  };
  const grades = async (s: Session, query: string) => {
    const res = await call(app, s, 'GET', `/api/second-group/grades${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as GradePage;
  };
  const names = (p: ChoicePage) => p.rows.map((r) => r.candidat.split(' ')[0]!);

  it('choices: a page at a time, every page together the whole grid in the asked order', async () => {
    const whole = await choices(aca, '');
    expect(whole).toMatchObject({ total: 6, all: 6, page: 1, pageSize: 50 });
    const byTwo: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await choices(aca, `?pageSize=2&page=${page}`);
      expect(p).toMatchObject({ total: 6, all: 6, page, pageSize: 2 });
      expect(p.rows).toHaveLength(2);
      byTwo.push(...names(p));
    }
    expect(byTwo).toEqual(names(whole));
    expect([...byTwo].sort()).toEqual(byTwo); // default: by candidate
    // beyond the last page: the last page
    expect(await choices(aca, '?pageSize=4&page=9')).toMatchObject({ page: 2, total: 6 });
    const desc = await choices(aca, '?sort=candidat&order=desc');
    expect(names(desc)).toEqual([...byTwo].reverse());
    const byJury = await choices(aca, '?sort=jury&order=desc&pageSize=1');
    expect(byJury.rows[0]!.juryCode).toBe([...new Set(whole.rows.map((r) => r.juryCode))].sort().at(-1));
    // only the spécialités of the page's rows in `units`
    expect(Object.keys(byJury.units)).toEqual([byJury.rows[0]!.specialiteCode]);
  });

  it('choices: the search, a filter per column (accents and case ignored), counted against the whole grid', async () => {
    const bravo = await choices(aca, '?candidat=BRÂVO');
    expect(names(bravo)).toEqual(['BRAVO']);
    expect(bravo).toMatchObject({ total: 1, all: 6 });
    expect((await choices(aca, '?handi=oui')).rows.map((r) => r.candidateId)).toEqual([w.j198.di]);
    expect((await choices(aca, '?q=40200')).rows.map((r) => r.juryCode)).toEqual(['40200', '40200']);
    expect((await choices(aca, '?q=40200&candidat=echo')).total).toBe(1);
    expect(await choices(aca, '?candidat=zzz')).toMatchObject({ rows: [], total: 0, all: 6, page: 1 });
    // the centre: its own juries only, whatever the criteria
    expect((await choices(centre, '?pageSize=500')).all).toBe(5);
    // bad criteria: a clear refusal
    for (const bad of ['?page=0', '?pageSize=501', '?sort=nom', '?order=up']) expect((await call(app, aca, 'GET', `/api/second-group/choices${bad}`)).statusCode).toBe(400);
  });

  it('Exporter CSV with the criteria: every matching row, every page, in the grid order', async () => {
    const res = await call(app, aca, 'POST', '/api/second-group/choices/export', { criteria: { q: '40200', sort: 'candidat', order: 'desc' } });
    expect(res.statusCode).toBe(200);
    const lines = res.rawPayload.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^FOXTROT/);
    expect(lines[2]).toMatch(/^ECHO/);
  });

  it('grades: a page at a time in grid order, by jury, épreuve and search; filters and progress over every row', async () => {
    const whole = await grades(centre, '?mode=first');
    expect(whole).toMatchObject({ total: 4, all: 4, page: 1, juries: ['40200'], epreuves: ['Épreuve U1', 'Épreuve U2', 'Épreuve U3'], done: 0 });
    const paged: string[] = [];
    for (let page = 1; page <= 2; page++) {
      const p = await grades(centre, `?mode=first&pageSize=3&page=${page}`);
      expect(p).toMatchObject({ total: 4, all: 4, page });
      paged.push(...p.rows.map((r) => `${r.candidateId}:${r.epreuveCode}`));
    }
    expect(paged).toEqual(whole.rows.map((r) => `${r.candidateId}:${r.epreuveCode}`));
    const u2 = await grades(centre, `?mode=first&epreuve=${encodeURIComponent('Épreuve U2')}`);
    expect(u2.rows.map((r) => r.candidateId)).toEqual([w.j200.a, w.j200.b]);
    expect(u2).toMatchObject({ total: 2, all: 4, epreuves: whole.epreuves });
    expect((await grades(centre, '?mode=first&jury=40198')).total).toBe(0);
    expect((await grades(centre, `?mode=first&q=${encodeURIComponent('non SAISIE')}`)).total).toBe(4);
    const saved = await call(app, centre, 'POST', '/api/second-group/grades', { mode: 'first', entries: [{ candidateId: w.j200.a, epreuveCode: 'U1', value: '12', expectedVersion: 0 }] });
    expect(saved.statusCode).toBe(200);
    // the progress counts every row, not the page
    expect(await grades(centre, '?mode=first&pageSize=1&page=4')).toMatchObject({ done: 1, all: 4, total: 4 });
    expect((await grades(centre, '?mode=first&q=12,00')).rows.map((r) => `${r.candidateId}:${r.epreuveCode}`)).toEqual([`${w.j200.a}:U1`]);
    expect((await call(app, centre, 'GET', '/api/second-group/grades?mode=first&pageSize=0')).statusCode).toBe(400);
  });
});
