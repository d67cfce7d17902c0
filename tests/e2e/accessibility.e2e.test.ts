// Issue #14, item 15 (RGAA): axe-core in Chromium on every page the demonstration roles reach — the
// pages are enumerated from the menu (web/src/menu.ts, pagesOf), not listed by hand — with no serious or
// critical violation; grade entry and the PVI used with the keyboard alone; the accessibility statement
// the footer links to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PUBLIC_PAGES, pagesOf } from '../../web/src/menu.js';
import type { Role } from '../../web/src/api/types.js';
import { axeViolations, launchBrowser, login, logout, newPage, screenshot, type TrackedPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const ACCOUNTS: readonly { role: Role; login: string; password: string }[] = [
  { role: 'academie', login: 'academie', password: 'demo-academie-2023' },
  { role: 'centre', login: 'centre-0250001R', password: 'demo-centre-2023' },
  { role: 'jury', login: 'jury-31310', password: 'demo-jury-2023' },
  { role: 'centre_epreuve', login: 'epreuve-0250013D', password: 'demo-epreuve-2023' },
];
const GOLDEN = 'T230A031000004';

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;

/** Opens a page, waits until it has rendered its data, and returns axe's serious and critical findings. */
async function audit(route: string): Promise<string[]> {
  await page.goto(route);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.locator('[aria-live="polite"]', { hasText: /^Chargement/ }).waitFor({ state: 'detached' }).catch(() => undefined);
  return (await axeViolations(page)).map((v) => `${route}: ${v}`);
}

async function focused(p: Page): Promise<{ label: string; name: string; tag: string; text: string }> {
  return p.evaluate(() => {
    const e = document.activeElement as HTMLInputElement | null;
    return { label: e?.getAttribute('aria-label') ?? '', name: e?.name ?? '', tag: e?.tagName ?? '', text: (e?.textContent ?? '').trim() };
  });
}

/** Presses Tab until `matches` holds for the focused element; fails after `max`. */
async function tabUntil(p: Page, what: string, matches: (f: { label: string; name: string; tag: string; text: string }) => boolean, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    if (matches(await focused(p))) return;
  }
  throw new Error(`${what} never received the focus with Tab`);
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

describe('accessibility (RGAA)', () => {
  beforeAll(async () => {
    server = await startServer('accessibility');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  let audited = 0;

  it('axe-core: the public pages', async () => {
    const found: string[] = [];
    for (const p of PUBLIC_PAGES) {
      found.push(...(await audit(p.route)));
      audited++;
    }
    expect(found).toEqual([]);
  });

  for (const a of ACCOUNTS) {
    it(`axe-core: every page of the ${a.role} menu, no serious or critical violation`, async () => {
      const found: string[] = [];
      await login(page, a.login, a.password);
      if (a.role === 'jury') {
        // a jury account first says who deliberates (its own page, audited as such)
        await page.getByRole('heading', { level: 1, name: 'Qui délibère ?' }).waitFor();
        found.push(...(await axeViolations(page)).map((v) => `/jury/qui-delibere (avant le choix): ${v}`));
        await page.locator('label', { hasText: 'DUBOIS Pierre' }).click();
        await page.getByRole('button', { name: 'Valider' }).click();
        await page.getByRole('heading', { level: 1, name: 'Portail du jury' }).waitFor();
      }
      const pages = pagesOf(a.role);
      expect(pages.length, a.role).toBeGreaterThan(3);
      for (const p of pages) {
        found.push(...(await audit(p.route)));
        audited++;
      }
      if (a.role === 'jury') {
        // the PVI, reached from the portal
        await page.goto('/jury');
        await page.getByRole('link', { name: `Procès-verbal individuel du candidat ${GOLDEN}` }).click();
        await page.getByTestId('pvi-moyenne').waitFor();
        found.push(...(await audit(new URL(page.url()).pathname)));
        audited++;
      }
      await logout(page);
      expect(found).toEqual([]);
    }, 400_000);
  }

  it('the menu gave every page the issue counted (63 reached by the demo roles)', () => {
    expect(audited).toBeGreaterThanOrEqual(63);
  });

  it('the footer links to the accessibility statement, written per the RGAA model', async () => {
    await page.goto('/connexion');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibilité : partiellement conforme' }).click();
    await page.getByRole('heading', { level: 1, name: "Déclaration d'accessibilité" }).waitFor();
    for (const h2 of ['État de conformité', 'Résultats des tests', 'Contenus non accessibles', "Établissement de cette déclaration d'accessibilité",
      "Retour d'information et contact", 'Voies de recours']) {
      await page.getByRole('heading', { level: 2, name: h2 }).waitFor();
    }
    expect(await page.getByTestId('conformity').textContent()).toMatch(/partiellement conforme.*RGAA/);
    // the service that runs the instance (the imported session's service des examens) is the contact
    expect(await page.getByTestId('accessibility-contact').textContent()).toMatch(/Rectorat|académie/i);
    const total = PUBLIC_PAGES.length + ACCOUNTS.reduce((n, a) => n + pagesOf(a.role).length, 0);
    expect(await page.getByTestId('checked-pages').locator('summary').textContent()).toBe(`Les ${total} pages vérifiées, par profil`);
    expect(await page.getByText('Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07', { exact: false }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'a11y-declaration');
  });

  it('the PVI with the keyboard alone: reach a candidate, change a grade (a wrong value keeps the cursor), save, cancel with Escape', async () => {
    await page.context().clearCookies();
    await login(page, 'jury-31310', 'demo-jury-2023');
    const who = page.getByRole('heading', { level: 1, name: 'Qui délibère ?' });
    await who.or(page.getByRole('heading', { level: 1, name: 'Portail du jury' })).waitFor();
    if (await who.isVisible()) {
      await tabUntil(page, 'DUBOIS Pierre', (f) => f.tag === 'INPUT' && f.name !== '');
      await page.keyboard.press('Space');
      await page.keyboard.press('Enter');
    }
    await page.getByRole('heading', { level: 1, name: 'Portail du jury' }).waitFor();
    await page.getByTestId('candidates-table').waitFor();
    await tabUntil(page, 'the PVI link', (f) => f.tag === 'A' && f.label === `Procès-verbal individuel du candidat ${GOLDEN}`);
    await page.keyboard.press('Enter');
    await page.getByTestId('pvi-moyenne').filter({ hasText: '9,95/20' }).waitFor();

    await tabUntil(page, 'Modifier la note U1', (f) => f.label === 'Modifier la note U1 - Culture générale et expression');
    await page.keyboard.press('Enter');
    expect((await focused(page)).name).toBe('note');
    await page.keyboard.press('Escape'); // cancels
    await page.getByTestId('editor-U1').waitFor({ state: 'detached' });

    await tabUntil(page, 'Modifier la note U1', (f) => f.label === 'Modifier la note U1 - Culture générale et expression');
    await page.keyboard.press('Enter');
    await page.keyboard.type('25');
    await page.keyboard.press('Enter');
    await page.getByText("La note « 25 » n'est pas comprise entre 0 et 20.").waitFor();
    expect((await focused(page)).name).toBe('note');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await page.getByTestId('pvi-decision').filter({ hasText: /^Admis$/ }).waitFor();
    expect(await page.getByTestId('grade-1-U1').textContent()).toBe('10,00');
    // the confirmation takes the focus: a screen reader hears it
    await expect.poll(async () => (await page.evaluate(() => document.activeElement?.textContent ?? ''))).toContain('Note U1 enregistrée');
    await screenshot(page, 'a11y-pvi-clavier');
    await logout(page);
  });

  it('2nd-group grade entry with the keyboard alone: Tab to the grid, type and Enter row after row; a wrong value keeps the cursor', async () => {
    await page.context().clearCookies();
    await login(page, 'academie', 'demo-academie-2023');
    expect((await apiCall('POST', '/api/juries/31408/transitions', { action: 'OUVRIR_RECUEIL_2', expectedEtat: '198' })).status).toBe(200);
    await logout(page);
    await login(page, 'centre-0250001R', 'demo-centre-2023');
    const grid = (await apiCall('GET', '/api/second-group/choices')).json as { rows: { candidateId: number; juryCode: string; version: number }[]; units: Record<string, { code: string; libelle: string }[]> };
    const code = (libelle: string) => grid.units['31408']!.find((u) => u.libelle.startsWith(libelle))!.code;
    const rows = grid.rows.filter((r) => r.juryCode === '31408')
      .map((r) => ({ candidateId: r.candidateId, epreuve1: code('Culture générale'), epreuve2: code('Anglais'), expectedVersion: r.version }));
    expect(rows.length).toBeGreaterThan(0);
    expect((await apiCall('POST', '/api/second-group/choices', { rows })).status).toBe(200);

    await page.goto('/deliberation/avant-2nd-groupe/notes');
    const inputs = page.getByTestId('grades-table-first').locator('tbody input');
    await expect.poll(() => inputs.count()).toBe(rows.length * 2);
    await tabUntil(page, 'the first grade field', (f) => f.tag === 'INPUT' && f.label.startsWith('Note de '));
    const first = (await focused(page)).label;
    await page.keyboard.type('25');
    await page.keyboard.press('Enter');
    // refused at once: the cursor stays on the field, the message says why
    await page.getByRole('alert').filter({ hasText: 'comprise entre 0 et 20' }).waitFor();
    expect((await focused(page)).label).toBe(first);
    await page.keyboard.press('Control+A');
    const values = ['12', '8,5', 'ABS', '14'];
    for (const v of values) {
      await page.keyboard.type(v);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => inputs.evaluateAll((els) => els.slice(0, 4).map((e) => (e as HTMLInputElement).value))).toEqual(['12,00', '8,50', 'ABS', '14,00']);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'a11y-saisie-clavier');
    expect(tracked.problems).toEqual([]);
  });
});
