// The compte-rendu of a background job (memo §6.1), as plain text:
//
//   Le traitement s'est bien déroulé.
//
//   Début du traitement : 06/06/2023 13:54:25
//   Fin du traitement : 06/06/2023 13:54:26
//   Temps d'exécution : 1 seconde
//
//   Groupe de décision : 11
//   …

export interface CompteRenduInput {
  readonly ok: boolean;
  /** local wall-clock times "2023-06-06T13:54:25" */
  readonly debut: string;
  readonly fin: string;
  /** duration in milliseconds (the caller measured it) */
  readonly dureeMs: number;
  readonly lines: readonly string[];
  /** produced documents: name and size in bytes */
  readonly documents?: readonly { readonly name: string; readonly size: number }[];
  /** error message when !ok */
  readonly erreur?: string;
}

function dateTime(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}:${m[6] ?? '00'}` : value;
}

/** "1 seconde", "12 secondes", "2 minutes 5 secondes", "1 heure 0 minute 3 secondes". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const unit = (n: number, word: string): string => `${n} ${word}${n > 1 ? 's' : ''}`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${unit(h, 'heure')} ${unit(m, 'minute')} ${unit(s, 'seconde')}`;
  if (m) return `${unit(m, 'minute')} ${unit(s, 'seconde')}`;
  return unit(s, 'seconde');
}

/** "73 KB" as the compte-rendu lists documents (1 KB = 1024 bytes, rounded up). */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  return `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;
}

export function compteRenduText(input: CompteRenduInput): string {
  const out: string[] = [];
  out.push(input.ok ? "Le traitement s'est bien déroulé." : "Le traitement s'est terminé en erreur.");
  if (!input.ok && input.erreur) out.push(`Erreur : ${input.erreur}`);
  out.push('');
  out.push(`Début du traitement : ${dateTime(input.debut)}`);
  out.push(`Fin du traitement : ${dateTime(input.fin)}`);
  out.push(`Temps d'exécution : ${formatDuration(input.dureeMs)}`);
  out.push('');
  out.push(...input.lines);
  if (input.documents?.length) {
    out.push('', 'Documents produits :');
    for (const d of input.documents) out.push(`${d.name} (${formatSize(d.size)})`);
  }
  return out.join('\n') + '\n';
}
