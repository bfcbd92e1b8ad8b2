import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadWebConfig } from './config';
import { initI18n } from './i18n';
import './styles.css';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  try {
    await Promise.all([loadWebConfig(), initI18n()]);
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <p role="alert">Yiqiao could not start: {error instanceof Error ? error.message : String(error)}</p>,
    );
  }
}

void boot();
