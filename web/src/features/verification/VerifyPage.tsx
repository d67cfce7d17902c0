// "Vérifier un document" (public, no login; issue #15): the code printed under the QR code of a relevé
// de notes or a PVI gives what the document shows and whether it is still the version in force.
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { apiFetch } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SERVICE_TITLE } from '../../brand.js';

interface Row { label: string; note: string; coeff: string; points: string; leaf: boolean }
interface Summary { label: string; total: string; points: string; moyenne: string }
export interface Verification {
  code: string;
  statut: 'courant' | 'remplace' | 'perime';
  message: string;
  emisLe: string;
  remplaceLe: string | null;
  document: {
    document: string; session: string; nom: string; nomUsage: string; prenoms: string; specialite: string;
    units: Row[]; summary1: Summary[]; decision1: string; controle: Row[]; summary2: Summary | null; decision2: string | null;
  };
}

function RowsTable({ caption, rows, summaries, decision }: { caption: string; rows: Row[]; summaries: Summary[]; decision: string | null }) {
  return (
    <div className="fr-table fr-table--no-caption fr-mb-3w">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr><th scope="col">Épreuve</th><th scope="col">Note</th><th scope="col">Coeff.</th><th scope="col">Points</th></tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <th scope="row" className={r.leaf ? 'fr-pl-4w fr-text--sm' : undefined}>{r.label}</th>
              <td>{r.note}</td><td>{r.coeff}</td><td>{r.points}</td>
            </tr>
          ))}
          {summaries.map((s, i) => (
            <tr key={`s${i}`}>
              <th scope="row">{s.label}</th><td>{s.total}</td><td>{s.points}</td><td><strong>{s.moyenne}</strong></td>
            </tr>
          ))}
        </tbody>
      </table>
      {decision ? <p className="fr-text--bold fr-mt-1w">{decision}</p> : null}
    </div>
  );
}

function Result({ v }: { v: Verification }) {
  const d = v.document;
  const current = v.statut === 'courant';
  return (
    <>
      <Alert className="fr-mb-3w" severity={current ? 'success' : 'error'} title={current ? 'Document en vigueur' : 'Document qui n’est plus valable'}
        description={v.message} />
      <dl className="fr-mb-3w">
        <dt className="fr-text--bold">Document</dt><dd>{d.document} - code {v.code}, édité le {v.emisLe}</dd>
        <dt className="fr-text--bold">Candidat</dt><dd>{d.nom}{d.nomUsage ? ` (nom d'usage : ${d.nomUsage})` : ''} {d.prenoms}</dd>
        <dt className="fr-text--bold">Spécialité</dt><dd>{d.specialite}</dd>
        <dt className="fr-text--bold">Session</dt><dd>{d.session}</dd>
      </dl>
      <RowsTable caption="Épreuves du 1er groupe" rows={d.units} summaries={d.summary1} decision={d.decision1} />
      {d.controle.length > 0 || d.summary2 ? (
        <>
          <h2 className="fr-h5">Épreuves de contrôle</h2>
          <RowsTable caption="Épreuves de contrôle" rows={d.controle} summaries={d.summary2 ? [d.summary2] : []} decision={d.decision2} />
        </>
      ) : null}
    </>
  );
}

export function VerifyPage() {
  const { code } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code ?? '');
  const result = useQuery({
    queryKey: ['verifier', code],
    queryFn: () => apiFetch<Verification>('GET', `/api/verifier/${encodeURIComponent(code!)}`),
    enabled: !!code,
    retry: false,
  });

  useEffect(() => {
    document.title = `Vérifier un document - ${SERVICE_TITLE}`;
  }, []);
  useEffect(() => setTyped(code ?? ''), [code]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = typed.trim();
    if (c) navigate(`/verifier/${encodeURIComponent(c)}`);
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-lg-10">
        <h1 className="fr-h3">Vérifier un relevé de notes ou un procès-verbal individuel</h1>
        <p className="fr-text--sm">
          Saisissez le code de vérification imprimé sous le QR code du document (ou scannez ce QR code). La page montre ce que le
          document officiel contient et s'il est toujours en vigueur : comparez-le au document qui vous a été remis.
        </p>
        <form onSubmit={submit} noValidate className="fr-mb-4w">
          <Input label="Code de vérification" hintText="16 caractères, par exemple 7KQ4-M2XC-9T0B-HW3R"
            nativeInputProps={{ name: 'code', autoComplete: 'off', spellCheck: false, value: typed, onChange: (e) => setTyped(e.target.value) }} />
          <Button type="submit">Vérifier</Button>
        </form>
        {result.isFetching ? <p aria-live="polite">Vérification…</p> : null}
        <ErrorAlert error={result.error} title="Document non vérifiable" />
        {result.data ? <Result v={result.data} /> : null}
      </div>
    </div>
  );
}
