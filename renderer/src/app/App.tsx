import { useEffect } from 'react';
import { useAppStore } from '../state/app-store';
import { useT } from '../i18n/locale-store';
import { StatusBar } from './StatusBar';
import { LanguageSwitch } from './LanguageSwitch';
import { WorkList } from '../screens/drafts/WorkList';
import { DraftEditor } from '../screens/drafts/DraftEditor';

export function App() {
  const t = useT();
  const { route, loadInfo, navigate } = useAppStore();

  useEffect(() => {
    void loadInfo();
    const timer = setInterval(() => void loadInfo(), 15_000);
    return () => clearInterval(timer);
  }, [loadInfo]);

  // Global shortcuts. Never while an input method is composing (a clerk typing Chinese).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      if (e.altKey && (e.key === 'n' || e.key === 'N') && route.screen === 'worklist') {
        e.preventDefault();
        document.querySelector<HTMLButtonElement>('.new-application button[type=submit]')?.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route, navigate]);

  // Move focus to the new screen's heading so keyboard and screen-reader users follow along.
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [route]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <span className="app-title">{t('app.title')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        {route.screen === 'worklist' ? <WorkList /> : <DraftEditor key={route.id} id={route.id} />}
      </main>
      <StatusBar />
    </div>
  );
}
