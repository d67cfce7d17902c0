// Deterministic zips with a SHA-256 manifest, written as they go: a file's bytes are never kept once
// written; what stays until the end is, per file, its central directory record, its digest and its
// name (≈ 180 bytes: ≈ 18 MB for 100 000 files).
//
// The container is written here (APPNOTE 6.3.10): fflate's Zip kept every entry object, with its
// data, until the end, and writes neither more than 65 535 entries nor offsets past 4 GiB; this writer
// switches to ZIP64 records when the count, a size or an offset needs them. Entries are deflated by
// Node's zlib, except those already compressed (PDF, zip, images), which are stored: pdfkit has
// deflated the pages; deflating the PDF again saves little (font outlines, object headers) for
// much CPU (docs/performance.md, « Figures behind the code »).
//
// Same entries + same time ⇒ same bytes (on the same Node/zlib): the entries' modification time is
// the edition time given by the caller (never the clock; the DOS fields take its digits, whatever
// the time zone), entries keep the caller's order, no extra fields unless ZIP64 needs them.
// zipFiles() (in memory) and ZipStream (streamed) produce the same bytes for the same entries.
//
// MANIFEST.sha256 (last entry) has one line per file, "<sha256 hex>  <name>" (sha256sum format), so
// `sha256sum -c MANIFEST.sha256` works on the extracted folder; verifyZip() checks a zip in memory.

import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import type { LocalDateTime } from './pdf/datetime.js';

export const MANIFEST_NAME = 'MANIFEST.sha256';

export type ZipLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
  /** deflate level of this entry (default: stored when already compressed, else the zip's level) */
  readonly level?: ZipLevel;
}

export interface ZipOptions {
  /** the entries' modification time (edition time) */
  readonly mtime: LocalDateTime;
  /** deflate level, 0 (store) to 9, of the entries not already compressed; default 6 */
  readonly level?: ZipLevel;
  /** add MANIFEST.sha256 (default true) */
  readonly manifest?: boolean;
  /** ZIP64 records for every entry and the end record even when not needed (tests) */
  readonly forceZip64?: boolean;
}

/** Formats whose content is already compressed: stored, not deflated again. */
const COMPRESSED = /\.(pdf|zip|png|jpe?g|gz|xlsx|docx|odt|ods)$/i;

export function isAlreadyCompressed(name: string): boolean {
  return COMPRESSED.test(name);
}

/** DOS date and time fields from the wall-clock digits (no Date: independent of the time zone). */
function dosDateTime(mtime: LocalDateTime): { time: number; date: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(mtime);
  const [y, mo, d, h, mi, s] = m ? [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)] : [];
  if (y === undefined || y < 1980 || y > 2107 || mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 59) {
    throw new RangeError(`Date de zip invalide « ${mtime} »`);
  }
  return { time: (h! << 11) | (mi! << 5) | (s! >> 1), date: ((y - 1980) << 9) | (mo! << 5) | d! };
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function checkName(n: string): void {
  if (!n || n.includes('\\') || n.startsWith('/') || n.split('/').some((p) => p === '..' || p === '.')) throw new Error(`Nom d'entrée de zip invalide « ${n} »`);
  if (n === MANIFEST_NAME) throw new Error(`« ${MANIFEST_NAME} » est réservé au manifeste`);
}

/** Bytes appended in 64 KiB blocks (no reallocation of one growing buffer, no object per record). */
class Spool {
  private readonly blocks: Buffer[] = [];
  private block = Buffer.allocUnsafe(0);
  private used = 0;
  length = 0;

  /** Room for `n` bytes; returns the buffer and the offset to write at. */
  reserve(n: number): [Buffer, number] {
    if (this.used + n > this.block.length) {
      if (this.used) this.blocks.push(this.block.subarray(0, this.used));
      this.block = Buffer.allocUnsafe(Math.max(65_536, n));
      this.used = 0;
    }
    const at = this.used;
    this.used += n;
    this.length += n;
    return [this.block, at];
  }

  /** Everything written, in order. */
  chunks(): Buffer[] {
    return this.used ? [...this.blocks, this.block.subarray(0, this.used)] : [...this.blocks];
  }
}

const U32 = 0xffff_ffff;
const U16 = 0xffff;
const UTF8_FLAG = 0x0800;

function writeU64(b: Buffer, v: number, at: number): void {
  b.writeUInt32LE(v % 0x1_0000_0000, at);
  b.writeUInt32LE(Math.floor(v / 0x1_0000_0000), at + 4);
}

/** The zip writer shared by zipFiles and ZipStream: append entries, then end(); take() the bytes. */
class ZipBuilder {
  private pending: Uint8Array[] = [];
  /** central directory records, in order */
  private readonly central = new Spool();
  /** SHA-256 of each entry (32 bytes), in order: the manifest is written from these and the names of `central` */
  private readonly digests = new Spool();
  private readonly names = new Set<string>();
  private readonly dos: { time: number; date: number };
  private readonly level: ZipLevel;
  private offset = 0;
  private count = 0;
  private ended = false;

  constructor(private readonly opts: ZipOptions) {
    this.dos = dosDateTime(opts.mtime);
    this.level = opts.level ?? 6;
  }

  private emit(chunk: Uint8Array): void {
    this.pending.push(chunk);
    this.offset += chunk.length;
  }

  private entry(name: string, data: Uint8Array, level: ZipLevel): void {
    const nameBytes = Buffer.from(name, 'utf8');
    if (nameBytes.length > U16) throw new Error(`Nom d'entrée de zip trop long « ${name.slice(0, 60)}… »`);
    const flags = nameBytes.length !== name.length ? UTF8_FLAG : 0;
    const crc = crc32(data) >>> 0;
    const body: Uint8Array = level === 0 ? data : deflateRawSync(data, { level });
    const method = level === 0 ? 0 : 8;
    const offset = this.offset;
    const force = this.opts.forceZip64 === true;
    // ZIP64 in the local header only for an entry of 4 GiB or more (sizes); offsets go in the central record
    const big = force || data.length >= U32 || body.length >= U32;
    const version = big || force || offset >= U32 ? 45 : 20;

    const local = Buffer.alloc(30 + nameBytes.length + (big ? 20 : 0));
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(this.dos.time, 10);
    local.writeUInt16LE(this.dos.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(big ? U32 : body.length, 18);
    local.writeUInt32LE(big ? U32 : data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(big ? 20 : 0, 28);
    nameBytes.copy(local, 30);
    if (big) {
      const x = 30 + nameBytes.length;
      local.writeUInt16LE(0x0001, x);
      local.writeUInt16LE(16, x + 2);
      writeU64(local, data.length, x + 4);
      writeU64(local, body.length, x + 12);
    }
    this.emit(local);
    this.emit(body);

    // central directory record: ZIP64 extra with the fields that do not fit (sizes, offset)
    const farOffset = force || offset >= U32;
    const extra = (big ? 16 : 0) + (farOffset ? 8 : 0);
    const extraLen = extra ? extra + 4 : 0;
    const [c, at] = this.central.reserve(46 + nameBytes.length + extraLen);
    c.writeUInt32LE(0x02014b50, at);
    c.writeUInt16LE(version, at + 4); // made by: MS-DOS host, spec version
    c.writeUInt16LE(version, at + 6);
    c.writeUInt16LE(flags, at + 8);
    c.writeUInt16LE(method, at + 10);
    c.writeUInt16LE(this.dos.time, at + 12);
    c.writeUInt16LE(this.dos.date, at + 14);
    c.writeUInt32LE(crc, at + 16);
    c.writeUInt32LE(big ? U32 : body.length, at + 20);
    c.writeUInt32LE(big ? U32 : data.length, at + 24);
    c.writeUInt16LE(nameBytes.length, at + 28);
    c.writeUInt16LE(extraLen, at + 30);
    c.fill(0, at + 32, at + 42); // comment length, disk, internal and external attributes
    c.writeUInt32LE(farOffset ? U32 : offset, at + 42);
    nameBytes.copy(c, at + 46);
    if (extra) {
      let x = at + 46 + nameBytes.length;
      c.writeUInt16LE(0x0001, x);
      c.writeUInt16LE(extra, x + 2);
      x += 4;
      if (big) {
        writeU64(c, data.length, x);
        writeU64(c, body.length, x + 8);
        x += 16;
      }
      if (farOffset) writeU64(c, offset, x);
    }
    this.count++;
  }

  add(name: string, data: Uint8Array, level?: ZipLevel): void {
    if (this.ended) throw new Error('zip déjà terminé');
    checkName(name);
    if (this.names.has(name)) throw new Error(`Entrée de zip en double « ${name} »`);
    this.names.add(name);
    const [d, at] = this.digests.reserve(32);
    createHash('sha256').update(data).digest().copy(d, at);
    this.entry(name, data, level ?? (isAlreadyCompressed(name) ? 0 : this.level));
  }

  /** "<sha256 hex>  <name>\n" for every entry so far, from the digests and the central records. */
  private manifestBytes(): Buffer {
    const digests = Buffer.concat(this.digests.chunks());
    const blocks = this.central.chunks();
    // each record: 46 bytes, the name, the extra field; two passes (size, then the lines)
    const each = (line: (block: Buffer, nameStart: number, nameEnd: number, i: number) => void): void => {
      let i = 0;
      for (const block of blocks) {
        for (let at = 0; at < block.length; i++) {
          const end = at + 46 + block.readUInt16LE(at + 28);
          line(block, at + 46, end, i);
          at = end + block.readUInt16LE(at + 30);
        }
      }
    };
    let size = 0;
    each((_, start, end) => {
      size += 64 + 2 + (end - start) + 1;
    });
    const out = Buffer.allocUnsafe(size);
    let o = 0;
    each((block, start, end, i) => {
      o += out.write(digests.toString('hex', i * 32, i * 32 + 32), o, 'latin1');
      out[o++] = 0x20;
      out[o++] = 0x20;
      o += block.copy(out, o, start, end);
      out[o++] = 0x0a;
    });
    return out;
  }

  /** Adds the manifest (unless disabled) and the central directory. */
  end(): void {
    if (this.ended) throw new Error('zip déjà terminé');
    const manifest = this.manifestBytes();
    if (this.opts.manifest !== false) this.entry(MANIFEST_NAME, manifest, this.level);
    this.ended = true;
    const cdOffset = this.offset;
    const cdSize = this.central.length;
    for (const chunk of this.central.chunks()) this.emit(chunk);
    const zip64 = this.opts.forceZip64 === true || this.count >= U16 || cdOffset >= U32 || cdSize >= U32;
    if (zip64) {
      const at = this.offset;
      const rec = Buffer.alloc(56 + 20);
      rec.writeUInt32LE(0x06064b50, 0);
      writeU64(rec, 44, 4); // size of the rest of the record
      rec.writeUInt16LE(45, 12);
      rec.writeUInt16LE(45, 14);
      // disk numbers 0, 0
      writeU64(rec, this.count, 24);
      writeU64(rec, this.count, 32);
      writeU64(rec, cdSize, 40);
      writeU64(rec, cdOffset, 48);
      rec.writeUInt32LE(0x07064b50, 56); // locator
      writeU64(rec, at, 64);
      rec.writeUInt32LE(1, 72);
      this.emit(rec);
    }
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(zip64 ? U16 : this.count, 8);
    eocd.writeUInt16LE(zip64 ? U16 : this.count, 10);
    eocd.writeUInt32LE(zip64 ? U32 : cdSize, 12);
    eocd.writeUInt32LE(zip64 ? U32 : cdOffset, 16);
    this.emit(eocd);
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
  for (const e of entries) zip.add(e.name, e.data, e.level);
  zip.end();
  return Buffer.concat(zip.take());
}

/**
 * A zip written as it goes (thousands of files, memory independent of the count but for ≈ 200 bytes
 * per file: central directory, manifest line, name): add() entries, then finish(). `sink` receives
 * the bytes in order and may return a promise (backpressure). A file's bytes are not kept once
 * written.
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

  async add(name: string, data: Uint8Array, level?: ZipLevel): Promise<void> {
    this.zip.add(name, data, level);
    await this.flush();
  }

  /** Writes the manifest (unless disabled) and the central directory. */
  async finish(): Promise<void> {
    this.zip.end();
    await this.flush();
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
