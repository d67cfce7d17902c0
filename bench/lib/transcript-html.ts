// The relevé de notes (RLN) page as HTML, for the comparison with printing by headless Chromium: the
// same content as the PDF page of src/documents/transcript/rln.ts (header, service, candidate and
// address block, one row per unit and sub-épreuve, result, ECTS, signature), one A4 page each.
import { formatFr } from '../../src/domain/rational.js';
import type { TranscriptBatchModel, TranscriptEntry, TranscriptUnit } from '../../src/documents/model.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function gradeText(u: TranscriptUnit): string {
  const g = u.grade;
  if (g === null) return '';
  if (typeof g === 'string') return g;
  return formatFr(g);
}

function unitRows(u: TranscriptUnit): string {
  const main = `<tr><td>${esc(u.code)}</td><td>${esc(u.libelle)}</td><td class="n">${(u.coefCenti / 100).toString().replace('.', ',')}</td>`
    + `<td class="n">${gradeText(u)}</td><td class="n">${u.points ? formatFr(u.points) : ''}</td><td class="n">${u.ects ?? ''}${u.ectsAcquis ? ' ✓' : ''}</td></tr>`;
  const leaves = u.leaves.map((l) => `<tr class="leaf"><td>${esc(l.code)}</td><td>${esc(l.libelle)}</td><td class="n">${(l.coefCenti / 100).toString().replace('.', ',')}</td><td></td><td></td><td></td></tr>`);
  return main + leaves.join('');
}

function page(model: TranscriptBatchModel, e: TranscriptEntry): string {
  const c = e.candidate;
  const g1 = e.result.group1;
  return `<section class="page">
<header><div>${esc(model.academie)}<br>${esc(model.domaine)}</div><div class="r">Session ${esc(model.session)}<br>Édité le ${esc(model.editedAt)}</div></header>
<div class="service">${esc(model.serviceExamen.libelle)}<br>${model.serviceExamen.adresse.map(esc).join('<br>')}<br>${esc(model.serviceExamen.mail)}</div>
<h1>RELEVÉ DE NOTES</h1>
<div class="addr">${c.sexe === 'F' ? 'MADAME' : 'MONSIEUR'} ${esc(c.nom)} ${esc(c.prenoms)}<br>${c.adresse.map(esc).join('<br>')}</div>
<table class="id"><tr><td>N° candidat</td><td>${c.numeroCandidat}-${c.numeroInscription}</td><td>Né(e) le</td><td>${esc(c.dateNaissance)} à ${esc(c.lieuNaissance)}</td></tr>
<tr><td>INE</td><td>${esc(c.ine)}</td><td>Spécialité</td><td>${esc(e.specialite)}</td></tr>
<tr><td>Jury</td><td>${esc(c.juryCode)}</td><td>Forme</td><td>${esc(c.formePassage)} — ${esc(c.categorie)}</td></tr></table>
<table class="g"><thead><tr><th>Unité</th><th>Épreuve</th><th>Coef.</th><th>Note</th><th>Points</th><th>ECTS</th></tr></thead>
<tbody>${e.units.map(unitRows).join('')}</tbody></table>
<p class="res">Moyenne : ${g1.moyenne ? formatFr(g1.moyenne) : ''} — Moyenne professionnelle : ${g1.moyennePro ? formatFr(g1.moyennePro) : ''}<br>
Décision : ${esc(e.result.finalDecision)} — ${esc(g1.trace.message)}<br>ECTS : ${e.result.ects}</p>
<p class="sig">À ${esc(model.signature.lieu)}, le ${esc(model.signature.date)}<br>Le recteur, pour le recteur et par délégation</p>
</section>`;
}

export function transcriptsHtml(model: TranscriptBatchModel): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 12mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt; margin: 0; }
.page { page-break-after: always; }
header { display: flex; justify-content: space-between; font-weight: bold; }
.r { text-align: right; }
h1 { text-align: center; font-size: 13pt; margin: 6mm 0 3mm; }
.service { margin-top: 3mm; }
.addr { margin: 4mm 0 4mm 95mm; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; }
td, th { border: 0.5pt solid #444; padding: 1mm 1.5mm; }
.g th { background: #ddd; }
.n { text-align: right; }
.leaf td { font-size: 7.5pt; color: #333; padding-left: 4mm; }
.res { font-weight: bold; }
.sig { margin: 8mm 0 0 110mm; }
</style></head><body>${model.transcripts.map((e) => page(model, e)).join('\n')}</body></html>`;
}
