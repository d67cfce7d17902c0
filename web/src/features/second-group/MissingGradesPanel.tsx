// « Contrôler les notes manquantes » on screen, above its edition: what is missing for each jury at 200,
// or the memo's « Pas de notes manquantes. » — not only inside the PDF.
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { useMissingGrades } from './api.js';

export function MissingGradesPanel() {
  const missing = useMissingGrades();
  const data = missing.data;
  return (
    <section className="fr-mb-4w" aria-labelledby="notes-manquantes-ecran" data-testid="missing-grades-panel">
      <h2 className="fr-h5" id="notes-manquantes-ecran">Notes manquantes des jurys à l'état 200</h2>
      <ErrorAlert error={missing.error} title="Impossible de contrôler les notes manquantes" />
      {missing.isPending && <p aria-live="polite">Contrôle des notes manquantes…</p>}
      {data && data.juries.length === 0 && <p>Aucun jury à l'état 200 « Recueil des notes du 2nd groupe ».</p>}
      {data?.message && <div data-testid="no-missing-grades"><Alert severity="success" small description={data.message} /></div>}
      {data && !data.message && data.juries.filter((j) => j.rows.length > 0).map((j) => (
        <TableFrame key={j.jury.code} caption={`Jury ${j.jury.code} - ${j.jury.specialiteLibelle} (${j.jury.specialiteCode}) : ${j.rows.length} candidat(s)`}
          testId={`missing-${j.jury.code}`} className="fr-table--sm">
          <thead>
            <tr>
              <th scope="col">N° candidat</th>
              <th scope="col">Candidat</th>
              <th scope="col">Épreuves sans note</th>
              <th scope="col">Centre d'épreuve</th>
            </tr>
          </thead>
          <tbody>
            {j.rows.map((r) => (
              <tr key={r.candidateId}>
                <td className="delib-nowrap">{`${r.numeroCandidat} - ${r.numeroInscription}`}</td>
                <td>{`${r.nom} ${r.prenoms}`}</td>
                <td>{r.manquantes.join(' ; ')}</td>
                <td>{r.centre ? `${r.centre.libelle} (${r.centre.uai})` : ''}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      ))}
    </section>
  );
}
