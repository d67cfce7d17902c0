import { Fragment, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { parseControleEntry } from '../../../../src/domain/grades.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { rowKey, useGrades, useSaveGrade, type EntryMode, type GradeRow } from './api.js';
import { displayPageCount } from './display.js';
import { Pager } from '../../components/Pager.js';

interface RowState {
  phase: 'saving' | 'saved' | 'error' | 'conflict';
  message: string;
}

const STATUS_CLASS: Record<GradeRow['status'], string> = {
  MANQUANTE: 'fr-badge--warning', SAISIE: 'fr-badge--success', ATTENTE_SECONDE: 'fr-badge--info', CONCORDANTE: 'fr-badge--success',
  DISCORDANTE: 'fr-badge--error', ARBITREE: 'fr-badge--success',
};

/**
 * The keyboard-first grade grid: type a value, Enter saves the row at once and moves to the next
 * row (leaving a field saves it too); a conflict keeps the typed value and shows the current one.
 */
export function GradeGrid({ mode }: { mode: EntryMode }) {
  const [jury, setJury] = useState('');
  const [epreuve, setEpreuve] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  // the server filters and pages the rows (an académie has thousands); drafts are kept by row across pages
  const grades = useGrades(mode, { page, jury, epreuve, q: search });
  const save = useSaveGrade(mode);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [states, setStates] = useState<Record<string, RowState>>({});
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const inflight = useRef(new Map<string, string>());
  const criteriaChange = (set: (v: string) => void) => (v: string) => {
    set(v);
    setPage(1);
  };

  const data = grades.data;
  const visible = data?.rows ?? [];
  const juries = data?.juries ?? [];
  const epreuves = data?.epreuves ?? [];

  const setState = (key: string, st: RowState | null) => setStates((m) => {
    const next = { ...m };
    if (st) next[key] = st;
    else delete next[key];
    return next;
  });
  const clearDraft = (key: string) => setDrafts((d) => {
    const next = { ...d };
    delete next[key];
    return next;
  });

  const commit = async (row: GradeRow, typed: string) => {
    const key = rowKey(row.candidateId, row.epreuveCode);
    if (inflight.current.get(key) === typed) return;
    inflight.current.set(key, typed);
    setState(key, { phase: 'saving', message: 'Enregistrement…' });
    try {
      const r = await save.mutateAsync({ candidateId: row.candidateId, epreuveCode: row.epreuveCode, value: typed, expectedVersion: row.version });
      if (r.status === 'saved' || r.status === 'unchanged') {
        clearDraft(key);
        setState(key, { phase: 'saved', message: r.status === 'saved' ? r.message : 'Note inchangée.' });
      } else {
        setState(key, { phase: r.status, message: r.message });
      }
    } catch (e) {
      setState(key, { phase: 'error', message: e instanceof ApiError ? e.message : errorMessage(e) });
    } finally {
      inflight.current.delete(key);
    }
  };

  const focusAt = (index: number) => {
    const target = visible[index];
    const el = target ? inputs.current.get(rowKey(target.candidateId, target.epreuveCode)) : undefined;
    if (el) {
      el.focus();
      el.select();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, row: GradeRow, index: number) => {
    const key = rowKey(row.candidateId, row.epreuveCode);
    const typed = drafts[key];
    if (e.key === 'Enter') {
      e.preventDefault();
      if (typed !== undefined && typed.trim() !== row.value) {
        // a value the server would refuse: said at once, and the cursor stays on the field to correct it
        const parsed = parseControleEntry(typed);
        if (!parsed.ok) {
          setState(key, { phase: 'error', message: parsed.message });
          e.currentTarget.select();
          return;
        }
        void commit(row, typed);
      }
      focusAt(e.shiftKey ? index - 1 : index + 1);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusAt(e.key === 'ArrowDown' ? index + 1 : index - 1);
    } else if (e.key === 'Escape') {
      clearDraft(key);
      setState(key, null);
    }
  };

  const onBlur = (row: GradeRow) => {
    const key = rowKey(row.candidateId, row.epreuveCode);
    const typed = drafts[key];
    if (typed !== undefined && typed.trim() !== row.value && states[key]?.phase !== 'conflict') void commit(row, typed);
  };

  return (
    <>
      <ErrorAlert error={grades.error} title="Impossible de charger les notes" />
      {grades.isPending && <p aria-live="polite">Chargement des notes…</p>}
      {grades.data && (
        <>
          <div className="fr-grid-row fr-grid-row--gutters fr-mb-1w">
            <div className="fr-col-12 fr-col-md-3 fr-select-group">
              <label className="fr-label" htmlFor={`notes-jury-${mode}`}>Jury</label>
              <select className="fr-select" id={`notes-jury-${mode}`} value={jury} onChange={(e) => criteriaChange(setJury)(e.target.value)}>
                <option value="">Tous les jurys</option>
                {juries.map((j) => <option key={j} value={j}>{j}</option>)}
              </select>
            </div>
            <div className="fr-col-12 fr-col-md-4 fr-select-group">
              <label className="fr-label" htmlFor={`notes-epreuve-${mode}`}>Épreuve</label>
              <select className="fr-select" id={`notes-epreuve-${mode}`} value={epreuve} onChange={(e) => criteriaChange(setEpreuve)(e.target.value)}>
                <option value="">Toutes les épreuves</option>
                {epreuves.map((x) => <option key={x} value={x}>{x}</option>)}
              </select>
            </div>
            <div className="fr-col-12 fr-col-md-5 fr-input-group">
              <label className="fr-label" htmlFor={`notes-recherche-${mode}`}>Rechercher dans les résultats</label>
              <input className="fr-input" id={`notes-recherche-${mode}`} type="search" value={search} onChange={(e) => criteriaChange(setSearch)(e.target.value)} autoComplete="off" />
            </div>
          </div>
          <p className="fr-text--sm" data-testid={`notes-progress-${mode}`}>
            {mode === 'first' ? `${grades.data.done} note(s) prise(s) en compte sur ${grades.data.all}.` : `${grades.data.done} seconde(s) saisie(s) sur ${grades.data.all}.`}
          </p>
          <TableFrame caption={mode === 'first' ? 'Notes des épreuves du 2nd groupe' : 'Seconde saisie des notes (à l’aveugle)'} captionHidden
            testId={`grades-table-${mode}`} className="fr-table--sm delib-sg-table">
            <thead>
              <tr>
                <th scope="col">Jury</th>
                <th scope="col">Candidat</th>
                <th scope="col">Épreuve</th>
                <th scope="col">Convocation</th>
                <th scope="col">{mode === 'first' ? 'Note /20' : 'Seconde saisie /20'}</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {visible.length === 0 && (
                <tr><td colSpan={6}>{grades.data.all === 0 ? (mode === 'first' ? 'Aucune note à saisir : aucun jury à l’état 200 avec des candidats ayant choisi leurs épreuves.' : 'Aucune épreuve n’est soumise à la double saisie.') : 'Aucune ligne ne correspond.'}</td></tr>
              )}
              {visible.map((r, i) => {
                const key = rowKey(r.candidateId, r.epreuveCode);
                const st = states[key];
                const msgId = `note-message-${mode}-${r.candidateId}-${r.epreuveCode}`;
                const lockId = `note-verrou-${mode}-${r.candidateId}-${r.epreuveCode}`;
                const bad = st?.phase === 'error' || st?.phase === 'conflict';
                const described = [st ? msgId : '', r.readOnlyReason ? lockId : ''].filter(Boolean).join(' ');
                return (
                  <Fragment key={key}>
                    <tr data-testid={`grade-row-${mode}-${r.candidateId}-${r.epreuveCode}`}>
                      <td>{r.juryCode}</td>
                      <td>{`${r.nom} ${r.prenoms}`}<span className="delib-sg-hint delib-nowrap-hint">{r.numero}</span></td>
                      <td>{r.epreuveLibelle}</td>
                      <td>{r.convocation || <span className="delib-muted">—</span>}</td>
                      <td>
                        <input
                          ref={(el) => { if (el) inputs.current.set(key, el); else inputs.current.delete(key); }}
                          className={`fr-input delib-sg-grade${bad ? ' fr-input--error' : ''}`}
                          type="text" inputMode="decimal" autoComplete="off" maxLength={10}
                          aria-label={`${mode === 'first' ? 'Note' : 'Seconde saisie'} de ${r.nom} ${r.prenoms} en ${r.epreuveLibelle}`}
                          aria-invalid={bad || undefined} aria-describedby={described || undefined}
                          data-testid={`note-${mode}-${r.candidateId}-${r.epreuveCode}`}
                          readOnly={!r.editable} placeholder={r.masked ? 'masquée' : undefined}
                          value={drafts[key] ?? r.value}
                          onChange={(e) => setDrafts((d) => ({ ...d, [key]: e.target.value }))}
                          onKeyDown={(e) => onKeyDown(e, r, i)}
                          onBlur={() => onBlur(r)} />
                      </td>
                      <td className="delib-sg-state">
                        <p className={`fr-badge fr-badge--sm fr-badge--no-icon ${STATUS_CLASS[r.status]}`} data-testid={`note-etat-${mode}-${r.candidateId}-${r.epreuveCode}`}>{r.statusLabel}</p>
                        {r.enteredBy && !r.readOnlyReason && <span className="delib-sg-hint">{`par ${r.enteredBy}`}</span>}
                        {r.readOnlyReason && <span id={lockId} className="delib-sg-hint" data-testid={`note-verrou-${mode}-${r.candidateId}-${r.epreuveCode}`}>{r.readOnlyReason}</span>}
                        {st && !bad && (
                          <p id={msgId} data-testid={`note-message-${mode}-${r.candidateId}-${r.epreuveCode}`}
                            className={`fr-message fr-mb-0 ${st.phase === 'saved' ? 'fr-message--valid' : 'fr-message--info'}`}>
                            {st.message}
                          </p>
                        )}
                      </td>
                    </tr>
                    {st && bad && (
                      <tr className="delib-sg-message-row">
                        <td colSpan={6}>
                          <p id={msgId} role="alert" data-testid={`note-message-${mode}-${r.candidateId}-${r.epreuveCode}`} className="fr-message fr-message--error fr-mb-0">
                            {`${r.nom} ${r.prenoms}, ${r.epreuveLibelle} : ${st.message}`}
                          </p>
                          {st.phase === 'conflict' && (
                            <ul className="fr-btns-group fr-btns-group--inline-sm fr-mt-1w fr-mb-0">
                              <li><Button size="small" onClick={() => void commit(r, drafts[key] ?? '')}>Remplacer par ma saisie</Button></li>
                              <li><Button size="small" priority="secondary" onClick={() => { clearDraft(key); setState(key, null); }}>Garder la valeur actuelle</Button></li>
                            </ul>
                          )}
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </TableFrame>
          <p className="fr-text--sm delib-sg-count">{displayPageCount(grades.data.page, grades.data.pageSize, grades.data.total, grades.data.all)}</p>
          {grades.data.total > grades.data.pageSize && (
            <Pager page={grades.data.page} pageSize={grades.data.pageSize} total={grades.data.total} onPage={setPage} noun="notes"
              label={mode === 'first' ? 'Pages de la grille des notes' : 'Pages de la grille de seconde saisie'} />
          )}
          <Button priority="secondary" iconId="fr-icon-refresh-line" disabled={grades.isFetching}
            onClick={() => { setDrafts({}); setStates({}); void grades.refetch(); }}>
            Rafraîchir
          </Button>
        </>
      )}
    </>
  );
}
