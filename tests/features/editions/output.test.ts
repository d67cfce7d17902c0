// fileSink (the command line's output): one file as is; several files (the emergency plan's zips)
// streamed into one zip with its manifest as they are emitted; nothing under the final name until
// finish(); abort() leaves nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyZip, zipFiles } from '../../../src/documents/zip.js';
import { fileSink } from '../../../src/features/editions/output.js';

const dir = mkdtempSync(join(tmpdir(), 'delib-filesink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => ({ name, mediaType: 'application/pdf', data: Buffer.from(text) });

describe('fileSink', () => {
  it('writes a single file as is', async () => {
    const out = join(dir, 'liste.pdf');
    const lines: string[] = [];
    const sink = fileSink(out, { mtime: '2023-06-06T11:18', onLog: (l) => lines.push(l) });
    await sink.log('Edition');
    await sink.emit(file('Liste.pdf', '%PDF-1.4 liste'));
    expect(existsSync(out)).toBe(false);
    expect(await sink.finish()).toEqual({ names: ['Liste.pdf'], bytes: 14 });
    expect(readFileSync(out, 'utf8')).toBe('%PDF-1.4 liste');
    expect(existsSync(`${out}.part`)).toBe(false);
    expect(lines).toEqual(['Edition']);
  });

  it('streams several files into one zip with its manifest, written as they come', async () => {
    const out = join(dir, 'plan.zip');
    const sink = fileSink(out, { mtime: '2023-06-06T11:18' });
    const inner = (jury: string) => ({ name: `DELIB_0250001R_BTS_2023-06_GRD_1_${jury}.zip`, mediaType: 'application/zip', data: zipFiles([{ name: `PVI_${jury}.pdf`, data: Buffer.from(`%PDF ${jury}`) }], { mtime: '2023-06-06T11:18' }) });
    await sink.emit(inner('31310'));
    expect(existsSync(`${out}.part`)).toBe(false); // one file so far: kept until a second one comes
    await sink.emit(inner('31311'));
    const partial = readFileSync(`${out}.part`);
    expect(partial.length).toBeGreaterThan(inner('31310').data.length); // both already on disk
    await sink.emit(inner('31312'));
    expect(existsSync(out)).toBe(false);
    const { names, bytes } = await sink.finish();
    expect(names).toEqual(['31310', '31311', '31312'].map((j) => inner(j).name));
    const zip = readFileSync(out);
    expect(bytes).toBe(zip.length);
    expect(verifyZip(zip)).toMatchObject({ ok: true, files: 3 });
    const juries = unzipSync(zip);
    expect(verifyZip(juries[inner('31312').name]!)).toMatchObject({ ok: true, files: 1 });
    expect(existsSync(`${out}.part`)).toBe(false);
  });

  it('abort() leaves neither the file nor its partial', async () => {
    const out = join(dir, 'interrompu.zip');
    const sink = fileSink(out, { mtime: '2023-06-06T11:18' });
    await sink.emit(file('a.pdf', 'a'));
    await sink.emit(file('b.pdf', 'b'));
    expect(existsSync(`${out}.part`)).toBe(true);
    await sink.abort();
    expect(existsSync(`${out}.part`)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });
});
