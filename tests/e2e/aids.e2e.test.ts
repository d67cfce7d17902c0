// Deliberation aids (issue #16) on the demonstration session, through the real server and Chromium:
// jury 31310's "Candidats proches d'un seuil" lists the golden candidate (9,95) with "U1 : 9,34
// suffit", the margin changes the list, a click opens the PVI, a grade raised there moves the list;
// the centre's read-only view of the same jury. axe-core clean on each page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { axeViolations, launchBrowser, login, logout, newPage, openActivity, screenshot, unlabelledControls, type TrackedPage, chooseMember } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const GOLDEN = 'T230A031000004'; // AZBTSUN John: 9,95 / 10,00 → Passe les épreuves de contrôle

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;

describe('deliberation aids', () => {
  beforeAll(async () => {
    server = await startServer('aids');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('jury 31310: the candidates near a threshold, the smallest grade that suffices, the margin, the PVI', async () => {
    await login(page, 'jury-31310', 'demo-jury-2023');
    await chooseMember(page, 'DUBOIS Pierre');
    await openActivity(page, 'JURY', "Candidats proches d'un seuil");
    const row = page.getByTestId(`near-${GOLDEN}-ADMIS`);
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('9,95');
    expect(await row.locator('td').nth(2).textContent()).toBe('0,05');
    expect(await page.getByTestId(`levers-${await rowId(row)}-ADMIS`).textContent()).toContain('U1 : 9,34 suffit');
    expect(await page.getByTestId('near-table').textContent()).not.toContain('AZBTSUN');
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'aids-10-proches-seuil-jury');

    // a smaller margin: only the candidates at 0,05 point or less
    const before = Number((await page.getByTestId('near-count').textContent())!.match(/^(\d+)/)![1]);
    await page.getByLabel(/Marge sous le seuil/).fill('0,05');
    await page.getByLabel(/Marge sous le seuil/).press('Enter');
    await page.getByTestId('near-count').filter({ hasText: '0,05 point' }).waitFor();
    const after = Number((await page.getByTestId('near-count').textContent())!.match(/^(\d+)/)![1]);
    expect(after).toBeLessThanOrEqual(before);
    await row.waitFor();
    await page.getByLabel(/Marge sous le seuil/).fill('abc');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.getByText('La marge « abc » doit être un nombre de points de 0,01 à 20').waitFor();
    await page.getByLabel(/Marge sous le seuil/).fill('0,50');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.getByTestId('near-count').filter({ hasText: '0,50 point' }).waitFor();

    // a click opens the PVI; U1 raised to 9,34 makes him admitted, and he leaves the list
    await page.getByRole('link', { name: `Procès-verbal individuel du candidat ${GOLDEN}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Procès-verbal individuel' }).waitFor();
    await page.getByTestId('edit-1-U1').click();
    await page.getByLabel(/^Nouvelle note - U1/).fill('9,34');
    await page.getByTestId('grade-save').click();
    await page.getByTestId('pvi-decision').filter({ hasText: /^Admis$/ }).waitFor();
    expect(await page.getByTestId('pvi-moyenne').textContent()).toBe('10,00/20');
    await page.goBack();
    await page.getByTestId('near-table').waitFor();
    await expect.poll(() => page.getByTestId(`near-${GOLDEN}-ADMIS`).count()).toBe(0);

    // the charts: the jury against Banque - conseiller de clientèle, with the 8 and 10 lines, and tables
    await openActivity(page, 'JURY', 'Graphiques du jury');
    const histogram = page.getByTestId('chart-histogram');
    await histogram.locator('svg .recharts-bar-rectangle').first().waitFor();
    expect(await histogram.textContent()).toContain('spécialité 31310 - Banque - conseiller de clientèle');
    expect(await histogram.locator('.recharts-reference-line').count()).toBe(2);
    expect(await page.getByTestId('table-histogram').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('spread-U1').textContent()).toContain('Jury 31310');
    expect(await page.getByTestId('decisions-ADMIS').textContent()).toMatch(/\d+ \(\d+,\d %\)/);
    // keyboard: the chart takes the focus and the arrows move between the bands (tooltip shown)
    const surface = histogram.locator('svg.recharts-surface[tabindex="0"]');
    expect(await surface.count()).toBe(1);
    await surface.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await histogram.locator('.recharts-tooltip-wrapper').filter({ hasText: 'Moyenne [' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'aids-12-graphiques-jury');
    await logout(page);
  });

  it('the centre: the same jury, read-only, and the PVI from it', async () => {
    await login(page, 'centre-0250001R', 'demo-centre-2023');
    await openActivity(page, 'SUIVI', "Candidats proches d'un seuil");
    await page.getByLabel('Jury', { exact: true }).selectOption('31310');
    await page.getByTestId('near-table').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'aids-11-proches-seuil-centre');
    const first = page.getByTestId('near-table').locator('tbody tr th a').first();
    const anonymat = (await first.textContent())!;
    await first.click();
    await page.getByRole('heading', { level: 1, name: 'Procès-verbal individuel' }).waitFor();
    await page.getByText(anonymat).first().waitFor();
    expect(await page.locator('[data-testid^="edit-"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Retour à la liste des candidats' }).click();
    await page.getByLabel('Jury', { exact: true }).waitFor();

    await openActivity(page, 'SUIVI', "Graphiques d'un jury");
    await page.getByLabel('Jury', { exact: true }).selectOption('31310');
    await page.getByTestId('chart-decisions').locator('svg .recharts-bar-rectangle').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'aids-13-graphiques-centre');
    await logout(page);
    expect(tracked.problems).toEqual([]);
  });

  it('harmonisation: the académie sees every jury of the spécialité with the rule, a centre only its own', async () => {
    type Api = { juries: { code: string; centreUai: string; flags: { rate: boolean; mean: boolean } }[]; flagged: number; figures: { juries: number } };
    const fromApi = () => page.evaluate(async () => (await fetch('/api/aides/harmonisation?specialite=31310')).json()) as Promise<Api>;
    const rows = async () => page.getByTestId('harmonisation-table').locator('tbody tr th').allTextContents();

    // the demo has one jury per spécialité: two more juries of 31310, copies of its candidates — one at
    // the same centre (same grades), one at the other centre 3 points lower on every grade
    addSpecialiteJuries(server.databaseFile!);
    await login(page, 'academie', 'demo-academie-2023');
    await openActivity(page, 'SUIVI', 'Harmonisation des jurys');
    await page.getByLabel('Spécialité', { exact: true }).selectOption('31310');
    await page.getByTestId('harmonisation-31310').waitFor();
    const all = await fromApi();
    expect(all.juries.map((j) => j.code)).toEqual(['31310', '31396', '31397']);
    expect(await rows()).toEqual(['31310', '31396', '31397']);
    // the lower jury at the other centre is far from the spécialité on both figures
    expect(all.juries.find((j) => j.code === '31396')!.flags).toEqual({ rate: true, mean: true });
    expect(await page.getByTestId('harmonisation-31396').textContent()).toContain('Taux d’admission et moyenne éloignés de la spécialité');
    expect(await page.getByTestId('harmonisation-31396').getByText('Signalé', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByTestId('harmonisation-rule').textContent()).toContain('2 × σ / √n');
    expect(await page.getByTestId('harmonisation-perimetre').textContent()).toContain('tous ses jurys de la session');
    // the flagged juries carry the badge, and only they
    expect(await page.getByTestId('harmonisation-table').locator('tbody .fr-badge').count()).toBe(all.flagged);
    expect(await page.getByTestId('harmonisation-specialite').textContent()).toContain(`${all.flagged} jury(s) signalé(s)`);
    // one bar per jury in each chart, the spécialité's line; keyboard: the chart takes the focus
    const rate = page.getByTestId('chart-harmonisation-rate');
    await rate.locator('svg .recharts-bar-rectangle').first().waitFor();
    expect(await rate.locator('svg .recharts-bar-rectangle').count()).toBe(all.juries.length);
    expect(await rate.locator('.recharts-reference-line').count()).toBe(1);
    expect(await rate.locator('svg.recharts-surface[tabindex="0"]').count()).toBe(1);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'aids-14-harmonisation-academie');
    await logout(page);

    await login(page, 'centre-0250001R', 'demo-centre-2023');
    await openActivity(page, 'SUIVI', 'Harmonisation des jurys');
    await page.getByLabel('Spécialité', { exact: true }).selectOption('31310');
    await page.getByTestId('harmonisation-31310').waitFor();
    const own = await fromApi();
    expect(own.juries.every((j) => j.centreUai === '0250001R')).toBe(true);
    expect(own.juries.map((j) => j.code)).toEqual(['31310', '31397']);
    expect(await rows()).toEqual(own.juries.map((j) => j.code));
    for (const other of all.juries.filter((j) => j.centreUai !== '0250001R')) {
      expect(await page.getByTestId('harmonisation').textContent()).not.toContain(other.code);
    }
    expect(await page.getByTestId('harmonisation-perimetre').textContent()).toContain('les jurys dont vous pouvez consulter les notes');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'aids-15-harmonisation-centre');
    await logout(page);
    expect(tracked.problems).toEqual([]);
  });
});

/** Juries 31397 (centre 0250001R) and 31396 (centre 0390007W) of spécialité 31310, with copies of 31310's candidates. */
function addSpecialiteJuries(file: string): void {
  const db = new Database(file);
  try {
    const model = db.prepare("SELECT * FROM jury WHERE code = '31310'").get() as Record<string, unknown>;
    const jcols = Object.keys(model);
    const insertJury = db.prepare(`INSERT INTO jury (${jcols.join(', ')}) VALUES (${jcols.map(() => '?').join(', ')})`);
    const candidates = db.prepare("SELECT * FROM candidate WHERE jury_code = '31310' ORDER BY id").all() as Record<string, unknown>[];
    const ccols = Object.keys(candidates[0]!);
    const insertCandidate = db.prepare(`INSERT INTO candidate (${ccols.join(', ')}) VALUES (${ccols.map(() => '?').join(', ')})`);
    const gradesOf = db.prepare('SELECT epreuve_code, kind, hundredths FROM grade WHERE candidate_id = ?');
    const insertGrade = db.prepare('INSERT INTO grade (candidate_id, epreuve_code, kind, hundredths) VALUES (?, ?, ?, ?)');
    let id = (db.prepare('SELECT MAX(id) AS m FROM candidate').get() as { m: number }).m;
    db.transaction(() => {
      for (const [code, centre, lower] of [['31397', '0250001R', 0], ['31396', '0390007W', 300]] as const) {
        insertJury.run(...jcols.map((c) => (c === 'code' ? code : c === 'centre_uai' ? centre : model[c])));
        for (const cand of candidates) {
          id++;
          insertCandidate.run(...ccols.map((c) => (c === 'id' ? id : c === 'jury_code' ? code
            : c === 'numero_candidat' || c === 'numero_anonymat' ? `${String(cand[c])}${code}` : cand[c])));
          for (const g of gradesOf.all(cand.id) as { epreuve_code: string; kind: string | null; hundredths: number | null }[]) {
            insertGrade.run(id, g.epreuve_code, g.kind, g.hundredths === null ? null : Math.max(0, g.hundredths - lower));
          }
        }
      }
    })();
  } finally {
    db.close();
  }
}

async function rowId(row: ReturnType<Page['getByTestId']>): Promise<string> {
  const href = await row.locator('a').getAttribute('href');
  return href!.split('/').pop()!;
}
