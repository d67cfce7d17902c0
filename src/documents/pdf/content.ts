// Content-stream helpers: number formatting, bytes, deflated forms cached by content.

import { deflateSync } from 'node:zlib';

/**
 * Deflated Form XObject contents by content: the static forms of a batch's documents (RLN top and
 * bottom blocks…) are byte-identical from one document to the next (same text drawn first, hence the
 * same glyph ids), so they are compressed once.
 */
const deflatedForms = new Map<string, Buffer>();

export function deflated(content: string): Buffer {
  let data = deflatedForms.get(content);
  if (!data) {
    if (deflatedForms.size > 200) deflatedForms.clear();
    data = deflateSync(bytes(content));
    deflatedForms.set(content, data);
  }
  return data;
}

/** Content as bytes: ASCII only (glyphs are hex-encoded), converted natively. */
export function bytes(content: string): Buffer {
  return Buffer.from(content, 'latin1');
}

/** Formats a coordinate: 2 decimals at most, no exponent, no "-0". */
export function num(v: number): string {
  const n = Math.round(v * 100);
  if (n % 100 === 0) return n === 0 ? '0' : String(n / 100);
  const a = n < 0 ? -n : n;
  const frac = a % 100;
  const tail = frac % 10 === 0 ? `.${frac / 10}` : frac < 10 ? `.0${frac}` : `.${frac}`;
  return `${n < 0 ? '-' : ''}${(a - frac) / 100}${tail}`;
}
