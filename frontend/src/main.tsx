import './app/mantine-styles';
import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import './app/global.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app/App';
import { i18nReady } from './lib/i18n';

const root = document.getElementById('root');
// The first language's words load with the app; a failed load still renders (keys show).
void i18nReady
  .catch(() => undefined)
  .then(() => {
    if (!root) return;
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
