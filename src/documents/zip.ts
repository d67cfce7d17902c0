// Deterministic zips with a SHA-256 manifest: fflate writes the zip container, entries are deflated
// by Node's zlib (native: ≈ 10× faster than a JavaScript deflate on PDFs, which matters when a job
// zips thousands of relevés).
//
// Same entries + same time ⇒ same bytes (on the same Node/zlib): the entries' modification time is
// the edition time given by the caller (never the clock), entries keep the caller's order, no extra
// fields. fflate writes the DOS time from a Date's local-time fields, so the Date is built from the
// wall-clock digits with the local constructor: the stored digits are those given, whatever the time
// zone. zipFiles() (in memory) and ZipStream (streamed) produce the same bytes for the same entries.
//
// MANIFEST.sha256 (last entry) has one line per file, "<sha256 hex>  <name>" (sha256sum format), so
// `sha256sum -c MANIFEST.sha256` works on the extracted folder; verifyZip() checks a zip in memory.

import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { unzipSync, Zip, type ZipInputFile } from 'fflate';
import type { LocalDateTime } from './pdf/datetime.js';

export const MANIFEST_NAME = 'MANIFEST.sha256';

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

export interface ZipOptions {
  /** the entries' modification time (edition time) */
  readonly mtime: LocalDateTime;
  /** deflate level, 0 (store) to 9; default 6 */
  readonly level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** add MANIFEST.sha256 (default true) */
  readonly manifest?: boolean;
}

function dosDate(mtime: LocalDateTime): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(mtime);
  if (!m) throw new RangeError(`Date de zip invalide « ${mtime} »`);
  return new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The manifest text: "<hex>  <name>\n" per entry. */
export function manifestText(entries: readonly { readonly name: string; readonly sha256: string }[]): string {
  return entries.map((e) => `${e.sha256}  ${e.name}\n`).join('');
}

function checkNames(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (!n || n.includes('\\') || n.startsWith('/') || n.split('/').some((p) => p === '..' || p === '.')) throw new Error(`Nom d'entrée de zip invalide « ${n} »`);
    if (seen.has(n)) throw new Error(`Entrée de zip en double « ${n} »`);
    if (n === MANIFEST_NAME) throw new Error(`« ${MANIFEST_NAME} » est réservé au manifeste`);
    seen.add(n);
  }
}

type Level = NonNullable<ZipOptions['level']>;

/** An entry whose bytes are deflated (or stored) by Node's zlib, handed to fflate's container. */
class NativeEntry implements ZipInputFile {
  readonly size: number;
  readonly crc: number;
  readonly compression: number;
  ondata?: ZipInputFile['ondata'];

  constructor(
    readonly filename: string,
    private readonly data: Uint8Array,
    private readonly level: Level,
    readonly mtime: Date,
  ) {
    this.size = data.length;
    this.crc = crc32(data) >>> 0;
    this.compression = level === 0 ? 0 : 8;
  }

  /** Emits the (compressed) bytes; call after Zip.add(). */
  push(): void {
    const out: Uint8Array = this.level === 0 ? this.data : deflateRawSync(this.data, { level: this.level });
    this.ondata!(null, out as Uint8Array<ArrayBuffer>, true);
  }
}

/** The zip writer shared by zipFiles and ZipStream (fflate's Zip is synchronous with these entries). */
class ZipBuilder {
  private readonly zip: Zip;
  private pending: Uint8Array[] = [];
  private readonly hashes: { name: string; sha256: string }[] = [];
  private readonly names = new Set<string>();
  private readonly mtime: Date;
  private readonly level: Level;

  constructor(private readonly opts: ZipOptions) {
    this.mtime = dosDate(opts.mtime);
    this.level = opts.level ?? 6;
    this.zip = new Zip((err, chunk) => {
      if (err) throw err;
      this.pending.push(chunk);
    });
  }

  private push(name: string, data: Uint8Array, level: Level): void {
    const entry = new NativeEntry(name, data, level, this.mtime);
    this.zip.add(entry);
    entry.push();
  }

  add(name: string, data: Uint8Array, level: Level = this.level): void {
    checkNames([name]);
    if (this.names.has(name)) throw new Error(`Entrée de zip en double « ${name} »`);
    this.names.add(name);
    this.hashes.push({ name, sha256: sha256Hex(data) });
    this.push(name, data, level);
  }

  /** Adds the manifest (unless disabled) and the central directory; returns the manifest text. */
  end(): string {
    const text = manifestText(this.hashes);
    if (this.opts.manifest !== false) this.push(MANIFEST_NAME, Buffer.from(text, 'utf8'), this.level);
    this.zip.end();
    return text;
  }

  /** The bytes produced since the last call. */
  take(): Uint8Array[] {
    const chunks = this.pending;
    this.pending = [];
    return chunks;
  }
}

/** A whole zip in memory. */
export function zipFiles(entries: readonly ZipEntry[], opts: ZipOptions): Buffer {
  const zip = new ZipBuilder(opts);
  for (const e of entries) zip.add(e.name, e.data);
  zip.end();
  return Buffer.concat(zip.take());
}

/**
 * A zip written as it goes (thousands of files, memory independent of the count): add() entries,
 * then finish(). `sink` receives the bytes in order and may return a promise (backpressure).
 */
export class ZipStream {
  private readonly zip: ZipBuilder;
  /** bytes written so far */
  bytes = 0;

  constructor(
    private readonly sink: (chunk: Uint8Array) => void | Promise<void>,
    opts: ZipOptions,
  ) {
    this.zip = new ZipBuilder(opts);
  }

  private async flush(): Promise<void> {
    for (const c of this.zip.take()) {
      this.bytes += c.length;
      await this.sink(c);
    }
  }

  async add(name: string, data: Uint8Array, level?: Level): Promise<void> {
    this.zip.add(name, data, level);
    await this.flush();
  }

  /** Writes the manifest (unless disabled) and the central directory. Returns the manifest text. */
  async finish(): Promise<string> {
    const text = this.zip.end();
    await this.flush();
    return text;
  }
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly errors: readonly string[];
  readonly files: number;
}

/** Checks a zip against its manifest: every file listed, every hash equal, nothing missing. */
export function verifyZip(zip: Uint8Array): VerifyResult {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (e) {
    return { ok: false, errors: [`Archive illisible : ${(e as Error).message}`], files: 0 };
  }
  const manifest = files[MANIFEST_NAME];
  if (!manifest) return { ok: false, errors: [`${MANIFEST_NAME} absent`], files: 0 };
  const errors: string[] = [];
  const listed = new Set<string>();
  for (const line of Buffer.from(manifest).toString('utf8').split('\n')) {
    if (!line) continue;
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!m) {
      errors.push(`Ligne de manifeste invalide : ${line}`);
      continue;
    }
    const [, hash, name] = m as unknown as [string, string, string];
    listed.add(name);
    const data = files[name];
    if (!data) errors.push(`${name} : absent de l'archive`);
    else if (sha256Hex(data) !== hash) errors.push(`${name} : empreinte SHA-256 différente`);
  }
  for (const name of Object.keys(files)) {
    if (name !== MANIFEST_NAME && !name.endsWith('/') && !listed.has(name)) errors.push(`${name} : absent du manifeste`);
  }
  return { ok: errors.length === 0, errors, files: listed.size };
}
