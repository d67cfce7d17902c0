// Verifiable relevés de notes (issue #15) through the real server and Chromium: the chef de centre's
// RLN carries a code and a QR code; a forger re-draws the relevé with a better grade and the same
// code; Chromium scans the forged PDF's QR code (the page image decoded in the browser by jsQR) back
// to the public address, and the public page (no login, axe-core clean) shows the real grade.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connect } from '../../src/db/connect.js';
import { renderTranscripts } from '../../src/documents/transcript/rln.js';
import type { Actor } from '../../src/domain/types.js';
import { fromInt } from '../../src/domain/rational.js';
import { resolveScope } from '../../src/features/editions/select-juries.js';
import { loadContext } from '../../src/features/editions/snapshot/context.js';
import { loadRlnBatch } from '../../src/features/editions/snapshot/transcripts.js';
import { pdfText } from '../features/editions/support.js';
import { pdfPagePng } from '../support/qr.js';
import { axeViolations, launchBrowser, login, newPage, screenshot, type TrackedPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const CENTRE = { login: 'centre-0250001R', password: 'demo-centre-2023' };
const CENTRE_ACTOR: Actor = { role: 'centre', login: 'centre-0250001R', name: 'Chef de centre', scope: '0250001R' };
const RLN = { signatureLieu: 'Besançon', signatureDate: '06/06/2023', etablissement: true, mail: true, telephone: false, criteria: [] };
const JSQR_SOURCE = createRequire(import.meta.url).resolve('jsqr');

let server: RunningServer;
let browser: Browser;
let tracked: TrackedPage;
let page: Page;

/** Chromium scans the image: the PNG shown in a page, its pixels read from a canvas and decoded by jsQR. */
async function scanInChromium(png: Buffer): Promise<string | null> {
  const p = await browser.newPage(); // a blank page of its own (the application's CSP forbids injected scripts)
  await p.setContent('<!doctype html><html lang="fr"><title>scan</title><img id="doc" alt="document"></html>');
  await p.addScriptTag({ path: JSQR_SOURCE });
  return p.evaluate(async (b64) => {
    const img = document.getElementById('doc') as HTMLImageElement;
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const c2d = canvas.getContext('2d')!;
    c2d.drawImage(img, 0, 0);
    const data = c2d.getImageData(0, 0, canvas.width, canvas.height);
    const jsQR = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR;
    return jsQR(data.data, data.width, data.height)?.data ?? null;
  }, png.toString('base64')).finally(() => p.context().close());
}

describe('verifiable relevés de notes', () => {
  beforeAll(async () => {
    server = await startServer('verification');
    browser = await launchBrowser();
    tracked = await newPage(browser, server.baseUrl);
    page = tracked.page;
    await login(page, CENTRE.login, CENTRE.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a forged relevé (changed grade) keeps a code that verifies to the real values', async () => {
    // the real relevé, as the chef de centre downloads it
    const me = await (await page.request.get('/api/auth/me')).json() as { csrfToken: string };
    const res = await page.request.post('/api/editions/rln/documents', {
      headers: { 'x-csrf-token': me.csrfToken }, data: { juries: ['25302'], title: 'Relevés', format: 'pdf', rln: RLN },
    });
    expect(res.status()).toBe(200);
    const real = Buffer.from(await res.body());
    const realText = pdfText(real);
    const code = /Code de vérification :\s*(\S+)/.exec(realText)![1]!;

    // the forger: the same relevé drawn again with a better first grade, the code and QR copied
    const h = await connect(`sqlite:${server.databaseFile!}`);
    let forged: Buffer;
    let realNote: string;
    try {
      const scope = await resolveScope(h.db, CENTRE_ACTOR, { kind: 'rln', juries: ['25302'] } as never);
      const ctx = await loadContext(h.db, scope, 'Relevés', new Date());
      const batch = await loadRlnBatch(ctx, { ...RLN, groupBy: 'jury', sortBy: 'nom' } as never);
      const first = batch.transcripts[0]!;
      expect(realText).toContain(first.candidate.nom);
      const u0 = first.units[0]!;
      realNote = `${(Number(u0.grade && typeof u0.grade === 'object' ? Number(u0.grade.num) / Number(u0.grade.den) : 0)).toFixed(2).replace('.', ',')}/20`;
      const url = `${server.baseUrl}/verifier/${code}`;
      forged = renderTranscripts({
        ...batch, titreEdition: 'Relevés',
        transcripts: [{ ...first, units: [{ ...u0, grade: fromInt(19) }, ...first.units.slice(1)], verification: { code, url } }],
      });
    } finally {
      await h.close();
    }
    expect(pdfText(forged)).toContain('19,00/20');

    // Chromium scans the forged paper (page 2: page 1 is the Titre édition)
    const scanned = await scanInChromium(pdfPagePng(forged, 2));
    expect(scanned).toBe(`${server.baseUrl}/verifier/${code}`);
    // and the real one gives the same address
    expect(await scanInChromium(pdfPagePng(real, 2))).toBe(scanned);

    // anyone (no login) opens the address
    const visitor = await newPage(browser, server.baseUrl);
    await visitor.page.goto(scanned!);
    await visitor.page.getByRole('heading', { name: 'Document en vigueur' }).waitFor();
    const body = await visitor.page.locator('main').innerText();
    expect(body).toContain(realNote);
    expect(body).not.toContain('19,00/20');
    expect(body).toMatch(/Relevé de notes - code [0-9A-Z-]{19}/);
    expect(await axeViolations(visitor.page)).toEqual([]);
    await screenshot(visitor.page, 'verif-01-page-publique');

    // an unknown code: the same answer as any refusal, nothing else
    await visitor.page.goto(`${server.baseUrl}/verifier/AAAA-BBBB-CCCC-DDDD`);
    await visitor.page.getByText('Aucun document vérifiable ne correspond à ce code.', { exact: false }).waitFor();
    expect(await axeViolations(visitor.page)).toEqual([]);
    expect(visitor.problems).toEqual([]);
    await visitor.page.context().close();
  });
});
