import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { createModal } from '@codegouvfr/react-dsfr/Modal/index.js';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons.js';
import { useMe } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import {
  checkLivrets, checkSchedule, createJob, downloadEdition, editionKeys, savePreference, useEditionJuries, useJob, usePreference,
  type EditionParams, type Format, type RlnOptions, type ScreenState,
} from './api.js';
import { jobKindsOf, type EditionScreenConfig } from './config.js';
import { CompteRendu } from './CompteRendu.js';
import { JobStatus } from './JobProgress.js';
import { JurySelection } from './JurySelection.js';
import { DEFAULT_RLN, RlnOptionsPanel } from './RlnOptions.js';

const confirmModal = createModal({ id: 'delib-edition-confirm', isOpenedByDefault: false });

const TITLE_REQUIRED = "Le titre de l'édition est obligatoire.";
const JURY_REQUIRED = 'Sélectionnez au moins un jury.';
const FR_DATE = /^\d{2}\/\d{2}\/\d{4}$/;

interface Pending {
  readonly title: string;
  readonly text: string;
  /** what the warning is about, listed under it */
  readonly items?: readonly string[];
  /** how many there are when `items` holds only the first */
  readonly total?: number;
  readonly run: () => void;
}

/**
 * Every edition screen of the memo: one component, configured per menu entry. The form stays mounted
 * (hidden) while the compte-rendu is shown: « Retour à l'édition » finds what was typed.
 */
export function EditionScreen({ config }: { config: EditionScreenConfig }) {
  const [search, setSearch] = useSearchParams();
  const compteRendu = !!config.job && search.get('vue') === 'compte-rendu';
  const job = Number(search.get('traitement'));
  return (
    <>
      {compteRendu && config.job && (
        <CompteRendu title={config.job.compteRenduTitle} listLabel={config.job.listLabel} kinds={jobKindsOf(config)}
          initialJob={Number.isInteger(job) && job > 0 ? job : null} onBack={() => setSearch({})} />
      )}
      <div hidden={compteRendu}>
        <EditionForm config={config} onCompteRendu={(id) => setSearch(id ? { vue: 'compte-rendu', traitement: String(id) } : { vue: 'compte-rendu' })} />
      </div>
    </>
  );
}

/** The title a screen proposes for a choice: the list's own name when the screen offers several (it names the file). */
export function proposedTitle(config: EditionScreenConfig, choice: number): string {
  return config.choices.length > 1 ? (config.choices[choice] ?? config.choices[0]!).label : config.defaultTitle;
}

const PV_ZIP_CHOICE = { pdf: 'Une édition contenant tous les documents du PV', zip: 'Une édition par document du PV (regroupés dans un fichier Zip)' };

function EditionForm({ config, onCompteRendu }: { config: EditionScreenConfig; onCompteRendu: (jobId: number | null) => void }) {
  const me = useMe();
  const qc = useQueryClient();
  const pref = usePreference(config.id);
  const [choice, setChoice] = useState(0);
  const [title, setTitle] = useState(() => proposedTitle(config, 0));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [format, setFormat] = useState<Format>(config.choices[0]?.kind === 'plan-secours' ? 'zip' : 'pdf');
  const [rln, setRln] = useState<RlnOptions>(DEFAULT_RLN);
  const [errors, setErrors] = useState<{ title?: string | null; juries?: string | null; lieu?: string | null; date?: string | null }>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ severity: 'success' | 'info'; text: string } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const loaded = useRef(false);

  const current = config.choices[choice] ?? config.choices[0]!;
  // each list its own title, hence its own file name, while the user has not typed one
  const pickChoice = (i: number) => {
    if (title === proposedTitle(config, choice)) setTitle(proposedTitle(config, i));
    setChoice(i);
  };
  // "one file or a zip" (PV by part, convocations by candidate)
  const zipChoice = config.options === 'pv' ? PV_ZIP_CHOICE : config.zipChoice;
  const [juryPage, setJuryPage] = useState(1);
  const [juryFilter, setJuryFilter] = useState('');
  const juryQuery = useDebounced(juryFilter.trim(), 250);
  const juries = useEditionJuries(current.kind, config.group, juryPage, juryQuery);
  const job = useJob(jobId);
  const selectable = useMemo(() => new Set(juries.data?.selectableCodes ?? []), [juries.data]);
  const effective = [...selected].filter((c) => selectable.has(c));
  const csv = juries.data?.formats.includes('csv') ?? false;
  const allJuriesByDefault = current.kind === 'fraudeurs-liste-rouge';
  const jobEnded = job.data?.status === 'done' || job.data?.status === 'error';

  // "Mémoriser ces résultats": restore what this user saved, once
  useEffect(() => {
    const p = pref.data?.params;
    if (loaded.current || !p) return;
    loaded.current = true;
    const i = config.choices.findIndex((c) => c.kind === p.kind && (c.list === undefined || c.list === p.list));
    if (i >= 0) setChoice(i);
    if (typeof p.title === 'string' && p.title) setTitle(p.title);
    if (Array.isArray(p.juries)) setSelected(new Set(p.juries));
    if (p.format === 'pdf' || p.format === 'zip') setFormat(p.format);
    if (p.rln) setRln({ ...DEFAULT_RLN, ...p.rln });
  }, [pref.data, config.choices]);

  // a job followed on this screen: refresh the compte-rendu list when it ends
  useEffect(() => {
    if (job.data && (job.data.status === 'done' || job.data.status === 'error')) void qc.invalidateQueries({ queryKey: ['jobs'] });
  }, [job.data?.status, qc]);

  const state = (): Partial<ScreenState> => ({
    kind: current.kind, juries: [...selected], title, format, ...(current.list ? { list: current.list } : {}), ...(config.options === 'rln' ? { rln } : {}),
  });

  const validate = (): boolean => {
    const e: typeof errors = {};
    if (!title.trim()) e.title = TITLE_REQUIRED;
    if (effective.length === 0 && !allJuriesByDefault) e.juries = JURY_REQUIRED;
    if (config.options === 'rln') {
      if (!rln.signatureLieu.trim()) e.lieu = 'Le lieu de signature est obligatoire.';
      if (!FR_DATE.test(rln.signatureDate.trim())) e.date = 'La date de signature est obligatoire (jj/mm/aaaa).';
    }
    setErrors(e);
    if (e.title) titleRef.current?.focus();
    return Object.keys(e).length === 0;
  };

  const params = (fmt: Format, extra: Partial<EditionParams> = {}): EditionParams => ({
    group: config.group,
    juries: effective,
    title: title.trim(),
    format: fmt,
    ...(config.eleves ? { eleves: true } : {}),
    ...(current.list ? { list: current.list } : {}),
    ...(config.options === 'rln' ? { rln: { ...rln, signatureLieu: rln.signatureLieu.trim(), signatureDate: rln.signatureDate.trim() } } : {}),
    ...extra,
  });

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await fn();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const download = (fmt: Format, extra: Partial<EditionParams> = {}) => run(async () => {
    const file = await downloadEdition(current.kind, params(fmt, extra), me.data?.csrfToken ?? '');
    setNotice({ severity: 'success', text: `Document produit : ${file.name} (${Math.max(1, Math.ceil(file.size / 1024))} KB).` });
  });

  const ask = (p: Pending) => {
    setPending(p);
    confirmModal.open();
  };

  const visualiser = (fmt: Format) => {
    if (!validate()) return;
    if (current.kind === 'convocations' || current.kind === 'bordereaux') {
      const kind = current.kind;
      return void run(async () => {
        const check = await checkSchedule(kind, effective);
        if (!check.warning) return download(fmt);
        ask({
          title: 'Épreuves du 2nd groupe sans date', text: check.warning, total: check.count,
          items: check.missing.map((m) => `${m.candidat} - jury ${m.jury} : ${m.epreuve} (${m.centreEpreuve}) - sans ${m.manque}`),
          run: () => void download(fmt),
        });
      });
    }
    if (current.kind !== 'livrets') return void download(fmt);
    void run(async () => {
      const check = await checkLivrets(effective);
      if (!check.warning) return download(fmt);
      ask({ title: 'Candidats scolaires sans statut livret', text: check.warning, run: () => void download(fmt, { confirmed: true }) });
    });
  };

  const startJob = () => run(async () => {
    const { jobId: id } = await createJob(current.kind, params(format));
    setJobId(id);
    void qc.invalidateQueries({ queryKey: editionKeys.jobs(jobKindsOf(config)) });
    setNotice({ severity: 'info', text: 'Le traitement est lancé. Suivez son avancement ci-dessous ou dans le compte-rendu.' });
  });

  const generer = () => {
    if (!validate()) return;
    const confirm = config.job?.confirm;
    if (confirm) ask({ title: `Confirmer « ${config.job!.button} » ?`, text: confirm, run: () => void startJob() });
    else void startJob();
  };

  const memoriser = () => run(async () => {
    await savePreference(config.id, state());
    setNotice({ severity: 'success', text: 'Paramètres mémorisés : ils seront proposés à votre prochaine visite.' });
  });

  return (
    <div data-testid={`edition-${config.id}`}>
      {config.notice && <p className="fr-text--sm">{config.notice}</p>}
      <Input
        className="delib-title-input"
        label="Titre édition *"
        hintText="Imprimé en première page du document et utilisé pour nommer le fichier."
        state={errors.title ? 'error' : 'default'}
        stateRelatedMessage={errors.title ?? undefined}
        nativeInputProps={{ ref: titleRef, value: title, required: true, maxLength: 150, name: 'titre', onChange: (e) => { setTitle(e.target.value); if (e.target.value.trim()) setErrors((x) => ({ ...x, title: null })); } }}
      />
      <ErrorAlert error={juries.error} title="Impossible de charger les jurys" />
      {juries.isPending && <p aria-live="polite">Chargement des jurys…</p>}
      {juries.data && (
        <JurySelection question={config.juryQuestion} page={juries.data} selected={selected} single={config.singleJury}
          filter={juryFilter} onFilter={(f) => { setJuryFilter(f); setJuryPage(1); }} onPage={setJuryPage}
          error={errors.juries} onChange={(s) => { setSelected(s); if (s.size) setErrors((x) => ({ ...x, juries: null })); }} />
      )}
      {allJuriesByDefault && <p className="fr-text--sm">Sans jury sélectionné, la liste porte sur tous les jurys du centre.</p>}
      {config.choices.length > 1 && (
        <RadioButtons
          legend={<span className="fr-h6">► Choix de la liste à éditer</span>}
          name={`${config.id}-liste`}
          options={config.choices.map((c, i) => ({ label: c.label, nativeInputProps: { checked: i === choice, onChange: () => pickChoice(i), value: String(i) } }))}
        />
      )}
      {zipChoice && (
        <RadioButtons
          legend={<span className="fr-h6">► Paramètres d'édition</span>}
          name={`${config.id}-format`}
          orientation="horizontal"
          options={[
            { label: zipChoice.pdf, nativeInputProps: { checked: format === 'pdf', onChange: () => setFormat('pdf') } },
            { label: zipChoice.zip, nativeInputProps: { checked: format === 'zip', onChange: () => setFormat('zip') } },
          ]}
        />
      )}
      {config.options === 'rln' && <RlnOptionsPanel value={rln} onChange={setRln} format={format} onFormat={setFormat} errors={{ lieu: errors.lieu, date: errors.date }} />}

      {notice && !(notice.severity === 'info' && jobEnded) && <Alert className="fr-mb-2w" small severity={notice.severity} description={notice.text} />}
      <ErrorAlert error={failure} title="L'édition n'a pas été produite" />
      {job.data && <JobStatus job={job.data} />}

      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li><Button priority="secondary" iconId="fr-icon-save-line" onClick={() => void memoriser()} disabled={busy}>Mémoriser ces résultats</Button></li>
        {config.job ? (
          <>
            <li><Button iconId="fr-icon-play-line" onClick={generer} disabled={busy}>{config.job.button}</Button></li>
            <li><Button priority="secondary" iconId="fr-icon-file-text-line" onClick={() => onCompteRendu(jobId)}>Afficher le compte-rendu</Button></li>
          </>
        ) : (
          <>
            <li><Button iconId="fr-icon-eye-line" onClick={() => visualiser(zipChoice ? format : 'pdf')} disabled={busy}>Visualiser</Button></li>
            {csv && <li><Button priority="secondary" iconId="fr-icon-download-line" onClick={() => visualiser('csv')} disabled={busy}>Exporter CSV</Button></li>}
          </>
        )}
      </ul>
      {busy && <p aria-live="polite" className="fr-text--sm">Production en cours…</p>}

      <confirmModal.Component
        title={pending?.title ?? 'Confirmer ?'}
        titleAs="h2"
        buttons={[
          { children: 'Annuler', priority: 'secondary', onClick: () => setPending(null) },
          { children: 'Confirmer', onClick: () => { const p = pending; setPending(null); p?.run(); }, nativeButtonProps: { 'data-testid': 'edition-confirm-ok' } },
        ]}
      >
        <p>{pending?.text}</p>
        {pending?.items && pending.items.length > 0 && (
          <>
            <ul className="fr-text--sm" data-testid="edition-confirm-items">
              {pending.items.map((item, i) => <li key={i}>{item}</li>)}
            </ul>
            {pending.total !== undefined && pending.total > pending.items.length && (
              <p className="fr-text--sm">{`… et ${pending.total - pending.items.length} autre(s).`}</p>
            )}
          </>
        )}
      </confirmModal.Component>
    </div>
  );
}

/** `value` once it has stopped changing for `ms` (the jury filter asks the server once per pause). */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}
