// Issue #14 item 14 and issue #19 point 1 in the browser: the académie edits an account and resets its
// password (shown once), the account must then choose its own (guessable ones refused), and the
// académie opens a PVI read-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, logout, newPage, screenshot, unlabelledControls, type TrackedPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;

describe('accounts: edit, reset, one-time password, académie reads a PVI', () => {
  beforeAll(async () => {
    server = await startServer('accounts');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
    page.on('dialog', (d) => void d.accept());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  let oneTime = '';

  it('without an OpenID provider configured, the login page has no « Connexion agent »', async () => {
    const sso = page.waitForResponse((r) => r.url().endsWith('/api/auth/sso'));
    await page.goto('/connexion');
    expect(await (await sso).json()).toEqual({ enabled: false, label: null });
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Connexion agent' }).count()).toBe(0);
    expect(await page.getByTestId('agent-login').count()).toBe(0);
  });

  it('the académie renames an account and resets its password, shown once', async () => {
    await login(page, 'academie', 'demo-academie-2023');
    await page.goto('/academie/utilisateurs');
    const row = page.getByTestId('user-centre-0390007W');
    await row.getByRole('button', { name: 'Modifier' }).click();
    await row.getByRole('textbox', { name: 'Nouveau nom' }).fill('Chef de centre — Lycée du Jura');
    await row.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('Chef de centre — Lycée du Jura');
    await row.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
    const shown = page.getByTestId('one-time-password');
    await shown.waitFor();
    oneTime = (await shown.textContent())!.trim();
    expect(oneTime).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('Actif (mot de passe à usage unique)');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'accounts-01-reset');
    await logout(page);
  });

  it('the account logs in with it and must choose its own password; a guessable one is refused', async () => {
    await login(page, 'centre-0390007W', oneTime);
    await page.getByRole('heading', { level: 1, name: 'Choisir votre mot de passe' }).waitFor();
    // nothing else opens meanwhile
    await page.goto('/journal');
    await page.getByRole('heading', { level: 1, name: 'Choisir votre mot de passe' }).waitFor();
    await page.getByLabel('Mot de passe reçu (à usage unique)').fill(oneTime);
    await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill('password1234');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('password1234');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.getByText(/trop facile à deviner/).waitFor();
    await screenshot(page, 'accounts-02-guessable');
    await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill('lanterne-velours-quatorze-ardoise');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('lanterne-velours-quatorze-ardoise');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    await logout(page);
    await login(page, 'centre-0390007W', 'lanterne-velours-quatorze-ardoise');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('Choisir votre mot de passe');
    await logout(page);
  });

  it('the académie opens a PVI of a jury read-only', async () => {
    await login(page, 'academie', 'demo-academie-2023');
    await page.goto('/academie/consulter-jury');
    await page.getByRole('heading', { level: 1, name: 'Académie - Consulter un jury' }).waitFor();
    await page.getByRole('textbox', { name: 'Code du jury' }).fill('31310');
    await page.getByRole('button', { name: 'Afficher les candidats' }).click();
    const link = page.getByRole('link', { name: /Procès-verbal individuel du candidat/ }).first();
    await link.click();
    await page.getByRole('heading', { level: 1, name: /Procès-verbal individuel - / }).waitFor();
    await page.getByTestId('pvi-ects').waitFor();
    expect(await page.getByRole('button', { name: /^(Modifier|Saisir) la note/ }).count()).toBe(0);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'accounts-03-pvi-academie');
    await page.getByRole('link', { name: 'Retour à la liste des candidats' }).click();
    await page.getByRole('link', { name: /Procès-verbal individuel du candidat/ }).first().waitFor();
    expect(tracked.problems).toEqual([]);
  });
});
