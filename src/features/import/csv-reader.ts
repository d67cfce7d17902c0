// Streaming reader for the exchange format (SPEC §7): UTF-8 (BOM allowed), `;` separator, one
// header row. Fields may be wrapped in double quotes ("" escapes a quote); a quoted field may not
// span lines. Memory stays flat: the file is read in 64 KiB chunks (small enough to die young in the garbage collector).
import { createReadStream } from 'node:fs';

export interface CsvRow {
  /** 1-based line number in the file (header = line 1) */
  readonly line: number;
  readonly fields: string[];
}

export function splitCsvLine(text: string): string[] {
  if (!text.includes('"')) return text.split(';');
  const out: string[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          v += text.slice(i);
          i = text.length;
          break;
        }
        v += text.slice(i, q);
        if (text[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      // skip to the next separator
      const sep = text.indexOf(';', i);
      if (sep < 0) break;
      i = sep + 1;
      if (i === text.length) out.push('');
    } else {
      const sep = text.indexOf(';', i);
      if (sep < 0) {
        out.push(text.slice(i));
        break;
      }
      out.push(text.slice(i, sep));
      i = sep + 1;
      if (i === text.length) {
        out.push('');
        break;
      }
    }
  }
  return out;
}

/**
 * A copy of a field that is kept for the whole import (a key in a set, an index…). V8 makes a
 * substring of 13 characters or more a view into its parent, here the 64 KiB chunk of the file:
 * keeping the view would keep the whole chunk alive. Shorter strings are copies already.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * Yields the non-empty lines (header included) with their line numbers, a chunk's worth at a time:
 * one await per 64 KiB rather than per line (millions of lines: the per-line promises cost more
 * than splitting the lines).
 */
export async function* readCsvLineBatches(file: string): AsyncGenerator<CsvRow[]> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let rest = '';
  let line = 0;
  let first = true;
  for await (const chunk of stream as AsyncIterable<string>) {
    let text = rest + chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const rows: CsvRow[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      line++;
      let l = text.slice(start, nl);
      if (l.endsWith('\r')) l = l.slice(0, -1);
      start = nl + 1;
      if (l.trim() !== '') rows.push({ line, fields: splitCsvLine(l) });
    }
    rest = text.slice(start);
    if (rows.length) yield rows;
  }
  if (rest.endsWith('\r')) rest = rest.slice(0, -1);
  if (rest.trim() !== '') yield [{ line: line + 1, fields: splitCsvLine(rest) }];
}

/** Yields every non-empty line (header included) with its line number. */
export async function* readCsvLines(file: string): AsyncGenerator<CsvRow> {
  for await (const rows of readCsvLineBatches(file)) yield* rows;
}
