// Table type of migration 0008 (changes a jury made offline, once dealt with), merged into Database.
export interface OfflineChangeTable {
  id: string;
  jury_code: string;
  user_login: string;
  candidate_id: number;
  subject: string;
  status: 'applied' | 'unchanged' | 'discarded';
  message: string;
  entered_at: string;
  received_at: string;
}

declare module './schema.js' {
  interface Database {
    offline_change: OfflineChangeTable;
  }
}
