import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import type { Job } from './api.js';

/** A DSFR-styled progress bar (native <progress>, labelled). */
export function ProgressBar({ id, percent, label }: { id: string; percent: number; label?: string | null }) {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="delib-progress" data-testid="job-progress">
      <label className="fr-label fr-mb-1v" htmlFor={id}>
        {`Avancement : ${p} %`}{label ? ` — ${label}` : ''}
      </label>
      <progress id={id} className="delib-progress__bar" max={100} value={p}>{`${p} %`}</progress>
    </div>
  );
}

/** The state of a job being followed on an edition screen (polled by the caller). */
export function JobStatus({ job }: { job: Job }) {
  if (job.status === 'queued' || job.status === 'running') {
    return (
      <div className="fr-mb-3w" aria-live="polite">
        <p className="fr-mb-1w">{job.status === 'queued' ? "Traitement en attente d'exécution…" : "Traitement en cours d'exécution…"}</p>
        <ProgressBar id={`job-${job.id}-progress`} percent={job.progress} label={job.progressLabel} />
      </div>
    );
  }
  if (job.status === 'error') {
    return <Alert className="fr-mb-3w" severity="error" title="Le traitement s'est terminé en erreur" description={job.error ?? ''} />;
  }
  return (
    <Alert
      className="fr-mb-3w"
      severity="success"
      title="Le traitement s'est bien déroulé"
      description={`${job.documents.length} document(s) produit(s) : ${job.documents.map((d) => d.name).join(', ')}. Téléchargez-les depuis le compte-rendu.`}
    />
  );
}
