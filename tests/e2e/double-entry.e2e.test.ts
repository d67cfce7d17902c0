// Blind double entry of the 2nd-group grades of demo jury 31408 (issue #20), through the real server
// and Chromium: the centre d'épreuve types the first entries, the centre (a second person) cannot
// learn them before saving its own (grids, journal), no verdict before both exist; JOOMUN's Maths at
// 11 vs 13 is missing for the jury (portal: Incomplet) and for `delib results`; switching the double
// entry off and the académie's 200 → 210 are refused with the list (the académie confirms with a
// reason, the row stays open); a third person arbitrates, and only then does the jury see a decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { axeViolations, launchBrowser, login, logout, newPage, openActivity, screenshot, unlabelledControls, type TrackedPage } from './support/browser.js';
import { ROOT } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';

const ACADEMIE = { login: 'academie', password: 'demo-academie-2023' };
const CENTRE = { login: 'centre-0250001R', password: 'demo-centre-2023' };
const EPREUVE = { login: 'epreuve-0250013D', password: 'demo-epreuve-2023' };
const JURY = { login: 'jury-31408', password: 'demo-jury-2023' };
const AVANT_2 = 'Avant la délibération du 2nd groupe';
const NOTES = 'Saisir les notes des épreuves du 2nd groupe';
/** first entries typed by the centre d'épreuve, in grid order (CHAMAYOU, GONCALVES, JOOMUN, YOU; each candidate's two épreuves) */
const FIRST = ['14', '13,5', '8', '15', '9,5', '11', '12', '10,5'];
/** the values no one but their author may see while blind (CGE of the four, JOOMUN's Maths) */
const BLIND = ['14,00', '8,00', '9,50', '11,00', '12,00'];

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;
let joomun: { id: number; anonymat: string };

async function switchTo(account: { login: string; password: string }): Promise<void> {
  await logout(page);
  await login(page, account.login, account.password);
}

/** A JSON call of the API from the logged-in page (CSRF token included). */
async function apiCall(method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(async ({ method, url, body }) => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const r = await fetch(url, {
      method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, json: (await r.json()) as unknown };
  }, { method, url, body });
}

function delib(args: string[]) {
  return spawnSync(process.execPath, ['bin/delib.mjs', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: `sqlite:${server.databaseFile}` } });
}

function delibResults(): { numero_candidat: string; decision_2: string; moyenne_2: string }[] {
  const r = delib(['results', '--format', 'json']);
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { numero_candidat: string; decision_2: string; moyenne_2: string }[];
}

/** JOOMUN's decision in the jury portal's 2nd-group table. */
async function joomunInPortal(): Promise<string> {
  await page.goto('/jury/2nd-groupe');
  const row = page.getByTestId(`second-row-${joomun.anonymat}`);
  await row.waitFor();
  return (await row.locator('td').last().innerText()).trim();
}

async function juryLogin(): Promise<void> {
  await switchTo(JURY);
  // the président says who deliberates first, when asked
  const who = page.getByRole('heading', { level: 1, name: 'Qui délibère ?' });
  await who.or(page.getByRole('heading', { level: 1, name: 'Portail du jury' })).waitFor();
  if (await who.isVisible()) {
    await page.locator('label', { hasText: 'DUBOIS Pierre' }).click();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Portail du jury' }).waitFor();
  }
}

describe('blind double entry of the 2nd-group grades of jury 31408', () => {
  beforeAll(async () => {
    server = await startServer('double-entry');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
    const db = new Database(server.databaseFile!, { readonly: true });
    const j = db.prepare("SELECT id, numero_anonymat AS anonymat FROM candidate WHERE nom = 'JOOMUN' AND jury_code = '31408'").get() as { id: number; anonymat: string };
    db.close();
    joomun = j;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up: 31408 at 200, the four candidates’ choices (JOOMUN: CGE and Maths), double entry on CGE and Maths', async () => {
    await login(page, ACADEMIE.login, ACADEMIE.password);
    expect((await apiCall('POST', '/api/juries/31408/transitions', { action: 'OUVRIR_RECUEIL_2', expectedEtat: '198' })).status).toBe(200);
    await switchTo(CENTRE);
    const grid = (await apiCall('GET', '/api/second-group/choices')).json as { rows: { candidateId: number; nom: string; version: number }[]; units: Record<string, { code: string; libelle: string }[]> };
    const code = (libelle: string) => grid.units['31408']!.find((u) => u.libelle.startsWith(libelle))!.code;
    const [cge, anglais, maths, cejm] = [code('Culture générale'), code('Anglais'), code('Mathématiques'), code('Culture économique')];
    const choice: Record<string, [string, string]> = { CHAMAYOU: [cge, anglais], GONCALVES: [cge, anglais], JOOMUN: [cge, maths], YOU: [cge, cejm] };
    const rows = grid.rows.map((r) => ({ candidateId: r.candidateId, epreuve1: choice[r.nom]![0], epreuve2: choice[r.nom]![1], expectedVersion: r.version }));
    expect((await apiCall('POST', '/api/second-group/choices', { rows })).status).toBe(200);

    await openActivity(page, AVANT_2, NOTES);
    await page.getByRole('tab', { name: 'Paramétrer la double saisie' }).click();
    for (const label of ['Culture générale et expression', 'Mathématiques appliquées']) {
      await page.getByTestId('double-entry-31408').locator('label', { hasText: label }).click();
      await expect.poll(() => page.getByTestId('double-entry-31408').getByLabel(label).isChecked()).toBe(true);
    }
    await screenshot(page, 'de-01-parametrage');
  });

  it("the centre d'épreuve types the first entries: no verdict, the values it typed are its own", async () => {
    await switchTo(EPREUVE);
    await openActivity(page, "Centre d'épreuve", NOTES);
    const inputs = page.getByTestId('grades-table-first').locator('tbody input');
    await expect.poll(() => inputs.count()).toBe(8);
    await inputs.first().click();
    for (const v of FIRST) {
      await page.keyboard.type(v);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => page.getByTestId('notes-progress-first').innerText()).toBe('3 note(s) prise(s) en compte sur 8.');
    const table = page.getByTestId('grades-table-first');
    expect(await table.getByText('En attente de l’autre saisie', { exact: true }).count()).toBe(5);
    expect(await table.getByText(/concordante|discordante/i).count()).toBe(0);
    expect(await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['14,00', '13,50', '8,00', '15,00', '9,50', '11,00', '12,00', '10,50']);
    await screenshot(page, 'de-02-premiere-saisie');
  });

  it('the second person (centre) cannot learn a first value before saving its own: first tab, journal, second tab', async () => {
    await switchTo(CENTRE);
    await openActivity(page, AVANT_2, NOTES);
    const first = page.getByTestId('grades-table-first');
    await first.locator('tbody tr').first().waitFor();
    const text = await first.innerText();
    for (const v of BLIND) expect(text).not.toContain(v);
    const maths = page.getByTestId(`note-first-${joomun.id}-U3`);
    expect(await maths.inputValue()).toBe('');
    expect(await maths.getAttribute('readonly')).not.toBeNull();
    expect(await maths.getAttribute('placeholder')).toBe('masquée');
    expect(await first.innerText()).toContain('valeur masquée : seule cette personne peut la corriger');
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'de-03-premiere-saisie-masquee');
    // nothing through the API either
    expect(JSON.stringify((await apiCall('GET', '/api/second-group/grades?mode=first')).json)).not.toContain('"11,00"');

    await openActivity(page, 'Suivi', 'Journal');
    await page.getByText('Note du 2nd groupe : première saisie (double saisie)').first().waitFor();
    const journal = await page.locator('main').innerText();
    for (const v of BLIND) expect(journal).not.toContain(v);
    expect(journal).toContain('note masquée jusqu’à la seconde saisie');
    await screenshot(page, 'de-04-journal-masque');

    await openActivity(page, AVANT_2, NOTES);
    await page.getByRole('tab', { name: 'Discordances (0)' }).waitFor();
    await page.getByRole('tab', { name: 'Seconde saisie (double saisie)' }).click();
    const second = page.getByTestId('grades-table-second');
    const inputs = second.locator('tbody input');
    await expect.poll(() => inputs.count()).toBe(5);
    expect(await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['', '', '', '', '']);
    for (const v of BLIND) expect(await second.innerText()).not.toContain(v);
    expect(await axeViolations(page)).toEqual([]);
    await inputs.first().click();
    for (const v of ['14', '8', '9,5', '13', '12']) { // JOOMUN's Maths: 13, not 11
      await page.keyboard.type(v);
      await page.keyboard.press('Enter');
    }
    // only now, both entries exist: the verdicts, and the tab counts the mismatch the centre's own save created
    const joomunMaths = second.locator('tbody tr').filter({ hasText: 'JOOMUN' }).filter({ hasText: 'Mathématiques' });
    await joomunMaths.getByText('Double saisie discordante', { exact: true }).waitFor();
    await expect.poll(() => second.getByText('Double saisie concordante', { exact: true }).count()).toBe(4);
    await page.getByRole('tab', { name: 'Discordances (1)' }).waitFor();
    await screenshot(page, 'de-05-seconde-saisie');
  });

  it('JOOMUN is incomplete for the jury and for `delib results` while the mismatch stands', async () => {
    const line = () => delibResults().find((l) => l.numero_candidat === '02246250290')!;
    expect(line()).toMatchObject({ decision_2: 'INCOMPLET', moyenne_2: '' });
    await juryLogin();
    expect(await joomunInPortal()).toMatch(/Incomplet/i);
    await page.getByTestId('counts2').getByText(/Incomplet/).first().waitFor();
    await screenshot(page, 'de-06-jury-joomun-incomplet');
  });

  it('switching the double entry off is refused while the mismatch is open, with its list', async () => {
    await switchTo(CENTRE);
    await openActivity(page, AVANT_2, NOTES);
    await page.getByRole('tab', { name: 'Paramétrer la double saisie' }).click();
    await page.getByTestId('double-entry-31408').locator('label', { hasText: 'Mathématiques appliquées' }).click();
    const alert = page.getByText(/Désactivation refusée : 1 note\(s\) en double saisie non résolue\(s\)/);
    await alert.waitFor();
    expect(await page.locator('main').innerText()).toMatch(/02246250290 - 001 JOOMUN Rayane : Mathématiques appliquées \(double saisie : saisies discordantes\)/);
    expect(await page.getByTestId('double-entry-31408').getByLabel(/Mathématiques appliquées/).isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'de-07-desactivation-refusee');
  });

  it("the académie's 200 → 210 is refused with the list, then confirmed with its reason: the row stays open at 210", async () => {
    // the command line refuses it the same way, listing what is open
    const cli = delib(['jury', 'state', '31408', '210', '--reason', 'Ouverture sans arbitrage.']);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/Changement d'état refusé : 1 note\(s\) du 2nd groupe en double saisie non résolue\(s\)/);
    expect(cli.stderr).toContain('  - 02246250290 - 001 JOOMUN Rayane : Mathématiques appliquées (double saisie : saisies discordantes)');
    await switchTo(ACADEMIE);
    await openActivity(page, 'Général', "Gérer l'avancement des jurys");
    await page.getByRole('tab', { name: 'Vue détaillée' }).click();
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.getByLabel('Nouvel état du jury 31408').selectOption('210');
    await page.getByLabel('Motif (obligatoire)').fill('Oraux terminés : délibération ouverte, la note de JOOMUN sera arbitrée.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('exceptional-confirm-ok').click();
    const warning = page.getByTestId('open-double-entries');
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/Jury 31408 : 02246250290 - 001 JOOMUN Rayane : Mathématiques appliquées \(double saisie : saisies discordantes\)/);
    await page.getByTestId('jury-etat-31408').filter({ hasText: '200' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'de-08-avancement-refuse');
    await warning.locator('label', { hasText: "Je confirme le changement d'état malgré ces notes" }).click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('exceptional-confirm-ok').click();
    await page.getByTestId('jury-outcome-31408').filter({ hasText: 'Enregistré' }).waitFor();
    await page.getByTestId('jury-etat-31408').filter({ hasText: '210' }).waitFor();
    await screenshot(page, 'de-09-avancement-confirme');

    await juryLogin();
    expect(await joomunInPortal()).toMatch(/Incomplet/i);
    // the jury may not settle it in the PVI either
    const res = await apiCall('POST', `/api/deliberation/candidates/${joomun.id}/grade-changes`, { group: 2, epreuve: 'U3', value: '12', version: 0 });
    expect(res.status).toBe(409);
    expect((res.json as { message: string }).message).toMatch(/double saisie non résolue/);
  });

  it('a third person (the académie) arbitrates; only then does the jury see a decision for JOOMUN', async () => {
    await switchTo(CENTRE);
    await openActivity(page, AVANT_2, NOTES);
    await page.getByRole('tab', { name: 'Discordances (1)' }).click();
    const row = page.getByTestId('mismatches-table').locator('tbody tr');
    expect(await row.first().innerText()).toMatch(/JOOMUN Rayane[\s\S]*Mathématiques appliquées[\s\S]*11,00[\s\S]*13,00[\s\S]*Vous avez fait l’une des deux saisies/);
    await switchTo(ACADEMIE);
    await openActivity(page, AVANT_2, NOTES);
    await page.getByRole('tab', { name: 'Discordances (1)' }).click();
    await row.first().getByRole('textbox').fill('12');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'de-10-arbitrage');
    await row.first().getByRole('button', { name: 'Retenir' }).click();
    await page.getByText('JOOMUN Rayane, Mathématiques appliquées : note retenue 12,00.').waitFor();
    await page.getByRole('tab', { name: 'Discordances (0)' }).waitFor();

    const decision = delibResults().find((l) => l.numero_candidat === '02246250290')!.decision_2;
    expect(['ADMIS', 'REFUSE']).toContain(decision);
    await juryLogin();
    expect(await joomunInPortal()).toMatch(decision === 'ADMIS' ? /Admis/i : /Refusé/i);
    await screenshot(page, 'de-11-jury-joomun-decide');
    expect(tracked.problems).toEqual([]);
  });
});
