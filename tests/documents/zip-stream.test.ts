// The zip container of src/documents/zip.ts beyond the classic limits (ZIP64: more than 65 535
// entries, offsets past 4 GiB), checked by independent readers (Info-ZIP's unzip, Python's zipfile)
// when they are installed, and the storage choice per entry (PDFs stored, text deflated).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST_NAME, verifyZip, zipFiles, ZipStream } from '../../src/documents/zip.js';

const dir = mkdtempSync(join(tmpdir(), 'delib-zip64-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Output of a reader, or null when the program is not installed. */
function run(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    throw e;
  }
}

/** Python's zipfile: entry count (its central directory) and one entry's text (CRC checked). */
function pythonReads(file: string, name: string): { count: number; text: string } | null {
  const script = 'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({"count":len(z.infolist()),"text":z.read(sys.argv[2]).decode()}))';
  const out = run('python3', ['-c', script, file, name]);
  return out === null ? null : (JSON.parse(out) as { count: number; text: string });
}

/** `count` small text entries, stored (no zlib stream per entry: the container is what is tested). */
async function streamed(count: number, opts: { forceZip64?: boolean } = {}): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const zip = new ZipStream((c) => void chunks.push(c), { mtime: '2023-06-06T11:18', level: 0, ...opts });
  for (let i = 0; i < count; i++) await zip.add(`RLN_${String(i).padStart(6, '0')}.txt`, Buffer.from(`relevé ${i}\n`));
  await zip.finish();
  return Buffer.concat(chunks);
}

describe('ZIP64', () => {
  it('more than 65 535 entries: a ZIP64 end record, read back by independent readers', async () => {
    const n = 66_000;
    const zip = await streamed(n);
    // end of central directory: counts saturated, the ZIP64 record (just before its locator) has them
    const eocd = zip.length - 22;
    expect(zip.readUInt32LE(eocd)).toBe(0x06054b50);
    expect(zip.readUInt16LE(eocd + 10)).toBe(0xffff);
    expect(zip.readUInt32LE(eocd - 20)).toBe(0x07064b50);
    const record = Number(zip.readBigUInt64LE(eocd - 12));
    expect(zip.readUInt32LE(record)).toBe(0x06064b50);
    expect(Number(zip.readBigUInt64LE(record + 32))).toBe(n + 1);

    const v = verifyZip(zip);
    expect(v).toMatchObject({ ok: true, files: n });
    const file = join(dir, 'many.zip');
    writeFileSync(file, zip);
    const unzip = run('unzip', ['-tq', file]);
    if (unzip !== null) expect(unzip).toContain('No errors detected');
    const py = pythonReads(file, 'RLN_065999.txt');
    if (py) expect(py).toEqual({ count: n + 1, text: 'relevé 65999\n' });
  }, 120_000);

  it('ZIP64 records (as for offsets past 4 GiB) are valid for every reader', async () => {
    const zip = await streamed(3, { forceZip64: true });
    expect(verifyZip(zip)).toMatchObject({ ok: true, files: 3 });
    const file = join(dir, 'forced.zip');
    writeFileSync(file, zip);
    const unzip = run('unzip', ['-tq', file]);
    if (unzip !== null) expect(unzip).toContain('No errors detected');
    const py = pythonReads(file, 'RLN_000002.txt');
    if (py) expect(py).toEqual({ count: 4, text: 'relevé 2\n' });
    // without the option, the same entries give a classic zip (no ZIP64 record)
    const classic = await streamed(3);
    expect(classic.readUInt32LE(classic.length - 22 - 20)).not.toBe(0x07064b50);
    expect(classic.length).toBeLessThan(zip.length);
  });
});

describe('storage per entry', () => {
  const files = [
    { name: 'PVI_31310.pdf', data: Buffer.from('%PDF-1.4 '.repeat(200)) },
    { name: 'liste.csv', data: Buffer.from('numero;nom\n'.repeat(200)) },
    { name: 'DELIB_0250001R_BTS_2023-06_GRD_1_31310.zip', data: Buffer.from('PK'.repeat(300)) },
  ];

  /** Compression method of each local header, in order. */
  function methods(zip: Buffer): Record<string, number> {
    const out: Record<string, number> = {};
    let at = 0;
    while (zip.readUInt32LE(at) === 0x04034b50) {
      const nameLength = zip.readUInt16LE(at + 26);
      const name = zip.toString('utf8', at + 30, at + 30 + nameLength);
      out[name] = zip.readUInt16LE(at + 8);
      at += 30 + nameLength + zip.readUInt16LE(at + 28) + zip.readUInt32LE(at + 18);
    }
    return out;
  }

  it('stores what is already compressed (PDF, zip), deflates the rest and the manifest', () => {
    const zip = zipFiles(files, { mtime: '2023-06-06T11:18' });
    expect(methods(zip)).toEqual({ 'PVI_31310.pdf': 0, 'liste.csv': 8, 'DELIB_0250001R_BTS_2023-06_GRD_1_31310.zip': 0, [MANIFEST_NAME]: 8 });
    expect(verifyZip(zip).ok).toBe(true);
    expect(Buffer.from(unzipSync(zip)['PVI_31310.pdf']!).equals(files[0]!.data)).toBe(true);
  });

  it('an explicit level wins (per entry, or 0 for the whole zip)', () => {
    const zip = zipFiles([{ ...files[0]!, level: 6 }, files[1]!], { mtime: '2023-06-06T11:18' });
    expect(methods(zip)).toMatchObject({ 'PVI_31310.pdf': 8, 'liste.csv': 8 });
    expect(methods(zipFiles(files, { mtime: '2023-06-06T11:18', level: 0 }))).toMatchObject({ 'liste.csv': 0, [MANIFEST_NAME]: 0 });
  });

  it('refuses an edition time a zip cannot hold', () => {
    expect(() => zipFiles(files, { mtime: '1979-12-31T23:59' })).toThrow(/Date de zip invalide/);
    expect(() => zipFiles(files, { mtime: '2023-13-01T10:00' })).toThrow(/Date de zip invalide/);
  });
});
