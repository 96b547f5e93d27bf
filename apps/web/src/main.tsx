import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { refreshSession } from './api/auth';
import { router } from './app';
import { I18nProvider } from './i18n/i18n';
import './styles.css';

const queries = new QueryClient({
  // A 4xx is an answer, not a glitch: retry only what might succeed on its own.
  defaultOptions: { queries: { retry: (count, error) => count < 2 && !('problem' in error) } },
});

// A reload keeps the session: the refresh cookie gives a new access token before the first page renders.
await refreshSession().catch(() => false);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <QueryClientProvider client={queries}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
);
