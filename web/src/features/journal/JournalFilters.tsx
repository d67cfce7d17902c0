import { useState, type FormEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';

export interface JournalFilterValues {
  jury: string;
  action: string;
  actor: string;
  from: string;
  to: string;
}

interface Props {
  initial: JournalFilterValues;
  onApply: (v: JournalFilterValues) => void;
}

/** Filters of the journal: Jury, Action, Auteur, Du / Au. */
export function JournalFilters({ initial, onApply }: Props) {
  const [v, setV] = useState(initial);
  const set = (k: keyof JournalFilterValues) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(v);
  };
  const reset = () => {
    const empty = { jury: '', action: '', actor: '', from: '', to: '' };
    setV(empty);
    onApply(empty);
  };
  return (
    <form onSubmit={submit} className="delib-panel fr-p-3w fr-mb-4w" role="search" aria-labelledby="journal-filtres">
      <h2 className="fr-h5" id="journal-filtres">Filtres</h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Jury" nativeInputProps={{ value: v.jury, onChange: set('jury'), name: 'jury', autoComplete: 'off' }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Action" nativeInputProps={{ value: v.action, onChange: set('action'), name: 'action', autoComplete: 'off' }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Auteur" nativeInputProps={{ value: v.actor, onChange: set('actor'), name: 'actor', autoComplete: 'off' }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Du" hintText="Date de début (incluse)" nativeInputProps={{ type: 'date', value: v.from, onChange: set('from'), name: 'from' }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Au" hintText="Date de fin (incluse)" nativeInputProps={{ type: 'date', value: v.to, onChange: set('to'), name: 'to' }} />
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mt-2w">
        <li><Button type="submit" iconId="fr-icon-filter-line">Filtrer</Button></li>
        <li><Button type="button" priority="secondary" iconId="fr-icon-close-line" onClick={reset}>Effacer les filtres</Button></li>
      </ul>
    </form>
  );
}
