import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Upload } from '@codegouvfr/react-dsfr/Upload.js';
import { api, ApiError } from '../../api/client.js';
import type { ImportError } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';

/** The answer of an accepted import: its bilan, labelled in French by the server. */
interface ImportOk {
  bilan: { libelle: string; nombre: number }[];
}

/** The refusal's counts (the rows themselves are the error's details). */
interface ImportRefusal {
  errorCount?: number;
  errorsByFile?: Record<string, number>;
}

const count = (n: number) => n.toLocaleString('fr-FR');

/** "Importer une session": the zipped folder of CSV files; all or nothing. */
export function ImportPage() {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => {
      const body = new FormData();
      body.append('file', f, f.name);
      return api.post<ImportOk>('/api/imports', body);
    },
    onSuccess: () => qc.invalidateQueries(),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFileError('Choisissez le fichier .zip de la session.');
    if (!file.name.toLowerCase().endsWith('.zip')) return setFileError('Le fichier doit être une archive .zip.');
    setFileError(null);
    upload.mutate(file);
  };

  const err = upload.error;
  const rows = err instanceof ApiError && Array.isArray(err.details) ? (err.details as ImportError[]) : null;
  const refusal = (err instanceof ApiError ? err.body : null) as ImportRefusal | null;
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
        <Button type="submit" className="fr-mt-3w" iconId="fr-icon-upload-line" disabled={upload.isPending}>
          {upload.isPending ? 'Import en cours…' : 'Importer'}
        </Button>
      </form>
      {upload.isSuccess && <ImportSummary bilan={upload.data?.bilan ?? []} />}
      {err && !rows && <ErrorAlert error={err} title="L'import a échoué" />}
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
