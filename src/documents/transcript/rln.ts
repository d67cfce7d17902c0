// Relevé de notes (RLN), as the memo's AZBTSUN example. Everything the relevés of a batch share
// (titles, académie, service examen, labels, footnotes, "A <lieu>, le <date>", legal paragraphs) is
// drawn once per file as two Form XObjects; each relevé adds its own values and grade grid, so a
// file of thousands of relevés costs little more than its variable text. Page numbers restart for
// each relevé ("1/1"). Grouped by établissement d'inscription or centre d'épreuve, each group starts
// with a page printing its heading. Streaming: TranscriptFile.add() then drain() between relevés.

import { etablissementLabel } from '../format.js';
import type { TranscriptBatchModel, TranscriptEntry, TranscriptGroup } from '../model.js';
import { formatDateTimeFr, formatLongDateFr } from '../pdf/datetime.js';
import { PdfWriter } from '../pdf/writer.js';
import { drawVerification } from './verification.js';
import { drawGradeGrid } from './grid.js';
import { FOOTNOTES, LEGAL_NOTICE, NOTA } from './rows.js';

export const RLN_TITLE = 'RELEVÉ DE NOTES';

type Batch = Omit<TranscriptBatchModel, 'transcripts'>;

const IDENTITY_LABELS = ['Nom de famille :', "Nom d'usage :", 'Prénom(s) :', 'Né le :', 'INE :', 'Forme de passage :', 'Catégorie :'];
const Y = { numbers: 84, identity: 172, etablissement: 266, specialite: 284, grid: 302 };
const X = { numbers: 372, numberValues: 452, identityValues: 128, address: 318 };
const LH = 12;

/** "ACADEMIE DE BESANCON" -> ["ACADEMIE DE", "BESANCON"] as the RLN prints it top left. */
function academieLines(academie: string): string[] {
  const m = /^(ACAD[ÉE]MIE D[E']\s?)(.*)$/i.exec(academie.trim());
  return m ? [m[1]!.trim(), m[2]!] : [academie];
}

function civility(sexe: string): string {
  const s = sexe.trim().toUpperCase();
  return s === 'M' ? 'MONSIEUR ' : s === 'F' ? 'MADAME ' : '';
}

function drawTop(w: PdfWriter, b: Batch): void {
  const x = w.margin.left;
  academieLines(b.academie).forEach((line, i) => w.text(line, x, w.margin.top + i * 11, { font: 'B', size: 9 }));
  w.text(RLN_TITLE, 0, w.margin.top, { font: 'B', size: 14, align: 'center', width: w.width });
  w.text(b.domaine, 0, w.margin.top + 20, { font: 'B', size: 10, align: 'center', width: w.width });
  ['N° candidat :', 'Inscription n° :', 'Session :'].forEach((label, i) => w.text(label, X.numbers, Y.numbers + i * LH, { size: 9 }));
  w.text(b.session, X.numberValues, Y.numbers + 2 * LH, { size: 9, font: 'B' });
  const se = b.serviceExamen;
  const lines = [...se.adresse];
  if (b.options.telephone) lines.push(`Tél. : ${se.telephone}`);
  if (b.options.mail) lines.push(`Mail. : ${se.mail}`);
  w.text(se.libelle, x, Y.numbers, { font: 'B', size: 9 });
  lines.forEach((line, i) => w.text(line, x, Y.numbers + (i + 1) * LH, { size: 8.5 }));
  IDENTITY_LABELS.forEach((label, i) => w.text(label, x, Y.identity + i * LH, { size: 9 }));
  if (b.options.etablissement) w.text("Etablissement d'inscription :", x, Y.etablissement, { size: 9 });
  w.text('Spécialité', x, Y.specialite, { font: 'B', size: 10 });
}

interface BottomBlock {
  readonly top: number;
  draw(w: PdfWriter): void;
}

/** The footnotes and legal paragraphs, anchored at the bottom of the page. */
function bottomBlock(w: PdfWriter, b: Batch): BottomBlock {
  const x = w.margin.left;
  const width = w.contentWidth;
  const items: { text: string; size: number; bold?: boolean; before: number; align?: 'right' }[] = [
    ...FOOTNOTES.map((text, i) => ({ text, size: 7, before: i === 0 ? 0 : 1 })),
    { text: `A ${b.signature.lieu}, le ${formatLongDateFr(b.signature.date)}`, size: 9, before: 8, align: 'right' },
    { text: LEGAL_NOTICE, size: 7.5, before: 6 },
    { text: b.serviceExamen.libelle, size: 9, bold: true, before: 6, align: 'right' },
    { text: NOTA, size: 7, before: 30 },
  ];
  const laid = items.map((it) => ({ ...it, lines: w.wrap(it.text, width, it.size, it.bold ? 'B' : 'R') }));
  const height = laid.reduce((h, it) => h + it.before + it.lines.length * (w.lineHeight(it.size) + 0.5), 0);
  const top = w.height - w.margin.bottom - 14 - height;
  return {
    top,
    draw(w) {
      let y = top;
      for (const it of laid) {
        y += it.before;
        for (const line of it.lines) {
          w.text(line, x, y, { size: it.size, font: it.bold ? 'B' : 'R', align: it.align, width });
          y += w.lineHeight(it.size) + 0.5;
        }
      }
    },
  };
}

function drawCandidate(w: PdfWriter, b: Batch, e: TranscriptEntry): void {
  const c = e.candidate;
  const x = w.margin.left;
  const bold = { size: 9, font: 'B' as const };
  w.text(c.numeroCandidat, X.numberValues, Y.numbers, bold);
  w.text(c.numeroInscription, X.numberValues, Y.numbers + LH, bold);
  const values = [c.nom, c.nomUsage, c.prenoms, `${c.dateNaissance}   A : ${c.lieuNaissance}`, c.ine, `${c.formePassage} - Jury : ${c.juryCode}`, c.categorie];
  values.forEach((v, i) => w.text(v, X.identityValues, Y.identity + i * LH, { size: 9 }));
  [`${civility(c.sexe)}${c.nom} ${c.prenoms}`, ...c.adresse].forEach((line, i) => w.text(line, X.address, Y.identity + i * LH, { size: 9.5, font: i === 0 ? 'B' : 'R' }));
  if (b.options.etablissement) w.text(etablissementLabel(c.etablissementInscription), x + 140, Y.etablissement, { size: 9 });
  w.text(e.specialite, x + 62, Y.specialite, { font: 'B', size: 10 });
  if (e.verification) drawVerification(w, e.verification, { qrX: w.width - w.margin.right - 46, qrY: w.margin.top - 4, side: 46, textX: X.numbers, textY: Y.numbers + 3 * LH + 6 });
}

/** A PDF of relevés being written: add() them one by one, drain() the bytes as you go. */
export class TranscriptFile {
  private readonly w: PdfWriter;
  private readonly bottom: BottomBlock;
  /** the heading of the current group of relevés */
  private group: string | undefined;
  count = 0;

  constructor(private readonly batch: Batch) {
    this.w = new PdfWriter({ title: batch.titreEdition ?? `${RLN_TITLE} - ${batch.domaine}`, subject: `${RLN_TITLE} - Session ${batch.session}`, editedAt: batch.editedAt });
    this.bottom = bottomBlock(this.w, batch);
    if (batch.titreEdition) this.coverPage(batch.titreEdition);
  }

  /** The *Titre édition* page (memo: on the first page of the file, not on each relevé). */
  private coverPage(title: string): void {
    const w = this.w;
    w.beginSection(() => undefined);
    w.text(title, 0, 300, { font: 'B', size: 16, align: 'center', width: w.width });
    w.text(`${RLN_TITLE} - ${this.batch.domaine}`, 0, 330, { size: 11, align: 'center', width: w.width });
    w.text(`Session ${this.batch.session} - Edité le ${formatDateTimeFr(this.batch.editedAt)}`, 0, 348, { size: 10, align: 'center', width: w.width });
  }

  /** The heading page of a group of relevés (RLN grouped by établissement or centre d'épreuve). */
  private groupPage(group: TranscriptGroup): void {
    const w = this.w;
    w.beginSection((w) => {
      w.useForm('rln-top-academie', (w) => academieLines(this.batch.academie).forEach((line, i) => w.text(line, w.margin.left, w.margin.top + i * 11, { font: 'B', size: 9 })));
    });
    w.text(`RELEVÉS DE NOTES - ${this.batch.domaine} - Session ${this.batch.session}`, 0, 280, { font: 'B', size: 12, align: 'center', width: w.width });
    const lines = w.wrap(group.heading, w.contentWidth - 40, 14, 'B');
    lines.forEach((line, i) => w.text(line, 0, 310 + i * 20, { font: 'B', size: 14, align: 'center', width: w.width }));
    w.text(`${group.count} relevé(s) de notes`, 0, 318 + lines.length * 20, { size: 11, align: 'center', width: w.width });
  }

  add(entry: TranscriptEntry): void {
    const w = this.w;
    const b = this.batch;
    if (entry.regroupement && entry.regroupement.heading !== this.group) {
      this.group = entry.regroupement.heading;
      this.groupPage(entry.regroupement);
    }
    let page = 0;
    w.bottomLimit = this.bottom.top - 8;
    w.beginSection((w) => {
      page++;
      w.useForm('rln-bottom', (w) => this.bottom.draw(w));
      if (page === 1) {
        w.useForm('rln-top', (w) => drawTop(w, b));
        drawCandidate(w, b, entry);
        w.y = Y.grid;
      } else {
        const c = entry.candidate;
        w.text(`${RLN_TITLE} (suite) - N° candidat : ${c.numeroCandidat} - ${c.nom} ${c.prenoms}`, w.margin.left, w.margin.top, { font: 'B', size: 9 });
        w.y = w.margin.top + 20;
      }
    });
    drawGradeGrid(w, entry.units, entry.result);
    w.bottomLimit = null;
    this.count++;
  }

  /** Bytes produced so far. */
  drain(): Buffer[] {
    return this.w.drain();
  }

  /** Ends the file; returns the last bytes. */
  finish(): Buffer[] {
    return this.w.finish();
  }
}

/** One file with every relevé of the batch. */
export function renderTranscripts(model: TranscriptBatchModel): Buffer {
  const file = new TranscriptFile(model);
  for (const entry of model.transcripts) file.add(entry);
  const parts = file.finish();
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** One file per jury ("RLN_<jury>.pdf"), in jury order of first appearance (the caller zips). */
export function renderTranscriptsByJury(model: TranscriptBatchModel): { name: string; jury: string; data: Buffer }[] {
  const byJury = new Map<string, TranscriptEntry[]>();
  for (const t of model.transcripts) {
    const list = byJury.get(t.candidate.juryCode) ?? [];
    list.push(t);
    byJury.set(t.candidate.juryCode, list);
  }
  return [...byJury].map(([jury, transcripts]) => ({ name: `RLN_${jury}.pdf`, jury, data: renderTranscripts({ ...model, transcripts }) }));
}
