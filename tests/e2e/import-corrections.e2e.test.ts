// Issue #13 point 1 and issue #14 item 13 in the browser: the académie re-imports the demo session
// with one name changed in jury 31310 (at 110, deliberating). The plain import is refused and lists
// the difference (jury, candidate, field, both values); "Corrections de l'académie" asks for a
// reason, then applies it, and the Journal shows the correction with its reason. The bilan is in
// French (no raw key), and a refusal shows every file's errors with their counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { writeDemoSession } from '../../src/features/generate/demo.js';
import { launchBrowser, login, newPage, screenshot, type TrackedPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;
const work = mkdtempSync(join(tmpdir(), 'delib-e2e-import-'));

function zipOf(dir: string, edit: (file: string, text: string) => string = (_f, t) => t): Buffer {
  return Buffer.from(zipSync(Object.fromEntries(readdirSync(dir).map((f) => [f, new TextEncoder().encode(edit(f, readFileSync(join(dir, f), 'utf8')))]))));
}

async function submit(zip: Buffer): Promise<void> {
  await page.getByLabel('Dossier de la session (.zip)').setInputFiles({ name: 'session.zip', mimeType: 'application/zip', buffer: zip });
  await page.getByRole('button', { name: 'Importer' }).click();
}

describe('import screen: deliberating juries, corrections, bilan', () => {
  let demo: string;
  beforeAll(async () => {
    demo = join(work, 'demo');
    await writeDemoSession(demo);
    server = await startServer('import-corrections');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
    await login(page, 'academie', 'demo-academie-2023');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('a refusal lists every file\'s errors with their counts', async () => {
    await page.goto('/academie/importer-session');
    const bad = zipOf(demo, (f, t) => {
      if (f === 'jurys.csv') return t.replace('31/05/2023 17:00', '31/02/2023 17:00');
      if (f === 'notes.csv') return t.replace('02319252150;001;U1;9;', '02319252150;001;U1;21;');
      return t;
    });
    await submit(bad);
    const table = page.getByTestId('import-errors');
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain('jurys.csv');
    expect(text).toContain('notes.csv');
    const byFile = await page.getByTestId('import-errors-by-file').innerText();
    expect(byFile).toContain('jurys.csv : 1 erreur(s)');
    expect(byFile).toContain('notes.csv : 1 erreur(s)');
    await screenshot(page, 'import-01-erreurs-tous-fichiers');
  });

  it('the same session with a name changed in 31310 (at 110): refused, the difference listed', async () => {
    await page.goto('/academie/importer-session');
    await submit(zipOf(demo, (f, t) => (f === 'candidats.csv' ? t.replace(';BANQA;', ';BANQA-MARTIN;') : t)));
    const table = page.getByTestId('import-changes');
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: 'BANQA-MARTIN' });
    expect(await row.innerText()).toMatch(/31310\s+110 - Délibération du 1er groupe\s+02321252217 - 001 BANQA-MARTIN Pierre\s+nom\s+BANQA\s+BANQA-MARTIN/);
    await page.getByText('relancez l\'import en demandant les corrections').waitFor();
    await screenshot(page, 'import-02-differences-refusees');
  });

  it('"Corrections de l\'académie" requires a reason, applies the change, and the Journal shows it', async () => {
    await page.getByLabel(/Corrections de l’académie : appliquer chaque différence/).check({ force: true });
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByText('Indiquez le motif des corrections').waitFor();
    await page.getByLabel('Motif des corrections *').fill('Nom d’usage devenu nom (courrier du candidat)');
    await page.getByRole('button', { name: 'Importer' }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    const text = await summary.innerText();
    expect(text).toMatch(/Corrections de l’académie appliquées[^\n]*\s1\b/);
    expect(text).toContain('dont nouveaux candidats');
    expect(text).not.toMatch(/candidatsNouveaux|candidatsMisAJour|notesControle/);
    // no account provisioned yet (the demo's accounts are not a provisioning run): the next step is said
    const next = page.getByTestId('import-accounts-to-provision');
    expect(await next.innerText()).toContain('Comptes à mettre en service');
    await screenshot(page, 'import-03-corrections-appliquees');
    await next.getByRole('link', { name: /Créer ou renouveler les comptes de la session/ }).click();
    await page.getByRole('heading', { level: 1, name: /Utilisateurs/ }).waitFor();
    await page.getByTestId('provisioning-status').waitFor();
    await page.goto('/journal');
    await page.getByText("Correction de l'académie (import avec corrections, jury en délibération)").first().waitFor();
    await page.getByText('Nom d’usage devenu nom (courrier du candidat)').first().waitFor();
    await screenshot(page, 'import-04-journal-correction');
    expect(tracked.problems).toEqual([]);
  });
});
