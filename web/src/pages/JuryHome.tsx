import { JuryPortalPage } from '../features/jury/JuryPortalPage.js';

/** "/" for a jury account: its portal (candidates, PVI, grade changes, closing). */
export function JuryHome() {
  return <JuryPortalPage />;
}
