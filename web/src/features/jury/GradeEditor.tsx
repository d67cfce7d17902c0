import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { parseControleGrade, parseGrade } from '../../../../src/domain/grades.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useChangeGrade, type GradeCell, type Pvi } from './api.js';

interface Conflict {
  message: string;
  current: GradeCell;
}

interface Props {
  candidateId: number;
  cell: GradeCell;
  /** "U1 - Culture générale et expression" */
  label: string;
  colSpan: number;
  onSaved: (message: string, pvi: Pvi) => void;
  onCancel: () => void;
}

const HINTS = {
  1: 'Nombre de 0 à 20 avec 2 décimales au plus (ex. 12,5), ou ABS, AJ, DI',
  2: 'Nombre de 0 à 20 avec 2 décimales au plus (ex. 12,5), ou ABS',
} as const;

/** The same grade in a fresh PVI. */
function cellIn(pvi: Pvi, cell: GradeCell): GradeCell | undefined {
  if (cell.group === 2) return pvi.group2?.choices.find((c) => c.code === cell.epreuve)?.cell;
  for (const u of pvi.units) {
    if (u.cell?.epreuve === cell.epreuve) return u.cell;
    const leaf = u.leaves.find((l) => l.code === cell.epreuve);
    if (leaf) return leaf.cell;
  }
  return undefined;
}

function conflictOf(err: unknown): Conflict | null {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  const current = (err.body as { current?: GradeCell } | undefined)?.current;
  return current ? { message: err.message, current } : null;
}

/**
 * Inline form to change one grade (keyboard: Enter saves, Escape cancels). The change is sent with
 * the version it is based on; when another member changed the grade meanwhile, the server answers 409
 * with the current value: the typed value is kept and may be applied on it, or discarded.
 */
export function GradeEditor({ candidateId, cell, label, colSpan, onSaved, onCancel }: Props) {
  const [value, setValue] = useState(cell.value);
  // the grade as it was when the editor opened: the PVI refreshes meanwhile (the other member's
  // changes), and a change made since must come back as a conflict, not be overwritten silently
  const [base] = useState(() => ({ value: cell.value, version: cell.version }));
  const [comment, setComment] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const change = useChangeGrade(candidateId);
  const id = `edit-${cell.group}-${cell.epreuve}`;

  const send = () => {
    // applied on the value the conflict showed, else on the value the editor opened with
    const from = conflict ? conflict.current : base;
    const parsed = cell.group === 1 ? parseGrade(value) : parseControleGrade(value);
    if (!parsed.ok) {
      setFieldError(`${parsed.error}.`);
      return;
    }
    setFieldError(null);
    setConflict(null);
    change.mutate(
      { group: cell.group, epreuve: cell.epreuve, value: value.trim(), version: from.version, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      {
        onSuccess: ({ pvi, offline }) => {
          const before = from.value || 'aucune note';
          const after = cellIn(pvi, cell)?.value || value.trim().toUpperCase();
          const where = offline ? ' hors ligne, en attente d’envoi au serveur' : '';
          onSaved(`Note ${cell.epreuve} enregistrée${where} (${before} → ${after}). Décision proposée : ${pvi.finalDecisionLabel}.`, pvi);
        },
        onError: (err) => {
          const c = conflictOf(err);
          if (c) setConflict(c);
          else if (err instanceof ApiError && err.status === 400) setFieldError(err.message);
        },
      },
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    send();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };
  const otherError = change.error && !conflictOf(change.error) && !(change.error instanceof ApiError && change.error.status === 400)
    ? errorMessage(change.error) : null;

  return (
    <tr className="delib-editor-row" data-testid={`editor-${cell.epreuve}`}>
      <td colSpan={colSpan}>
        <form onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label={`Modifier la note ${label}`} className="delib-editor">
          {conflict && (
            <div data-testid="grade-conflict" role="alert">
              <Alert severity="warning" small className="fr-mb-2w"
                description={
                  <>
                    <span>{conflict.message}</span>
                    <span className="fr-hint-text">{`Votre saisie conservée : ${value || '(vide)'}. Valeur actuelle : ${conflict.current.value || 'aucune note'}.`}</span>
                  </>
                } />
            </div>
          )}
          {otherError && <Alert severity="error" small className="fr-mb-2w" description={otherError} />}
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <Input label={`Nouvelle note - ${cell.epreuve}`} hintText={HINTS[cell.group]}
                state={fieldError ? 'error' : 'default'} stateRelatedMessage={fieldError ?? undefined}
                nativeInputProps={{
                  id: `${id}-value`, name: 'note', value, autoFocus: true, autoComplete: 'off', inputMode: 'decimal',
                  onChange: (e) => setValue(e.target.value), onFocus: (e) => e.target.select(),
                }} />
            </div>
            <div className="fr-col-12 fr-col-md-8">
              <Input label="Commentaire (facultatif)" hintText="Motif de la modification, enregistré au journal"
                nativeInputProps={{ id: `${id}-comment`, name: 'commentaire', value: comment, maxLength: 500, onChange: (e) => setComment(e.target.value) }} />
            </div>
          </div>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            <li>
              <Button type="submit" disabled={change.isPending} nativeButtonProps={{ 'data-testid': 'grade-save' }}>
                {conflict ? 'Appliquer ma saisie' : 'Enregistrer'}
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={onCancel} disabled={change.isPending}>
                {conflict ? 'Abandonner ma saisie' : 'Annuler'}
              </Button>
            </li>
          </ul>
        </form>
      </td>
    </tr>
  );
}
