// Streaming writer for the exchange-format CSV files (SPEC §7): UTF-8 with BOM, `;` separator, one header
// row, `\n` line ends, no quoting. Values are sanitised so that they can never break a row: `;` becomes
// `,`, CR/LF/TAB become a space, `"` becomes `'` (so that a quote-aware reader cannot misread a cell).
//
// Rows are encoded straight into a preallocated Buffer (no big concatenated strings, little garbage) that
// is flushed with fs.writeSync on a file descriptor when full: a few hundred large writes for millions
// of rows.

import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export type CsvValue = string | number | null | undefined;

const NEEDS_SANITIZING = /[;\r\n\t"]/;

/** Make a value safe for the format (see header comment). `null`/`undefined` -> empty. */
export function sanitizeCsvValue(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? String(value) : value;
  if (!NEEDS_SANITIZING.test(s)) return s;
  return s.replace(/;/g, ',').replace(/[\r\n\t]/g, ' ').replace(/"/g, "'");
}

export interface CsvWriterOptions {
  /** size of the write buffer in bytes (default 1 MiB) */
  readonly chunkSize?: number;
  /** write the UTF-8 BOM (default true) */
  readonly bom?: boolean;
}

export class CsvWriter {
  private fd: number | null;
  private readonly buf: Buffer;
  private off = 0;
  private readonly width: number;
  private rowCount = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
    options: CsvWriterOptions = {},
  ) {
    this.buf = Buffer.allocUnsafe(Math.max(64, options.chunkSize ?? 1 << 20));
    this.width = header.length;
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
    this.put((options.bom === false ? '' : '\uFEFF') + header.map(sanitizeCsvValue).join(';'));
  }

  /** number of data rows written so far (header excluded) */
  get rows(): number {
    return this.rowCount;
  }

  /** Append one row; every value is sanitised. The row must have exactly the header's width. */
  row(values: readonly CsvValue[]): void {
    if (values.length !== this.width) {
      throw new RangeError(`${this.path}: row has ${values.length} values, header has ${this.width}`);
    }
    let line = sanitizeCsvValue(values[0]);
    for (let i = 1; i < values.length; i++) line += ';' + sanitizeCsvValue(values[i]);
    this.appendLine(line);
  }

  /**
   * Append a pre-joined row whose values are already known to be safe (no `;`, quote or line break),
   * e.g. generated digits and codes. Used on the hot path (grade rows).
   */
  rawLine(line: string): void {
    this.appendLine(line);
  }

  private appendLine(line: string): void {
    if (this.fd === null) throw new Error(`${this.path}: writer is closed`);
    this.put(line);
    this.rowCount++;
  }

  /** encode `line` + '\n' into the buffer (flushing first when it might not fit) */
  private put(line: string): void {
    const worst = line.length * 3 + 1; // UTF-16 code unit -> at most 3 UTF-8 bytes
    if (this.off + worst > this.buf.length) {
      this.flush();
      if (worst > this.buf.length) {
        this.writeAll(Buffer.from(line + '\n', 'utf8'));
        return;
      }
    }
    this.off += this.buf.write(line, this.off, 'utf8');
    this.buf[this.off++] = 0x0a;
  }

  private writeAll(b: Buffer): void {
    let done = 0;
    while (done < b.length) done += writeSync(this.fd as number, b, done, b.length - done);
  }

  /** Write the buffered bytes to the file. */
  flush(): void {
    if (this.fd === null || this.off === 0) return;
    this.writeAll(this.buf.subarray(0, this.off));
    this.off = 0;
  }

  /** Flush and close the file (idempotent). */
  close(): void {
    if (this.fd === null) return;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
      this.fd = null;
    }
  }
}

/** Write a whole (small) file at once. Returns the number of data rows. */
export function writeCsvFile(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
  options?: CsvWriterOptions,
): number {
  const w = new CsvWriter(path, header, options);
  try {
    for (const r of rows) w.row(r);
  } finally {
    w.close();
  }
  return w.rows;
}
