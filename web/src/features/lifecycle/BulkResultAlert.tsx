import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import type { BulkResult } from '../../api/types.js';

/** The outcome of a bulk action: juries done, juries refused with the reason. */
export function BulkResultAlert({ label, result }: { label: string; result: BulkResult }) {
  const { done, refused } = result;
  const severity = refused.length === 0 ? 'success' : done.length === 0 ? 'error' : 'warning';
  return (
    <Alert
      className="fr-mb-3w"
      severity={severity}
      title={`${label} : ${done.length} jury(s) traité(s), ${refused.length} refusé(s)`}
      description={
        <>
          {done.length > 0 && <p className="fr-mb-1w">Jurys traités : {done.join(', ')}</p>}
          {refused.length > 0 && (
            <>
              <p className="fr-mb-1w">Jurys refusés :</p>
              <ul>
                {refused.map((r) => <li key={r.code}><strong>{r.code}</strong> : {r.message}</li>)}
              </ul>
            </>
          )}
          {done.length === 0 && refused.length === 0 && <p>Aucun jury n'était concerné.</p>}
        </>
      }
    />
  );
}
