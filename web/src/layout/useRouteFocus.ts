import { useEffect, useRef } from 'react';
import { useLocation, useNavigationType } from 'react-router-dom';

/**
 * After an in-app navigation, move the focus to the main content (RGAA: the user is told a new page is
 * shown and does not have to tab through the header again). Not on the first load nor on redirects.
 */
export function useRouteFocus(): void {
  const { pathname } = useLocation();
  const type = useNavigationType();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // redirects (replace) keep the focus where the target page puts it (e.g. the login field)
    if (type !== 'PUSH') return;
    const main = document.getElementById('contenu');
    main?.focus({ preventScroll: false });
  }, [pathname, type]);
}
