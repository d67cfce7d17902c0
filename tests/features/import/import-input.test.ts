// Issue #13 point 4 and issue #14 item 13 (import part): what the import reads. Bytes a field may
// not hold (NUL, other control characters, invalid UTF-8) and overlong values are refused with file
// and line on both databases (they were stored as is on SQLite, a raw driver error on PostgreSQL);
// quoted fields are read as RFC 4180 says (a quoted field before an empty last field was read as one
// column too many); every error of every file is reported at once, a bounded number per file.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDialect, freshDb } from '../../support/db.js';
import type { DbHandle } from '../../../src/db/connect.js';
import { importSession, type ImportResult } from '../../../src/features/import/import-session.js';
import { ERRORS_PER_FILE } from '../../../src/features/import/format.js';
import type { Actor } from '../../../src/domain/types.js';
import { runDelib } from '../../security/support.js';

const SAMPLE = join(import.meta.dirname, '../../fixtures/samples/memo-31310');
const actor: Actor = { role: 'academie', login: 'test', name: 'Test', scope: 'A03' };
const now = new Date('2023-06-06T09:00:00Z');

function copySample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'delib-input-'));
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

/**
 * Replaces line `line` (1-based, header = 1) of a sample file, as bytes (to write invalid UTF-8).
 * The file is written back with LF line ends.
 */
function editLineBytes(dir: string, file: string, line: number, fn: (l: Buffer) => Buffer): void {
  const p = join(dir, file);
  const bytes = readFileSync(p);
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, i > start && bytes[i - 1] === 0x0d ? i - 1 : i));
    start = i + 1;
  }
  lines.push(bytes.subarray(start));
  lines[line - 1] = fn(lines[line - 1]!);
  writeFileSync(p, Buffer.concat(lines.flatMap((l, i) => (i === 0 ? [l] : [Buffer.from('\n'), l]))));
}

function editLine(dir: string, file: string, line: number, fn: (l: string) => string): void {
  editLineBytes(dir, file, line, (b) => Buffer.from(fn(b.toString('utf8')), 'utf8'));
}

function refused(res: ImportResult): Extract<ImportResult, { ok: false }> {
  expect(res.ok, JSON.stringify(res)).toBe(false);
  if (res.ok) throw new Error('import accepted');
  return res;
}

describeEachDialect('import input: bytes, lengths, quoting', (dialect) => {
  let h: DbHandle;
  let dir: string;
  beforeAll(async () => {
    h = await freshDb(dialect);
  });
  afterAll(async () => h.close());
  beforeEach(() => {
    dir = copySample();
    return () => rmSync(dir, { recursive: true, force: true });
  });

  async function expectNothingWritten(): Promise<void> {
    expect(await h.db.selectFrom('candidate').select('id').execute()).toEqual([]);
    expect(await h.db.selectFrom('journal').select('id').execute()).toEqual([]);
  }

  it('a NUL byte in a name is refused with file and line, nothing written', async () => {
    editLine(dir, 'candidats.csv', 2, (l) => l.replace(';AZBTSUN;', ';AZB\u0000TSUN;'));
    const res = refused(await importSession(h, dir, actor, now));
    expect(res.errors).toEqual([{ file: 'candidats.csv', line: 2, message: 'nom : caractère nul (U+0000) interdit' }]);
    await expectNothingWritten();
  });

  it('other control characters are refused (BEL, ESC, DEL, C1, CR alone, a line break in a quoted field)', async () => {
    editLine(dir, 'candidats.csv', 2, (l) => l.replace(';John;', ';Jo\u0007hn;').replace(';Rue du pré;', ';"Rue\ndu pré";'));
    editLine(dir, 'candidats.csv', 4, (l) => l.replace(';Pierre;', ';Pi\u001berre;').replace(';BANQA;', ';BAN\u007fQA;').replace(';SCOLAIRE;', ';SCO\u0085LAIRE;'));
    editLine(dir, 'etablissements.csv', 2, (l) => l.replace(/;([^;]*)$/, ';Besan\rcon'));
    const res = refused(await importSession(h, dir, actor, now));
    expect(res.errors).toEqual([
      { file: 'etablissements.csv', line: 2, message: 'ville : retour à la ligne interdit dans un champ' },
      { file: 'candidats.csv', line: 2, message: 'prenoms : caractère de contrôle U+0007 interdit' },
      { file: 'candidats.csv', line: 2, message: 'adresse : retour à la ligne interdit dans un champ' },
      // the quoted line break makes the second candidate's line the 4th of the file
      { file: 'candidats.csv', line: 4, message: 'nom : caractère de contrôle U+007F interdit' },
      { file: 'candidats.csv', line: 4, message: 'prenoms : caractère de contrôle U+001B interdit' },
      { file: 'candidats.csv', line: 4, message: 'categorie : caractère de contrôle U+0085 interdit' },
    ]);
    await expectNothingWritten();
  });

  it('invalid UTF-8 is refused with file and line (it was stored as U+FFFD without a word)', async () => {
    editLineBytes(dir, 'candidats.csv', 3, (l) => Buffer.from(l.toString('utf8').replace(';BANQA;', ';BANQ\u0001;'), 'utf8').map((b) => (b === 0x01 ? 0xe9 : b)) as Buffer);
    editLineBytes(dir, 'epreuves.csv', 2, (l) => Buffer.concat([l, Buffer.from([0xc3])]));
    const res = refused(await importSession(h, dir, actor, now));
    expect(res.errors).toContainEqual({ file: 'candidats.csv', line: 3, message: 'nom : octets invalides (le fichier doit être encodé en UTF-8)' });
    expect(res.errors).toContainEqual({ file: 'epreuves.csv', line: 2, message: 'ects : octets invalides (le fichier doit être encodé en UTF-8)' });
    await expectNothingWritten();
  });

  it('a 1 MB name is refused (values are bounded); the other lines are still read', async () => {
    editLine(dir, 'candidats.csv', 2, (l) => l.replace(';AZBTSUN;', `;${'A'.repeat(1024 * 1024)};`));
    editLine(dir, 'candidats.csv', 3, (l) => l.replace(';M;', ';X;'));
    const res = refused(await importSession(h, dir, actor, now));
    expect(res.errors).toEqual([
      { file: 'candidats.csv', line: 2, message: 'nom : valeur trop longue (1\u202f048\u202f576 caractères, 200 au plus)' },
      { file: 'candidats.csv', line: 3, message: 'sexe « X » invalide (M ou F)' },
    ]);
    await expectNothingWritten();
  });

  it('a quoted field followed by an empty last field is read correctly (…;25000;"Besancon";)', async () => {
    editLine(dir, 'candidats.csv', 2, (l) => l.replace(';25000;Besancon;', ';25000;"Besancon";'));
    editLine(dir, 'candidats.csv', 3, (l) => l.replace(/;;;;$/, ';"";"";"";""'));
    const res = await importSession(h, dir, actor, now);
    expect(res.ok, JSON.stringify(res)).toBe(true);
    const rows = await h.db.selectFrom('candidate').select(['nom', 'code_postal', 'ville', 'mail']).orderBy('numero_candidat').execute();
    expect(rows).toEqual([
      { nom: 'AZBTSUN', code_postal: '25000', ville: 'Besancon', mail: '' },
      { nom: 'BANQA', code_postal: '', ville: '', mail: '' },
    ]);
  });
});

describeEachDialect('import errors: every file at once, bounded', (dialect) => {
  let h: DbHandle;
  let dir: string;
  beforeAll(async () => {
    h = await freshDb(dialect);
  });
  afterAll(async () => h.close());
  beforeEach(() => {
    dir = copySample();
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('an error in jurys.csv does not hide those of candidats.csv and notes.csv', async () => {
    editLine(dir, 'jurys.csv', 2, (l) => l.replace('31/05/2023 14:00', '31/02/2023 14:00'));
    editLine(dir, 'candidats.csv', 3, (l) => l.replace(';M;', ';X;'));
    editLine(dir, 'notes.csv', 2, (l) => l.replace(/;9;$/, ';21;'));
    const res = refused(await importSession(h, dir, actor, now));
    expect(res.errors.map((e) => `${e.file}:${e.line}`)).toEqual(['jurys.csv:2', 'candidats.csv:3', 'notes.csv:2']);
    expect(res.errorsByFile).toEqual({ 'jurys.csv': 1, 'candidats.csv': 1, 'notes.csv': 1 });
  });

  it(`keeps the first ${ERRORS_PER_FILE} errors of each file and counts them all`, async () => {
    const notes = readFileSync(join(dir, 'notes.csv'), 'utf8').replace(/\n?$/, '\n');
    writeFileSync(join(dir, 'notes.csv'), notes + Array.from({ length: 150 }, () => '02319252199;001;U1;10;').join('\n') + '\n');
    editLine(dir, 'candidats.csv', 3, (l) => l.replace(';M;', ';X;'));
    const res = refused(await importSession(h, dir, actor, now));
    expect(res.errorCount).toBe(151);
    expect(res.errorsByFile).toEqual({ 'candidats.csv': 1, 'notes.csv': 150 });
    expect(res.errors).toHaveLength(1 + ERRORS_PER_FILE);
    expect(res.errors[0]).toMatchObject({ file: 'candidats.csv', line: 3 });
  });

  it('a file that cannot be read stops only the files that depend on it, with one line each', async () => {
    editLine(dir, 'jurys.csv', 1, (l) => l + ';salle');
    editLine(dir, 'etablissements.csv', 2, (l) => l.replace('0250001R', '0250001S'));
    const res = refused(await importSession(h, dir, actor, now));
    expect(res.errors).toEqual([
      { file: 'etablissements.csv', line: 2, message: expect.stringMatching(/UAI « 0250001S » invalide/) },
      { file: 'jurys.csv', line: 1, message: expect.stringMatching(/colonne inconnue « salle »/) },
      { file: 'candidats.csv', line: 0, message: 'non vérifié : ce fichier dépend de jurys.csv, illisible (voir ses erreurs)' },
      { file: 'notes.csv', line: 0, message: 'non vérifié : ce fichier dépend de candidats.csv, illisible (voir ses erreurs)' },
      { file: 'choix_controle.csv', line: 0, message: 'non vérifié : ce fichier dépend de candidats.csv, illisible (voir ses erreurs)' },
      { file: 'notes_controle.csv', line: 0, message: 'non vérifié : ce fichier dépend de candidats.csv, choix_controle.csv, illisible (voir ses erreurs)' },
    ]);
  });

  it('a quote never closed names its line', async () => {
    editLine(dir, 'candidats.csv', 3, (l) => l.replace(';BANQA;', ';"BANQA;'));
    const res = refused(await importSession(h, dir, actor, now));
    expect(res.errors).toContainEqual({ file: 'candidats.csv', line: 3, message: expect.stringMatching(/guillemet ouvert et jamais refermé/) });
  });
});

describeEachDialect('delib import: bad bytes named by file and line', (dialect) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await freshDb(dialect);
  });
  afterAll(async () => h.close());

  it('a NUL byte: exit 1, the file and line, no driver error, nothing written', async () => {
    const dir = copySample();
    try {
      editLine(dir, 'candidats.csv', 2, (l) => l.replace(';AZBTSUN;', ';AZB\u0000TSUN;'));
      const r = runDelib(h, ['import', dir]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain('candidats.csv ligne 2 : nom : caractère nul (U+0000) interdit');
      expect(r.stderr).not.toMatch(/invalid byte sequence|0x00/);
      expect(await h.db.selectFrom('candidate').select('id').execute()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
