// Streaming reader for the exchange format (SPEC §7): UTF-8 (BOM allowed), `;` separator, one
// header row, fields optionally wrapped in double quotes ("" escapes a quote). The parsing is
// csv-parse's (ADR 0014); this file adds what the import needs on top: line numbers, bounded
// records, and a French message for each line csv-parse cannot read. Memory stays flat: the file
// is read in 64 KiB chunks and rows are handed over in batches.
import { createReadStream } from 'node:fs';
import { parse, type CsvError, type Options } from 'csv-parse';

export interface CsvRow {
  /** 1-based line number in the file (header = line 1) where the row starts */
  readonly line: number;
  readonly fields: string[];
}

/** A record longer than this stops the reading of its file (the file is refused anyway). */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;

const BATCH = 1000;

/**
 * The line a record starts on: csv-parse counts lines where the record ends, and counts a line break
 * inside a quoted field (CR LF, LF, or a lone CR) as a line.
 */
function startLine(endLine: number, fields: readonly string[]): number {
  let line = endLine;
  for (const f of fields) {
    if (f.includes('\n') || f.includes('\r')) line -= f.match(/\r\n?|\n/g)!.length;
  }
  return line;
}

function problemMessage(e: CsvError): string {
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'guillemet ouvert et jamais refermé : le fichier est illisible à partir de cette ligne';
    case 'CSV_MAX_RECORD_SIZE':
      return `ligne trop longue (plus de ${MAX_RECORD_BYTES / 1024 / 1024} Mo) : le reste du fichier n'est pas lu`;
    default:
      return 'ligne illisible au format CSV (guillemets mal placés ?)';
  }
}

/**
 * Yields the non-blank rows (header included) with their line numbers, in batches (one await per
 * batch rather than per row: millions of rows). A line csv-parse cannot read is reported through
 * `onProblem` (line, French message) and skipped.
 */
export async function* readCsvLineBatches(file: string, onProblem: (line: number, message: string) => void): AsyncGenerator<CsvRow[]> {
  let lastLine = 0;
  const options: Options = {
    delimiter: ';',
    quote: '"',
    escape: '"',
    bom: true,
    record_delimiter: ['\r\n', '\n'],
    // quotes inside an unquoted field are kept as text (`DE "EL" CRUZ`)
    relax_quotes: true,
    // the column count is checked by the caller, with the file's own message
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
  };
  const parser = parse(options);
  // Each record gets its line number as csv-parse hands it over: the parser pushes records
  // synchronously while it parses, so `parser.info.lines` is then the line the record ends on.
  // (csv-parse's own on_record / info options build a context object per record: 3 times slower.)
  const push = parser.push.bind(parser);
  parser.push = (record: string[] | null): boolean => {
    if (record === null) return push(null);
    const end = parser.info.lines;
    lastLine = end;
    // blank lines (empty or spaces only) carry nothing
    if (record.length === 1 && record[0]!.trim() === '') return true;
    return push({ line: startLine(end, record), fields: record } satisfies CsvRow);
  };
  parser.on('skip', (e: CsvError) => {
    // the record started after the last one read (the error is raised where it ends)
    onProblem(lastLine + 1, problemMessage(e));
  });
  const input = createReadStream(file, { highWaterMark: 1 << 16 });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  let batch: CsvRow[] = [];
  for await (const row of parser as AsyncIterable<CsvRow>) {
    batch.push(row);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
