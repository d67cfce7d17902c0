// Issue #14, screens (items 11, 12, 13) on the demonstration session, through the real server and Chromium:
// the journal names candidates and épreuves in French with one stated time zone; an open PVI follows the
// other member's change; and the rough edges of the centre's screens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, logout, newPage, screenshot, type TrackedPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const GOLDEN = 'T230A031000004'; // AZBTSUN John, candidate n° 02319252150 of jury 31310

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;
let goldenPath = '';

async function chooseMember(p: Page, name: string): Promise<void> {
  await p.getByRole('heading', { level: 1, name: 'Qui délibère ?' }).waitFor();
  await p.locator('label', { hasText: name }).click();
  await p.getByRole('button', { name: 'Valider' }).click();
  await p.getByRole('heading', { level: 1, name: 'Portail du jury' }).waitFor();
}

/** The other member of jury 31310 changes a grade of the golden candidate, from another browser. */
async function otherMemberChanges(epreuve: string, value: string, version: number): Promise<void> {
  const other = await newPage(browser, server.baseUrl);
  await login(other.page, 'jury-31310', 'demo-jury-2023');
  await chooseMember(other.page, 'MARTIN Claire');
  const csrf = await other.page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).csrfToken as string);
  const res = await other.page.request.post(`/api/deliberation/candidates/${goldenPath.split('/').pop()}/grade-changes`, {
    headers: { 'x-csrf-token': csrf }, data: { group: 1, epreuve, value, version },
  });
  expect(res.status(), await res.text()).toBe(200);
  await other.page.context().close();
}

describe('screens of issue #14', () => {
  beforeAll(async () => {
    server = await startServer('screens');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('12: an open PVI shows the grade the other member changed, and an open editor keeps what was typed', async () => {
    await login(page, 'jury-31310', 'demo-jury-2023');
    await chooseMember(page, 'DUBOIS Pierre');
    await page.getByRole('link', { name: `Procès-verbal individuel du candidat ${GOLDEN}` }).click();
    await page.getByTestId('pvi-moyenne').filter({ hasText: '9,95/20' }).waitFor();
    goldenPath = new URL(page.url()).pathname;

    // U1 changed by MARTIN Claire: the PVI follows without a reload (decision and grade)
    await otherMemberChanges('U1', '10', 1);
    await page.getByTestId('grade-1-U1').filter({ hasText: '10,00' }).waitFor({ timeout: 45_000 });
    await page.getByTestId('pvi-decision').filter({ hasText: /^Admis$/ }).waitFor();
    expect(await page.getByTestId('unit-row-U1').textContent()).toContain('Modifiée par MARTIN Claire (note initiale : 9,00)');
    await screenshot(page, 'sc-12-pvi-actualise');

    // an editor open on U3 while she changes U3: the refresh keeps the typed value, the save is a conflict
    await page.getByRole('button', { name: 'Modifier la note U3 - ', exact: false }).click();
    await page.getByLabel(/^Nouvelle note - U3/).fill('13');
    await otherMemberChanges('U3', '12', 1);
    await page.getByTestId('grade-1-U3').filter({ hasText: '12,00' }).waitFor({ timeout: 45_000 });
    expect(await page.getByLabel(/^Nouvelle note - U3/).inputValue()).toBe('13');
    await page.getByTestId('grade-save').click();
    await page.getByTestId('grade-conflict').filter({ hasText: 'modifiée entre-temps par MARTIN Claire (valeur actuelle : 12,00)' }).waitFor();
    await page.getByRole('button', { name: 'Abandonner ma saisie' }).click();
  });

  it("11: the journal names the candidate (N° anonymat for the jury) and the épreuve, in French, in one stated time zone", async () => {
    await page.goto('/journal');
    const table = page.getByTestId('journal-table');
    const u1 = table.locator('tbody tr').filter({ hasText: 'Note modifiée en délibération' }).filter({ hasText: 'Culture générale et expression (U1)' });
    await u1.waitFor();
    expect(await u1.textContent()).toContain(`Candidat n° d'anonymat ${GOLDEN} · Culture générale et expression (U1) · note du 1er groupe`);
    expect(await table.locator('thead').textContent()).toContain('Date (heure de Paris)');
    await page.getByTestId('journal-timezone').filter({ hasText: 'Toutes les heures sont données en heure de Paris.' }).waitFor();
    const all = await table.textContent();
    expect(all).not.toMatch(/\b(grade|controle_grade|candidate):\d/);
    expect(all).not.toContain('02319252150'); // a jury deliberates on anonymous candidates
    await screenshot(page, 'sc-11-journal-jury');
    await logout(page);

    await login(page, 'academie', 'demo-academie-2023');
    await page.goto('/journal');
    const row = page.getByTestId('journal-table').locator('tbody tr').filter({ hasText: 'Culture générale et expression (U1)' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Candidat n° 02319252150 · Culture générale et expression (U1) · note du 1er groupe');
    await page.goto('/journal?action=IMPORT_SESSION');
    const imported = page.getByTestId('journal-table').locator('tbody tr').filter({ hasText: 'Import de la session' });
    await imported.waitFor();
    const text = (await imported.textContent()) ?? '';
    expect(text).toContain('Session (dossier importé)');
    expect(text).toMatch(/nouveaux candidats : \d+/);
    expect(text).not.toMatch(/[[\]{}"]|candidatsNouveaux|optionnels/);
    await screenshot(page, 'sc-11-journal-academie');
    await logout(page);
    expect(tracked.problems).toEqual([]);
  });
});
