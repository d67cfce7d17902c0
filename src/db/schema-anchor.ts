// Table types of the journal's chains (migration 0011, ADR 0013), merged into Database.
export interface JournalHeadTable {
  chain: string; // a jury's code, or '' for the session chain
  seq: number; // seq of the chain's last entry
  hash: string; // its hash
  updated_at: string;
}

/** A session anchor handed out (PV, verify, backup): the Merkle root of the heads it combines. */
export interface JournalCheckpointTable {
  root: string;
  entries: number; // sum of the heads' seq: the number of entries the anchor covers
  heads: string; // JSON [[chain, seq, hash], …] in chain order
  at: string;
}

declare module './schema.js' {
  interface Database {
    journal_head: JournalHeadTable;
    journal_checkpoint: JournalCheckpointTable;
  }
}
