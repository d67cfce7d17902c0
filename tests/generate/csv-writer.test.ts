import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvWriter, sanitizeCsvValue, writeCsvFile } from '../../src/features/generate/csv-writer.js';
import { formatHundredths, isValidUai, makeUai, uaiCheckLetter } from '../../src/features/generate/exchange-format.js';
import { Rng } from '../../src/features/generate/random.js';

const root = mkdtempSync(join(tmpdir(), 'delib-csv-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('CsvWriter', () => {
  it('writes BOM, header, `;` and `\\n`, and sanitises values', () => {
    const p = join(root, 'a.csv');
    const n = writeCsvFile(p, ['a', 'b', 'c'], [
      ['x;y', 'line\nbreak\r', 'quote"d'],
      [12, null, undefined],
      ['NGUYỄN', 'é', ''],
    ]);
    expect(n).toBe(3);
    const buf = readFileSync(p);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.subarray(3).toString('utf8')).toBe("a;b;c\nx,y;line break ;quote'd\n12;;\nNGUYỄN;é;\n");
  });

  it('flushes in chunks and keeps every row', () => {
    const p = join(root, 'big.csv');
    const w = new CsvWriter(p, ['i', 'v'], { chunkSize: 1000 });
    for (let i = 0; i < 10_000; i++) w.row([i, `v${i}`]);
    w.rawLine('10000;raw');
    w.close();
    w.close(); // idempotent
    expect(w.rows).toBe(10_001);
    const lines = readFileSync(p, 'utf8').slice(1).split('\n');
    expect(lines[0]).toBe('i;v');
    expect(lines[5001]).toBe('5000;v5000');
    expect(lines[10_001]).toBe('10000;raw');
    expect(lines[10_002]).toBe('');
  });

  it('writes lines longer than its buffer, with multi-byte characters', () => {
    const p = join(root, 'long.csv');
    const long = 'NGUYỄN é '.repeat(50);
    const w = new CsvWriter(p, ['a'], { chunkSize: 64 });
    w.row(['x']);
    w.row([long]);
    w.row(['ỄỄỄỄỄỄỄỄỄỄỄỄỄỄỄỄỄỄỄỄ']);
    w.close();
    expect(readFileSync(p, 'utf8')).toBe(`\uFEFFa\nx\n${long}\nỄỄỄỄỄỄỄỄỄỄỄỄỄỄỄỄỄỄỄỄ\n`);
  });

  it('refuses a row of the wrong width', () => {
    const w = new CsvWriter(join(root, 'w.csv'), ['a', 'b']);
    expect(() => w.row(['1'])).toThrow(/header has 2/);
    w.close();
    expect(() => w.row(['1', '2'])).toThrow(/closed/);
  });

  it('sanitizeCsvValue leaves safe values untouched', () => {
    expect(sanitizeCsvValue('LP P.ADRIEN PARIS')).toBe('LP P.ADRIEN PARIS');
    expect(sanitizeCsvValue(1.5)).toBe('1.5');
  });
});

describe('exchange-format helpers', () => {
  it('computes UAI check letters (SPEC §7)', () => {
    expect(uaiCheckLetter('0250001')).toBe('R');
    expect(makeUai('0250013')).toBe('0250013D');
    expect(isValidUai('0390007W')).toBe(true);
    expect(isValidUai('0700021T')).toBe(true);
    expect(isValidUai('0250069P')).toBe(true);
    expect(isValidUai('0250001S')).toBe(false);
  });

  it('formats hundredths with a decimal comma and no trailing zero', () => {
    expect(formatHundredths(900)).toBe('9');
    expect(formatHundredths(1350)).toBe('13,5');
    expect(formatHundredths(825)).toBe('8,25');
    expect(formatHundredths(1005)).toBe('10,05');
    expect(formatHundredths(2000)).toBe('20');
    expect(formatHundredths(0)).toBe('0');
  });
});

describe('Rng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = new Rng(123);
    const b = new Rng(123);
    const c = new Rng(124);
    const sa = Array.from({ length: 20 }, () => a.nextUint32());
    const sb = Array.from({ length: 20 }, () => b.nextUint32());
    const sc = Array.from({ length: 20 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('produces uniform-ish values in range', () => {
    const r = new Rng(1);
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    const ints = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
      ints.add(r.int(3, 7));
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect([...ints].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(sum / 10_000).toBeGreaterThan(0.48);
    expect(sum / 10_000).toBeLessThan(0.52);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < 10_000; i++) {
      const z = r.normal(10, 3);
      s += z;
      s2 += z * z;
    }
    const mean = s / 10_000;
    expect(mean).toBeGreaterThan(9.8);
    expect(mean).toBeLessThan(10.2);
    expect(Math.sqrt(s2 / 10_000 - mean * mean)).toBeGreaterThan(2.85);
    expect(Math.sqrt(s2 / 10_000 - mean * mean)).toBeLessThan(3.15);
  });
});
