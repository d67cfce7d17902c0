// Debian Chromium through playwright-core, plus the helpers the scenarios share.
import { chromium, type Browser, type Page } from 'playwright-core';
import { join } from 'node:path';
import { ARTIFACTS } from './paths.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=fr-FR'],
  });
}

export interface TrackedPage {
  readonly page: Page;
  /** console errors and page errors, CSP violations included */
  readonly problems: string[];
}

export async function newPage(browser: Browser, baseURL: string): Promise<TrackedPage> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1400, height: 1000 }, locale: 'fr-FR' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // a refused action is answered 4xx by design: the browser logs the failed request, not a defect
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) {
      problems.push(m.text());
    }
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export async function login(page: Page, identifiant: string, password: string): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Identifiant').fill(identifiant);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
}

/** A jury account's "Qui délibère ?": picks the member, lands on the jury portal. */
export async function chooseMember(p: Page, name: string): Promise<void> {
  await p.getByRole('heading', { level: 1, name: 'Qui délibère ?' }).waitFor();
  await p.locator('label', { hasText: name }).click();
  await p.getByRole('button', { name: 'Valider' }).click();
  await p.getByRole('heading', { level: 1, name: 'Portail du jury' }).waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
  await page.getByRole('button', { name: 'Se connecter' }).waitFor();
}

/** Opens an activity through the side menu (unfolding its section first). */
export async function openActivity(page: Page, section: string, label: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Menu des activités' });
  const link = nav.getByRole('link', { name: label, exact: true });
  if (!(await link.isVisible())) await nav.getByRole('button', { name: section, exact: true }).click();
  await link.click();
  // the page title ends with the activity's label (memo: "Délibération - <section> - <activité>")
  await page.getByRole('heading', { level: 1 }).filter({ hasText: label }).waitFor();
}

/** Form controls without an accessible label (RGAA 11.1). */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('input, select, textarea'))) {
      const c = el as HTMLInputElement;
      if (c.type === 'hidden' || c.closest('[hidden]') || c.getAttribute('aria-hidden') === 'true') continue;
      const labelled = (c.labels && c.labels.length > 0) || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby') || c.title;
      if (!labelled) out.push(c.outerHTML.slice(0, 120));
    }
    return out;
  });
}

/**
 * axe-core's serious and critical violations on the current page ("rule: n node(s) — first target"),
 * run in the page through the devtools protocol (the application's CSP forbids injected scripts).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const { default: axe } = await import('axe-core');
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: JSON.stringify(v.nodes[0]?.target ?? []) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes} node(s) — ${v.target}`);
}
