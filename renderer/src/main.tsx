import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { useLocaleStore } from './i18n/locale-store';
import './styles.css';

document.documentElement.lang = useLocaleStore.getState().locale;

// A scan dropped beside a drop zone would make the browser open the file in place of the app
// (Electron's navigation guard refuses it; the browser harness has none). Drop zones take
// their drops themselves; a file dropped anywhere else is ignored.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (e) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
}
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
