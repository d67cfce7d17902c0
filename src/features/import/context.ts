import { join } from 'node:path';
import { ErrorList, type FileName } from './format.js';
import type { ImportTx } from './writer.js';
import type { CandidateRow } from '../../db/schema.js';
import type { ControleGradeValue } from '../../domain/types.js';
import type { FileGrade, PendingChange, ProtectedJury } from './protected-juries.js';

export interface UnitInfo {
  readonly code: string;
  readonly controle: boolean;
  readonly facultative: boolean;
  /** leaf codes (the unit itself when it has no sub-épreuve) */
  readonly leaves: string[];
}

export interface CandidateInfo {
  readonly id: number;
  /** 0, 1, 2… in the order of candidats.csv (compact per-candidate bookkeeping) */
  readonly index: number;
  readonly specialite: string;
  readonly jury: string;
  /**
   * The candidate belongs (in the database or in the file) to a jury whose deliberation is open:
   * his rows are compared, never written in bulk (protected-juries.ts).
   */
  readonly guarded: boolean;
  /** "02319252150 - 001 AZBTSUN John" (guarded candidates only: the list of differences names them) */
  readonly label?: string;
  /** the jury the differences of a guarded candidate are listed under */
  readonly guardJury?: string;
  /** a guarded candidate the file adds (not in the database yet) */
  readonly isNew?: boolean;
}

export interface ImportCounts {
  etablissements: number;
  specialites: number;
  epreuves: number;
  jurys: number;
  candidats: number;
  candidatsNouveaux: number;
  candidatsMisAJour: number;
  notes: number;
  choixControle: number;
  notesControle: number;
  /** juries whose deliberation is open (110 and beyond): compared, not replaced */
  jurysEnDeliberation: number;
  /** differences applied as corrections of the académie (each journaled) */
  corrections: number;
}

/**
 * A set of (row, column) pairs of small integers, one bit each: which (candidate, leaf) already has a
 * grade. Millions of grades fit in a few hundred kilobytes (a Set of numbers costs ~70 bytes each).
 */
export class PairSet {
  private bits = new Uint8Array(1 << 16);
  constructor(private readonly width: number) {}

  /** adds the pair; returns whether it was already there */
  add(row: number, column: number): boolean {
    const i = row * this.width + column;
    const byte = i >>> 3;
    if (byte >= this.bits.length) {
      let size = this.bits.length * 2;
      while (size <= byte) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (i & 7);
    const had = (this.bits[byte]! & mask) !== 0;
    this.bits[byte] = this.bits[byte]! | mask;
    return had;
  }
}

/** Everything the checks of later files need to know about earlier ones. */
export class ImportContext {
  readonly errors = new ErrorList();
  session = '';
  readonly etablissements = new Set<string>();
  readonly specialites = new Set<string>();
  /** spécialité → unit code → unit */
  readonly units = new Map<string, Map<string, UnitInfo>>();
  /** spécialité → leaf code → unit code */
  readonly leaves = new Map<string, Map<string, string>>();
  /** spécialité → leaf code → small integer (compact duplicate detection) */
  readonly leafIds = new Map<string, Map<string, number>>();
  readonly juries = new Map<string, { specialite: string }>();
  /** natural key `numero;inscription` → candidate of this import */
  readonly candidates = new Map<string, CandidateInfo>();
  /** candidate id → DI leaves (a unit whose leaves are all DI cannot be chosen for the contrôle) */
  readonly diLeaves = new Map<number, Set<string>>();
  /** candidate id → chosen contrôle units */
  readonly choices = new Map<number, readonly [string, string]>();
  /** the database already held candidates before this import (re-import) */
  reimport = false;
  readonly counts: ImportCounts = {
    etablissements: 0, specialites: 0, epreuves: 0, jurys: 0, candidats: 0, candidatsNouveaux: 0,
    candidatsMisAJour: 0, notes: 0, choixControle: 0, notesControle: 0, jurysEnDeliberation: 0, corrections: 0,
  };
  /** existing juries whose deliberation is open (state 110 and beyond), by code */
  readonly protectedJuries = new Map<string, ProtectedJury>();
  /** differences between the file and the protected juries' data */
  readonly changes: PendingChange[] = [];
  /** stored rows of the candidates of protected juries, by natural key */
  readonly guardedRows = new Map<string, CandidateRow>();
  /** guarded candidates by id */
  readonly guarded = new Map<number, CandidateInfo>();
  /** the file's 1st-group grades of guarded candidates */
  readonly guardedGrades = new Map<number, Map<string, FileGrade>>();
  /** the file's contrôle choices and grades of guarded candidates */
  readonly guardedChoices = new Map<number, readonly [string, string]>();
  readonly guardedControleGrades = new Map<number, Map<string, ControleGradeValue>>();

  constructor(readonly folder: string, readonly present: ReadonlySet<FileName>, readonly tx: ImportTx) {}

  path(name: FileName): string {
    return join(this.folder, `${name}.csv`);
  }

  /** writes happen only while the import is still valid; checks go on to report every error */
  get writing(): boolean {
    return !this.errors.any;
  }
}
