// File names: the emergency-plan zips (SPEC §5) and safe names from the user's *Titre édition*.

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', ø: 'o', Ø: 'O' };

/** ASCII transliteration: "Édition – Spécialité œuvre" -> "Edition - Specialite oeuvre". */
export function transliterate(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œŒæÆßđĐłŁøØ]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[\u2018\u2019]/g, "'");
}

/**
 * A file name from a free title: transliterated to ASCII, path separators and characters forbidden on
 * Windows/macOS/Linux replaced, no "..", no leading dot, no reserved device name, bounded length.
 * safeFileName("Listes ../admis: juin/2023", "pdf") -> "Listes_admis_juin_2023.pdf"
 */
export function safeFileName(title: string, ext?: string, maxLength = 100): string {
  let base = transliterate(title.normalize('NFC'))
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[^A-Za-z0-9._()-]+/g, '_')
    .replace(/(?<![A-Za-z0-9])\.|\.(?![A-Za-z0-9])/g, '') // a dot only between letters or digits: no "..", no leading dot
    .replace(/_+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '');
  base = base.slice(0, maxLength).replace(/[._-]+$/g, '');
  if (!base) base = 'edition';
  if (RESERVED.test(base)) base = `_${base}`;
  const suffix = ext ? `.${ext.replace(/^\./, '').replace(/[^A-Za-z0-9]/g, '')}` : '';
  return base + suffix;
}

export interface JuryZipName {
  /** UAI of the centre: "0250001R" */
  readonly uai: string;
  /** "2023-06" */
  readonly session: string;
  /** deliberation group: 1 or 2 */
  readonly group: number | string;
  readonly jury: string;
}

/** "DELIB_0250001R_BTS_2023-06_GRD_1_31310.zip" */
export function juryZipName(p: JuryZipName, exam = 'BTS'): string {
  const part = (s: string | number): string => safeFileName(String(s));
  return `DELIB_${part(p.uai)}_${part(exam)}_${part(p.session)}_GRD_${part(p.group)}_${part(p.jury)}.zip`;
}
