// Table type of migration 0007 (the journal chain's anchor), merged into Database.
export interface JournalAnchorTable {
  id: number; // always 1
  seq: number; // seq of the last entry of the chain
  hash: string; // its hash
  updated_at: string;
}

declare module './schema.js' {
  interface Database {
    journal_anchor: JournalAnchorTable;
  }
}
