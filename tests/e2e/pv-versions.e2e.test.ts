// A late correction after the PV (issue #15, point 2) through the real server and Chromium: jury
// 31310's plan de secours (a background job) is made at 110 and its PV (version 1) at 140; the
// académie reopens the jury by "Gérer l'avancement des jurys" (the exceptional path), the président
// corrects AZBTSUN John's U1 (9 → 11: « Passe les épreuves de contrôle » → Admis), the académie closes it
// again. The chef de centre then sees « PV v2 à faire signer » for that jury, produces and downloads PV
// version 2, whose « Modifications après signature » part holds exactly the changed decision; and the
// plan de secours made before is marked « Remplacé » in its compte-rendu, still downloadable under a
// name that says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { axeViolations, chooseMember, launchBrowser, login, logout, newPage, openActivity, screenshot, unlabelledControls, type TrackedPage } from './support/browser.js';
import { ARTIFACTS } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';

const CENTRE = ['centre-0250001R', 'demo-centre-2023'] as const;
const ACADEMIE = ['academie', 'demo-academie-2023'] as const;
const JURY = ['jury-31310', 'demo-jury-2023'] as const;
const GOLDEN = 'T230A031000004'; // AZBTSUN John, N° candidat 02319252150
const AVANT_1 = 'Avant la délibération du 1er groupe';
const APRES_1 = 'Après la délibération du 1er groupe';
const PV_ACTIVITY = 'Editer les Procès Verbaux de tenue de délibération du 1er groupe';

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;

async function downloadOf(click: () => Promise<void>, keepAs: string): Promise<{ name: string; path: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const path = join(ARTIFACTS, keepAs);
  await (download as Download).saveAs(path);
  return { name: (download as Download).suggestedFilename(), path };
}

const pdfText = (path: string): string => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

async function pick(code: string): Promise<void> {
  const box = page.getByLabel(new RegExp(`^Sélectionner le jury ${code} `));
  if (!(await box.isChecked())) await box.check({ force: true });
  expect(await box.isChecked()).toBe(true);
}

/** "Gérer l'avancement des jurys": one exceptional change with its motif, confirmed. */
async function exceptional(code: string, to: string, motif: string): Promise<void> {
  await openActivity(page, 'Général', "Gérer l'avancement des jurys");
  await page.getByRole('tab', { name: 'Vue détaillée' }).click();
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await page.getByTestId('juries-table').waitFor();
  await page.getByLabel(`Nouvel état du jury ${code}`).selectOption(to);
  await page.getByLabel('Motif (obligatoire)').fill(motif);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByTestId('exceptional-confirm-ok').click();
  await page.getByTestId(`jury-outcome-${code}`).filter({ hasText: 'Enregistré' }).waitFor();
}

/** The PV of 31310 as the chef de centre downloads it (one PDF). */
async function pvOf31310(keepAs: string): Promise<{ name: string; text: string }> {
  await openActivity(page, APRES_1, PV_ACTIVITY);
  await pick('31310');
  const file = await downloadOf(() => page.getByRole('button', { name: 'Visualiser' }).click(), keepAs);
  expect(readFileSync(file.path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return { name: file.name, text: pdfText(file.path) };
}

describe('a late correction after the PV: PV v2 and superseded documents', () => {
  beforeAll(async () => {
    server = await startServer('pv-versions');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the académie corrects a grade of 31310 after its PV; the chef de centre signs PV v2 with exactly the changed decision', async () => {
    // at 110: the plan de secours of 31310, a background job (its file will be superseded)
    await login(page, ...CENTRE);
    await openActivity(page, AVANT_1, 'Générer le plan de secours par jury');
    await pick('31310');
    await page.getByRole('button', { name: 'Générer' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    await page.getByText("Le traitement s'est bien déroulé").waitFor({ timeout: 180_000 });
    await logout(page);

    // the deliberation ends (140); the chef de centre edits the PV: version 1, no modification part
    await login(page, ...ACADEMIE);
    await exceptional('31310', '140', 'Fin de la délibération du jury 31310.');
    await logout(page);
    await login(page, ...CENTRE);
    await openActivity(page, APRES_1, PV_ACTIVITY);
    expect(await page.getByTestId('pv-avis-31310').count()).toBe(0);
    const v1 = await pvOf31310('pv-31310-v1.pdf');
    expect(v1.text).not.toContain('Modifications après signature');
    expect(v1.text).toMatch(/AZBTSUN\s+John/);
    await logout(page);

    // the exceptional path: the académie reopens the jury, the président corrects U1, the académie closes it
    await login(page, ...ACADEMIE);
    await exceptional('31310', '110', 'Erreur de report de la note U1 de AZBTSUN signalée après le PV.');
    await logout(page);
    await login(page, ...JURY);
    await chooseMember(page, 'DUBOIS Pierre');
    await page.getByRole('link', { name: `Procès-verbal individuel du candidat ${GOLDEN}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Procès-verbal individuel' }).waitFor();
    await page.getByTestId('edit-1-U1').click();
    await page.getByLabel(/^Nouvelle note - U1/).fill('11');
    await page.getByLabel('Commentaire (facultatif)').fill('Copie mal reportée : 11 et non 9');
    await page.getByTestId('grade-save').click();
    await page.getByTestId('pvi-decision').filter({ hasText: /^Admis$/ }).waitFor();
    await logout(page);
    await login(page, ...ACADEMIE);
    await exceptional('31310', '140', 'Correction de la note U1 faite.');
    await logout(page);

    // the chef de centre: « PV v2 à faire signer » for 31310, and for it only
    await login(page, ...CENTRE);
    await openActivity(page, APRES_1, PV_ACTIVITY);
    expect(await page.getByTestId('pv-avis-31310').textContent()).toBe('PV v2 à faire signer');
    expect(await page.locator('[data-testid^="pv-avis-"]').count()).toBe(1);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'pv-01-pv-v2-a-faire-signer');
    const v2 = await pvOf31310('pv-31310-v2.pdf');
    expect(v2.text).toContain('Modifications après signature - PV version 2');
    const part = v2.text.slice(v2.text.indexOf('Modifications après signature - PV version 2'));
    // exactly the changed decision: John, U1 9,00 → 11,00, « Passe les épreuves de contrôle » → Admis, 9,95 → 10,25
    expect(part.match(/\b\d{11}\b/g)).toEqual(['02319252150']);
    expect(part).toMatch(/02319252150\s+U1\s+9,00\s+11,00\s+Passe les\s+Admis\s+9,95\s+10,25/);
    expect(part).toContain('AZBTSUN John');
    expect(part).toContain('Copie mal');
    // the candidates before the part: John now among the admitted, not in the contrôle list
    const at = (s: string) => v2.text.indexOf(s);
    expect(v2.text.slice(at('Liste des candidats ADMIS'), at('Liste des candidats admis à se présenter'))).toContain('AZBTSUN');
    expect(v2.text.slice(at('Liste des candidats admis à se présenter'), at('Liste des notes modifiées'))).not.toContain('AZBTSUN');

    // the plan de secours made before the correction: « Remplacé » in its compte-rendu, still downloadable
    await openActivity(page, AVANT_1, 'Générer le plan de secours par jury');
    await page.getByRole('button', { name: 'Afficher le compte-rendu' }).click();
    const docs = page.getByTestId('job-documents');
    await docs.getByTestId('document-remplace').waitFor();
    expect(await docs.getByTestId('document-remplace-motif').textContent())
      .toMatch(/^Remplacé le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} : une note du jury 31310 a été corrigée après la production de ce document, qui ne correspond plus aux notes et décisions enregistrées\. Nouvelle version à produire\.$/);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'pv-02-plan-secours-remplace');
    const old = await downloadOf(() => docs.getByRole('link', { name: 'Télécharger DELIB_0250001R_BTS_2023-06_GRD_1_31310.zip (document remplacé)' }).click(), 'pv-plan-remplace.zip');
    expect(old.name).toMatch(/^REMPLACÉ le \d{2}-\d{2}-\d{4} - DELIB_0250001R_BTS_2023-06_GRD_1_31310\.zip$/);
    expect(readFileSync(old.path).subarray(0, 2).toString('latin1')).toBe('PK');
    await logout(page);
    expect(tracked.problems).toEqual([]);
  });
});
