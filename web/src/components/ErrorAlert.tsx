import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { ApiError, errorMessage } from '../api/client.js';

/** Lists of offending items the API may attach to a refusal (candidates, juries…). */
function detailLines(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.map((d) => {
    if (typeof d === 'string') return d;
    if (d && typeof d === 'object') {
      const o = d as Record<string, unknown>;
      const msg = typeof o.message === 'string' ? o.message : '';
      const who = [o.subject, o.code, o.jury, o.file, o.line]
        .filter((x) => typeof x === 'string' || typeof x === 'number').join(' ');
      return [who, msg].filter(Boolean).join(' : ') || JSON.stringify(d);
    }
    return String(d);
  });
}

/** A French error from the API (or the network) in a DSFR alert. */
export function ErrorAlert({ error, title = 'Erreur', className }: { error: unknown; title?: string; className?: string }) {
  if (!error) return null;
  const lines = error instanceof ApiError ? detailLines(error.details) : [];
  return (
    <Alert
      className={className ?? 'fr-mb-3w'}
      severity="error"
      title={title}
      description={
        <>
          <span>{errorMessage(error)}</span>
          {lines.length > 0 && (
            <ul className="fr-mt-1w">
              {lines.map((l, i) => <li key={i}>{l}</li>)}
            </ul>
          )}
        </>
      }
    />
  );
}
