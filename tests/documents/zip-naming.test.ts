import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createBatch } from '../../src/documents/batch.js';
import { compteRenduText, formatDuration, formatSize } from '../../src/documents/compte-rendu.js';
import { juryZipName, safeFileName } from '../../src/documents/naming.js';
import { MANIFEST_NAME, sha256Hex, verifyZip, zipFiles, ZipStream } from '../../src/documents/zip.js';

const files = [
  { name: 'PVI_31310.pdf', data: Buffer.from('%PDF-1.4 pvi') },
  { name: 'statistiques/stats_31310.pdf', data: Buffer.from('%PDF-1.4 stats') },
  { name: 'papillon_31310.pdf', data: Buffer.from('%PDF-1.4 papillon NGUYỄN') },
];

describe('deterministic zips with a SHA-256 manifest', () => {
  it('same entries and time ⇒ same bytes; the time is the edition time', () => {
    const a = zipFiles(files, { mtime: '2023-06-06T11:18' });
    const b = zipFiles(files, { mtime: '2023-06-06T11:18' });
    expect(a.equals(b)).toBe(true);
    expect(zipFiles(files, { mtime: '2023-06-06T11:20' }).equals(a)).toBe(false);
    // DOS time of the first local header: 11:18:00 on 06/06/2023
    const time = a.readUInt16LE(10);
    const date = a.readUInt16LE(12);
    expect([time >> 11, (time >> 5) & 63, date >> 9, (date >> 5) & 15, date & 31]).toEqual([11, 18, 2023 - 1980, 6, 6]);
  });

  it('MANIFEST.sha256 lists "<hex>  <name>" and verifies (also with sha256sum -c)', () => {
    const zip = zipFiles(files, { mtime: '2023-06-06T11:18' });
    const content = unzipSync(zip);
    const manifest = Buffer.from(content[MANIFEST_NAME]!).toString('utf8');
    expect(manifest).toBe(files.map((f) => `${sha256Hex(f.data)}  ${f.name}\n`).join(''));
    expect(verifyZip(zip)).toEqual({ ok: true, errors: [], files: 3 });
    const dir = mkdtempSync(join(tmpdir(), 'delib-zip-'));
    try {
      for (const [name, data] of Object.entries(content)) {
        execFileSync('mkdir', ['-p', join(dir, name, '..')]);
        writeFileSync(join(dir, name), data);
      }
      expect(execFileSync('sha256sum', ['-c', MANIFEST_NAME], { cwd: dir, encoding: 'utf8' })).toContain('PVI_31310.pdf: OK');
      // an independent reader checks the CRCs and the container (when Info-ZIP is installed)
      writeFileSync(join(dir, 'a.zip'), zip);
      let unzip = '';
      try {
        unzip = execFileSync('unzip', ['-t', join(dir, 'a.zip')], { encoding: 'utf8' });
      } catch (e) {
        if ((e as { code?: string }).code !== 'ENOENT') throw e;
      }
      if (unzip) expect(unzip).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a tampered, missing or extra file fails verification', () => {
    const zip = zipFiles(files, { mtime: '2023-06-06T11:18' });
    const content = unzipSync(zip);
    const tampered = zipSync({ ...content, 'PVI_31310.pdf': Buffer.from('%PDF-1.4 PVI modifié') });
    expect(verifyZip(tampered).ok).toBe(false);
    expect(verifyZip(tampered).errors).toEqual(['PVI_31310.pdf : empreinte SHA-256 différente']);
    const { 'papillon_31310.pdf': _removed, ...rest } = content;
    expect(verifyZip(zipSync(rest)).errors).toEqual(["papillon_31310.pdf : absent de l'archive"]);
    expect(verifyZip(zipSync({ ...content, 'intrus.pdf': Buffer.from('x') })).errors).toEqual(['intrus.pdf : absent du manifeste']);
    // a byte flipped inside a stored entry
    const stored = Buffer.from(zipFiles(files, { mtime: '2023-06-06T11:18', level: 0 }));
    const at = stored.indexOf('pvi');
    stored[at] = 'P'.charCodeAt(0);
    expect(verifyZip(stored).ok).toBe(false);
    expect(verifyZip(Buffer.from('not a zip')).ok).toBe(false);
  });

  it('refuses unsafe or duplicate entry names', () => {
    expect(() => zipFiles([{ name: '../evil.pdf', data: Buffer.from('') }], { mtime: '2023-06-06T11:18' })).toThrow(/invalide/);
    expect(() => zipFiles([{ name: '/abs.pdf', data: Buffer.from('') }], { mtime: '2023-06-06T11:18' })).toThrow(/invalide/);
    expect(() => zipFiles([files[0]!, files[0]!], { mtime: '2023-06-06T11:18' })).toThrow(/double/);
  });

  it('streams thousands of files in order, deterministic, verifiable', async () => {
    const make = async (): Promise<Buffer> => {
      const chunks: Uint8Array[] = [];
      const zip = new ZipStream(async (c) => void chunks.push(c), { mtime: '2023-06-06T11:18' });
      const batch = createBatch({ yieldEvery: 100 });
      const items = Array.from({ length: 2000 }, (_, i) => i);
      for await (const f of batch.renderMany(items, (i) => ({ name: `RLN_${String(i).padStart(5, '0')}.pdf`, data: Buffer.from(`%PDF ${i}`) }))) {
        await zip.add(f.name, f.data);
      }
      await zip.finish();
      expect(batch.stats.files).toBe(2000);
      return Buffer.concat(chunks);
    };
    const a = await make();
    expect((await make()).equals(a)).toBe(true);
    const v = verifyZip(a);
    expect(v.ok).toBe(true);
    expect(v.files).toBe(2000);
    expect(Object.keys(unzipSync(a))[1999]).toBe('RLN_01999.pdf');
  });
});

describe('file names', () => {
  it('emergency plan zips: DELIB_<UAI>_BTS_<session>_GRD_<group>_<jury>.zip', () => {
    expect(juryZipName({ uai: '0250001R', session: '2023-06', group: 1, jury: '31310' })).toBe('DELIB_0250001R_BTS_2023-06_GRD_1_31310.zip');
    expect(juryZipName({ uai: '0250001R', session: '2023-06', group: 2, jury: 'JURY_SP' })).toBe('DELIB_0250001R_BTS_2023-06_GRD_2_JURY_SP.zip');
    expect(juryZipName({ uai: '0250001R', session: '2023-06', group: 1, jury: '../31310' })).toBe('DELIB_0250001R_BTS_2023-06_GRD_1_31310.zip');
  });

  it('safe names from the Titre édition: no separators, no "..", accents transliterated', () => {
    expect(safeFileName('Listes ../admis: juin/2023', 'pdf')).toBe('Listes_admis_juin_2023.pdf');
    expect(safeFileName('Stats v1.2 (jury 31310)', 'pdf')).toBe('Stats_v1.2_(jury_31310).pdf');
    expect(safeFileName('Relevés de notes – spécialité Œnologie', 'zip')).toBe('Releves_de_notes_-_specialite_OEnologie.zip');
    expect(safeFileName('..\\..\\etc\\passwd')).toBe('etc_passwd');
    expect(safeFileName('   ', 'pdf')).toBe('edition.pdf');
    expect(safeFileName('CON', 'pdf')).toBe('_CON.pdf');
    expect(safeFileName('NGUYỄN Thị', 'csv')).toBe('NGUYEN_Thi.csv');
    expect(safeFileName('x'.repeat(300)).length).toBe(100);
    for (const t of ['a/b', 'a\\b', '../..', 'a\u0000b', '.hidden']) {
      const n = safeFileName(t, 'pdf');
      expect(n).not.toMatch(/[/\\]|\.\.|^\./);
      expect(n.includes(String.fromCharCode(0))).toBe(false);
    }
  });
});

describe('compte-rendu', () => {
  it('prints the memo report', () => {
    const text = compteRenduText({
      ok: true,
      debut: '2023-06-06T13:54:25',
      fin: '2023-06-06T13:54:26',
      dureeMs: 1000,
      lines: ['Groupe de décision : 11', 'Récupération de la liste des jurys', 'jurys : 31408', 'Plan de secours généré', 'Plan de secours disponible'],
      documents: [{ name: 'DELIB_0250001R_BTS_2023-06_GRD_1_31408.zip', size: 74_000 }],
    });
    expect(text).toBe(
      "Le traitement s'est bien déroulé.\n\nDébut du traitement : 06/06/2023 13:54:25\nFin du traitement : 06/06/2023 13:54:26\nTemps d'exécution : 1 seconde\n\n" +
        'Groupe de décision : 11\nRécupération de la liste des jurys\njurys : 31408\nPlan de secours généré\nPlan de secours disponible\n\nDocuments produits :\nDELIB_0250001R_BTS_2023-06_GRD_1_31408.zip (73 KB)\n',
    );
    expect(formatDuration(125_000)).toBe('2 minutes 5 secondes');
    expect(formatDuration(3_600_000)).toBe('1 heure 0 minute 0 seconde');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(compteRenduText({ ok: false, debut: '2023-06-06T13:54:25', fin: '2023-06-06T13:54:25', dureeMs: 0, lines: [], erreur: 'Jury 31408 : état 105' })).toContain("Le traitement s'est terminé en erreur.\nErreur : Jury 31408 : état 105");
  });
});

describe('zipFiles and ZipStream agree', () => {
  it('give the same bytes for the same entries', async () => {
    const chunks: Uint8Array[] = [];
    const s = new ZipStream((c) => void chunks.push(c), { mtime: '2023-06-06T11:18' });
    for (const f of files) await s.add(f.name, f.data);
    await s.finish();
    expect(Buffer.concat(chunks).equals(zipFiles(files, { mtime: '2023-06-06T11:18' }))).toBe(true);
    expect(s.bytes).toBe(Buffer.concat(chunks).length);
  });
});
