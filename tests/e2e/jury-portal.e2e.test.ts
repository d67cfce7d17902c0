// The jury portal on the demonstration session, through the real server and Chromium: who deliberates,
// the candidates of jury 31310, the golden candidate's PVI, a grade raised with the keyboard alone
// (the decision changes, the journal has it), closing refused while a candidate is incomplete, the
// missing grade entered, the closing, and another jury that reaches nothing of 31310.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, logout, newPage, screenshot, unlabelledControls, type TrackedPage, chooseMember } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const GOLDEN = 'T230A031000004'; // AZBTSUN John: 9,95 / 10,00 → Passe les épreuves de contrôle
const MISSING = 'T230A031000008'; // PETIT Camille: U41 missing

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;
let goldenUrl = '';

/** Presses Tab until the focused element has this accessible label (aria-label); fails after `max`. */
async function tabTo(p: Page, label: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    const current = await p.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    if (current === label) return;
  }
  throw new Error(`« ${label} » never received the focus with Tab`);
}

describe('jury portal', () => {
  beforeAll(async () => {
    server = await startServer('jury-portal');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('jury 31310: says who deliberates, then sees its candidates by anonymous number', async () => {
    await login(page, 'jury-31310', 'demo-jury-2023');
    await page.getByRole('heading', { level: 1, name: 'Qui délibère ?' }).waitFor();
    await page.locator('label', { hasText: 'MARTIN Claire' }).waitFor();
    await screenshot(page, 'jp-40-qui-delibere');
    await chooseMember(page, 'DUBOIS Pierre');
    await page.getByTestId('acting-member').filter({ hasText: 'DUBOIS Pierre (président(e) du jury)' }).waitFor();
    await page.getByTestId('jury-state').filter({ hasText: '110 - Délibération du 1er groupe' }).waitFor();
    await page.getByTestId('candidates-table').waitFor();
    expect(await page.getByTestId('counts-INCOMPLET').textContent()).toMatch(/^1\s*Incomplet$/);
    const golden = page.getByTestId(`candidate-row-${GOLDEN}`);
    expect(await golden.locator('td').nth(1).textContent()).toBe('9,95');
    expect(await golden.locator('td').nth(2).textContent()).toBe('10,00');
    expect(await page.getByTestId(`decision-${GOLDEN}`).textContent()).toBe('Passe les épreuves de contrôle');
    expect(await page.getByTestId('candidates-table').textContent()).not.toContain('AZBTSUN');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'jp-41-portail-jury');

    // sortable (aria-sort) and filterable
    const moyenne = page.getByRole('columnheader', { name: /Moyenne\b(?! pro)/ });
    await moyenne.getByRole('button').click();
    expect(await moyenne.getAttribute('aria-sort')).toBe('ascending');
    await page.getByLabel('Décision proposée').selectOption('INCOMPLET');
    await page.getByTestId('candidates-count').filter({ hasText: '1 candidat(s) affiché(s)' }).waitFor();
    await page.getByTestId(`candidate-row-${MISSING}`).waitFor();
    await page.getByLabel('Décision proposée').selectOption('');

    // identity on demand (journaled)
    await page.getByRole('button', { name: `Afficher l'identité du candidat ${GOLDEN}` }).click();
    await page.getByTestId(`identity-${GOLDEN}`).filter({ hasText: 'AZBTSUN John' }).waitFor();
    await screenshot(page, 'jp-42-identite');
  });

  it("opens AZBTSUN John's PVI and raises a grade with the keyboard alone: he is admitted, the journal has it", async () => {
    await page.getByRole('link', { name: `Procès-verbal individuel du candidat ${GOLDEN}` }).click();
    await page.getByTestId('pvi-moyenne').filter({ hasText: '9,95/20' }).waitFor();
    goldenUrl = new URL(page.url()).pathname;
    expect(goldenUrl).toMatch(/^\/jury\/candidats\/\d+$/);
    expect(await page.getByTestId('pvi-moyenne-pro').textContent()).toBe('10,00/20');
    expect(await page.getByTestId('pvi-decision').textContent()).toBe('Passe les épreuves de contrôle');
    expect(await page.getByTestId('pvi-rule').textContent()).toMatch(/Moyenne 9,95 .* 10,00/);
    expect(await page.getByTestId('unit-row-U2').textContent()).toContain('11,00');
    expect(await page.getByTestId('leaf-row-U2O').textContent()).toContain('16,00');
    expect(await page.getByTestId('pvi-livret').textContent()).toBe('reçu');
    await screenshot(page, 'jp-43-pvi-azbtsun');

    // keyboard only: Tab to "Modifier la note U1", Enter, type, Tab to the comment, type, Enter
    await tabTo(page, 'Modifier la note U1 - Culture générale et expression');
    await page.keyboard.press('Enter');
    await page.getByTestId('editor-U1').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('note');
    await page.keyboard.type('10');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('commentaire');
    await page.keyboard.type('Erreur de report de la note');
    await screenshot(page, 'jp-44-pvi-saisie-clavier');
    await page.keyboard.press('Enter');
    await page.getByTestId('pvi-decision').filter({ hasText: /^Admis$/ }).waitFor();
    expect(await page.getByTestId('pvi-moyenne').textContent()).toBe('10,10/20');
    expect(await page.getByTestId('grade-1-U1').textContent()).toBe('10,00');
    expect(await page.getByTestId('unit-row-U1').textContent()).toContain('Modifiée par DUBOIS Pierre (note initiale : 9,00)');
    await screenshot(page, 'jp-45-pvi-modifiee');

    // a value the parser refuses: a clear French message, nothing sent
    await page.getByRole('button', { name: 'Modifier la note U3 - ' , exact: false }).click();
    await page.getByLabel(/^Nouvelle note - U3/).fill('21');
    await page.getByTestId('grade-save').click();
    await page.getByText("La note « 21 » n'est pas comprise entre 0 et 20.").waitFor();
    await page.getByRole('button', { name: 'Annuler' }).click();

    // the vice-président changes U3 meanwhile (another browser): the président's typed value is kept,
    // he sees who changed it and the current value, and re-applies his own
    await page.getByRole('button', { name: 'Modifier la note U3 - ', exact: false }).click();
    await page.getByLabel(/^Nouvelle note - U3/).fill('13');
    const other = await newPage(browser, server.baseUrl);
    await login(other.page, 'jury-31310', 'demo-jury-2023');
    await chooseMember(other.page, 'MARTIN Claire');
    const csrf = await other.page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).csrfToken as string);
    const id = goldenUrl.split('/').pop();
    const first = await other.page.request.post(`/api/deliberation/candidates/${id}/grade-changes`, {
      headers: { 'x-csrf-token': csrf }, data: { group: 1, epreuve: 'U3', value: '12', version: 1 },
    });
    expect(first.status()).toBe(200);
    await other.page.context().close();
    await page.getByTestId('grade-save').click();
    const conflict = page.getByTestId('grade-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('modifiée entre-temps par MARTIN Claire (valeur actuelle : 12,00)');
    expect(await page.getByLabel(/^Nouvelle note - U3/).inputValue()).toBe('13');
    await screenshot(page, 'jp-45b-pvi-conflit');
    await page.getByRole('button', { name: 'Appliquer ma saisie' }).click();
    await page.getByText('Note U3 enregistrée (12,00 → 13,00)', { exact: false }).waitFor();
    expect(await page.getByTestId('grade-1-U3').textContent()).toBe('13,00');
    expect(await page.getByTestId('unit-row-U3').textContent()).toContain('Modifiée par DUBOIS Pierre (note initiale : 10,00)');

    await page.goto('/journal');
    const row = page.getByTestId('journal-table').locator('tbody tr').filter({ hasText: 'Note modifiée en délibération' }).filter({ hasText: 'note : 9,00' });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('DUBOIS Pierre');
    expect(text).toContain('note : 9,00');
    expect(text).toContain('note : 10,00');
    expect(text).toContain('Erreur de report de la note');
    await screenshot(page, 'jp-46-journal');
  });

  it('statistics and the 2nd group screen follow the change', async () => {
    await page.goto('/jury/statistiques');
    await page.getByTestId('stats-decision').waitFor();
    expect(await page.getByTestId('stat-INCOMPLET').textContent()).toMatch(/Incomplet\s*1/);
    // the memo's columns (§3.3): the jury's, then its spécialité's (issue #14 item 10 g)
    const headers = await page.getByTestId('stats-decision').getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Décision', 'Nombre de candidats du jury', '% Jury', 'Nombre de candidats de la spécialité', '% Spécialité']);
    expect((await page.getByTestId('stats-decision').locator('tfoot tr').textContent())?.replace(/\s+/g, ' ')).toMatch(/Total\s*\d+\s*100,00 %\s*\d+\s*100,00 %/);
    await page.getByTestId('stat-epreuve-U41').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'jp-47-statistiques');
    await page.goto('/jury/2nd-groupe');
    await page.getByTestId('second-group-table').waitFor();
    await screenshot(page, 'jp-48-second-groupe');
  });

  it('refuses to close while a candidate is incomplete (listed), closes once the missing grade is entered', async () => {
    await page.goto('/jury');
    await page.getByTestId('close-button').click();
    await page.getByTestId('close-summary').waitFor({ state: 'visible' });
    expect(await page.getByTestId('close-summary').textContent()).toContain('Incomplet : 1');
    await screenshot(page, 'jp-49-cloture-confirmation');
    await page.getByTestId('close-confirm').click();
    const refusal = page.getByRole('alert').filter({ hasText: "La délibération n'a pas été clôturée" });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`${MISSING} : U41`);
    await screenshot(page, 'jp-50-cloture-refusee');

    await page.getByRole('link', { name: `Procès-verbal individuel du candidat ${MISSING}` }).click();
    await page.getByTestId('pvi-decision').filter({ hasText: 'Incomplet' }).waitFor();
    await page.getByRole('button', { name: 'Saisir la note U41 - Étude de cas' }).click();
    await page.getByLabel(/^Nouvelle note - U41/).fill('12');
    await page.getByTestId('grade-save').click();
    await page.getByTestId('pvi-decision').filter({ hasText: /^Admis$/ }).waitFor();
    expect(await page.getByTestId('pvi-moyenne').textContent()).toBe('10,87/20');
    expect(await page.getByTestId('unit-row-U41').textContent()).toContain('Saisie en délibération par DUBOIS Pierre');
    await screenshot(page, 'jp-51-note-manquante-saisie');

    await page.getByRole('link', { name: 'Retour à la liste des candidats' }).first().click();
    await page.getByTestId('counts-INCOMPLET').filter({ hasText: /^0/ }).waitFor();
    await page.getByTestId('close-button').click();
    await page.getByTestId('close-confirm').click();
    await page.getByTestId('jury-state').filter({ hasText: '130 - Editions après la délibération du 1er groupe' }).waitFor();
    await page.getByText('les notes ne peuvent plus être modifiées', { exact: false }).first().waitFor();
    await screenshot(page, 'jp-52-cloture-faite');

    // afterwards nothing can be changed: no button, and the server refuses
    await page.goto(goldenUrl);
    await page.getByTestId('pvi-moyenne').waitFor();
    expect(await page.getByRole('button', { name: /^Modifier la note/ }).count()).toBe(0);
    const id = goldenUrl.split('/').pop();
    const csrf = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).csrfToken as string);
    const late = await page.request.post(`/api/deliberation/candidates/${id}/grade-changes`, {
      headers: { 'x-csrf-token': csrf }, data: { group: 1, epreuve: 'U1', value: '12', version: 2 },
    });
    expect(late.status()).toBe(409);
    await logout(page);
  });

  it('jury 31408 reaches nothing of 31310: 404 from the API, "introuvable" on screen', async () => {
    await login(page, 'jury-31408', 'demo-jury-2023');
    await chooseMember(page, 'DUBOIS Pierre');
    await page.goto(goldenUrl);
    await page.getByRole('heading', { level: 1, name: 'Candidat introuvable' }).waitFor();
    await page.getByText('Candidat introuvable.').waitFor();
    await screenshot(page, 'jp-53-autre-jury-introuvable');
    const id = goldenUrl.split('/').pop();
    for (const url of [`/api/deliberation/candidates/${id}/pvi`, '/api/deliberation/juries/31310/candidates', '/api/deliberation/juries/31310/statistics', '/api/deliberation/juries/31310']) {
      const res = await page.request.get(url);
      expect(res.status(), url).toBe(404);
      expect(await res.text()).not.toMatch(/AZBTSUN|9,95/);
    }
    await logout(page);
  });

  it('the emergency portal refuses a login while the access is not enabled', async () => {
    await page.goto('/secours');
    await page.getByRole('heading', { level: 1, name: 'Portail jury de secours' }).waitFor();
    await page.getByLabel('Identifiant du jury').fill('secours-31310');
    await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: 'Identifiant ou mot de passe incorrect.' }).waitFor();
    await screenshot(page, 'jp-54-secours-refuse');
    expect(tracked.problems).toEqual([]);
  });
});
