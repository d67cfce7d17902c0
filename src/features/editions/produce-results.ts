// Producers of the result lists (affichage) and of the PV de tenue (one PDF, or a zip of its parts;
// several juries: a zip with each jury's PV).
import { pvTenueCsv, resultListCsv } from '../../documents/csv.js';
import { renderPvTenue, renderPvTenueParts } from '../../documents/lists/pv-tenue.js';
import { renderResultList } from '../../documents/lists/results.js';
import { safeFileName } from '../../documents/naming.js';
import { zipFiles } from '../../documents/zip.js';
import type { JournalSeal } from '../../documents/model.js';
import type { EditionSink } from './output.js';
import { listOfKind, loadJournalSeal, loadResultList, loadSessionAnchor } from './snapshot/results.js';
import { pvTenueVersion, recordProduction } from '../verification/pv-versions.js';
import type { EditionContext } from './snapshot/context.js';
import type { EditionRequest } from './schemas.js';
import type { EditionFormat } from './catalog.js';

export async function produceResultList(ctx: EditionContext, req: EditionRequest): Promise<Buffer> {
  const model = await loadResultList(ctx, listOfKind(req.kind, req.list));
  await recordProduction(ctx.db, ctx.juries.map((j) => j.code), ctx.group, req.kind, ctx.actor, ctx.now);
  return req.format === 'csv' ? resultListCsv(model) : renderResultList(model);
}

/** The line of the compte-rendu (and the command line) about the journal a jury's PV was produced from. */
export function journalSealLine(seal: JournalSeal, juryCode?: string): string {
  const jury = juryCode ? `Jury ${juryCode} — ` : '';
  if (seal.problems.length > 0) {
    return `${jury}ATTENTION : le journal des modifications ne se vérifie pas — ${seal.problems.length} anomalie(s), dont « ${seal.problems[0]} » : `
      + 'la liste des notes modifiées du PV peut être incomplète ou fausse ; lancez « delib journal verify » avant toute signature.';
  }
  return seal.anchor ? `${jury}Journal des modifications vérifié ; ancre imprimée sur le PV : ${seal.anchor}` : `${jury}Journal des modifications vide.`;
}

/** The PV of each selected jury: PDF (all parts), ZIP (one PDF per part) or CSV. */
export async function producePvTenue(ctx: EditionContext, req: EditionRequest, sink?: EditionSink): Promise<{ data: Buffer; format: EditionFormat }> {
  const files: { name: string; data: Buffer }[] = [];
  const head = await loadSessionAnchor(ctx.db);
  for (const jury of ctx.juries) {
    const seal = await loadJournalSeal(ctx.db, jury.code, head);
    await sink?.log(journalSealLine(seal, jury.code));
    const model = await pvTenueVersion(ctx, jury, seal, req.version);
    if (req.version === undefined) await recordProduction(ctx.db, [jury.code], ctx.group, 'pv-tenue', ctx.actor, ctx.now);
    if ((model.version ?? 1) > 1) await sink?.log(`Jury ${jury.code} : PV version ${model.version}`);
    const base = safeFileName(`PV_${jury.code}_G${ctx.group}`);
    if (req.format === 'zip') files.push(...renderPvTenueParts(model).map((p) => ({ name: ctx.juries.length > 1 ? `${jury.code}/${p.name}` : p.name, data: p.data })));
    else if (req.format === 'csv') files.push({ name: `${base}.csv`, data: pvTenueCsv(model) });
    else files.push({ name: `${base}.pdf`, data: renderPvTenue(model) });
  }
  if (req.format !== 'zip' && files.length === 1) return { data: files[0]!.data, format: req.format };
  return { data: zipFiles(files, { mtime: ctx.header.editedAt }), format: 'zip' };
}
