import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons.js';
import { Upload } from '@codegouvfr/react-dsfr/Upload.js';
import { api, ApiError } from '../../api/client.js';
import type { ImportError } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { useProvisioningStatus } from './ProvisioningPanel.js';

/** The answer of an accepted import: its bilan, labelled in French by the server. */
interface ImportOk {
  bilan: { libelle: string; nombre: number }[];
}

/** One difference between the file and a deliberating jury's data (server's French). */
interface ProtectedChange {
  jury: string;
  etat: string;
  candidat: string;
  champ: string;
  avant: string;
  apres: string;
  refus: string | null;
}

/** The refusal's counts (the rows themselves are the error's details), and the differences with deliberating juries. */
interface ImportRefusal {
  errorCount?: number;
  errorsByFile?: Record<string, number>;
  changes?: ProtectedChange[];
  changeCount?: number;
  corrections?: boolean;
}

const count = (n: number) => n.toLocaleString('fr-FR');

/** "Importer une session": the zipped folder of CSV files; all or nothing. */
export function ImportPage() {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [corrections, setCorrections] = useState(false);
  const [motif, setMotif] = useState('');
  const [motifError, setMotifError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (v: { file: File; motif: string | null }) => {
      const body = new FormData();
      if (v.motif !== null) {
        body.append('corrections', 'oui');
        body.append('motif', v.motif);
      }
      body.append('file', v.file, v.file.name);
      return api.post<ImportOk>('/api/imports', body);
    },
    onSuccess: () => qc.invalidateQueries(),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fe = !file ? 'Choisissez le fichier .zip de la session.'
      : !file.name.toLowerCase().endsWith('.zip') ? 'Le fichier doit être une archive .zip.' : null;
    const me = corrections && !motif.trim() ? 'Indiquez le motif des corrections : il est journalisé avec chacune.' : null;
    setFileError(fe);
    setMotifError(me);
    const ok = fe === null && me === null;
    if (!ok || !file) return;
    upload.mutate({ file, motif: corrections ? motif.trim() : null });
  };

  const err = upload.error;
  const refusal = (err instanceof ApiError ? err.body : null) as ImportRefusal | null;
  const changes = refusal?.changeCount ? refusal.changes ?? [] : null;
  const rows = !changes && err instanceof ApiError && Array.isArray(err.details) ? (err.details as ImportError[]) : null;
  const total = refusal?.errorCount ?? rows?.length ?? 0;
  const byFile = Object.entries(refusal?.errorsByFile ?? {});

  return (
    <>
      <p>
        Le fichier .zip contient les fichiers CSV de la session (session.csv, etablissements.csv, specialites.csv,
        epreuves.csv, jurys.csv, candidats.csv, notes.csv, et le cas échéant choix_controle.csv et notes_controle.csv).
        L'import est <strong>tout ou rien</strong> : une seule ligne en erreur et rien n'est enregistré.
      </p>
      <form onSubmit={submit} className="delib-panel fr-p-3w fr-mb-4w">
        <Upload
          label="Dossier de la session (.zip)"
          hint="Taille maximale selon la configuration du serveur. Format accepté : .zip"
          state={fileError ? 'error' : 'default'}
          stateRelatedMessage={fileError ?? undefined}
          nativeInputProps={{
            name: 'file', accept: '.zip,application/zip',
            onChange: (e) => { setFile(e.target.files?.[0] ?? null); setFileError(null); upload.reset(); },
          }}
        />
        <RadioButtons
          className="fr-mt-3w"
          legend="Jurys dont la délibération est ouverte (état 110 ou plus)"
          hintText="Leurs données appartiennent à la délibération : l'import ne les remplace jamais et ne change jamais l'état d'un jury."
          name="mode-import"
          options={[
            {
              label: 'Import : refuser toute différence avec ces jurys',
              hintText: 'Les différences sont listées ; rien n’est enregistré.',
              nativeInputProps: { checked: !corrections, onChange: () => { setCorrections(false); upload.reset(); } },
            },
            {
              label: 'Corrections de l’académie : appliquer chaque différence',
              hintText: 'Chaque différence devient une modification de l’académie, journalisée avec le motif. Une note modifiée par le jury n’est jamais écrasée.',
              nativeInputProps: { checked: corrections, onChange: () => { setCorrections(true); upload.reset(); } },
            },
          ]}
        />
        {corrections && (
          <Input
            label="Motif des corrections *"
            hintText="Obligatoire : il figure au journal avec chaque correction."
            textArea
            state={motifError ? 'error' : 'default'}
            stateRelatedMessage={motifError ?? undefined}
            nativeTextAreaProps={{ name: 'motif', value: motif, maxLength: 1000, onChange: (e) => { setMotif(e.target.value); setMotifError(null); } }}
          />
        )}
        <Button type="submit" className="fr-mt-3w" iconId="fr-icon-upload-line" disabled={upload.isPending}>
          {upload.isPending ? 'Import en cours…' : 'Importer'}
        </Button>
      </form>
      {upload.isSuccess && <ImportSummary bilan={upload.data?.bilan ?? []} />}
      {err && !rows && !changes && <ErrorAlert error={err} title="L'import a échoué" />}
      {changes && (
        <>
          <Alert className="fr-mb-3w" severity="error" title={refusal?.corrections ? 'Les corrections ont été refusées' : 'L\'import a été refusé'}
            description={err?.message ?? ''} />
          <TableFrame caption={`Différences avec les jurys en délibération (${count(refusal?.changeCount ?? changes.length)})`} testId="import-changes">
            <thead>
              <tr>
                <th scope="col">Jury</th><th scope="col">État</th><th scope="col">Candidat</th><th scope="col">Donnée</th>
                <th scope="col">Valeur enregistrée</th><th scope="col">Valeur du fichier</th><th scope="col">Refus</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c, i) => (
                <tr key={i}>
                  <td>{c.jury}</td><td>{c.etat}</td><td>{c.candidat || '—'}</td><td>{c.champ}</td>
                  <td>{c.avant}</td><td>{c.apres}</td><td>{c.refus ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
          {(refusal?.changeCount ?? 0) > changes.length && (
            <p>… et {count((refusal?.changeCount ?? 0) - changes.length)} autre(s) différence(s).</p>
          )}
        </>
      )}
      {rows && (
        <>
          <Alert className="fr-mb-3w" severity="error" title="L'import a été refusé"
            description={`${count(total)} erreur(s) dans ${byFile.length || 1} fichier(s) : aucune donnée n'a été enregistrée. Corrigez les fichiers puis recommencez.`} />
          {byFile.length > 0 && (
            <ul className="fr-mb-3w" data-testid="import-errors-by-file">
              {byFile.map(([f, n]) => {
                const shown = rows.filter((r) => r.file === f).length;
                return (
                  <li key={f}>
                    {f} : {count(n)} erreur(s){n > shown ? ` — les ${count(shown)} premières sont listées ci-dessous` : ''}
                  </li>
                );
              })}
            </ul>
          )}
          <TableFrame caption="Erreurs de l'import" testId="import-errors">
            <thead><tr><th scope="col">Fichier</th><th scope="col">Ligne</th><th scope="col">Erreur</th></tr></thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}><td>{r.file}</td><td className="fr-cell--right">{r.line && r.line > 0 ? r.line : '—'}</td><td>{r.message}</td></tr>
              ))}
            </tbody>
          </TableFrame>
        </>
      )}
    </>
  );
}

function ImportSummary({ bilan }: { bilan: readonly { libelle: string; nombre: number }[] }) {
  return (
    <>
      <Alert className="fr-mb-3w" severity="success" title="La session a été importée"
        description="Toutes les lignes ont été enregistrées." />
      <AccountsToProvision />
      {bilan.length > 0 && (
        <TableFrame caption="Bilan de l'import" testId="import-summary">
          <thead><tr><th scope="col">Élément</th><th scope="col" className="fr-cell--right">Nombre</th></tr></thead>
          <tbody>
            {bilan.map((l) => (
              <tr key={l.libelle}><td>{l.libelle}</td><td className="fr-cell--right">{count(l.nombre)}</td></tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </>
  );
}

/**
 * After a first import (no account created by a provisioning run yet), the next step of day one:
 * the centres and juries have no access until the académie provisions their accounts.
 */
function AccountsToProvision() {
  const status = useProvisioningStatus();
  if (!status.data || status.data.accounts > 0) return null;
  return (
    <div data-testid="import-accounts-to-provision">
    <Alert className="fr-mb-3w" severity="info" title="Comptes à mettre en service"
      description={(
        <>
          Les centres de délibération, centres d'épreuve et jurys de la session n'ont pas encore leurs accès. Lancez la mise en
          service des comptes : <Link to="/academie/utilisateurs">« Créer ou renouveler les comptes de la session » sur l'écran
          Utilisateurs</Link> (ou, en ligne de commande, <code>delib provision --out &lt;dossier&gt;</code>). Chaque établissement
          reçoit un PDF de fiches d'accès à imprimer.
        </>
      )} />
    </div>
  );
}
