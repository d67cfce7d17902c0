// Issue #19 "done when", in the browser, on a session without the demo: `delib migrate`,
// `delib user create` (académie, password from standard input), `delib import` of a generated
// session (it says the accounts are to be provisioned), `delib provision` (one-time passwords
// printed only on the access sheets, read back from the PDFs), an agent account mapped with
// `--sso`, then `delib serve` with a local OpenID provider. Chromium logs in as the académie, a chef
// de centre and a jury with their one-time passwords (the personal accounts must choose their own
// first), and as an agent through the provider's login and consent pages; an unknown agent is
// refused with a French message. axe-core on the login page (with "Connexion agent"), the refusal
// and the Users page with its identities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalProvider, type LocalProvider } from '../support/oidc-provider.js';
import { axeViolations, chooseMember, launchBrowser, login, logout, newPage, screenshot, unlabelledControls, type TrackedPage } from './support/browser.js';
import { ROOT } from './support/paths.js';
import { freePort, startServer, type RunningServer } from './support/server.js';

const work = mkdtempSync(join(tmpdir(), 'delib-e2e-day-one-'));
const databaseFile = join(work, 'delib.sqlite');
const ACADEMIE_PASSWORD = 'registre-ardoise-lanterne-quinze';

let provider: LocalProvider;
let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;
let port: number;

function delib(argv: readonly string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/delib.mjs', ...argv], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: `sqlite:${databaseFile}`, ...env }, timeout: 300_000,
    ...(input !== undefined ? { input } : {}),
  });
  if (r.status !== 0) throw new Error(`delib ${argv.join(' ')} → ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const pdfText = (f: string) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', f, '-'], { encoding: 'utf8' });
const passwordOf = (text: string, login: string) => new RegExp(`Identifiant :\\s+${login}\\s*\\n\\s*Mot de passe[^:]*:\\s+(\\S+)`).exec(text)?.[1];

/** The personal account's first login: "Choisir votre mot de passe" before anything else. */
async function chooseOwnPassword(received: string, chosen: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Choisir votre mot de passe' }).waitFor();
  await page.getByLabel('Mot de passe reçu (à usage unique)').fill(received);
  await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill(chosen);
  await page.getByLabel('Confirmation du nouveau mot de passe').fill(chosen);
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent !== 'Choisir votre mot de passe');
}

const me = () => page.evaluate(async () => ((await (await fetch('/api/auth/me')).json()) as { user: { login: string; role: string } | null }).user);

/** Through the local provider's development login and consent pages, back to Délib. */
async function throughProvider(sub: string): Promise<void> {
  await page.waitForURL((u) => u.port === String(new URL(provider.issuer).port));
  await page.locator('input[name="login"]').fill(sub);
  await page.locator('input[name="password"]').fill('sans-importance');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((u) => u.port === String(port));
}

/** A browser page; the local provider's development pages import a web font from the Internet, which this machine has not: served empty. */
async function providerReadyPage(): Promise<TrackedPage> {
  const t = await newPage(browser, server.baseUrl);
  await t.page.context().route('https://fonts.googleapis.com/**', (r) => r.fulfill({ status: 200, contentType: 'text/css', body: '' }));
  return t;
}

describe('day one of a real session: CLI set-up, one-time passwords, agent single sign-on', () => {
  let centreUai = '';
  let centrePassword = '';
  let juryCode = '';
  let juryPassword = '';
  let president = '';

  beforeAll(async () => {
    port = await freePort();
    provider = await startLocalProvider({
      redirectUri: `http://127.0.0.1:${port}/api/auth/oidc/callback`,
      emails: { 'agent-chef-centre': 'chef.centre@ac-exemple.fr', 'agent-inconnu': 'inconnu@ac-exemple.fr' },
    });
    delib(['migrate']);
    const created = delib(['user', 'create', 'examens', '--role', 'academie', '--scope', 'A00', '--name', 'Service des examens', '--mot-de-passe-stdin'], `${ACADEMIE_PASSWORD}\n`);
    expect(created).toContain('Il devra choisir son propre mot de passe à sa première connexion.');
    delib(['generate', '--candidates', '40', '--out', join(work, 'session'), '--seed', '7']);
    const imported = delib(['import', join(work, 'session')]);
    expect(imported).toContain("Comptes à créer : les centres de délibération, centres d'épreuve et jurys de la session n'ont pas encore de compte.");
    const jury = readFileSync(join(work, 'session', 'jurys.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[1]!.split(';');
    [juryCode, , centreUai, president] = jury as [string, string, string, string];
    const provisioned = delib(['provision', '--out', join(work, 'fiches')], undefined, { DELIB_PUBLIC_URL: `http://127.0.0.1:${port}` });
    expect(provisioned).toContain("fichier(s) de fiches d'accès écrit(s)");
    const sheets = readdirSync(join(work, 'fiches')).filter((f) => f.includes(centreUai));
    expect(sheets).toHaveLength(1);
    const text = pdfText(join(work, 'fiches', sheets[0]!));
    centrePassword = passwordOf(text, `centre-${centreUai}`) ?? '';
    juryPassword = passwordOf(text, `jury-${juryCode}`) ?? '';
    expect(centrePassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(juryPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const agent = delib(['user', 'create', `agent-${centreUai}`, '--role', 'centre', '--scope', centreUai, '--name', 'Chef de centre (agent)', '--sso', 'email:chef.centre@ac-exemple.fr']);
    expect(agent).toContain('Connexion agent : identité email:chef.centre@ac-exemple.fr');

    server = await startServer('day-one', {
      command: 'serve', databaseFile, port,
      env: {
        DELIB_OIDC_ISSUER: provider.issuer, DELIB_OIDC_CLIENT_ID: provider.clientId, DELIB_OIDC_CLIENT_SECRET: provider.clientSecret,
        DELIB_OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/api/auth/oidc/callback`,
      },
    });
    browser = await launchBrowser();
    tracked = await providerReadyPage();
    page = tracked.page;
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await provider?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('the login page offers « Connexion agent » (the provider is configured), accessible', async () => {
    await page.goto('/connexion');
    await page.getByTestId('agent-login').getByRole('link', { name: /S’identifier avec\s*ProConnect/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'day-one-01-connexion');
  });

  it('the académie logs in with the password it was given, must choose its own, and sees the agent identity on the Users page', async () => {
    await login(page, 'examens', ACADEMIE_PASSWORD);
    await chooseOwnPassword(ACADEMIE_PASSWORD, 'cormoran-vitrail-septembre-azimut');
    expect(await me()).toMatchObject({ login: 'examens', role: 'academie' });
    await page.goto('/academie/utilisateurs');
    const row = page.getByTestId(`user-agent-${centreUai}`);
    expect(await row.getByTestId('user-sso').textContent()).toBe('E-mail : chef.centre@ac-exemple.fr');
    expect(await row.locator('td').nth(4).textContent()).toBe('Actif (connexion agent, sans mot de passe)');
    await page.getByTestId('provisioning-status').waitFor();
    expect(await page.getByTestId('provisioning-status').textContent()).toMatch(/^\d+ compte\(s\) de centres et de jurys/);
    // map the chef de centre's own account too, through the screen
    const centreRow = page.getByTestId(`user-centre-${centreUai}`);
    await centreRow.getByRole('button', { name: "Identité d'agent" }).click();
    await centreRow.getByLabel('Identifiée par').selectOption('sub');
    await centreRow.getByLabel('Sujet (sub)').fill('sub-centre-secondaire');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'day-one-02-utilisateurs-identite');
    await centreRow.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => centreRow.getByTestId('user-sso').textContent()).toBe('Sujet : sub-centre-secondaire');
    expect(await unlabelledControls(page)).toEqual([]);
    await logout(page);
  });

  it('the chef de centre logs in with the one-time password of the access sheet and must choose its own', async () => {
    await login(page, `centre-${centreUai}`, centrePassword);
    await chooseOwnPassword(centrePassword, 'gouvernail-pivoine-escalier-trente');
    expect(await me()).toMatchObject({ login: `centre-${centreUai}`, role: 'centre' });
    await logout(page);
  });

  it('the jury logs in with the one-time password of its sheet (shared: kept), and opens its portal', async () => {
    await login(page, `jury-${juryCode}`, juryPassword);
    await chooseMember(page, president);
    expect(await me()).toMatchObject({ login: `jury-${juryCode}`, role: 'jury' });
    await screenshot(page, 'day-one-03-jury');
    await logout(page);
  });

  it('an agent logs in through the local OpenID provider (ProConnect button), mapped by its e-mail', async () => {
    await page.goto('/connexion');
    await page.getByRole('link', { name: /S’identifier avec\s*ProConnect/ }).click();
    await throughProvider('agent-chef-centre');
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
    expect(await me()).toMatchObject({ login: `agent-${centreUai}`, role: 'centre' });
    await screenshot(page, 'day-one-04-agent-connecte');
    await logout(page);
  });

  it('an agent whose identity is mapped to no account is refused with a French message', async () => {
    // another browser: the provider's session of the previous agent is not there
    const first = tracked;
    tracked = await providerReadyPage();
    page = tracked.page;
    expect(first.problems).toEqual([]);
    await page.goto('/connexion');
    await page.getByRole('link', { name: /S’identifier avec\s*ProConnect/ }).click();
    await throughProvider('agent-inconnu');
    await page.getByText("Votre identité d'agent n'est associée à aucun compte Délib.").waitFor();
    expect(new URL(page.url()).pathname).toBe('/connexion');
    expect(await me()).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'day-one-05-agent-inconnu');
    expect(tracked.problems).toEqual([]);
  });
});
