// The chef de centre's editions on the demonstration session (memo §2–§7), through the real server
// (its worker runs the jobs) and Chromium: livrets with the alert, plan de secours as a job with its
// compte-rendu and download, candidate lists (PDF, CSV), statistics, result lists, PV, RLN (job),
// présumés fraudeurs / liste rouge, memorised parameters, and a centre d'épreuve's result list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { verifyZip } from '../../src/documents/zip.js';
import { launchBrowser, login, logout, newPage, openActivity, screenshot, unlabelledControls, type TrackedPage } from './support/browser.js';
import { ARTIFACTS } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';

const CENTRE = { login: 'centre-0250001R', password: 'demo-centre-2023' };
const EPREUVE = { login: 'epreuve-0250013D', password: 'demo-epreuve-2023' };
const AVANT_1 = 'Avant la délibération du 1er groupe';
const APRES_1 = 'Après la délibération du 1er groupe';

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;
/** the text of the papillon of jury 31310 (plan de secours) */
let papillon = '';

/** Clicks, waits for the browser download, keeps the file in the artifacts, returns its bytes. */
async function downloadOf(click: () => Promise<void>, keepAs: string): Promise<{ name: string; data: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const d = download as Download;
  const path = join(ARTIFACTS, keepAs);
  await d.saveAs(path);
  return { name: d.suggestedFilename(), data: readFileSync(path) };
}

function pdfText(data: Buffer, name: string): string {
  const path = join(ARTIFACTS, name);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }) || data.toString('latin1');
}

async function title(value: string): Promise<void> {
  await page.getByLabel('Titre édition *').fill(value);
}

/** Ticks a jury (DSFR draws the box over the transparent native input: force the click on it). */
async function pick(code: string): Promise<void> {
  const box = page.getByLabel(new RegExp(`^Sélectionner le jury ${code} `));
  await box.check({ force: true });
  expect(await box.isChecked()).toBe(true);
}

async function checkA11y(): Promise<void> {
  expect(await unlabelledControls(page)).toEqual([]);
}

describe('centre de délibération: editions', () => {
  beforeAll(async () => {
    server = await startServer('editions');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
    await login(page, CENTRE.login, CENTRE.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('livrets: ineligible juries greyed with the reason, the alert about livret statuses, then the PDF', async () => {
    await openActivity(page, 'Préparation des livrets scolaires pour le jury', 'Editer la liste des candidats avec livret scolaire');
    await page.getByTestId('context-line').filter({ hasText: 'BTS - 2023-06 - ACADÉMIE DE BESANCON' }).waitFor();
    await page.getByText('► Pour quel(s) jury(s) voulez-vous éditer la liste ?').waitFor();
    const greyed = page.getByTestId('edition-jury-20112');
    await greyed.getByText(/Jury à l'état 130 .*jusqu'à l'état 110/).waitFor();
    expect(await page.getByLabel(/^Sélectionner le jury 20112 /).isDisabled()).toBe(true);
    await checkA11y();
    await screenshot(page, 'ed-01-livrets-ecran');

    await title('');
    await page.getByRole('button', { name: 'Visualiser' }).click();
    await page.getByText("Le titre de l'édition est obligatoire.").waitFor();
    await page.getByText('Sélectionnez au moins un jury.').waitFor();
    await screenshot(page, 'ed-02-livrets-champs-obligatoires');

    await title('Livrets jury 31310');
    await pick('31310');
    await page.getByRole('button', { name: 'Visualiser' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Des candidats scolaires n'ont pas de statut livret/).waitFor();
    await screenshot(page, 'ed-03-livrets-alerte');
    const file = await downloadOf(() => dialog.getByRole('button', { name: 'Confirmer' }).click(), 'ed-livrets.pdf');
    expect(file.name).toBe('Livrets_jury_31310.pdf');
    expect(pdfText(file.data, 'ed-livrets.pdf')).toContain('Liste des candidats pour la préparation des livrets scolaires');
    await page.getByText('Document produit : Livrets_jury_31310.pdf').waitFor();
    await screenshot(page, 'ed-04-livrets-produit');
  });

  it('plan de secours: a job with a progress bar, its compte-rendu, the zip download', async () => {
    await openActivity(page, AVANT_1, 'Générer le plan de secours par jury');
    await pick('31310');
    await pick('22207');
    await page.getByRole('button', { name: 'Générer' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/NOUVEAU mot de passe/).waitFor();
    await screenshot(page, 'ed-05-plan-secours-confirmation');
    await dialog.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByText("Le traitement s'est bien déroulé").waitFor({ timeout: 180_000 });
    await screenshot(page, 'ed-06-plan-secours-termine');

    await page.getByRole('button', { name: 'Afficher le compte-rendu' }).click();
    await page.getByRole('heading', { name: 'Compte rendu des éditions de plan de secours' }).waitFor();
    await page.getByText(/Liste des éditions de plan de secours \(\d+ traitement\(s\) en attente d'exécution\)/).waitFor();
    const jobs = page.getByTestId('jobs-table');
    await jobs.getByText('Terminé').first().waitFor();
    await jobs.getByText('BTS (A03)').first().waitFor();
    await page.getByText("Affichage de l'élément 1 à 1 sur 1 élément(s)").first().waitFor();
    const docs = page.getByTestId('job-documents');
    await docs.getByText('DELIB_0250001R_BTS_2023-06_GRD_1_31310').waitFor();
    await docs.getByText('DELIB_0250001R_BTS_2023-06_GRD_1_22207').waitFor();
    await page.getByRole('button', { name: 'Afficher le compte rendu' }).click();
    const text = page.getByTestId('compte-rendu-text');
    await text.getByText("Le traitement s'est bien déroulé.").waitFor();
    await text.getByText('Préparation du plan de secours pour le jury : 31310').waitFor();
    await text.getByText('Edition des papillons de connexion').first().waitFor();
    await checkA11y();
    await screenshot(page, 'ed-07-compte-rendu');

    const zip = await downloadOf(() => page.getByRole('link', { name: 'Télécharger DELIB_0250001R_BTS_2023-06_GRD_1_31310.zip' }).click(), 'ed-plan-31310.zip');
    expect(zip.name).toBe('DELIB_0250001R_BTS_2023-06_GRD_1_31310.zip');
    expect(verifyZip(zip.data).ok).toBe(true);
    const files = unzipSync(zip.data);
    expect(Object.keys(files).sort()).toEqual(['MANIFEST.sha256', 'PVI_31310.pdf', 'Papillon_31310.pdf', 'Statistiques_31310.pdf']);
    writeFileSync(join(ARTIFACTS, 'ed-papillon-31310.pdf'), files['Papillon_31310.pdf']!);
    papillon = pdfText(Buffer.from(files['Papillon_31310.pdf']!), 'ed-papillon-31310.pdf');
    const report = await downloadOf(() => page.getByRole('link', { name: 'Télécharger le compte rendu' }).click(), 'ed-compte-rendu.txt');
    expect(report.data.toString('utf8')).toContain('Plan de secours disponible');
  }, 300_000);

  it('papillon (issue #14.2): once the académie enables the access, its credentials open the jury portal at its printed address', async () => {
    const url = /Adresse \(URL\) :\s+(\S+)/.exec(papillon)?.[1];
    const identifiant = /Identifiant du jury :\s+(\S+)/.exec(papillon)?.[1];
    const password = /Mot de passe :\s+(\S+)/.exec(papillon)?.[1];
    expect(url?.startsWith(`${server.baseUrl}/`), url).toBe(true);
    expect(identifiant).toBe('secours-31310');
    const academie = await newPage(browser, server.baseUrl);
    const jury = await newPage(browser, server.baseUrl);
    try {
      await login(academie.page, 'academie', 'demo-academie-2023');
      await academie.page.goto('/academie/acces-secours');
      await academie.page.getByTestId('emergency-row-31310').getByRole('button', { name: 'Activer' }).click();
      const dialog = academie.page.getByRole('dialog', { name: "Activer l'accès de secours du jury 31310 ?" });
      await dialog.getByLabel('Motif (obligatoire)').fill('Coupure du réseau du centre');
      await dialog.getByTestId('emergency-confirm-ok').click();
      await academie.page.getByTestId('emergency-row-31310').getByText('Activé', { exact: true }).waitFor();

      // the jury types what the paper says, where the paper says
      await jury.page.goto(url!);
      await jury.page.getByLabel(/^Identifiant/).fill(identifiant!);
      await jury.page.getByLabel('Mot de passe').fill(password!);
      await jury.page.getByRole('button', { name: 'Se connecter' }).click();
      await jury.page.getByRole('heading', { level: 1, name: 'Qui délibère ?' }).waitFor();
      await screenshot(jury.page, 'ed-08-papillon-connexion');
      expect(jury.problems).toEqual([]);
    } finally {
      await academie.page.context().close();
      await jury.page.context().close();
    }
  });

  it('candidate lists: PDF and CSV; memorised parameters come back', async () => {
    await openActivity(page, AVANT_1, 'Editer les listes de candidats');
    await page.getByText('► Choix de la liste à éditer').waitFor();
    await pick('22207');
    await pick('31310');
    await page.getByLabel('Liste de correspondance des candidats du Jury').check({ force: true });
    await title('Correspondance juin');
    await screenshot(page, 'ed-08-listes-candidats');
    const pdf = await downloadOf(() => page.getByRole('button', { name: 'Visualiser' }).click(), 'ed-correspondance.pdf');
    expect(pdf.name).toBe('Correspondance_juin.pdf');
    expect(pdfText(pdf.data, 'ed-correspondance.pdf')).toContain('Liste de correspondance des candidats du jury');
    const csv = await downloadOf(() => page.getByRole('button', { name: 'Exporter CSV' }).click(), 'ed-correspondance.csv');
    expect(csv.name).toBe('Correspondance_juin.csv');
    expect(csv.data.toString('utf8').startsWith('\uFEFFJury;N° Anonymat;N° Candidat;Nom / Prénoms')).toBe(true);

    await page.getByRole('button', { name: 'Mémoriser ces résultats' }).click();
    await page.getByText('Paramètres mémorisés').waitFor();
    await page.reload();
    await page.getByLabel('Titre édition *').and(page.locator('[value="Correspondance juin"]')).waitFor();
    expect(await page.getByLabel('Liste de correspondance des candidats du Jury').isChecked()).toBe(true);
    expect(await page.getByLabel(/^Sélectionner le jury 22207 /).isChecked()).toBe(true);
  });

  it('statistics by decision', async () => {
    await openActivity(page, AVANT_1, 'Editer les statistiques avant délibération');
    await pick('31310');
    await page.getByLabel('Statistiques par décision').check({ force: true });
    const pdf = await downloadOf(() => page.getByRole('button', { name: 'Visualiser' }).click(), 'ed-stats.pdf');
    const text = pdfText(pdf.data, 'ed-stats.pdf');
    expect(text).toContain('Décisions positives');
    expect(text).toContain('Spécialité : 31310 - Banque - conseiller de clientèle');
    await screenshot(page, 'ed-09-statistiques');
  });

  it('result list and PV of a jury at 130; the embargo greys the juries below 130', async () => {
    await openActivity(page, APRES_1, 'Editer les listes de résultats du 1er groupe du centre de délibération');
    await page.getByTestId('edition-jury-31310').getByText(/Jury à l'état 110 .*à partir de l'état 130/).waitFor();
    await pick('20112');
    await page.getByLabel("Liste d'affichage des admis").check({ force: true });
    await screenshot(page, 'ed-10-listes-resultats');
    const pdf = await downloadOf(() => page.getByRole('button', { name: 'Visualiser' }).click(), 'ed-admis.pdf');
    const text = pdfText(pdf.data, 'ed-admis.pdf');
    expect(text).toContain('Liste des candidats ADMIS après délibération du 1er groupe');
    expect(text).toContain('Résultats publiés sous réserve de la vérification des PV');

    await openActivity(page, APRES_1, 'Editer les Procès Verbaux de tenue de délibération du 1er groupe');
    await page.getByText('► Jury à éditer').waitFor();
    await page.getByText(/doit être imprimé par vos soins et signé/).waitFor();
    await pick('20112');
    await page.getByLabel('Une édition par document du PV (regroupés dans un fichier Zip)').check({ force: true });
    await screenshot(page, 'ed-11-pv-tenue');
    const zip = await downloadOf(() => page.getByRole('button', { name: 'Visualiser' }).click(), 'ed-pv.zip');
    expect(zip.name.endsWith('.zip')).toBe(true);
    expect(Object.keys(unzipSync(zip.data)).filter((n) => n.endsWith('.pdf'))).toHaveLength(4);
    await page.getByLabel('Une édition contenant tous les documents du PV').check({ force: true });
    const one = await downloadOf(() => page.getByRole('button', { name: 'Visualiser' }).click(), 'ed-pv.pdf');
    expect(pdfText(one.data, 'ed-pv.pdf')).toContain('PROCES VERBAL DE TENUE DE DELIBERATION');
  });

  it('RLN of the admissible candidates: tabs, a criterion, a job, the download from the compte-rendu', async () => {
    await openActivity(page, 'Organisation du 2nd groupe', 'Editer le relevé de notes des candidats admissibles');
    await pick('25302');
    await page.getByRole('tab', { name: "Paramètres d'édition" }).waitFor();
    await page.getByLabel('Signature à : *').fill('Besançon');
    await page.getByLabel('le : *').fill('06/06/2023');
    await page.getByLabel("Editer l'établissement d'inscription du candidat").check({ force: true });
    await screenshot(page, 'ed-12-rln-parametres');
    await page.getByRole('tab', { name: 'Critères de sélection' }).click();
    await page.getByLabel('Critère', { exact: true }).selectOption('nom');
    await page.getByLabel('Opérateur', { exact: true }).selectOption('commence-par');
    await page.getByLabel('Valeur', { exact: true }).fill('GAR');
    await page.getByRole('button', { name: 'Ajouter' }).click();
    await page.getByRole('button', { name: /Supprimer le critère Nom de famille commence par GAR/ }).waitFor();
    await checkA11y();
    await screenshot(page, 'ed-13-rln-criteres');
    await page.getByRole('tab', { name: 'Regroupement/Tri' }).click();
    await page.getByLabel('Tri', { exact: true }).selectOption('numero-candidat');
    await page.getByRole('button', { name: 'Visualiser' }).click();
    await page.getByText("Le traitement s'est bien déroulé").waitFor({ timeout: 180_000 });
    await page.getByRole('button', { name: 'Afficher le compte-rendu' }).click();
    await page.getByRole('heading', { name: 'Compte rendu des éditions de relevés de notes' }).waitFor();
    await screenshot(page, 'ed-14-rln-compte-rendu');
    const pdf = await downloadOf(() => page.getByTestId('job-documents').getByRole('link').first().click(), 'ed-rln.pdf');
    const text = pdfText(pdf.data, 'ed-rln.pdf');
    expect(text).toContain('RELEVÉ DE NOTES');
    expect(text).toContain('GARNIER');
    expect(text).not.toContain('BREST');
  }, 300_000);

  it('présumés fraudeurs or liste rouge: every jury of the centre', async () => {
    await openActivity(page, 'Général', 'Editer la liste des candidats présumés fraudeurs ou inscrits en liste rouge');
    const pdf = await downloadOf(() => page.getByRole('button', { name: 'Visualiser' }).click(), 'ed-fraudeurs.pdf');
    const text = pdfText(pdf.data, 'ed-fraudeurs.pdf');
    expect(text).toMatch(/CHARPENTIER Hector\s+Liste rouge/);
    expect(text).toMatch(/BREST Fanch\s+Suspecté de fraude/);
    await screenshot(page, 'ed-15-fraudeurs');
    expect(tracked.problems).toEqual([]);
  });

  it("a centre d'épreuve prints the result lists of its own candidates", async () => {
    await logout(page);
    await login(page, EPREUVE.login, EPREUVE.password);
    await openActivity(page, "Centre d'épreuve", "Editer les listes de résultats du 1er groupe du centre d'épreuve");
    await pick('31408');
    await page.getByLabel('Liste des candidats admis à se présenter aux épreuves du second groupe').check({ force: true });
    await screenshot(page, 'ed-16-centre-epreuve');
    const pdf = await downloadOf(() => page.getByRole('button', { name: 'Visualiser' }).click(), 'ed-centre-epreuve.pdf');
    const text = pdfText(pdf.data, 'ed-centre-epreuve.pdf');
    for (const nom of ['CHAMAYOU', 'GONCALVES', 'JOOMUN', 'YOU']) expect(text).toContain(nom);
    expect(tracked.problems).toEqual([]);
  });
});
