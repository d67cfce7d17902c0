// Lists paged and sorted by the server (issue #18, point 5): with 60 more juries than the demo's, the
// académie's home shows 50 juries and a DSFR pagination; the next page and a sort ask the server again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { axeViolations, launchBrowser, login, newPage, openActivity, screenshot, type TrackedPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;
let total = 0;
let codes: string[] = [];
let firstAt000 = '';

/** 60 juries copied from 31310 (codes 90000…90059, state 000): a list longer than one page. */
function addJuries(file: string): { total: number; codes: string[]; firstAt000: string } {
  const db = new Database(file);
  try {
    const model = db.prepare("SELECT * FROM jury WHERE code = '31310'").get() as Record<string, unknown>;
    const cols = Object.keys(model);
    const insert = db.prepare(`INSERT INTO jury (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    db.transaction(() => {
      for (let i = 0; i < 60; i++) insert.run(...cols.map((c) => (c === 'code' ? String(90000 + i) : c === 'etat' ? '000' : model[c])));
    })();
    const all = db.prepare('SELECT code, etat FROM jury ORDER BY code').all() as { code: string; etat: string }[];
    return { total: all.length, codes: all.map((j) => j.code), firstAt000: all.find((j) => j.etat === '000')!.code };
  } finally {
    db.close();
  }
}

const rows = () => page.getByTestId('dashboard-table').locator('tbody tr');

describe('server-side pagination of the juries', () => {
  beforeAll(async () => {
    server = await startServer('pagination');
    ({ total, codes, firstAt000 } = addJuries(server.databaseFile!));
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the first 50 juries, then the next page, in the order asked of the server', async () => {
    expect(total).toBeGreaterThan(60);
    await login(page, 'academie', 'demo-academie-2023');
    await page.getByTestId('dashboard-table').waitFor();
    await page.getByText(`Jurys 1 à 50 sur ${total}`).waitFor();
    expect(await rows().count()).toBe(50);
    expect(await rows().first().locator('td').first().textContent()).toBe(codes[0]);
    const nav = page.getByRole('navigation', { name: 'Pages de la liste des jurys' });
    await expect(nav.getByRole('button', { name: '1', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    await screenshot(page, 'pagination-1-accueil-academie');
    expect(await axeViolations(page)).toEqual([]);

    await nav.getByRole('button', { name: 'Page suivante' }).click();
    await page.getByText(`Jurys 51 à ${total} sur ${total}`).waitFor();
    expect(await rows().count()).toBe(total - 50);
    expect(await rows().last().locator('td').first().textContent()).toBe(codes[codes.length - 1]);
    await expect(nav.getByRole('button', { name: 'Page suivante' }).isDisabled()).resolves.toBe(true);

    // sorting asks the server and goes back to page 1: the juries at 000 come first, by code
    await page.getByRole('button', { name: /^Etat d'avancement du jury/ }).click();
    await page.getByText(`Jurys 1 à 50 sur ${total}`).waitFor();
    await expect(page.getByRole('columnheader', { name: /Etat d'avancement du jury/ }).getAttribute('aria-sort')).resolves.toBe('ascending');
    expect(await rows().first().locator('td').first().textContent()).toBe(firstAt000);
    await screenshot(page, 'pagination-2-tri-etat');
    expect(tracked.problems).toEqual([]);
  });

  it("pages and filters an edition's juries on the server; « tous » selects across pages", async () => {
    await openActivity(page, 'Avant la délibération du 1er groupe', 'Editer les listes de candidats');
    const selection = page.getByTestId('jury-selection');
    await selection.getByText(`Jurys 1 à 50 sur ${total}`).waitFor();
    expect(await page.getByTestId('edition-juries').locator('tbody tr').count()).toBe(50);
    await selection.locator('label[for="juries-all"]').click();
    const count = await selection.getByText(/jury\(s\) sélectionné\(s\) sur/).textContent();
    const [picked, of] = /^(\d+) jury\(s\) sélectionné\(s\) sur (\d+)/.exec(count!)!.slice(1).map(Number);
    expect(picked).toBe(of);
    await selection.getByLabel('Rechercher dans les résultats').fill(codes[codes.length - 1]!);
    await page.getByTestId(`edition-jury-${codes[codes.length - 1]}`).waitFor();
    await expect.poll(() => page.getByTestId('edition-juries').locator('tbody tr').count()).toBe(1);
    // the selection made across pages stays
    expect(await selection.getByText(/jury\(s\) sélectionné\(s\) sur/).textContent()).toBe(count);
    await screenshot(page, 'pagination-3-edition-filtre');
    expect(await axeViolations(page)).toEqual([]);
    expect(tracked.problems).toEqual([]);
  });
});
