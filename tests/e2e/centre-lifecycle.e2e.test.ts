// The chef de centre's jury-state activities on the demonstration session (memo §4.3, §6.3, §7.3,
// "Gérer l'avancement des jurys"), through the real server and Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, logout, newPage, openActivity, screenshot, type TrackedPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const CENTRE = { login: 'centre-0250001R', password: 'demo-centre-2023' };
const OTHER_CENTRE = { login: 'centre-0390007W', password: 'demo-centre-2023' };
const DEMO_STATES: Record<string, string> = {
  '20112': '130 - Editions après la délibération du 1er groupe',
  '22207': '110 - Délibération du 1er groupe',
  '25302': '140 - 1er groupe terminé en centre',
  '31310': '110 - Délibération du 1er groupe',
  '31408': '198 - 1er groupe verrouillé en académie',
};
const APRES_1 = 'Après la délibération du 1er groupe';

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;

async function count(p: Page, etat: string, n: number): Promise<void> {
  await p.getByTestId(`summary-count-${etat}`).filter({ hasText: new RegExp(`^${n}$`) }).waitFor();
}

async function juryState(p: Page, code: string, text: string): Promise<void> {
  await p.getByTestId(`jury-etat-${code}`).filter({ hasText: text }).waitFor();
}

async function searchAll(p: Page): Promise<void> {
  await p.getByRole('tab', { name: 'Vue détaillée' }).click();
  await p.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await p.getByTestId('juries-table').waitFor();
}

describe('centre de délibération: jury lifecycle', () => {
  beforeAll(async () => {
    server = await startServer('centre');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks to log in, then shows the centre its juries and their states', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await screenshot(page, '01-connexion');

    await page.getByLabel('Identifiant').fill(CENTRE.login);
    await page.getByLabel('Mot de passe').fill('mauvais mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: 'Connexion impossible' }).waitFor();
    await screenshot(page, '02-connexion-refusee');

    await login(page, CENTRE.login, CENTRE.password);
    await page.getByTestId('dashboard-table').waitFor();
    for (const [code, state] of Object.entries(DEMO_STATES)) {
      await page.getByTestId(`dashboard-row-${code}`).filter({ hasText: state }).waitFor();
    }
    expect(await page.getByTestId('dashboard-row-20113').count()).toBe(0);
    await expect(page.title()).resolves.toContain('Délib');
    await screenshot(page, '03-accueil-centre');
  });

  it('terminates the 1st group of the juries at 130 from the Vue synthétique, after confirmation', async () => {
    await openActivity(page, APRES_1, 'Terminer le 1er groupe');
    const h1 = await page.getByRole('heading', { level: 1 }).textContent();
    expect(h1).toBe('Délibération - Après la délibération du 1er groupe - Terminer le 1er groupe');
    await page.getByTestId('context-line').filter({ hasText: 'BTS - 2023-06 - ACADÉMIE DE BESANCON' }).waitFor();
    await page.getByText('Période de délibération :').waitFor();
    await count(page, '130', 1);
    await count(page, '110', 2);
    await count(page, '140', 1);
    await count(page, '198', 1);
    expect(await page.getByTestId('bulk-200').isDisabled()).toBe(true);
    await screenshot(page, '04-terminer-1er-groupe-synthese');

    await page.getByTestId('bulk-130').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Confirmer « Terminer 1er groupe » ?').waitFor();
    await screenshot(page, '05-confirmation');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    // the DSFR modal ignores a new opening while its closing transition runs (seen under load)
    await dialog.waitFor({ state: 'hidden' });
    await count(page, '130', 1);

    await page.getByTestId('bulk-130').click();
    await dialog.getByText('Confirmer « Terminer 1er groupe » ?').waitFor();
    await page.getByTestId('bulk-confirm-ok').click();
    await page.getByRole('status').filter({ hasText: '1 jury(s) traité(s)' }).waitFor();
    await count(page, '130', 0);
    await count(page, '140', 2);
    await screenshot(page, '06-terminer-1er-groupe-fait');
  });

  it('refuses an exceptional change without a reason and changes nothing', async () => {
    await openActivity(page, 'Général', "Gérer l'avancement des jurys");
    await page.getByText('Activité réservée aux situations exceptionnelles').waitFor();
    await searchAll(page);
    await page.getByLabel('Nouvel état du jury 25302').selectOption('130');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Le motif est obligatoire').first().waitFor();
    await screenshot(page, '07-avancement-sans-motif');
    // the server refuses it too (the screen is not the only guard)
    const res = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const r = await fetch('/api/juries/25302/exceptional-state', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ to: '130', expectedEtat: '140', reason: '  ' }),
      });
      return { status: r.status, body: (await r.json()) as { message?: string } };
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body.message).toMatch(/motif/i);
    await page.getByRole('button', { name: 'Rafraîchir' }).last().click();
    await juryState(page, '25302', '140 - 1er groupe terminé en centre');
  });

  it('reopens a jury exceptionally with a reason, then terminates it from the Vue détaillée', async () => {
    await page.getByLabel('Nouvel état du jury 20112').selectOption('130');
    await page.getByLabel('Motif (obligatoire)').fill('PV à rééditer : erreur de saisie signalée par le président.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    // issue #13.6: a confirmation first, listing the change and its motif; nothing is saved before it
    const dialog = page.getByRole('dialog', { name: "Confirmer le changement d'état exceptionnel ?" });
    await dialog.waitFor();
    expect(await dialog.getByTestId('exceptional-confirm-list').innerText()).toMatch(/Jury 20112 : 140 - 1er groupe terminé en centre → 130 - Editions après la délibération du 1er groupe/);
    await dialog.getByText('Motif : « PV à rééditer : erreur de saisie signalée par le président. »').waitFor();
    await juryState(page, '20112', '140 - 1er groupe terminé en centre');
    await dialog.getByTestId('exceptional-confirm-ok').click();
    await page.getByTestId('jury-outcome-20112').filter({ hasText: 'Enregistré' }).waitFor();
    await juryState(page, '20112', '130 - Editions après la délibération du 1er groupe');
    await screenshot(page, '08-avancement-avec-motif');

    await openActivity(page, APRES_1, 'Terminer le 1er groupe');
    await searchAll(page);
    await page.getByLabel('Nouvel état du jury 20112').selectOption('140');
    await screenshot(page, '09-vue-detaillee-nouvel-etat');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('exceptional-confirm-ok').click(); // every change is confirmed first (issue #14, item 13)
    await page.getByTestId('jury-outcome-20112').filter({ hasText: 'Enregistré' }).waitFor();
    await juryState(page, '20112', '140 - 1er groupe terminé en centre');
    await screenshot(page, '10-vue-detaillee-enregistre');
  });

  it('keeps the search criteria "Voir plus de critères de recherche"', async () => {
    await page.getByRole('button', { name: 'Voir plus de critères de recherche' }).click();
    await page.getByLabel('Code jury').fill('313');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.getByTestId('jury-row-31310').waitFor();
    expect(await page.getByTestId('jury-row-20112').count()).toBe(0);
    await page.getByRole('button', { name: 'Voir moins de critères de recherche' }).waitFor();
    await screenshot(page, '11-recherche-code-jury');
  });

  it('shows the journal of these changes', async () => {
    await page.goto('/journal');
    await page.getByTestId('journal-table').waitFor();
    await page.getByTestId('journal-table').getByText('PV à rééditer', { exact: false }).first().waitFor();
    await screenshot(page, '12-journal');
  });

  it('the other centre sees none of these juries', async () => {
    await logout(page);
    await login(page, OTHER_CENTRE.login, OTHER_CENTRE.password);
    await page.getByTestId('dashboard-table').waitFor();
    for (const code of Object.keys(DEMO_STATES)) expect(await page.getByTestId(`dashboard-row-${code}`).count()).toBe(0);
    await page.getByTestId('dashboard-row-20113').waitFor();
    await screenshot(page, '13-autre-centre');
    expect(tracked.problems).toEqual([]);
  });
});
