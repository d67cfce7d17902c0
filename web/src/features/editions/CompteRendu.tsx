import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { useJob, useJobs, type Job } from './api.js';
import { ProgressBar } from './JobProgress.js';

interface Props {
  title: string;
  listLabel: string;
  kinds: readonly string[];
  initialJob: number | null;
  onBack: () => void;
}

const showing = (n: number) => (n === 0 ? 'Aucun élément' : `Affichage de l'élément 1 à ${n} sur ${n} élément(s)`);

/**
 * The memo's "Compte rendu des éditions de plan de secours": the jobs of the centre (Date, Etat,
 * Résultat, Durée, Domaine), then for the selected one its documents and its compte-rendu.
 */
export function CompteRendu({ title, listLabel, kinds, initialJob, onBack }: Props) {
  const jobs = useJobs(kinds, false);
  const [chosen, setChosen] = useState<number | null>(initialJob);
  const items = jobs.data?.items ?? [];
  const selectedId = chosen ?? items[0]?.id ?? null;

  return (
    <div data-testid="compte-rendu">
      <h2 className="fr-h4">{title}</h2>
      <ErrorAlert error={jobs.error} title="Impossible de charger les traitements" />
      {jobs.isPending && <p aria-live="polite">Chargement…</p>}
      {jobs.data && (
        <>
          <TableFrame caption={`${listLabel} (${jobs.data.queued} traitement(s) en attente d'exécution)`} testId="jobs-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Etat</th>
                <th scope="col">Résultat</th>
                <th scope="col">Durée</th>
                <th scope="col">Domaine</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && <tr><td colSpan={5}>Aucun traitement.</td></tr>}
              {items.map((j) => (
                <tr key={j.id} className={j.id === selectedId ? 'delib-row--selected' : undefined} aria-current={j.id === selectedId ? 'true' : undefined}
                  data-testid={`job-row-${j.id}`}>
                  <td>
                    <button type="button" className="fr-link" onClick={() => setChosen(j.id)} aria-label={`Afficher le traitement du ${j.date} : ${j.title}`}>
                      {j.date}
                    </button>
                    <p className="fr-text--xs fr-mb-0 delib-muted">{j.title}</p>
                  </td>
                  <td>{j.etat}</td>
                  <td>{j.status === 'running' ? `${j.resultat} (${j.progress} %)` : j.resultat}</td>
                  <td>{j.duree}</td>
                  <td>{j.domaine}</td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
          <p className="fr-text--sm">{showing(items.length)}</p>
        </>
      )}
      {selectedId !== null && <JobDetailPanel id={selectedId} summary={items.find((j) => j.id === selectedId)} />}
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mt-3w">
        <li><Button priority="secondary" iconId="fr-icon-arrow-left-line" onClick={onBack}>Retour à l'édition</Button></li>
        <li><Button priority="secondary" iconId="fr-icon-refresh-line" onClick={() => void jobs.refetch()} disabled={jobs.isFetching}>Rafraîchir</Button></li>
      </ul>
    </div>
  );
}

function JobDetailPanel({ id, summary }: { id: number; summary: Job | undefined }) {
  const job = useJob(id);
  const [open, setOpen] = useState(false);
  const j = job.data ?? summary;
  if (!j) return null;
  return (
    <section className="fr-mt-3w" aria-label={`Traitement du ${j.date}`} data-testid="job-detail">
      {(j.status === 'queued' || j.status === 'running') && <ProgressBar id={`cr-${id}-progress`} percent={j.progress} label={j.progressLabel} />}
      <h3 className="fr-h5 fr-mt-2w">Document</h3>
      <TableFrame caption="Documents produits" captionHidden testId="job-documents">
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Taille</th>
            <th scope="col">Type</th>
            <th scope="col">Télécharger</th>
          </tr>
        </thead>
        <tbody>
          {j.documents.length === 0 && <tr><td colSpan={4}>{j.status === 'error' ? 'Aucun document : le traitement est en erreur.' : 'Aucun document pour le moment.'}</td></tr>}
          {j.documents.map((d) => (
            <tr key={d.id} data-testid={`job-document-${d.name}`}>
              <td>
                {d.name.replace(/\.[a-z]+$/i, '')}
                {d.withdrawn && <p className="fr-message fr-message--warning fr-mt-1w fr-mb-0">{d.withdrawn}</p>}
                {d.superseded && <p className="fr-message fr-message--warning fr-mt-1w fr-mb-0" data-testid="document-remplace-motif">{d.superseded}</p>}
              </td>
              <td>{d.sizeLabel}</td>
              <td>{d.type}</td>
              <td>
                {d.withdrawn ? (
                  <p className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon" data-testid="document-retire">Retiré</p>
                ) : (
                  <>
                    {d.superseded && <p className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon fr-mb-1w" data-testid="document-remplace">Remplacé</p>}
                    {/* a superseded file takes the server's name (« REMPLACÉ le … - … ») */}
                    <a className="fr-link fr-icon-download-line fr-link--icon-left" href={d.url} download={d.superseded ? true : d.name}
                      aria-label={d.superseded ? `Télécharger ${d.name} (document remplacé)` : `Télécharger ${d.name}`}>
                      Télécharger
                    </a>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
      <p className="fr-text--sm">{showing(j.documents.length)}</p>
      <h3 className="fr-h5">Compte rendu</h3>
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <Button priority="secondary" onClick={() => setOpen((o) => !o)} nativeButtonProps={{ 'aria-expanded': open, 'aria-controls': `cr-${id}` }}>
            {open ? 'Masquer le compte rendu' : 'Afficher le compte rendu'}
          </Button>
        </li>
        <li>
          <a className="fr-btn fr-btn--secondary" href={`/api/jobs/${id}/compte-rendu`} download>Télécharger le compte rendu</a>
        </li>
      </ul>
      {job.error && <ErrorAlert error={job.error} title="Compte rendu indisponible" />}
      {open && job.data && <pre id={`cr-${id}`} className="delib-compte-rendu" data-testid="compte-rendu-text">{job.data.compteRendu}</pre>}
    </section>
  );
}
