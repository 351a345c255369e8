import { useEffect, useEffectEvent } from 'react';
import { useAppStore, type Route } from '../state/app-store';
import { useEffectiveRoles } from '../state/session-store';
import { useT } from '../i18n/locale-store';
import { StatusBar } from './StatusBar';
import { LanguageSwitch } from './LanguageSwitch';
import { AREAS, areaOf, areasFor, landingArea, MainNav } from './MainNav';
import { SessionGate } from '../screens/auth/SessionGate';
import { UserMenu } from '../screens/auth/UserMenu';
import { ChangePassword } from '../screens/auth/ChangePassword';
import { UsersAdmin } from '../screens/auth/UsersAdmin';
import { WorkList } from '../screens/intake/WorkList';
import { IntakeStart } from '../screens/intake/IntakeStart';
import { IntakeScreen } from '../screens/intake/IntakeScreen';
import { ApprovalScreen } from '../screens/approval/ApprovalScreen';
import { DayEndReport } from '../screens/approval/DayEndReport';
import { VerifyReceiptScreen } from '../screens/receipts/VerifyReceiptScreen';
import { SecurityCodeScreen } from '../screens/security-code/SecurityCodeScreen';
import { FaceRecognitionScreen } from '../screens/security-code/FaceRecognitionScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { EnquiryScreen } from '../screens/enquiry/EnquiryScreen';

function Screen({ route }: { route: Route }) {
  const navigate = useAppStore((s) => s.navigate);
  switch (route.screen) {
    case 'worklist':
      return <WorkList />;
    case 'intakeStart':
      return <IntakeStart />;
    case 'intake':
      return <IntakeScreen key={route.id} id={route.id} />;
    case 'approval':
      return <ApprovalScreen />;
    case 'dayEnd':
      return <DayEndReport />;
    case 'users':
      return <UsersAdmin />;
    case 'settings':
      return <SettingsScreen />;
    case 'verifyReceipt':
      return <VerifyReceiptScreen />;
    case 'securityCode':
      return <SecurityCodeScreen />;
    case 'faceRecognition':
      return <FaceRecognitionScreen />;
    case 'enquiry':
      return <EnquiryScreen />;
    case 'password':
      return <ChangePassword onDone={() => navigate({ screen: 'worklist' })} />;
  }
}

/**
 * What a signed-in user works in. Mounted afresh for every user (SessionGate keys it), so
 * it starts on the first area that user's roles allow, never on the previous user's screen.
 */
function Workspace() {
  const t = useT();
  const roles = useEffectiveRoles();
  const { route, navigate } = useAppStore();
  const areas = areasFor(roles);
  const allowed = route.screen === 'password' || areas.some((a) => a.screen === areaOf(route));

  // Reads the user's areas as they are now; what triggers it is the mount or a lost area.
  const toFirstArea = useEffectEvent(() => {
    const first = landingArea(roles);
    if (first) navigate({ screen: first.screen } as Route);
  });

  // Mounted once per signed-in user: start on that user's first area, whatever the previous
  // user had open (their draft is not this user's to see).
  useEffect(() => toFirstArea(), []);

  // A supervisor's sign-in on top ended while the approval area was open: back to the
  // user's own first area rather than an empty screen.
  useEffect(() => {
    if (!allowed) toFirstArea();
  }, [allowed]);

  // Alt+1..4 switch areas, Alt+N starts an application. Never while an input method is
  // composing (a clerk typing Chinese).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || !e.altKey || e.ctrlKey || e.metaKey) return;
      const area = AREAS.find((a) => a.shortcut === e.key);
      if (area && areas.includes(area)) {
        e.preventDefault();
        navigate({ screen: area.screen } as Route);
      } else if ((e.key === 'n' || e.key === 'N') && route.screen === 'worklist') {
        e.preventDefault();
        document.querySelector<HTMLButtonElement>('.new-application button[type=submit]')?.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route, navigate, areas]);

  // Move focus to the new screen's heading so keyboard and screen-reader users follow along.
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [route]);

  if (areas.length === 0) {
    return (
      <main id="main" tabIndex={-1}>
        <p role="alert">{t('nav.noRole')}</p>
      </main>
    );
  }
  return (
    <>
      <MainNav />
      <main id="main" tabIndex={-1}>
        {allowed ? <Screen route={route} /> : null}
      </main>
    </>
  );
}

export function App() {
  const t = useT();
  const loadInfo = useAppStore((s) => s.loadInfo);
  const navigate = useAppStore((s) => s.navigate);

  useEffect(() => {
    void loadInfo();
    const timer = setInterval(() => void loadInfo(), 15_000);
    return () => clearInterval(timer);
  }, [loadInfo]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <span className="app-title">{t('app.title')}</span>
        <UserMenu onChangePassword={() => navigate({ screen: 'password' })} />
        <LanguageSwitch />
      </header>
      <SessionGate>
        <Workspace />
      </SessionGate>
      <StatusBar />
    </div>
  );
}
