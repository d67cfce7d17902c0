// Safe extraction of an uploaded session archive into a temporary folder: no absolute paths, no
// "..", bounded total size. Returns the folder that holds the CSV files (root or single sub-folder).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { AppError } from '../errors/app-error.js';

export const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

function unsafeName(name: string): boolean {
  if (name.includes('\\') || name.includes('\0') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return true;
  return name.split('/').some((part) => part === '..');
}

function listEntries(bytes: Uint8Array): UnzipFileInfo[] {
  const infos: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, { filter: (f) => (infos.push(f), false) });
  } catch {
    throw new AppError('VALIDATION', "L'archive .zip est illisible ou corrompue.");
  }
  return infos;
}

/** Extracts `bytes` into `dir`; returns the folder containing session.csv (or `dir`). */
export function extractZip(bytes: Uint8Array, dir: string): string {
  const infos = listEntries(bytes);
  const bad = infos.find((f) => unsafeName(f.name));
  if (bad) throw new AppError('VALIDATION', `L'archive contient un chemin interdit : « ${bad.name.slice(0, 100)} ».`);
  const total = infos.reduce((s, f) => s + f.originalSize, 0);
  if (total > MAX_UNZIPPED_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', "L'archive décompressée dépasse 1 Go.");
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => !f.name.endsWith('/') });
  } catch {
    throw new AppError('VALIDATION', "L'archive .zip est illisible ou corrompue.");
  }
  for (const [name, data] of Object.entries(files)) {
    const target = normalize(join(dir, name));
    if (!target.startsWith(dir + sep)) throw new AppError('VALIDATION', `L'archive contient un chemin interdit : « ${name.slice(0, 100)} ».`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  return sessionFolder(dir);
}

function sessionFolder(dir: string): string {
  if (existsSync(join(dir, 'session.csv'))) return dir;
  const subdirs = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== '__MACOSX');
  if (subdirs.length === 1 && existsSync(join(dir, subdirs[0]!.name, 'session.csv'))) return join(dir, subdirs[0]!.name);
  return dir;
}
