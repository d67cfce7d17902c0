// Every role's pages render under the strict CSP, with labelled controls: académie screens, jury portal
// placeholder, centre d'épreuve page, and the menu's disabled activities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { strToU8, zipSync } from 'fflate';
import { launchBrowser, login, logout, newPage, screenshot, unlabelledControls, type TrackedPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;

async function visit(path: string, h1: string, shot: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
  await page.waitForLoadState('networkidle');
  await screenshot(page, shot);
  expect(await unlabelledControls(page), `unlabelled controls on ${path}`).toEqual([]);
  expect(await page.title()).toBe(`${h1} - Délib`);
}

describe('pages of each role', () => {
  beforeAll(async () => {
    server = await startServer('roles');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('académie: home and its activities', async () => {
    await login(page, 'academie', 'demo-academie-2023');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await screenshot(page, '20-accueil-academie');
    await visit('/academie/importer-session', 'Académie - Importer une session', '21-importer-session');
    // an incomplete session folder: refused as a whole, each error with its file and line
    const zip = zipSync({ 'session.csv': strToU8('domaine;session\nBTS;2023-06\n') });
    await page.getByLabel('Dossier de la session (.zip)').setInputFiles({ name: 'session.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByTestId('import-errors').waitFor();
    await screenshot(page, '21b-import-refuse');
    await visit('/academie/ouvrir-deliberations', 'Académie - Ouvrir les délibérations', '22-ouvrir-deliberations');
    await visit('/academie/verrouillages', 'Académie - Verrouillages', '23-verrouillages');
    await page.getByRole('tab', { name: 'Vue détaillée' }).click();
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.getByTestId('juries-table').waitFor();
    await screenshot(page, '24-verrouillages-detail');
    await visit('/academie/acces-secours', 'Académie - Accès de secours des jurys', '25-acces-secours');
    // issue #13.6: activation asks for a confirmation and a required motif (journaled)
    await page.getByTestId('emergency-row-31310').getByRole('button', { name: 'Activer' }).click();
    const dialog = page.getByRole('dialog', { name: "Activer l'accès de secours du jury 31310 ?" });
    await dialog.waitFor();
    await dialog.getByTestId('emergency-confirm-ok').click();
    await dialog.getByText("Le motif est obligatoire pour activer l'accès de secours").waitFor();
    await page.getByTestId('emergency-row-31310').getByText('Désactivé', { exact: true }).waitFor();
    await dialog.getByLabel('Motif (obligatoire)').fill('Coupure du réseau du centre pendant la délibération');
    await dialog.getByTestId('emergency-confirm-ok').click();
    await page.getByTestId('emergency-row-31310').getByText('Activé', { exact: true }).waitFor();
    await page.getByTestId('emergency-row-31310').getByRole('button', { name: 'Désactiver' }).click();
    await page.getByRole('dialog', { name: "Désactiver l'accès de secours du jury 31310 ?" }).getByTestId('emergency-confirm-ok').click();
    await page.getByTestId('emergency-row-31310').getByText('Désactivé', { exact: true }).waitFor();
    await visit('/academie/utilisateurs', 'Académie - Utilisateurs', '26-utilisateurs');
    await page.getByLabel('Mot de passe').fill('court');
    await page.getByRole('button', { name: "Créer l'utilisateur" }).click();
    await page.getByText('au moins 12 caractères').first().waitFor();
    await visit('/journal', 'Journal', '27-journal-academie');
    await logout(page);
  });

  it('centre: the DÉLIBÉRATION menu holds the memo tree, unavailable activities are not links', async () => {
    await login(page, 'centre-0250001R', 'demo-centre-2023');
    const nav = page.getByRole('navigation', { name: 'Menu des activités' });
    for (const section of ['Préparation des livrets scolaires pour le jury', 'Avant la délibération du 1er groupe',
      'Après la délibération du 1er groupe', 'Organisation du 2nd groupe', 'Avant la délibération du 2nd groupe',
      'Après la délibération du 2nd groupe', 'Général']) {
      const button = nav.getByRole('button', { name: section, exact: true });
      if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    }
    // every activity of the memo is built now (editions included): each entry is a link
    const planSecours = nav.getByTestId('menu-plan-secours-1');
    expect(await planSecours.evaluate((e) => e.tagName)).toBe('A');
    expect(await nav.locator('[aria-disabled="true"]').count()).toBe(0);
    await screenshot(page, '28-menu-deliberation');
    await visit('/deliberation', 'Délibération', '29-deliberation');
    await visit('/deliberation/avant-2nd-groupe/ouvrir-deliberation-2nd-groupe',
      'Délibération - Avant la délibération du 2nd groupe - Ouvrir la délibération du 2nd groupe', '30-ouvrir-2nd-groupe');
    await visit('/deliberation/apres-2nd-groupe/terminer-2nd-groupe',
      'Délibération - Après la délibération du 2nd groupe - Terminer le 2nd groupe', '31-terminer-2nd-groupe');
    await visit('/academie/utilisateurs', 'Accès refusé', '32-acces-refuse');
    await logout(page);
  });

  it("jury and centre d'épreuve: their own pages", async () => {
    await login(page, 'jury-31310', 'demo-jury-2023');
    // a jury account first says who deliberates (jury-portal.e2e.test.ts covers the portal itself)
    await page.getByRole('heading', { level: 1, name: 'Qui délibère ?' }).waitFor();
    await page.locator('label', { hasText: 'DUBOIS Pierre' }).click();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Portail du jury' }).waitFor();
    await page.getByTestId('jury-state').filter({ hasText: '110 - Délibération du 1er groupe' }).waitFor();
    await screenshot(page, '33-portail-jury');
    await logout(page);

    await login(page, 'epreuve-0250013D', 'demo-epreuve-2023');
    await page.getByRole('heading', { level: 1, name: "Centre d'épreuve" }).waitFor();
    await screenshot(page, '34-centre-epreuve');
    expect(tracked.problems).toEqual([]);
  });
});
