// Table columns added by migration 0004 (contrôle grades changed by the jury), merged into the
// schema types of schema.ts.
declare module './schema.js' {
  interface ControleGradeTable {
    /** the value before the jury's first change at 210 ('NOTE' | 'ABS'); null while never changed */
    orig_kind: string | null;
    orig_hundredths: number | null;
  }
}

export {};
