// Issue #9, "Done when": the jury keeps deliberating when the network fails. As jury 31310 on the
// demonstration session, through the real server and Chromium: the portal is loaded (service worker,
// encrypted copy of the jury's data), the network is cut (context.setOffline), the page reloads and
// still works, two grades are changed offline (decisions recomputed by the shared engine, closing
// refused with its reason), the network comes back and the changes reach the server and the journal
// (offline mark, original time, chain verified); a third change made offline on a grade that the
// vice-présidente changed online meanwhile comes back as a conflict, which the jury resolves. The
// store is unreadable without the password (ciphertext only; a wrong password does not unlock it),
// and logging out erases it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, type TrackedPage, chooseMember } from './support/browser.js';
import { ROOT } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';

const GOLDEN = 'T230A031000004'; // AZBTSUN John: 9,95 / 10,00 → Passe les épreuves de contrôle
const MISSING = 'T230A031000008'; // PETIT Camille: U41 missing → Incomplet

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;
let context: BrowserContext;
let goldenId = '';

async function openPvi(p: Page, anonymat: string): Promise<void> {
  await p.getByRole('link', { name: `Procès-verbal individuel du candidat ${anonymat}` }).click();
  await p.getByTestId('pvi-decision').waitFor();
}

async function backToList(p: Page): Promise<void> {
  await p.getByRole('link', { name: 'Retour à la liste des candidats' }).first().click();
  await p.getByTestId('candidates-table').waitFor();
}

async function changeGrade(p: Page, label: RegExp, code: string, value: string): Promise<void> {
  await p.getByRole('button', { name: label }).click();
  await p.getByLabel(new RegExp(`^Nouvelle note - ${code}`)).fill(value);
  await p.getByTestId('grade-save').click();
}

const banner = (p: Page) => p.getByTestId('offline-banner');

/** Every record of the browser's offline store, as text (what is on disk). */
function storeDump(p: Page): Promise<{ meta: string[]; records: { name: string; text: string; bytes: number }[] }> {
  return p.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, ko) => {
      const r = indexedDB.open('delib-jury-hors-ligne');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const all = <T,>(store: string) => new Promise<T[]>((ok, ko) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => ok(r.result as T[]);
      r.onerror = () => ko(r.error);
    });
    const meta = await all<{ login: string }>('meta');
    const records = await all<{ name: string; data: ArrayBuffer }>('records');
    db.close();
    return {
      meta: meta.map((m) => m.login),
      records: records.map((r) => ({ name: r.name, text: new TextDecoder('latin1').decode(r.data), bytes: r.data.byteLength })),
    };
  });
}

describe('offline jury portal', () => {
  beforeAll(async () => {
    server = await startServer('offline');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
    context = page.context();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, `off-echec-${ctx.task.name.slice(0, 24).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('loads the portal as jury 31310: service worker in control, the jury data kept encrypted', async () => {
    await login(page, 'jury-31310', 'demo-jury-2023');
    await chooseMember(page, 'DUBOIS Pierre');
    await page.getByTestId('candidates-table').waitFor();
    await page.getByTestId('offline-ready').waitFor();
    // the shell is cached by a same-origin service worker (the CSP allows it: no violation logged)
    await page.waitForFunction(() => navigator.serviceWorker?.controller?.scriptURL.endsWith('/sw.js'), undefined, { timeout: 30_000 });
    await screenshot(page, 'off-60-portail-en-ligne');

    // on disk: only ciphertext — no name, anonymous number or grade
    const dump = await storeDump(page);
    expect(dump.meta).toEqual(['jury-31310']);
    expect(dump.records.map((r) => r.name).sort()).toEqual(expect.arrayContaining(['bundle', 'check', 'me']));
    expect(dump.records.find((r) => r.name === 'bundle')!.bytes).toBeGreaterThan(5000);
    for (const r of dump.records) {
      for (const plain of ['DUBOIS', 'MARTIN', GOLDEN, 'T230A0310', '9,95', 'hundredths', 'numeroAnonymat', 'jury-31310']) {
        expect(r.text, `${r.name} contient « ${plain} »`).not.toContain(plain);
      }
    }
  });

  it('network cut: the page reloads and still works; two grades changed offline, decisions recomputed, closing waits', async () => {
    await context.setOffline(true);
    await page.reload();
    await banner(page).getByText('Hors ligne — aucune modification en attente').waitFor();
    await page.getByTestId('candidates-table').waitFor();
    expect(await page.getByTestId(`candidate-row-${GOLDEN}`).locator('td').nth(1).textContent()).toBe('9,95');
    expect(await page.getByTestId(`decision-${GOLDEN}`).textContent()).toBe('Passe les épreuves de contrôle');
    expect(await page.getByTestId('counts-INCOMPLET').textContent()).toMatch(/^1\s*Incomplet$/);
    expect(await page.evaluate(async () => fetch('/api/auth/me').then(() => 'joignable', () => 'injoignable'))).toBe('injoignable');
    await screenshot(page, 'off-61-hors-ligne-recharge');

    // 1st change: the golden candidate is admitted
    await openPvi(page, GOLDEN);
    goldenId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.getByTestId('pvi-moyenne').textContent()).toBe('9,95/20');
    await changeGrade(page, /^Modifier la note U1 - /, 'U1', '10');
    await page.getByTestId('pvi-decision').filter({ hasText: /^Admis$/ }).waitFor();
    expect(await page.getByTestId('pvi-moyenne').textContent()).toBe('10,10/20');
    await page.getByText('Note U1 enregistrée hors ligne, en attente d’envoi au serveur (9,00 → 10,00)', { exact: false }).waitFor();
    expect(await page.getByTestId('unit-row-U1').textContent()).toContain('Modifiée hors ligne, en attente d’envoi au serveur');
    await banner(page).getByText('Hors ligne — 1 modification en attente').waitFor();
    await screenshot(page, 'off-62-pvi-modifie-hors-ligne');

    // 2nd change: the missing grade entered, the candidate is no longer incomplete
    await backToList(page);
    await openPvi(page, MISSING);
    expect(await page.getByTestId('pvi-decision').textContent()).toBe('Incomplet');
    await changeGrade(page, /^Saisir la note U41 - /, 'U41', '12');
    await page.getByTestId('pvi-decision').filter({ hasText: /^Admis$/ }).waitFor();
    expect(await page.getByTestId('pvi-moyenne').textContent()).toBe('10,87/20');
    await banner(page).getByText('Hors ligne — 2 modifications en attente').waitFor();

    // the list and the counts follow; the closing says why it waits
    await backToList(page);
    expect(await page.getByTestId(`decision-${GOLDEN}`).textContent()).toBe('Admis');
    expect(await page.getByTestId('counts-INCOMPLET').textContent()).toMatch(/^0\s*Incomplet$/);
    expect(await page.getByTestId('close-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('close-waits').textContent()).toContain('Hors ligne : la clôture de la délibération nécessite le serveur');
    await screenshot(page, 'off-63-liste-hors-ligne-2-modifications');

    // statistics recomputed in the browser too
    await page.goto('/jury/statistiques');
    await page.getByTestId('stats-decision').waitFor();
    expect(await page.getByTestId('stat-INCOMPLET').count()).toBe(0);
    expect(await page.getByTestId('stat-epreuve-U41').locator('td').last().textContent()).toBe('0');
    await screenshot(page, 'off-63b-statistiques-hors-ligne');

    // the queue survives a reload (kept encrypted)
    await page.goto('/jury');
    await banner(page).getByText('Hors ligne — 2 modifications en attente').waitFor();
    expect(await page.getByTestId(`decision-${GOLDEN}`).textContent()).toBe('Admis');
    const dump = await storeDump(page);
    const queue = dump.records.find((r) => r.name === 'queue')!;
    for (const plain of ['U41', '"12"', GOLDEN, 'DUBOIS']) expect(queue.text).not.toContain(plain);
  });

  it('a new tab offline asks the password to unlock the data (a wrong one does not)', async () => {
    const tab = await context.newPage();
    await tab.goto('/jury');
    await tab.getByTestId('offline-unlock').waitFor();
    await tab.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe');
    await tab.getByRole('button', { name: 'Déverrouiller' }).click();
    await tab.getByText('Mot de passe incorrect', { exact: false }).waitFor();
    await screenshot(tab, 'off-64-deverrouillage');
    await tab.getByLabel('Mot de passe').fill('demo-jury-2023');
    await tab.getByRole('button', { name: 'Déverrouiller' }).click();
    await banner(tab).getByText('Hors ligne — 2 modifications en attente').waitFor();
    await tab.close();
  });

  it('network back: the changes reach the server and the journal, marked offline with their original time', async () => {
    await context.setOffline(false);
    await banner(page).getByText('2 modifications faites hors ligne sont enregistrées sur le serveur et au journal').waitFor({ timeout: 30_000 });
    await page.getByTestId('offline-ready').waitFor();
    await screenshot(page, 'off-65-reseau-retabli');
    const pvi = await (await page.request.get(`/api/deliberation/candidates/${goldenId}/pvi`)).json();
    expect(pvi.group1).toMatchObject({ moyenne: '10,10', decisionLabel: 'Admis' });
    // another tab (online) has the session but not the key: the banner offers to unlock the data
    const tab = await context.newPage();
    await tab.goto('/jury');
    await tab.getByTestId('offline-locked').waitFor();
    await screenshot(tab, 'off-65b-deverrouiller-en-ligne');
    await tab.getByTestId('offline-locked').getByLabel('Mot de passe').fill('demo-jury-2023');
    await tab.getByRole('button', { name: 'Déverrouiller' }).click();
    await tab.getByTestId('offline-ready').waitFor();
    await tab.close();

    await page.goto('/jury');
    await page.getByTestId('offline-ready').waitFor();
    expect(await page.getByTestId('close-button').isDisabled()).toBe(false);
    expect(await page.getByTestId('close-waits').count()).toBe(0);

    await page.goto('/journal');
    const rows = page.getByTestId('journal-table').locator('tbody tr').filter({ hasText: 'Note modifiée en délibération' }).filter({ hasText: 'saisie hors ligne : oui' });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    const u1 = await rows.filter({ hasText: 'note : 9,00' }).textContent();
    expect(u1).toContain('note : 10,00');
    expect(u1).toContain('DUBOIS Pierre');
    expect(u1).toMatch(/saisie le : \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await screenshot(page, 'off-66-journal-hors-ligne');
  });

  it('a third change made offline on a grade the vice-présidente changed online meanwhile is a conflict, resolved by the jury', async () => {
    await page.goto(`/jury/candidats/${goldenId}`);
    await page.getByTestId('pvi-decision').waitFor();
    await page.getByTestId('offline-ready').waitFor();
    await context.setOffline(true);

    // meanwhile, online in another browser, the vice-présidente changes U3
    const other = await newPage(browser, server.baseUrl);
    await login(other.page, 'jury-31310', 'demo-jury-2023');
    await chooseMember(other.page, 'MARTIN Claire');
    const csrf = await other.page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).csrfToken as string);
    const current = await (await other.page.request.get(`/api/deliberation/candidates/${goldenId}/pvi`)).json();
    const u3 = current.units.find((u: { code: string }) => u.code === 'U3').cell;
    const res = await other.page.request.post(`/api/deliberation/candidates/${goldenId}/grade-changes`, {
      headers: { 'x-csrf-token': csrf }, data: { group: 1, epreuve: 'U3', value: '12', version: u3.version },
    });
    expect(res.status()).toBe(200);
    await other.page.context().close();

    // offline, the président changes the same grade (based on the version he had)
    await changeGrade(page, /^Modifier la note U3 - /, 'U3', '13');
    await page.getByText('Note U3 enregistrée hors ligne', { exact: false }).waitFor();
    await banner(page).getByText('Hors ligne — 1 modification en attente').waitFor();
    // and another grade, nobody else touched: it goes through, the report counts it beside the conflict
    await changeGrade(page, /^Modifier la note U42 - /, 'U42', '11');
    await page.getByText('Note U42 enregistrée hors ligne', { exact: false }).waitFor();
    await banner(page).getByText('Hors ligne — 2 modifications en attente').waitFor();

    await context.setOffline(false);
    const conflict = page.getByTestId('conflict-U3');
    await conflict.waitFor({ timeout: 30_000 });
    expect(await conflict.getByTestId('conflict-mine').textContent()).toMatch(/^13,00 \(le .* par DUBOIS Pierre\)$/);
    expect(await conflict.getByTestId('conflict-server').textContent()).toMatch(/^12,00 \(modifiée par MARTIN Claire/);
    expect(await conflict.textContent()).toContain('La note a changé sur le serveur pendant la coupure');
    // nothing was written over the vice-présidente's value; the closing waits for the jury's choice
    await page.getByTestId('grade-1-U3').filter({ hasText: /^12,00$/ }).waitFor();
    // to the list within the page (no reload): the sending's report stays on screen
    await page.getByRole('link', { name: 'Retour à la liste des candidats' }).first().click();
    await page.getByTestId('conflict-U3').waitFor();
    expect(await page.getByTestId('close-waits').textContent()).toContain('résolution des conflits');
    await banner(page).getByText('1 modification faite hors ligne est enregistrée sur le serveur et au journal ; 1 en conflit, à résoudre ci-dessous', { exact: false }).waitFor();
    await screenshot(page, 'off-67-conflit');

    await page.getByTestId('conflict-U3').getByRole('button', { name: 'Garder ma saisie (13,00)' }).click();
    await page.getByTestId('offline-conflicts').waitFor({ state: 'detached' });
    // resolved: the report says so, no more "1 en conflit" (issue #14, item 13)
    await banner(page).getByText('le conflit a été résolu', { exact: false }).waitFor();
    expect(await banner(page).textContent()).not.toContain('en conflit');
    const pvi = await (await page.request.get(`/api/deliberation/candidates/${goldenId}/pvi`)).json();
    expect(pvi.units.find((u: { code: string }) => u.code === 'U3').cell).toMatchObject({ value: '13,00', updatedBy: 'DUBOIS Pierre' });
    await page.goto(`/jury/candidats/${goldenId}`);
    expect(await page.getByTestId('unit-row-U3').textContent()).toContain('Modifiée par DUBOIS Pierre');
    await screenshot(page, 'off-68-conflit-resolu');
  }, 240_000);

  it('every change reached the journal, and its hash chain verifies (delib journal verify)', async () => {
    const verify = execFileSync(process.execPath, ['bin/delib.mjs', 'journal', 'verify'], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: `sqlite:${server.databaseFile}` }, encoding: 'utf8',
    });
    expect(verify).toMatch(/^Journal intègre : \d+ entrée\(s\) vérifiée\(s\)/);
  }, 240_000);

  it('logout erases the jury data from the browser; no CSP violation, no page error', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(await storeDump(page)).toEqual({ meta: [], records: [] });
    const problems = tracked.problems.filter((m) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(m));
    expect(problems).toEqual([]);
  });
});
