// Sending a produced file: safe Content-Disposition (ASCII fallback + RFC 5987 UTF-8 name, no
// quotes, separators or control characters can break out of the header), exact type and length.
import type { FastifyReply } from 'fastify';
import { safeFileName, transliterate } from '../documents/naming.js';

/** `attachment; filename="Liste_admis.pdf"; filename*=UTF-8''Liste%20admis.pdf` */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1) : undefined;
  const base = dot > 0 ? name.slice(0, dot) : name;
  const ascii = safeFileName(transliterate(base), ext);
  // eslint-disable-next-line no-control-regex -- control characters are removed
  const clean = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_');
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function mediaTypeOf(name: string): string {
  if (name.endsWith('.pdf')) return 'application/pdf';
  if (name.endsWith('.zip')) return 'application/zip';
  if (name.endsWith('.csv')) return 'text/csv; charset=utf-8';
  if (name.endsWith('.txt')) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

export function sendFile(reply: FastifyReply, name: string, bytes: Uint8Array, mediaType = mediaTypeOf(name)): FastifyReply {
  return reply
    .header('content-type', mediaType)
    .header('content-disposition', contentDisposition(name))
    .header('content-length', String(bytes.length))
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
