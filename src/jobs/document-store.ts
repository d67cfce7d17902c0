// Where the documents of jobs are kept. A document row (job_document) is written only once the
// document is complete, so a half-written document is never offered for download:
// - 'db' (default): the bytes go into the row itself (one INSERT once everything is written); every
//   instance sharing the database can serve them;
// - 'fs' (DELIB_DOCUMENTS_DIR): bytes are written to "<dir>/<job>/<id>.part", flushed, then renamed to
//   "<dir>/<job>/<id>" before the row is inserted (the folder must be shared by the instances).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { open, readFile, realpath, rename, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Db } from '../db/connect.js';
import { insertJobDocument, readJobDocumentBytes, type DocumentMeta } from './repository.js';

/** Writes the document's bytes in order (may be called many times). */
export type ChunkWriter = (chunk: Uint8Array) => Promise<void>;

/** The bytes of a document: all at once, or produced by a function that writes them as it goes. */
export type DocumentContent = Uint8Array | ((write: ChunkWriter) => Promise<void>);

export interface SaveDocument {
  readonly jobId: number;
  readonly name: string;
  readonly mediaType: string;
  readonly content: DocumentContent;
  readonly now: Date;
}

export interface DocumentStore {
  readonly kind: 'db' | 'fs';
  /** Writes the document, then (only then) records it. Returns the recorded metadata. */
  save(db: Db, doc: SaveDocument): Promise<DocumentMeta>;
  read(db: Db, doc: DocumentMeta): Promise<Uint8Array>;
  /** Removes what an interrupted run of the job left behind (temporary files). */
  discardPartials(jobId: number): Promise<void>;
}

/** An opaque, unguessable identifier (downloads go by this id, never by a path or name). */
export function newDocumentId(): string {
  return randomBytes(16).toString('hex');
}

export const DOCUMENT_ID_RE = /^[0-9a-f]{32}$/;

async function collect(content: DocumentContent, onChunk: (c: Uint8Array) => Promise<void>): Promise<void> {
  if (content instanceof Uint8Array) {
    await onChunk(content);
    return;
  }
  await content(onChunk);
}

export function databaseStore(): DocumentStore {
  return {
    kind: 'db',
    async save(db, doc) {
      const chunks: Uint8Array[] = [];
      const hash = createHash('sha256');
      let size = 0;
      await collect(doc.content, async (c) => {
        chunks.push(c);
        hash.update(c);
        size += c.length;
      });
      const bytes = Buffer.concat(chunks);
      const meta: DocumentMeta = {
        id: newDocumentId(), job_id: doc.jobId, name: doc.name, media_type: doc.mediaType, size, sha256: hash.digest('hex'),
        storage: 'db', storage_path: null, created_at: doc.now.toISOString(),
      };
      await insertJobDocument(db, { ...meta, bytes });
      return meta;
    },
    async read(db, doc) {
      if (doc.storage !== 'db') throw new Error('document enregistré dans un dossier : DELIB_DOCUMENTS_DIR doit être défini');
      const bytes = await readJobDocumentBytes(db, doc.id);
      if (!bytes) throw new Error(`document ${doc.id} sans contenu`);
      return bytes;
    },
    async discardPartials() {
      /* nothing is stored before the row */
    },
  };
}

export const OUTSIDE_DOCUMENTS_DIR = 'chemin de document hors du dossier des documents';

/**
 * Paths inside the documents folder, checked twice: lexically (no "..", no absolute path) and on
 * the real file system (fs.realpath), so that a symbolic link placed in the folder — on a file or
 * on a job's sub-folder — cannot make Délib read or write a file elsewhere.
 */
export function documentsFolder(dir: string) {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  const realRoot = realpathSync(root);
  const lexical = (relative: string): string => {
    const full = resolve(root, relative);
    if (!full.startsWith(root + sep)) throw new Error(OUTSIDE_DOCUMENTS_DIR);
    return full;
  };
  const checkReal = (real: string): string => {
    if (!real.startsWith(realRoot + sep)) throw new Error(OUTSIDE_DOCUMENTS_DIR);
    return real;
  };
  return {
    root,
    lexical,
    /** An existing file or folder of the documents folder, by its real path. */
    async existing(relative: string): Promise<string> {
      return checkReal(await realpath(lexical(relative)));
    },
    /** A job's folder, created if needed, by its real path (never a link leading elsewhere). */
    jobFolder(jobId: number): string {
      const folder = lexical(String(jobId));
      mkdirSync(folder, { recursive: true });
      return checkReal(realpathSync(folder));
    },
  };
}

export function fileStore(dir: string): DocumentStore {
  const folder = documentsFolder(dir);
  return {
    kind: 'fs',
    async save(db, doc) {
      const id = newDocumentId();
      const relative = `${doc.jobId}/${id}`;
      const final = join(folder.jobFolder(doc.jobId), id);
      const partial = `${final}.part`;
      const hash = createHash('sha256');
      let size = 0;
      const fh = await open(partial, 'w');
      try {
        await collect(doc.content, async (c) => {
          await fh.write(c);
          hash.update(c);
          size += c.length;
        });
        await fh.sync();
      } catch (e) {
        await fh.close();
        await rm(partial, { force: true });
        throw e;
      }
      await fh.close();
      await rename(partial, final);
      const meta: DocumentMeta = {
        id, job_id: doc.jobId, name: doc.name, media_type: doc.mediaType, size, sha256: hash.digest('hex'),
        storage: 'fs', storage_path: relative, created_at: doc.now.toISOString(),
      };
      await insertJobDocument(db, { ...meta, bytes: null });
      return meta;
    },
    async read(db, doc) {
      if (doc.storage === 'db') return databaseStore().read(db, doc);
      if (!doc.storage_path) throw new Error(`document ${doc.id} sans chemin`);
      return readFile(await folder.existing(doc.storage_path));
    },
    async discardPartials(jobId) {
      let path: string;
      let names: string[];
      try {
        path = await folder.existing(String(jobId));
        names = readdirSync(path);
      } catch {
        return; // no folder for this job (or one leading elsewhere: nothing of ours to clean)
      }
      for (const n of names) if (n.endsWith('.part')) rmSync(join(path, n), { force: true });
    },
  };
}

/** The store of this process: DELIB_DOCUMENTS_DIR (files) or the database. */
export function defaultDocumentStore(env: NodeJS.ProcessEnv = process.env): DocumentStore {
  const dir = env.DELIB_DOCUMENTS_DIR;
  return dir ? fileStore(dir) : databaseStore();
}
