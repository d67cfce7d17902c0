// Word wrapping: greedy, measured with the document fonts; long texts' lines are cached.

import type { FontName } from './fonts.js';

/** Wrapped lines of long texts (footnotes, legal paragraphs), shared by every document. */
const wrapCache = new Map<string, string[]>();

/** Greedy word wrap to a width; explicit "\n" breaks; an overlong word is cut. */
export function wrapText(text: string, width: number, font: FontName, size: number, measure: (text: string) => number): string[] {
  if (text.length > 60) {
    const key = `${font}|${size}|${width}|${text}`;
    let lines = wrapCache.get(key);
    if (!lines) {
      if (wrapCache.size > 5000) wrapCache.clear();
      lines = wrapWords(text, width, measure);
      wrapCache.set(key, lines);
    }
    return lines.slice();
  }
  if (text.indexOf('\n') < 0 && measure(text) <= width) return [text];
  return wrapWords(text, width, measure);
}

function wrapWords(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  const space = measure(' ');
  for (const para of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (let word of para.split(' ')) {
      if (word === '') continue;
      let w = measure(word);
      if (line && lineWidth + space + w <= width) {
        line += ' ' + word;
        lineWidth += space + w;
        continue;
      }
      if (line) lines.push(line);
      while (w > width && word.length > 1) {
        let cut = word.length - 1;
        while (cut > 1 && measure(word.slice(0, cut)) > width) cut--;
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
        w = measure(word);
      }
      line = word;
      lineWidth = w;
    }
    lines.push(line);
  }
  return lines;
}
