// `delib edition <kind> … --out <file>`: any edition of SPEC §5 without the browser, acting as the
// académie, under the same rules as the screens (scope, jury states, embargo). The emergency plan of
// several juries is written as a zip of the juries' zips.
import { EDITION_KINDS, isEditionKind } from '../domain/activities.js';
import { ELEVES_LIVRETS_TITLE } from '../documents/lists/candidate-lists.js';
import { EDITIONS } from '../features/editions/catalog.js';
import { fileSink } from '../features/editions/output.js';
import { emergencyPortalUrl, publicPortalUrl } from '../features/editions/portal-url.js';
import { defaultPortalUrl, produceEdition } from '../features/editions/produce-edition.js';
import { checkLivrets, checkSchedule } from '../features/editions/request-edition.js';
import { localMinute } from '../jobs/local-time.js';
import { AppError } from '../errors/app-error.js';
import { useBatchHeapPolicy } from './heap-policy.js';
import { args, cliActor, err, out, withDb, type Command } from './shared.js';

const USAGE = 'delib edition <type> [--group 1|2] [--jury CODE …] [--format pdf|csv|zip] [--title "…"] [--version N] --out <fichier>\n'
  + '  plan de secours, relevés de notes : [--adresse https://…] (adresse publique de Délib, par défaut DELIB_PUBLIC_URL)\n'
  + '  relevés de notes : --signature-lieu <ville> --signature-date jj/mm/aaaa [--etablissement] [--mail] [--telephone]\n'
  + '                     [--critere champ:operateur:valeur[|valeur…] …] [--regroupement aucun|jury|etablissement|centre-epreuve] [--tri nom|numero-candidat|numero-anonymat]\n'
  + "  listes du centre d'épreuve : --liste admis|controle|non-admis ; livrets : [--eleves]\n"
  + `  types : ${EDITION_KINDS.join(', ')}`;

/** The warning of `delib edition plan-secours` when Délib's public address is unknown. */
export function noPublicAddressWarning(printed: string): string {
  return `Attention : l'adresse publique de Délib n'est pas définie (DELIB_PUBLIC_URL ou --adresse) : les papillons impriment « ${printed} », `
    + "que les jurys ne pourront pas atteindre depuis un autre poste. Plan de secours produit quand même.";
}

function criterion(text: string) {
  const [field, op, ...rest] = text.split(':');
  return { field, op, values: rest.join(':').split('|') };
}

export const editionCommand: Command = {
  summary: 'produit une édition (listes, statistiques, PV, relevés de notes, plan de secours…) sous les mêmes règles que l\'écran',
  usage: USAGE,
  async run(argv) {
    useBatchHeapPolicy();
    const { positionals, values } = args(argv, {
      group: { type: 'string' }, version: { type: 'string' }, jury: { type: 'string', multiple: true }, format: { type: 'string' }, title: { type: 'string' },
      out: { type: 'string' }, liste: { type: 'string' }, eleves: { type: 'boolean' },
      'signature-lieu': { type: 'string' }, 'signature-date': { type: 'string' }, etablissement: { type: 'boolean' }, mail: { type: 'boolean' },
      telephone: { type: 'boolean' }, critere: { type: 'string', multiple: true }, regroupement: { type: 'string' }, tri: { type: 'string' },
      adresse: { type: 'string' },
    });
    const [kind] = positionals;
    if (!kind || positionals.length !== 1 || !values.out) {
      err(`usage : ${USAGE}`);
      return 2;
    }
    if (!isEditionKind(kind)) {
      err(`type d'édition « ${kind} » inconnu (types : ${EDITION_KINDS.join(', ')})`);
      return 2;
    }
    const address = values.adresse ?? (process.env.DELIB_PUBLIC_URL || undefined);
    if (address !== undefined && !/^https?:\/\/[^\s/]+/.test(address)) {
      err(`adresse publique « ${address} » invalide : attendu https://… (DELIB_PUBLIC_URL ou --adresse)`);
      return 2;
    }
    const portalUrl = address ? publicPortalUrl(address) : defaultPortalUrl();
    const request = {
      kind,
      ...(values.group ? { group: Number(values.group) } : {}),
      ...(values.version ? { version: Number(values.version) } : {}),
      juries: values.jury ?? [],
      format: values.format ?? (kind === 'plan-secours' ? 'zip' : 'pdf'),
      title: values.title ?? (kind === 'livrets' && values.eleves ? ELEVES_LIVRETS_TITLE : EDITIONS[kind].label),
      confirmed: true,
      eleves: values.eleves ?? false,
      ...(values.liste ? { list: values.liste } : {}),
      ...(kind === 'rln' ? {
        rln: {
          etablissement: values.etablissement ?? false, mail: values.mail ?? false, telephone: values.telephone ?? false,
          signatureLieu: values['signature-lieu'] ?? '', signatureDate: values['signature-date'] ?? '',
          criteria: (values.critere ?? []).map(criterion),
          ...(values.regroupement ? { groupBy: values.regroupement } : {}), ...(values.tri ? { sortBy: values.tri } : {}),
        },
      } : {}),
    };
    return withDb(async (h) => {
      const actor = await cliActor(h);
      // written as it is produced (the emergency plan's zips are streamed into one zip, not kept)
      const sink = fileSink(values.out!, { mtime: localMinute(new Date()), onLog: (line) => out(line) });
      try {
        // the screen's alert before the livrets list: SCOLAIRE candidates without a livret status
        if (kind === 'livrets') {
          const { warning } = await checkLivrets(h.db, actor, request.juries, true);
          if (warning) err(`Attention : ${warning.replace(/ Voulez-vous confirmer l'édition \?$/, '')} Liste produite quand même.`);
        }
        // the screen's alert before convocations and bordereaux: épreuves without date or time
        if (kind === 'convocations' || kind === 'bordereaux') {
          const { warning, missing, count } = await checkSchedule(h.db, actor, kind, request.juries, new Date(), true);
          if (warning) {
            err(`Attention : ${warning.replace(/ Saisissez-les .*$/, '')} Edition produite quand même.`);
            for (const m of missing) err(`  - ${m.candidat} - jury ${m.jury} : ${m.epreuve} (${m.centreEpreuve}) - sans ${m.manque}`);
            if (count > missing.length) err(`  … et ${count - missing.length} autre(s).`);
          }
        }
        if (kind === 'plan-secours' && !address) err(noPublicAddressWarning(emergencyPortalUrl(portalUrl)));
        await produceEdition(h.db, actor, request, new Date(), { sink, allEligibleByDefault: true, portalUrl });
      } catch (e) {
        await sink.abort();
        if (e instanceof AppError) {
          err(e.message);
          const details = e.details ?? [];
          if (details.length > 1) for (const d of details) err(`  - ${d.subject ? `${d.subject} : ` : ''}${d.message}`);
          return 1;
        }
        throw e;
      }
      const { names, bytes } = await sink.finish();
      out(`${names.join(', ')} → ${values.out} (${bytes} octets)`);
      return 0;
    });
  },
};
