import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SortableTh, useSorted } from '../../components/sort.js';
import { TableFrame } from '../../components/TableFrame.js';
import { useRevealIdentity, type CandidateRow, type Decision, type Identity } from './api.js';
import { DecisionBadge, FlagBadges } from './parts.js';

type Col = 'anonymat' | 'categorie' | 'moyenne' | 'pro' | 'decision';
const ORDER: Record<Decision, string> = { ADMIS: '1', CONTROLE: '2', REFUSE: '3', INCOMPLET: '4' };
const valueOf = (c: CandidateRow, col: Col): string => {
  switch (col) {
    case 'anonymat': return c.numeroAnonymat;
    case 'categorie': return c.categorie;
    case 'moyenne': return c.moyenne ?? '';
    case 'pro': return c.moyennePro ?? '';
    case 'decision': return ORDER[c.decision];
  }
};

const FLAG_FILTERS = {
  '': 'Tous les candidats',
  livret: 'Livret non reçu ou sans statut',
  handicap: 'Mesures pour handicap',
  benefice: 'Bénéfice',
  dispense: 'Dispense',
  fraude: 'Présumé fraudeur',
} as const;
type FlagFilter = keyof typeof FLAG_FILTERS;

function hasFlag(c: CandidateRow, f: FlagFilter): boolean {
  switch (f) {
    case '': return true;
    case 'livret': return c.flags.livret !== true;
    case 'handicap': return c.flags.handicap !== '';
    case 'benefice': return c.flags.benefice;
    case 'dispense': return c.flags.dispense;
    case 'fraude': return c.flags.presumeFraudeur;
  }
}

interface Props {
  candidates: CandidateRow[];
  canRevealIdentity: boolean;
  /** where a candidate's PVI opens (the jury portal's by default; the académie's read-only route) */
  pviRoute?: string;
}

/** The jury's candidates: anonymous number first, sortable (aria-sort) and filterable; identity on demand. */
export function CandidatesTable({ candidates, canRevealIdentity, pviRoute = '/jury/candidats' }: Props) {
  const [search, setSearch] = useState('');
  const [decision, setDecision] = useState<Decision | ''>('');
  const [flag, setFlag] = useState<FlagFilter>('');
  const [identities, setIdentities] = useState<Record<number, Identity>>({});
  const reveal = useRevealIdentity();

  const filtered = useMemo(() => candidates.filter((c) =>
    (!search.trim() || c.numeroAnonymat.toLowerCase().includes(search.trim().toLowerCase()))
    && (!decision || c.decision === decision)
    && hasFlag(c, flag)), [candidates, search, decision, flag]);
  const { sorted, sort, toggle } = useSorted<CandidateRow, Col>(filtered, { key: 'anonymat', dir: 'ascending' }, valueOf);

  const show = (id: number) => reveal.mutate(id, { onSuccess: (identity) => setIdentities((m) => ({ ...m, [id]: identity })) });

  return (
    <>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-1w" role="search" aria-label="Filtrer les candidats">
        <div className="fr-col-12 fr-col-md-4">
          <Input label="N° d'anonymat" hintText="Tout ou partie du numéro"
            nativeInputProps={{ value: search, onChange: (e) => setSearch(e.target.value), name: 'anonymat', inputMode: 'search' }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Décision proposée" nativeSelectProps={{ value: decision, onChange: (e) => setDecision(e.target.value as Decision | ''), name: 'decision' }}>
            <option value="">Toutes les décisions</option>
            <option value="ADMIS">Admis</option>
            <option value="CONTROLE">Passe les épreuves de contrôle</option>
            <option value="REFUSE">Refusé</option>
            <option value="INCOMPLET">Incomplet</option>
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Signalement" nativeSelectProps={{ value: flag, onChange: (e) => setFlag(e.target.value as FlagFilter), name: 'signalement' }}>
            {Object.entries(FLAG_FILTERS).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </Select>
        </div>
      </div>
      <p className="fr-text--sm fr-mb-1w" aria-live="polite" data-testid="candidates-count">
        {`${filtered.length} candidat(s) affiché(s) sur ${candidates.length}`}
      </p>
      <ErrorAlert error={reveal.error} title="L'identité n'a pas pu être affichée" />
      <TableFrame caption="Candidats du jury" captionHidden testId="candidates-table" className="delib-candidates">
        <thead>
          <tr>
            <SortableTh label="N° anonymat" sortKey="anonymat" sort={sort} onSort={toggle} />
            <SortableTh label="Catégorie" sortKey="categorie" sort={sort} onSort={toggle} />
            <SortableTh label="Moyenne" sortKey="moyenne" sort={sort} onSort={toggle} />
            <SortableTh label="Moyenne pro" sortKey="pro" sort={sort} onSort={toggle} />
            <SortableTh label="Décision proposée" sortKey="decision" sort={sort} onSort={toggle} />
            <th scope="col">Signalements</th>
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 && <tr><td colSpan={6}>Aucun candidat ne correspond aux filtres.</td></tr>}
          {sorted.map((c) => {
            const identity = identities[c.id];
            return (
              <tr key={c.id} data-testid={`candidate-row-${c.numeroAnonymat}`}>
                <th scope="row">
                  <Link className="fr-link" to={`${pviRoute}/${c.id}`} aria-label={`Procès-verbal individuel du candidat ${c.numeroAnonymat}`}>
                    {c.numeroAnonymat}
                  </Link>
                  {identity ? (
                    <span className="delib-identity" data-testid={`identity-${c.numeroAnonymat}`}>
                      {`${identity.nom} ${identity.prenoms}`}
                      <span className="fr-hint-text">{identity.numeroCandidat}</span>
                    </span>
                  ) : canRevealIdentity && (
                    <Button size="small" priority="tertiary no outline" className="delib-identity-btn" onClick={() => show(c.id)} disabled={reveal.isPending}
                      nativeButtonProps={{ 'aria-label': `Afficher l'identité du candidat ${c.numeroAnonymat}` }}>
                      Afficher l'identité
                    </Button>
                  )}
                </th>
                <td className="delib-col-categorie">{c.categorie}</td>
                <td className="fr-cell--right delib-nowrap">{c.moyenne ?? '—'}</td>
                <td className="fr-cell--right delib-nowrap">{c.moyennePro ?? '—'}</td>
                <td className="delib-col-decision">
                  <DecisionBadge decision={c.decision} label={c.decisionLabel} testId={`decision-${c.numeroAnonymat}`} />
                  {c.missingUnits.length > 0 && <span className="fr-hint-text">{`Note(s) manquante(s) : ${c.missingUnits.join(', ')}`}</span>}
                </td>
                <td><FlagBadges flags={c.flags} /></td>
              </tr>
            );
          })}
        </tbody>
      </TableFrame>
    </>
  );
}
