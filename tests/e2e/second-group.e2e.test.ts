// The 2nd group of the demonstration jury 31408, from 198 to 214, through the real server and Chromium
// (memo §5.2, §6.2, §6.3, §7): the académie opens the collection of grades, the centre enters the
// choices, the centre d'épreuve sets the dates and types the grades at the keyboard, the opening is
// refused while a grade is missing, then done; the jury deliberates and closes in its portal; the
// centre terminates the 2nd group; the admitted candidates are those of `delib results`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { launchBrowser, login, logout, newPage, openActivity, screenshot, unlabelledControls, type TrackedPage } from './support/browser.js';
import { ARTIFACTS, ROOT } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';

const CENTRE = { login: 'centre-0250001R', password: 'demo-centre-2023' };
const EPREUVE = { login: 'epreuve-0250013D', password: 'demo-epreuve-2023' };
const CGE = 'Culture générale et expression';
const ANGLAIS = 'Anglais';
const CEJM = 'Culture économique, juridique et managériale';
/** the memo's choices (§5.2) */
const CHOICES: readonly [string, string, string][] = [
  ['CHAMAYOU Lilian (02246250298)', CGE, ANGLAIS],
  ['GONCALVES Laura (02246250289)', CGE, ANGLAIS],
  ['JOOMUN Rayane (02246250290)', CGE, CEJM],
  ['YOU Norind (02246250288)', CGE, CEJM],
];
/** grades typed at the keyboard, in grid order (jury, name; each candidate's two épreuves); YOU's CEJM is left out */
const TYPED = ['14', '13,5', 'ABS', '8', '11', '15', '9,75'];

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;

async function count(p: Page, etat: string, n: number): Promise<void> {
  await p.getByTestId(`summary-count-${etat}`).filter({ hasText: new RegExp(`^${n}$`) }).waitFor();
}

async function switchTo(account: { login: string; password: string }): Promise<void> {
  await logout(page);
  await login(page, account.login, account.password);
}

/** Clicks, waits for the browser download, keeps the file in the artifacts, returns its bytes. */
async function downloadOf(click: () => Promise<void>, keepAs: string): Promise<{ name: string; data: Buffer; path: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const path = join(ARTIFACTS, keepAs);
  await download.saveAs(path);
  return { name: download.suggestedFilename(), data: readFileSync(path), path };
}

function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

/** An edition screen of the editions module: tick the jury (DSFR label over the input), pick the list (or option), Visualiser. */
async function editionFile(section: string, activity: string, jury: string, list: string | null, keepAs: string) {
  await openActivity(page, section, activity);
  const box = page.getByLabel(new RegExp(`^Sélectionner le jury ${jury} `));
  if (!(await box.isChecked())) await box.check({ force: true });
  expect(await box.isChecked()).toBe(true);
  if (list) await page.getByLabel(list).check({ force: true });
  return downloadOf(() => page.getByRole('button', { name: 'Visualiser' }).click(), keepAs);
}

async function edition(section: string, activity: string, jury: string, list: string | null, keepAs: string): Promise<string> {
  return pdfText((await editionFile(section, activity, jury, list, keepAs)).path);
}

function delib(args: string[]): string {
  const r = spawnSync(process.execPath, ['bin/delib.mjs', ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: `sqlite:${server.databaseFile}` },
  });
  if (r.status !== 0) throw new Error(`delib ${args.join(' ')} → ${r.status}\n${r.stderr}`);
  return r.stdout;
}

describe('2nd group of jury 31408: choices, dates, grades, opening, deliberation, end', () => {
  beforeAll(async () => {
    server = await startServer('second-group');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the académie opens the collection of the 2nd group's grades (198 → 200)", async () => {
    await login(page, 'academie', 'demo-academie-2023');
    await page.goto('/academie/verrouillages');
    await page.getByRole('tab', { name: 'Vue détaillée' }).click();
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.getByLabel('Nouvel état du jury 31408').selectOption('200');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('exceptional-confirm-ok').click();
    await page.getByTestId('jury-outcome-31408').filter({ hasText: 'Enregistré' }).waitFor();
    await page.getByTestId('jury-etat-31408').filter({ hasText: '200 - Recueil des notes du 2nd groupe' }).waitFor();
    await screenshot(page, '40-recueil-2nd-groupe-ouvert');
  });

  it('the centre enters the choices of the 4 candidates in the memo grid (Valider, per-row errors, Exporter CSV)', async () => {
    await switchTo(CENTRE);
    await openActivity(page, 'Organisation du 2nd groupe', 'Saisir les choix et dates des épreuves du 2nd groupe');
    await page.getByRole('heading', { level: 2, name: 'Saisir les choix des candidats du centre de délibération' }).waitFor();
    await page.getByTestId('choices-count').filter({ hasText: "Affichage de l'élément 1 à 4 sur 4 élément(s)" }).waitFor();
    for (const [who] of CHOICES) await page.getByRole('cell', { name: who, exact: true }).waitFor();
    const firstRow = page.getByTestId('choices-table').locator('tbody tr').first();
    expect(await firstRow.locator('td').allInnerTexts()).toEqual(expect.arrayContaining(['Comptabilité et gestion (31408)', 'Non', '31408', '200']));
    // only eligible units are offered: the 4 general units, not the professional ones nor the optional one
    const options = await page.getByLabel(`Choix discipline 1 – ${CHOICES[0]![0]}`).locator('option').allInnerTexts();
    expect(options).toEqual(['— Choisir —', CGE, ANGLAIS, 'Mathématiques appliquées', CEJM]);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '41-choix-grille');

    // a column filter and the global search
    await page.getByLabel('Filtrer la colonne Candidat').fill('gonç');
    await page.getByTestId('choices-count').filter({ hasText: "Affichage de l'élément 1 à 1 sur 1 élément(s) (filtré(s) parmi 4 élément(s) au total)" }).waitFor();
    await screenshot(page, '42-choix-filtre-colonne');
    await page.getByLabel('Filtrer la colonne Candidat').fill('');
    await page.getByLabel('Rechercher dans les résultats').fill('JOOMUN');
    await page.getByTestId('choices-count').filter({ hasText: 'sur 1 élément(s)' }).waitFor();
    await page.getByLabel('Rechercher dans les résultats').fill('');

    // the same discipline twice is refused for that row only
    for (const [who, c1, c2] of CHOICES) {
      await page.getByLabel(`Choix discipline 1 – ${who}`).selectOption({ label: c1 });
      await page.getByLabel(`Choix discipline 2 – ${who}`).selectOption({ label: who.startsWith('YOU') ? CGE : c2 });
    }
    await page.getByTestId('choices-pending').filter({ hasText: '4 ligne(s) modifiée(s)' }).waitFor();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('3 ligne(s) enregistrée(s), 1 refusée(s)').waitFor();
    await page.getByText('La même discipline « Culture générale et expression » est choisie deux fois').waitFor();
    await screenshot(page, '43-choix-erreur-ligne');
    await page.getByLabel(`Choix discipline 2 – ${CHOICES[3]![0]}`).selectOption({ label: CEJM });
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('1 ligne(s) enregistrée(s), 0 refusée(s)').waitFor();
    await page.getByRole('button', { name: 'Rafraîchir' }).click();
    for (const [who, c1, c2] of CHOICES) {
      await expect.poll(() => page.getByLabel(`Choix discipline 1 – ${who}`).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text)).toBe(c1);
      expect(await page.getByLabel(`Choix discipline 2 – ${who}`).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text)).toBe(c2);
    }
    // a long libellé is shown in full (on two lines), not cut by the width of the column
    const joomun = page.getByLabel(`Choix discipline 2 – ${CHOICES[2]![0]}`);
    const shown = joomun.locator('xpath=..').locator('.delib-sg-wrapselect__text');
    expect(await shown.innerText()).toBe(CEJM);
    expect(await shown.evaluate((e) => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().height > 30)).toBe(true);
    expect(await joomun.getAttribute('title')).toBe(CEJM);
    await screenshot(page, '44-choix-enregistres');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe('Choix des épreuves du 2nd groupe.csv');
    expect(csv.startsWith('\uFEFFCandidat;Choix discipline 1;Choix discipline 2;Spécialité;Handi;Jury;Etat\r\n')).toBe(true);
    expect(csv).toContain('CHAMAYOU Lilian (02246250298);Culture générale et expression;Anglais;Comptabilité et gestion (31408);Non;31408;200\r\n');
  });

  it('the centre, before the dates: the convocations list every épreuve without date; it dates its candidates\' épreuves itself (issue #14 item 3)', async () => {
    const visualiser = async () => {
      await openActivity(page, 'Organisation du 2nd groupe', 'Convocations 2nd groupe');
      const box = page.getByLabel(/^Sélectionner le jury 31408 /);
      if (!(await box.isChecked())) await box.check({ force: true });
      await page.getByRole('button', { name: 'Visualiser' }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: 'Épreuves du 2nd groupe sans date' });
      await dialog.getByText(/épreuve\(s\) du 2nd groupe n'ont pas de date ou d'heure : les convocations porteront « À communiquer »/).waitFor();
      return dialog;
    };
    let dialog = await visualiser();
    await dialog.getByText(/^8 épreuve\(s\)/).waitFor();
    const items = dialog.getByTestId('edition-confirm-items');
    await items.getByText('CHAMAYOU Lilian (02246250298) - jury 31408 : U1 Culture générale et expression (LP P.ADRIEN PARIS – BESANCON (0250013D)) - sans date et heure').waitFor();
    expect(await items.getByRole('listitem').count()).toBe(8);
    await screenshot(page, '44b-convocations-sans-dates');
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    await openActivity(page, 'Organisation du 2nd groupe', 'Saisir les choix et dates des épreuves du 2nd groupe');
    await page.getByRole('tab', { name: 'Saisir les dates des épreuves du 2nd groupe' }).click();
    const u1 = page.getByTestId('schedule-row-0250013D-31408-U1');
    await u1.getByLabel(/^Date/).fill('03/07/2023');
    await u1.getByLabel(/^Heure/).fill('08:00');
    await u1.getByLabel(/^Salle/).fill('B10');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('schedule-outcome-0250013D-31408-U1').filter({ hasText: 'Enregistrée.' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '44c-dates-centre-deliberation');

    dialog = await visualiser();
    await dialog.getByText(/^4 épreuve\(s\)/).waitFor();
    expect(await dialog.getByTestId('edition-confirm-items').innerText()).not.toContain('U1 Culture générale');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
  });

  it("the centre d'épreuve sets the date, time and room of each 2nd-group épreuve it hosts", async () => {
    await switchTo(EPREUVE);
    await openActivity(page, "Centre d'épreuve", 'Saisir les dates des épreuves du 2nd groupe');
    const set = async (unit: string, date: string, time: string, room: string) => {
      const row = page.getByTestId(`schedule-row-31408-${unit}`);
      await row.getByLabel(/^Date/).fill(date);
      await row.getByLabel(/^Heure/).fill(time);
      await row.getByLabel(/^Salle/).fill(room);
    };
    await page.getByTestId('schedule-row-31408-U1').filter({ hasText: '4' }).waitFor();
    await set('U1', '03/07/2023', '09:00', 'B12');
    await set('U2', '03/07/2023', '14h00', 'B14');
    await set('U4', '04/07/2023', '9:30', 'Amphithéâtre');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    for (const unit of ['U1', 'U2', 'U4']) await page.getByTestId(`schedule-outcome-31408-${unit}`).filter({ hasText: 'Enregistrée.' }).waitFor();
    // normalised as saved (hh:mm), kept in the French format
    expect(await page.getByTestId('schedule-row-31408-U4').getByLabel(/^Heure/).inputValue()).toBe('09:30');
    expect(await page.getByTestId('schedule-row-31408-U2').getByLabel(/^Date/).inputValue()).toBe('03/07/2023');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '45-dates-centre-epreuve');
  });

  it("the académie sees the dates of every centre d'épreuve in the same activity, and corrects one", async () => {
    await switchTo({ login: 'academie', password: 'demo-academie-2023' });
    await openActivity(page, 'Organisation du 2nd groupe', 'Saisir les choix et dates des épreuves du 2nd groupe');
    await page.getByRole('tab', { name: "Dates des épreuves (centres d'épreuve)" }).click();
    await page.getByRole('heading', { level: 2, name: "Saisir les dates des épreuves du 2nd groupe des centres d'épreuve" }).waitFor();
    await page.getByTestId('schedule-table').getByText("Centre d'épreuve : LP P.ADRIEN PARIS – BESANCON (0250013D)", { exact: true }).waitFor();
    const u1 = page.getByTestId('schedule-row-0250013D-31408-U1');
    await expect.poll(() => u1.getByLabel(/^Date/).inputValue()).toBe('03/07/2023');
    expect(await u1.getByLabel(/^Salle/).inputValue()).toBe('B12');
    const u4 = page.getByTestId('schedule-row-0250013D-31408-U4');
    await u4.getByLabel(/^Salle/).fill('Amphithéâtre B');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('schedule-outcome-0250013D-31408-U4').filter({ hasText: 'Enregistrée.' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '45b-dates-academie');
  });

  it('the centre edits the convocations (one file, or one per candidate) and the bordereaux with the recorded dates, times and rooms', async () => {
    await switchTo(CENTRE);
    const convocations = await edition('Organisation du 2nd groupe', 'Convocations 2nd groupe', '31408', null, 'sg-convocations.pdf');
    const pages = convocations.split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(4);
    const joomun = pages.find((p) => p.includes('JOOMUN'))!.replace(/\s+/g, ' ');
    expect(joomun).toContain('CONVOCATION AUX ÉPREUVES DU SECOND GROUPE');
    expect(joomun).toMatch(/U1 Culture générale et expression 03\/07\/2023 09:00 LP P\.ADRIEN PARIS – BESANCON \(0250013D\) Salle : B12/);
    expect(joomun).toMatch(/04\/07\/2023 09:30 LP P\.ADRIEN PARIS – BESANCON \(0250013D\)/);
    expect(joomun).toContain('Salle : Amphithéâtre B');
    expect(convocations).not.toContain('À communiquer');
    await screenshot(page, '45c-convocations');

    const zip = await editionFile('Organisation du 2nd groupe', 'Convocations 2nd groupe', '31408', 'Un fichier par candidat (regroupés dans un fichier Zip)', 'sg-convocations.zip');
    expect(zip.name).toMatch(/\.zip$/);
    const names = Object.keys(unzipSync(zip.data)).filter((n) => n.endsWith('.pdf')).sort();
    expect(names).toEqual(['Convocation_02246250288-001_YOU_Norind.pdf', 'Convocation_02246250289-001_GONCALVES_Laura.pdf', 'Convocation_02246250290-001_JOOMUN_Rayane.pdf', 'Convocation_02246250298-001_CHAMAYOU_Lilian.pdf']);

    const bordereaux = await edition('Avant la délibération du 2nd groupe', 'Editer les bordereaux de notation épreuves du 2nd groupe', '31408', null, 'sg-bordereaux.pdf');
    expect(bordereaux).toContain('Date : 03/07/2023 - Heure : 09:00 - Salle : B12');
    expect(bordereaux).toContain('Date : 03/07/2023 - Heure : 14:00 - Salle : B14');
    expect(bordereaux).toContain('Date : 04/07/2023 - Heure : 09:30 - Salle : Amphithéâtre B');
  });

  it("the centre d'épreuve types the grades at the keyboard (Enter saves and moves on), all but one", async () => {
    await switchTo(EPREUVE);
    await openActivity(page, "Centre d'épreuve", 'Saisir les notes des épreuves du 2nd groupe');
    const inputs = page.getByTestId('grades-table-first').locator('tbody input');
    await expect.poll(() => inputs.count()).toBe(8);
    expect(await page.getByTestId('grades-table-first').locator('tbody tr').first().innerText()).toContain('03/07/2023 09:00 - salle B12');
    await inputs.first().click();
    // a value out of range is refused on its row, the cursor moves on; then corrected
    await page.keyboard.type('21');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: "n'est pas comprise entre 0 et 20" }).waitFor();
    await screenshot(page, '46-notes-erreur');
    await inputs.first().click();
    await inputs.first().fill('');
    for (const value of TYPED) {
      await page.keyboard.type(value);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => page.getByTestId('notes-progress-first').innerText()).toBe('7 note(s) prise(s) en compte sur 8.');
    expect(await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['14,00', '13,50', 'ABS', '8,00', '11,00', '15,00', '9,75', '']);
    // the focus followed the Enter key down to the last row
    expect(await inputs.last().evaluate((e) => e === document.activeElement)).toBe(true);
    await screenshot(page, '47-notes-saisies');
  });

  it('a concurrent change is not lost: the grid shows the current value and who entered it', async () => {
    // the centre changes CHAMAYOU's CGE grade meanwhile (its own session, in another context)
    const other = await newPage(browser, server.baseUrl);
    await login(other.page, CENTRE.login, CENTRE.password);
    const res = await other.page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const grid = (await (await fetch('/api/second-group/grades')).json()) as { rows: { candidateId: number; epreuveCode: string; nom: string; version: number }[] };
      const row = grid.rows.find((r) => r.nom === 'CHAMAYOU' && r.epreuveCode === 'U1')!;
      const r = await fetch('/api/second-group/grades', {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ mode: 'first', entries: [{ candidateId: row.candidateId, epreuveCode: 'U1', value: '14,5', expectedVersion: row.version }] }),
      });
      return (await r.json()) as { results: { status: string }[] };
    });
    expect(res.results[0]!.status).toBe('saved');
    await other.page.context().close();

    const input = page.getByTestId('grades-table-first').locator('tbody input').first();
    await input.fill('15');
    await input.press('Enter');
    const message = page.getByRole('alert').filter({ hasText: 'modifiée entre-temps' });
    await message.waitFor();
    expect(await message.innerText()).toMatch(/par Chef de centre — LP NELSON MANDELA \(0250001R\) \(valeur actuelle : 14,50\)/);
    expect(await input.inputValue()).toBe('15');
    await screenshot(page, '48-notes-conflit');
    await page.getByRole('button', { name: 'Remplacer par ma saisie' }).click();
    await expect.poll(() => input.inputValue()).toBe('15,00');
  });

  it('opening the 2nd-group deliberation is refused while a grade is missing, with the missing grade listed', async () => {
    await switchTo(CENTRE);
    await openActivity(page, 'Avant la délibération du 2nd groupe', 'Ouvrir la délibération du 2nd groupe');
    await count(page, '200', 1);
    await page.getByTestId('bulk-200').click();
    await page.getByTestId('bulk-confirm-ok').click();
    const refusal = page.getByText(/Ouverture impossible : 1 note\(s\) du 2nd groupe manquante\(s\) : 02246250288 - 001 YOU Norind : Culture économique, juridique et managériale/);
    await refusal.first().waitFor();
    await count(page, '200', 1);
    await screenshot(page, '49-ouverture-refusee');
    // the same missing grade in "Contrôler les notes manquantes" (editions module, data of src/features/second-group)
    const text = await edition('Avant la délibération du 2nd groupe', 'Contrôler les notes manquantes', '31408', null, 'sg-notes-manquantes.pdf');
    expect(text).toContain('CONTROLE DES NOTES MANQUANTES DU SECOND GROUPE');
    expect(text).toMatch(/02246250288 - 001\s+YOU\s+Norind\s+Culture économique, juridique et/);
    expect(text).not.toContain('GONCALVES');
    await screenshot(page, '49b-notes-manquantes');
  });

  it('the centre enters the missing grade, then opens the deliberation (200 → 210)', async () => {
    await openActivity(page, 'Avant la délibération du 2nd groupe', 'Saisir les notes des épreuves du 2nd groupe');
    const row = page.getByTestId('grades-table-first').locator('tbody tr').filter({ hasText: 'YOU' }).filter({ hasText: CEJM });
    await row.getByRole('textbox').fill('10,5');
    await row.getByRole('textbox').press('Enter');
    await row.getByText('Note enregistrée.').waitFor();
    await page.getByTestId('notes-progress-first').filter({ hasText: '8 note(s) prise(s) en compte sur 8.' }).waitFor();
    await screenshot(page, '50-note-manquante-saisie');

    await openActivity(page, 'Avant la délibération du 2nd groupe', 'Ouvrir la délibération du 2nd groupe');
    await page.getByTestId('bulk-200').click();
    await page.getByTestId('bulk-confirm-ok').click();
    await page.getByRole('status').filter({ hasText: '1 jury(s) traité(s), 0 refusé(s)' }).waitFor().catch(async () => {
      await page.getByText('1 jury(s) traité(s), 0 refusé(s)').waitFor();
    });
    await count(page, '200', 0);
    await count(page, '210', 1);
    await screenshot(page, '51-deliberation-2nd-groupe-ouverte');
  });

  let portalDecisions: Map<string, string>;

  it('the jury deliberates and closes in its portal (210 → 211)', async () => {
    await switchTo({ login: 'jury-31408', password: 'demo-jury-2023' });
    // "Qui délibère ?" first: the président signs the deliberation
    await page.getByRole('heading', { level: 1, name: 'Qui délibère ?' }).waitFor();
    await page.locator('label', { hasText: 'DUBOIS Pierre' }).click();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Portail du jury' }).waitFor();
    await page.goto('/jury/2nd-groupe');
    const table = page.getByTestId('second-group-table');
    await table.waitFor();
    await expect.poll(() => table.locator('tbody tr[data-testid^="second-row-"]').count()).toBe(4);
    portalDecisions = new Map();
    for (const row of await table.locator('tbody tr[data-testid^="second-row-"]').all()) {
      const anonymat = (await row.getAttribute('data-testid'))!.replace('second-row-', '');
      portalDecisions.set(anonymat, (await row.locator('td').last().innerText()).trim());
    }
    await screenshot(page, '52-jury-2nd-groupe');
    await page.getByTestId('close-button').click();
    await page.getByTestId('close-confirm').click();
    await page.getByTestId('jury-state').filter({ hasText: '211' }).waitFor();
    await screenshot(page, '53-jury-2nd-groupe-cloture');
  });

  let listedAdmis: string[] = [];

  it('the centre edits the 2nd-group PV and the list of admitted candidates (editions module)', async () => {
    await switchTo(CENTRE);
    const pv = await edition('Après la délibération du 2nd groupe', 'Editer les Procès Verbaux de tenue de délibération du 2nd groupe', '31408', null, 'sg-pv-tenue-2.pdf');
    expect(pv).toContain('PROCES VERBAL DE TENUE DE DELIBERATION');
    const list = await edition('Après la délibération du 2nd groupe', 'Editer les listes de résultats du 2nd groupe du jury - centre de délibération', '31408', "Liste d'affichage des admis", 'sg-admis-2.pdf');
    expect(list).toContain('Jury : 31408');
    listedAdmis = ['CHAMAYOU', 'GONCALVES', 'JOOMUN', 'YOU'].filter((nom) => new RegExp(`\\b${nom}\\b`).test(list));
    await screenshot(page, '53b-listes-resultats-2nd-groupe');
  });

  it('the centre terminates the 2nd group (211 → 214)', async () => {
    await openActivity(page, 'Après la délibération du 2nd groupe', 'Terminer le 2nd groupe');
    await count(page, '211', 1);
    await page.getByTestId('bulk-211').click();
    await page.getByTestId('bulk-confirm-ok').click();
    await count(page, '211', 0);
    await count(page, '214', 1);
    await screenshot(page, '54-terminer-2nd-groupe');
  });

  it('the 2nd-group admitted candidates are those of `delib results`', async () => {
    const lines = JSON.parse(delib(['results', '--format', 'json'])) as { numero_candidat: string; jury: string; decision_1: string; decision_2: string }[];
    const controle = lines.filter((l) => l.jury === '31408' && l.decision_1 === 'CONTROLE');
    expect(controle.map((l) => l.numero_candidat).sort()).toEqual(['02246250288', '02246250289', '02246250290', '02246250298']);
    const db = new Database(server.databaseFile!, { readonly: true });
    const numeroOf = new Map((db.prepare("SELECT numero_anonymat, numero_candidat FROM candidate WHERE jury_code = '31408'").all() as { numero_anonymat: string; numero_candidat: string }[])
      .map((r) => [r.numero_anonymat, r.numero_candidat]));
    db.close();
    const portalAdmis = [...portalDecisions].filter(([, d]) => /^Admis/i.test(d)).map(([a]) => numeroOf.get(a)).sort();
    const cliAdmis = controle.filter((l) => l.decision_2 === 'ADMIS').map((l) => l.numero_candidat).sort();
    expect(cliAdmis.length).toBeGreaterThan(0);
    expect(portalAdmis).toEqual(cliAdmis);
    // the printed list of admitted candidates (by name) says the same
    const nomOf: Record<string, string> = { '02246250298': 'CHAMAYOU', '02246250289': 'GONCALVES', '02246250290': 'JOOMUN', '02246250288': 'YOU' };
    expect(listedAdmis).toEqual(cliAdmis.map((n) => nomOf[n]).sort());
    expect(controle.every((l) => l.decision_2 === 'ADMIS' || l.decision_2 === 'REFUSE')).toBe(true);
    expect(tracked.problems).toEqual([]);
  });

  it('double entry (after an exceptional return to 200): blind second entry, mismatch listed until a third person arbitrates', async () => {
    await switchTo({ login: 'academie', password: 'demo-academie-2023' });
    const back = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const r = await fetch('/api/juries/31408/exceptional-state', {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ to: '200', expectedEtat: '214', reason: 'Démonstration de la double saisie des notes du 2nd groupe.' }),
      });
      return r.status;
    });
    expect(back).toBe(200);
    await switchTo(CENTRE);
    await openActivity(page, 'Avant la délibération du 2nd groupe', 'Saisir les notes des épreuves du 2nd groupe');
    await page.getByRole('tab', { name: 'Paramétrer la double saisie' }).click();
    await page.getByTestId('double-entry-31408').locator('label', { hasText: /^Anglais$/ }).click();
    await expect.poll(() => page.getByTestId('double-entry-31408').getByLabel(/^Anglais/).isChecked()).toBe(true);
    await screenshot(page, '55-double-saisie-parametrage');

    // the first entries were typed by the centre d'épreuve: the centre types the second ones, blind
    await page.getByRole('tab', { name: 'Seconde saisie (double saisie)' }).click();
    const inputs = page.getByTestId('grades-table-second').locator('tbody input');
    await expect.poll(() => inputs.count()).toBe(2);
    expect(await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['', '']);
    await inputs.first().click();
    for (const v of ['13,5', '8,5']) {
      await page.keyboard.type(v);
      await page.keyboard.press('Enter');
    }
    await page.getByTestId('grades-table-second').getByText('Double saisie discordante', { exact: true }).waitFor();
    await page.getByTestId('grades-table-second').getByText('Double saisie concordante', { exact: true }).waitFor();
    await screenshot(page, '56-seconde-saisie');

    await page.getByRole('tab', { name: 'Discordances (1)' }).click();
    const mismatch = page.getByTestId('mismatches-table').locator('tbody tr');
    await expect.poll(() => mismatch.count()).toBe(1);
    expect(await mismatch.first().innerText()).toMatch(/GONCALVES Laura[\s\S]*Anglais[\s\S]*8,00[\s\S]*8,50/);
    await screenshot(page, '57-discordances');

    // the opening is refused while the mismatch stands
    const refused = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const r = await fetch('/api/juries/31408/transitions', {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ action: 'OUVRIR_DELIBERATION_2', expectedEtat: '200' }),
      });
      return { status: r.status, body: (await r.json()) as { message: string } };
    });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('02246250289 - 001 GONCALVES Laura : Anglais (double saisie : saisies discordantes)');

    // the centre typed the second entries: the arbitration belongs to a third person (here the académie)
    expect(await mismatch.first().innerText()).toContain('Vous avez fait l’une des deux saisies');
    await switchTo({ login: 'academie', password: 'demo-academie-2023' });
    await openActivity(page, 'Avant la délibération du 2nd groupe', 'Saisir les notes des épreuves du 2nd groupe');
    await page.getByRole('tab', { name: 'Discordances (1)' }).click();
    await mismatch.first().getByRole('textbox').fill('8');
    await mismatch.first().getByRole('button', { name: 'Retenir' }).click();
    await page.getByText('GONCALVES Laura, Anglais : note retenue 8,00.').waitFor();
    await page.getByTestId('mismatches-none').waitFor();
    await screenshot(page, '58-discordance-resolue');
    expect(tracked.problems).toEqual([]);
  });
});
