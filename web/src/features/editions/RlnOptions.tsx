import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons.js';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useCriteriaFields, type CriteriaField, type Format, type RlnOptions } from './api.js';

interface Props {
  value: RlnOptions;
  onChange: (v: RlnOptions) => void;
  format: Format;
  onFormat: (f: Format) => void;
  errors: { lieu?: string | null; date?: string | null };
}

export const DEFAULT_RLN: RlnOptions = {
  etablissement: false, mail: true, telephone: true, signatureLieu: '', signatureDate: '', criteria: [], groupBy: 'jury', sortBy: 'nom',
};

type Tab = 'parametres' | 'criteres' | 'tri';

/** The memo's RLN screen: tabs "Paramètres d'édition", "Critères de sélection", "Regroupement/Tri". */
export function RlnOptionsPanel({ value, onChange, format, onFormat, errors }: Props) {
  const [tab, setTab] = useState<Tab>('parametres');
  const set = (patch: Partial<RlnOptions>) => onChange({ ...value, ...patch });
  return (
    <Tabs
      className="fr-mb-3w"
      label="Options du relevé de notes"
      selectedTabId={tab}
      onTabChange={(id) => setTab(id as Tab)}
      tabs={[
        { tabId: 'parametres', label: "Paramètres d'édition" },
        { tabId: 'criteres', label: 'Critères de sélection' },
        { tabId: 'tri', label: 'Regroupement/Tri' },
      ]}
    >
      {tab === 'parametres' && (
        <div>
          <RadioButtons
            legend="Vous souhaitez générer"
            name="rln-fichiers"
            options={[
              { label: 'Un seul fichier contenant tous les relevés de notes', nativeInputProps: { checked: format === 'pdf', onChange: () => onFormat('pdf') } },
              { label: 'Un fichier par jury', nativeInputProps: { checked: format === 'zip', onChange: () => onFormat('zip') } },
            ]}
          />
          <Checkbox
            legend="Entête du relevé de notes"
            options={[{ label: "Editer l'établissement d'inscription du candidat", nativeInputProps: { checked: value.etablissement, onChange: (e) => set({ etablissement: e.target.checked }) } }]}
          />
          <Checkbox
            legend="Edition du service examen / concours"
            orientation="horizontal"
            options={[
              { label: 'Du mail', nativeInputProps: { checked: value.mail, onChange: (e) => set({ mail: e.target.checked }) } },
              { label: 'Du téléphone', nativeInputProps: { checked: value.telephone, onChange: (e) => set({ telephone: e.target.checked }) } },
            ]}
          />
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend">Pied du relevé de notes</legend>
            <div className="fr-fieldset__element fr-fieldset__element--inline delib-grow">
              <Input label="Signature à : *" hintText="Exemple: Besançon" state={errors.lieu ? 'error' : 'default'} stateRelatedMessage={errors.lieu ?? undefined}
                nativeInputProps={{ value: value.signatureLieu, required: true, maxLength: 80, onChange: (e) => set({ signatureLieu: e.target.value }) }} />
            </div>
            <div className="fr-fieldset__element fr-fieldset__element--inline">
              <Input label="le : *" hintText="Exemple: 12/07/1998" state={errors.date ? 'error' : 'default'} stateRelatedMessage={errors.date ?? undefined}
                nativeInputProps={{ value: value.signatureDate, required: true, inputMode: 'numeric', placeholder: 'jj/mm/aaaa', maxLength: 10, onChange: (e) => set({ signatureDate: e.target.value }) }} />
            </div>
          </fieldset>
        </div>
      )}
      {tab === 'criteres' && <CriteriaTree value={value} onChange={onChange} />}
      {tab === 'tri' && (
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Select label="Regroupement" nativeSelectProps={{ value: value.groupBy, onChange: (e) => set({ groupBy: e.target.value as RlnOptions['groupBy'] }) }}>
              <option value="jury">Par jury</option>
              <option value="etablissement">Par établissement d'inscription</option>
              <option value="centre-epreuve">Par centre d'épreuve</option>
              <option value="aucun">Aucun</option>
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Select label="Tri" nativeSelectProps={{ value: value.sortBy, onChange: (e) => set({ sortBy: e.target.value as RlnOptions['sortBy'] }) }}>
              <option value="nom">Nom et prénoms</option>
              <option value="numero-candidat">N° candidat</option>
              <option value="numero-anonymat">N° anonymat</option>
            </Select>
          </div>
        </div>
      )}
    </Tabs>
  );
}

function describe(fields: CriteriaField[], c: RlnOptions['criteria'][number]): string {
  const f = fields.find((x) => x.field === c.field);
  const op = f?.operators.find((o) => o.op === c.op)?.label ?? c.op;
  const values = c.values.map((v) => f?.choices?.find((ch) => ch.value === v)?.label ?? v);
  return `${f?.label ?? c.field} ${op.toLowerCase()} ${values.join(', ')}`;
}

/** "► Arbre des critères de recherche": add criteria (field, operator, value), combined with AND. */
function CriteriaTree({ value, onChange }: { value: RlnOptions; onChange: (v: RlnOptions) => void }) {
  const fieldsQ = useCriteriaFields(true);
  const fields = fieldsQ.data?.fields ?? [];
  const [field, setField] = useState('numero-candidat');
  const [op, setOp] = useState('egal');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const current = fields.find((f) => f.field === field);

  const add = () => {
    const values = (op === 'parmi' ? text.split(/[;,]/) : [text]).map((v) => v.trim()).filter(Boolean);
    if (values.length === 0) return setProblem('Saisissez ou choisissez une valeur.');
    setProblem(null);
    onChange({ ...value, criteria: [...value.criteria, { field, op, values }] });
    setText('');
  };

  return (
    <div>
      <h3 className="fr-h6">► Arbre des critères de recherche</h3>
      <ErrorAlert error={fieldsQ.error} title="Critères indisponibles" />
      <p className="fr-text--sm">Sans critère, les relevés de tous les candidats admissibles des jurys sélectionnés sont produits. Les candidats présumés fraudeurs n'y figurent que si un critère « Présumé fraudeur » les sélectionne. Les critères se cumulent (ET).</p>
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Critère" nativeSelectProps={{ value: field, onChange: (e) => { setField(e.target.value); setOp('egal'); setText(''); } }}>
            {fields.map((f) => <option key={f.field} value={f.field}>{f.label}</option>)}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select label="Opérateur" nativeSelectProps={{ value: op, onChange: (e) => setOp(e.target.value) }}>
            {(current?.operators ?? []).map((o) => <option key={o.op} value={o.op}>{o.label}</option>)}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          {current?.choices && op !== 'parmi' ? (
            <Select label="Valeur" nativeSelectProps={{ value: text, onChange: (e) => setText(e.target.value) }}>
              <option value="">Choisir</option>
              {current.choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
            </Select>
          ) : (
            <Input label="Valeur" hintText={op === 'parmi' ? 'Valeurs séparées par ;' : current?.type === 'date' ? 'jj/mm/aaaa' : undefined}
              state={problem ? 'error' : 'default'} stateRelatedMessage={problem ?? undefined}
              nativeInputProps={{ value: text, maxLength: 120, onChange: (e) => setText(e.target.value), onKeyDown: (e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } } }} />
          )}
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Button priority="secondary" iconId="fr-icon-add-line" onClick={add}>Ajouter</Button>
        </div>
      </div>
      {value.criteria.length > 0 && (
        <ul className="fr-tags-group fr-mt-2w" aria-label="Critères retenus">
          {value.criteria.map((c, i) => (
            <li key={`${c.field}-${i}`}>
              <button type="button" className="fr-tag fr-tag--dismiss" aria-label={`Supprimer le critère ${describe(fields, c)}`}
                onClick={() => onChange({ ...value, criteria: value.criteria.filter((_, k) => k !== i) })}>
                {describe(fields, c)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
