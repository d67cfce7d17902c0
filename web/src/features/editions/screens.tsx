// The screens of the edition menu entries (registered in src/screens.tsx).
import type { Screen } from '../../screens.js';
import { EDITION_SCREEN_CONFIGS } from './config.js';
import { EditionScreen } from './EditionScreen.js';

export const EDITION_SCREENS: Readonly<Record<string, Screen>> = Object.fromEntries(
  EDITION_SCREEN_CONFIGS.map((c) => [c.id, { element: <EditionScreen key={c.id} config={c} /> }]),
);
