import { useState, type FormEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import type { JuryCriteria } from '../../api/types.js';

interface Props {
  states: { etat: string; libelle: string }[];
  specialites: { code: string; libelle: string }[];
  initial: JuryCriteria | null;
  onSearch: (criteria: JuryCriteria) => void;
  onRefresh: () => void;
  busy: boolean;
}

/** The memo's "Recherche" panel: état (Egal / Différent de), and behind "Voir plus", code jury and spécialité. */
export function SearchPanel({ states, specialites, initial, onSearch, onRefresh, busy }: Props) {
  const [etatOp, setEtatOp] = useState<'egal' | 'different'>(initial?.etatOp ?? 'egal');
  const [etat, setEtat] = useState(initial?.etat ?? '');
  const [code, setCode] = useState(initial?.code ?? '');
  const [specialite, setSpecialite] = useState(initial?.specialite ?? '');
  const [more, setMore] = useState(Boolean(initial?.code || initial?.specialite));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch({
      etat: etat || undefined,
      etatOp: etat ? etatOp : undefined,
      code: more && code.trim() ? code.trim() : undefined,
      specialite: more && specialite ? specialite : undefined,
    });
  };

  return (
    <form className="delib-panel fr-p-3w fr-mb-4w" onSubmit={submit} aria-labelledby="recherche-titre" role="search">
      <h2 className="fr-h5" id="recherche-titre">Recherche</h2>
      <fieldset className="fr-fieldset" aria-labelledby="etat-jury-legend">
        <legend className="fr-fieldset__legend fr-text--regular" id="etat-jury-legend">Etat du jury</legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline delib-op">
          <Select label="Opérateur" nativeSelectProps={{ value: etatOp, onChange: (e) => setEtatOp(e.target.value as 'egal' | 'different'), name: 'etatOp' }}>
            <option value="egal">Egal</option>
            <option value="different">Différent de</option>
          </Select>
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline delib-grow">
          <Select label="Etat" nativeSelectProps={{ value: etat, onChange: (e) => setEtat(e.target.value), name: 'etat' }}>
            <option value="">Tous les états</option>
            {states.map((s) => <option key={s.etat} value={s.etat}>{`${s.etat} - ${s.libelle}`}</option>)}
          </Select>
        </div>
      </fieldset>

      <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w" id="criteres-supplementaires" hidden={!more}>
          <div className="fr-col-12 fr-col-md-4">
            <Input label="Code jury" nativeInputProps={{ value: code, onChange: (e) => setCode(e.target.value), name: 'code', autoComplete: 'off' }} />
          </div>
          <div className="fr-col-12 fr-col-md-8">
            <Select label="Spécialité" nativeSelectProps={{ value: specialite, onChange: (e) => setSpecialite(e.target.value), name: 'specialite' }}>
              <option value="">Toutes les spécialités</option>
              {specialites.map((s) => <option key={s.code} value={s.code}>{`${s.code} - ${s.libelle}`}</option>)}
            </Select>
          </div>
      </div>
      <p className="fr-mb-3w">
        <button type="button" className={`fr-link fr-link--icon-left ${more ? 'fr-icon-subtract-line' : 'fr-icon-add-line'}`}
          aria-expanded={more} aria-controls="criteres-supplementaires" onClick={() => setMore(!more)}>
          {more ? 'Voir moins de critères de recherche' : 'Voir plus de critères de recherche'}
        </button>
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        <li><Button type="submit" iconId="fr-icon-search-line" disabled={busy}>Rechercher</Button></li>
        <li><Button type="button" priority="secondary" iconId="fr-icon-refresh-line" onClick={onRefresh} disabled={busy}>Rafraîchir</Button></li>
      </ul>
    </form>
  );
}
