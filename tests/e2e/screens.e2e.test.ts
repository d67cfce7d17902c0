// Issue #14, screens (items 11, 12, 13) on the demonstration session, through the real server and Chromium:
// the journal names candidates and épreuves in French with one stated time zone; an open PVI follows the
// other member's change; and the rough edges of the centre's screens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { launchBrowser, login, logout, newPage, screenshot, type TrackedPage, chooseMember } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const GOLDEN = 'T230A031000004'; // AZBTSUN John, candidate n° 02319252150 of jury 31310

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;
let goldenPath = '';

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
  });

  it("13: « Retour à l'édition » keeps what was typed; each list downloads under its own name", async () => {
    await login(page, 'centre-0250001R', 'demo-centre-2023');
    await page.goto('/deliberation/organisation-2nd-groupe/rln');
    await page.getByLabel('Titre édition *').fill('RLN de juin, salle B');
    const box = page.getByLabel(/^Sélectionner le jury 31408 /);
    await box.check({ force: true });
    await page.getByRole('button', { name: 'Afficher le compte-rendu' }).click();
    await page.getByRole('button', { name: "Retour à l'édition" }).click();
    expect(await page.getByLabel('Titre édition *').inputValue()).toBe('RLN de juin, salle B');
    expect(await page.getByLabel(/^Sélectionner le jury 31408 /).isChecked()).toBe(true);
    await screenshot(page, 'sc-13-retour-edition');

    await page.goto('/deliberation/avant-1er-groupe/listes-candidats');
    await page.getByLabel(/^Sélectionner le jury 31310 /).check({ force: true });
    const names: string[] = [];
    for (const list of ['Liste anonyme des candidats du jury', 'Liste de correspondance des candidats du Jury']) {
      await page.getByLabel(list).check({ force: true });
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Visualiser' }).click()]);
      names.push((download as Download).suggestedFilename());
    }
    expect(names).toEqual(['Liste_anonyme_des_candidats_du_jury.pdf', 'Liste_de_correspondance_des_candidats_du_Jury.pdf']);
  });

  it('13: Vue détaillée asks to confirm, and the saved jury stays in the list (with its new state)', async () => {
    await page.goto('/deliberation/apres-1er-groupe/terminer-1er-groupe');
    await page.getByRole('tab', { name: 'Vue détaillée' }).click();
    await page.getByLabel('Etat', { exact: true }).selectOption('130');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.getByTestId('jury-etat-20112').waitFor();
    await page.getByLabel('Nouvel état du jury 20112').selectOption('140');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const ask = page.getByRole('dialog', { name: "Confirmer le changement d'état ?" });
    await ask.getByTestId('exceptional-confirm-list').getByText('Jury 20112 : 130 - Editions après la délibération du 1er groupe → 140 - 1er groupe terminé en centre').waitFor();
    await screenshot(page, 'sc-13-confirmation');
    await ask.getByRole('button', { name: 'Annuler' }).click();
    await ask.waitFor({ state: 'hidden' });
    await page.getByTestId('jury-etat-20112').filter({ hasText: '130' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await ask.getByTestId('exceptional-confirm-ok').click();
    await page.getByTestId('jury-outcome-20112').filter({ hasText: 'Enregistré' }).waitFor();
    await page.waitForLoadState('networkidle');
    // no longer at 130 (the criterion), still listed: the chef de centre sees what he did
    await page.getByTestId('jury-etat-20112').filter({ hasText: '140 - 1er groupe terminé en centre' }).waitFor();
    await screenshot(page, 'sc-13-jury-enregistre-reste');
  });

  it('13: the choices grid keeps the leading zero; « Contrôler les notes manquantes » says on screen what is missing, then « Pas de notes manquantes. »', async () => {
    await logout(page);
    await login(page, 'academie', 'demo-academie-2023');
    const call = (method: string, url: string, body?: unknown) => page.evaluate(async ({ method, url, body }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const r = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: r.status, json: (await r.json()) as unknown };
    }, { method, url, body });
    expect((await call('POST', '/api/juries/31408/transitions', { action: 'OUVRIR_RECUEIL_2', expectedEtat: '198' })).status).toBe(200);
    await logout(page);
    await login(page, 'centre-0250001R', 'demo-centre-2023');
    await page.goto('/deliberation/organisation-2nd-groupe/choix');
    await page.getByTestId('choices-table').getByText('CHAMAYOU Lilian (02246250298)').waitFor();

    const grid = (await call('GET', '/api/second-group/choices')).json as { rows: { candidateId: number; juryCode: string; version: number }[]; units: Record<string, { code: string; libelle: string }[]> };
    const code = (libelle: string) => grid.units['31408']!.find((u) => u.libelle.startsWith(libelle))!.code;
    const rows = grid.rows.filter((r) => r.juryCode === '31408').map((r) => ({ candidateId: r.candidateId, epreuve1: code('Culture générale'), epreuve2: code('Anglais'), expectedVersion: r.version }));
    expect((await call('POST', '/api/second-group/choices', { rows })).status).toBe(200);

    await page.goto('/deliberation/avant-2nd-groupe/notes-manquantes');
    const panel = page.getByTestId('missing-grades-panel');
    await panel.getByTestId('missing-31408').getByText('GONCALVES Laura').waitFor();
    expect(await panel.textContent()).toContain('Culture générale et expression ; Anglais');
    await screenshot(page, 'sc-13-notes-manquantes');

    // the refusal to open the 2nd group names the candidates and the épreuves
    await page.goto('/deliberation/avant-2nd-groupe/ouvrir-deliberation-2nd-groupe');
    const refused = await call('POST', '/api/juries/31408/transitions', { action: 'OUVRIR_DELIBERATION_2', expectedEtat: '200' });
    expect(refused.status).toBe(422);
    expect((refused.json as { message: string }).message).toMatch(/\d{11} - 001 GONCALVES Laura : Culture générale et expression/);
    expect((refused.json as { message: string }).message).not.toMatch(/ : U\d/);

    const grades = (await call('GET', '/api/second-group/grades?mode=first')).json as { rows: { candidateId: number; epreuveCode: string; version: number; juryCode: string }[] };
    const entries = grades.rows.filter((r) => r.juryCode === '31408').map((r) => ({ candidateId: r.candidateId, epreuveCode: r.epreuveCode, value: '12', expectedVersion: r.version }));
    expect((await call('POST', '/api/second-group/grades', { mode: 'first', entries })).status).toBe(200);
    await page.goto('/deliberation/avant-2nd-groupe/notes-manquantes');
    await page.getByTestId('no-missing-grades').getByText('Pas de notes manquantes.').waitFor();
    await screenshot(page, 'sc-13-pas-de-notes-manquantes');
    expect(tracked.problems).toEqual([]);
  });
});
