// Streaming reader of a backup archive: the file is read in small chunks and inflated entry by entry
// (fflate Unzip), lines are handed over in order with back-pressure (the consumer may be a database
// insert). Memory is bounded by one chunk's inflated size and the longest line.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Unzip, UnzipInflate } from 'fflate';
import {
  BackupError, MANIFEST_ENTRY, MANIFEST_SUM_ENTRY, Manifest, TABLE_ENTRY_PREFIX, tableEntryName,
} from './format.js';

const CHUNK = 64 * 1024;
const MAX_LINE = 256 * 1024 * 1024;
const MAX_SMALL_ENTRY = 16 * 1024 * 1024;

export interface EntryConsumer {
  /** complete lines (without the newline), in order */
  lines(lines: string[]): Promise<void> | void;
  /** the entry is complete; `sha256` of its bytes, `bytes` its size */
  end(sha256: string, bytes: number): Promise<void> | void;
}

type Event = { consumer: EntryConsumer; lines: string[] } | { consumer: EntryConsumer; end: { sha256: string; bytes: number } };

const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new BackupError('sauvegarde corrompue : texte UTF-8 invalide');
  }
}

/** Reads every entry of `file`; `open` returns the consumer of an entry (or throws to refuse it). */
export async function readArchive(file: string, openEntry: (name: string) => EntryConsumer): Promise<void> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch {
    throw new BackupError(`fichier de sauvegarde illisible : ${file}`);
  }
  const events: Event[] = [];
  let failure: Error | null = null;
  const seen = new Set<string>();
  const unzip = new Unzip((f) => {
    if (failure) return;
    if (seen.has(f.name)) {
      failure = new BackupError(`sauvegarde invalide : entrée « ${f.name.slice(0, 80)} » en double`);
      return;
    }
    seen.add(f.name);
    let consumer: EntryConsumer;
    try {
      consumer = openEntry(f.name);
    } catch (e) {
      failure = e as Error;
      return;
    }
    const hash = createHash('sha256');
    let size = 0;
    let rest: Uint8Array = new Uint8Array(0);
    f.ondata = (err, data, final) => {
      if (failure) return;
      if (err) {
        failure = new BackupError(`sauvegarde corrompue : entrée « ${f.name.slice(0, 80)} » illisible`);
        return;
      }
      hash.update(data);
      size += data.length;
      const buf = rest.length ? concat(rest, data) : data;
      const lines: string[] = [];
      let start = 0;
      for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, start)) {
        lines.push(decode(buf.subarray(start, i)));
        start = i + 1;
      }
      rest = buf.slice(start);
      if (rest.length > MAX_LINE) {
        failure = new BackupError('sauvegarde invalide : ligne trop longue');
        return;
      }
      if (lines.length) events.push({ consumer, lines });
      if (final) {
        if (rest.length) events.push({ consumer, lines: [decode(rest)] });
        events.push({ consumer, end: { sha256: hash.digest('hex'), bytes: size } });
      }
    };
    try {
      f.start();
    } catch {
      failure = new BackupError(`sauvegarde invalide : entrée « ${f.name.slice(0, 80)} » dans un format de compression inconnu`);
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (;;) {
      // a fresh buffer for every chunk: fflate keeps references to the chunks it was given
      const buf = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      const final = bytesRead < CHUNK;
      try {
        unzip.push(buf.subarray(0, bytesRead), final);
      } catch {
        failure ??= new BackupError("sauvegarde corrompue : l'archive zip est illisible");
      }
      while (events.length && !failure) {
        const ev = events.shift()!;
        if ('lines' in ev) await ev.consumer.lines(ev.lines);
        else await ev.consumer.end(ev.end.sha256, ev.end.bytes);
      }
      if (failure) throw failure;
      if (final) break;
    }
  } finally {
    await fh.close();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** A small entry (manifest) read whole. */
function collector(limit: number, done: (text: string, sha256: string) => void): EntryConsumer {
  const parts: string[] = [];
  let size = 0;
  return {
    lines(lines) {
      for (const l of lines) {
        size += l.length + 1;
        if (size > limit) throw new BackupError('sauvegarde invalide : manifeste trop volumineux');
        parts.push(l);
      }
    },
    end(sha256) {
      done(parts.join('\n'), sha256);
    },
  };
}

/**
 * First pass over an archive: every entry is checked against the manifest (SHA-256, row count,
 * cells per row) and the manifest against its own checksum. Returns the manifest, or throws a
 * BackupError saying why the archive is refused (corrupted, truncated or not a Délib backup).
 */
export async function verifyArchive(file: string): Promise<Manifest> {
  const tables = new Map<string, { sha256: string; rows: number; widths: Set<number> }>();
  let manifestText: string | null = null;
  let manifestSha: string | null = null;
  let declaredSum: string | null = null;
  await readArchive(file, (name) => {
    if (name === MANIFEST_ENTRY) return collector(MAX_SMALL_ENTRY, (text, sha) => ((manifestText = text), (manifestSha = sha)));
    if (name === MANIFEST_SUM_ENTRY) return collector(1024, (text) => (declaredSum = text.trim()));
    if (name.startsWith(TABLE_ENTRY_PREFIX) && name.endsWith('.jsonl')) {
      const table = name.slice(TABLE_ENTRY_PREFIX.length, -'.jsonl'.length);
      if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new BackupError(`sauvegarde invalide : entrée « ${name.slice(0, 80)} »`);
      const stat = { sha256: '', rows: 0, widths: new Set<number>() };
      return {
        lines(lines) {
          for (const l of lines) {
            let row: unknown;
            try {
              row = JSON.parse(l);
            } catch {
              throw new BackupError(`sauvegarde corrompue : ligne ${stat.rows + 1} de ${name} illisible`);
            }
            if (!Array.isArray(row)) throw new BackupError(`sauvegarde corrompue : ligne ${stat.rows + 1} de ${name} n'est pas une ligne de table`);
            stat.widths.add(row.length);
            stat.rows++;
          }
        },
        end(sha256) {
          stat.sha256 = sha256;
          tables.set(table, stat);
        },
      };
    }
    throw new BackupError(`ce fichier n'est pas une sauvegarde Délib (entrée inattendue « ${name.slice(0, 80)} »)`);
  });
  if (manifestText === null || declaredSum === null) throw new BackupError("ce fichier n'est pas une sauvegarde Délib (manifeste absent) ou il est tronqué");
  if (manifestSha !== declaredSum) throw new BackupError('sauvegarde corrompue : le manifeste ne correspond pas à son empreinte');
  let manifest: Manifest;
  try {
    const parsed = Manifest.safeParse(JSON.parse(manifestText));
    if (!parsed.success) throw new Error();
    manifest = parsed.data;
  } catch {
    throw new BackupError("ce fichier n'est pas une sauvegarde Délib lisible par cette version (manifeste invalide)");
  }
  const listed = new Set(manifest.tables.map((t) => t.name));
  if (listed.size !== manifest.tables.length) throw new BackupError('sauvegarde invalide : table en double dans le manifeste');
  for (const t of manifest.tables) {
    const got = tables.get(t.name);
    if (!got) throw new BackupError(`sauvegarde tronquée : ${tableEntryName(t.name)} absent`);
    if (got.sha256 !== t.sha256) throw new BackupError(`sauvegarde corrompue : empreinte de ${tableEntryName(t.name)} invalide`);
    if (got.rows !== t.rows) throw new BackupError(`sauvegarde corrompue : ${t.rows} ligne(s) annoncée(s) pour ${t.name}, ${got.rows} trouvée(s)`);
    if ([...got.widths].some((w) => w !== t.columns.length)) throw new BackupError(`sauvegarde corrompue : nombre de colonnes incorrect dans ${t.name}`);
  }
  for (const name of tables.keys()) if (!listed.has(name)) throw new BackupError(`sauvegarde invalide : table ${name} absente du manifeste`);
  return manifest;
}
