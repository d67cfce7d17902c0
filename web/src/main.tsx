import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import '@codegouvfr/react-dsfr/main.css';
import './styles/app.css';
import { setUpDsfr } from './dsfr-setup.js';
import { ApiError } from './api/client.js';
import { keys } from './api/hooks.js';
import { App } from './App.js';
import { registerServiceWorker } from './service-worker.js';

setUpDsfr();

/** A 401 anywhere means the session is gone: refresh "me", and the guard sends the user to "Connexion". */
function onApiError(err: unknown): void {
  if (err instanceof ApiError && err.status === 401) void queryClient.invalidateQueries({ queryKey: keys.me });
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    // the jury portal answers offline from the browser (features/jury/offline): never pause a query
    queries: {
      networkMode: 'always',
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
    mutations: { networkMode: 'always' },
  },
});

registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
