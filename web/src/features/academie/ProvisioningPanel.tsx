import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { api } from '../../api/client.js';
import { keys } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useJob } from '../editions/api.js';
import { ProgressBar } from '../editions/JobProgress.js';

export const provisioningKey = ['users', 'provisioning'] as const;

export function useProvisioningStatus() {
  return useQuery({ queryKey: provisioningKey, queryFn: () => api.get<{ accounts: number; lastAt: string | null }>('/api/users/provisioning') });
}

/**
 * "Comptes de la session": one action creates or refreshes the accounts of every centre de
 * délibération, centre d'épreuve and jury with one-time passwords, as a background job whose
 * compte-rendu and access sheets (one PDF per établissement) show here. End of session: every jury
 * account deactivated at once.
 */
export function ProvisioningPanel() {
  const qc = useQueryClient();
  const status = useProvisioningStatus();
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useJob(jobId);
  const start = useMutation({
    mutationFn: () => api.post<{ jobId: number }>('/api/users/provisioning'),
    onSuccess: (r) => setJobId(r.jobId),
  });
  const disable = useMutation({
    mutationFn: () => api.post<{ disabled: number }>('/api/users/disable-juries'),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.users }),
  });
  const finished = job.data?.status === 'done' || job.data?.status === 'error';
  useEffect(() => {
    if (!finished) return;
    void qc.invalidateQueries({ queryKey: provisioningKey });
    void qc.invalidateQueries({ queryKey: keys.users });
  }, [finished, qc]);
  return (
    <section className="delib-panel fr-p-3w fr-mb-4w" aria-labelledby="comptes-session">
      <h2 className="fr-h5" id="comptes-session">Comptes de la session</h2>
      <p data-testid="provisioning-status">
        {status.data?.accounts
          ? `${status.data.accounts} compte(s) de centres et de jurys créés par l'envoi des accès.`
          : "Les comptes des centres de délibération, des centres d'épreuve et des jurys de la session ne sont pas encore créés."}
      </p>
      <p className="fr-text--sm">
        Crée ou renouvelle chaque compte avec un mot de passe à usage unique et produit, pour chaque établissement, un PDF de
        fiches d'accès à imprimer et remettre sous pli fermé (son compte, et une fiche par jury pour les présidents). Un nouvel
        envoi rend caducs les mots de passe précédents.
      </p>
      <ErrorAlert error={start.error} title="Les comptes n'ont pas été créés" />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Button iconId="fr-icon-team-line" disabled={start.isPending || (jobId !== null && !finished)}
            onClick={() => { if (window.confirm('Créer ou renouveler les comptes de la session ? Les mots de passe précédents ne fonctionneront plus.')) start.mutate(); }}>
            Créer ou renouveler les comptes de la session
          </Button>
        </li>
        <li>
          <Button priority="secondary" disabled={disable.isPending}
            onClick={() => { if (window.confirm('Fin de session : désactiver tous les comptes de jury ?')) disable.mutate(); }}>
            Fin de session : désactiver les comptes des jurys
          </Button>
        </li>
      </ul>
      <ErrorAlert error={disable.error} title="Les comptes des jurys n'ont pas été désactivés" />
      {disable.data && <Alert small severity="success" className="fr-mt-2w" description={`${disable.data.disabled} compte(s) de jury désactivé(s).`} />}
      {job.data && (
        <div className="fr-mt-2w" data-testid="provisioning-job">
          <ProgressBar id="provisioning-progress" percent={job.data.progress} label={job.data.progressLabel} />
          <p>{`Traitement n° ${job.data.id} : ${job.data.etat}`}</p>
          {job.data.error && <Alert small severity="error" description={job.data.error} />}
          {job.data.documents.length > 0 && (
            <ul data-testid="provisioning-documents">
              {job.data.documents.map((d) => (
                <li key={d.id}><a className="fr-link" href={`/api/documents/${d.id}`} download={d.name}>{`${d.name} (${d.sizeLabel})`}</a></li>
              ))}
            </ul>
          )}
          <details>
            <summary>Compte rendu</summary>
            <pre data-testid="provisioning-log">{job.data.log.map((l) => l.line).join('\n')}</pre>
          </details>
        </div>
      )}
    </section>
  );
}
