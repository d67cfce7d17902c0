// Producers of the result lists (affichage) and of the PV de tenue (one PDF, or a zip of its parts;
// several juries: a zip with each jury's PV).
import { pvTenueCsv, resultListCsv } from '../../documents/csv.js';
import { renderPvTenue, renderPvTenueParts } from '../../documents/lists/pv-tenue.js';
import { renderResultList } from '../../documents/lists/results.js';
import { safeFileName } from '../../documents/naming.js';
import { zipFiles } from '../../documents/zip.js';
import { listOfKind, loadPvTenue, loadResultList } from './snapshot/results.js';
import type { EditionContext } from './snapshot/context.js';
import type { EditionRequest } from './schemas.js';
import type { EditionFormat } from './catalog.js';

export async function produceResultList(ctx: EditionContext, req: EditionRequest): Promise<Buffer> {
  const model = await loadResultList(ctx, listOfKind(req.kind, req.list));
  return req.format === 'csv' ? resultListCsv(model) : renderResultList(model);
}

/** The PV of each selected jury: PDF (all parts), ZIP (one PDF per part) or CSV. */
export async function producePvTenue(ctx: EditionContext, req: EditionRequest): Promise<{ data: Buffer; format: EditionFormat }> {
  const files: { name: string; data: Buffer }[] = [];
  for (const jury of ctx.juries) {
    const model = await loadPvTenue(ctx, jury);
    const base = safeFileName(`PV_${jury.code}_G${ctx.group}`);
    if (req.format === 'zip') files.push(...renderPvTenueParts(model).map((p) => ({ name: ctx.juries.length > 1 ? `${jury.code}/${p.name}` : p.name, data: p.data })));
    else if (req.format === 'csv') files.push({ name: `${base}.csv`, data: pvTenueCsv(model) });
    else files.push({ name: `${base}.pdf`, data: renderPvTenue(model) });
  }
  if (req.format !== 'zip' && files.length === 1) return { data: files[0]!.data, format: req.format };
  return { data: zipFiles(files, { mtime: ctx.header.editedAt }), format: 'zip' };
}
