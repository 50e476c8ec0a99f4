import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { EmergencyBanner } from '../features/dmp/EmergencyBanner';
import { OutboxIndicator } from '../features/outbox/OutboxIndicator';
import { OutboxPortContext, outboxPortOf } from '../features/outbox/outbox-store';
import { PatientBanner } from '../features/session/PatientBanner';
import { useDeskSession } from '../features/dmp/use-qualified-patient';
import { createPinPrompt, withPinPrompt } from '../features/session/pin-prompt';
import { PinPromptDialog, PinPromptProvider } from '../features/session/PinPromptDialog';
import { PractitionerBadge } from '../features/session/PractitionerBadge';
import { SessionLock, useSessionLock } from '../features/session/SessionLock';
import { TrainingBar } from '../features/training/TrainingBar';
import { DeskScreen } from '../screens/DeskScreen';
import { ConsultationScreen } from '../screens/ConsultationScreen';
import { HistoryScreen } from '../screens/HistoryScreen';
import { DocumentsScreen } from '../screens/DocumentsScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { DmpProvider, useDmp } from './dmp-context';
import { SCREENS, type ScreenId } from './screens';
import { useSettings } from './use-settings';

/**
 * The desk: every screen gets the client whose calls ask the PIN when main needs it (one dialog,
 * wherever the user is), and the shell locks the moment the CPS in use is pulled.
 */
export function App(props: { initialSettings: Settings; connection: 'open' | 'closed' }): ReactNode {
  const { client, appInfo } = useDmp();
  const [prompt] = useState(createPinPrompt);
  const prompted = useMemo(() => withPinPrompt(client, prompt), [client, prompt]);
  return (
    <DmpProvider client={prompted} appInfo={appInfo}>
      <PinPromptProvider prompt={prompt} unprompted={client}>
        <Shell {...props} />
      </PinPromptProvider>
    </DmpProvider>
  );
}

function Shell(props: { initialSettings: Settings; connection: 'open' | 'closed' }): ReactNode {
  const { t } = useTranslation();
  const { appInfo, client } = useDmp();
  const practitioner = useDeskSession()?.practitioner;
  const lock = useSessionLock(practitioner);
  const { settings, update } = useSettings(props.initialSettings);
  const [screen, setScreen] = useState<ScreenId>('desk');
  // Bumped when a training exercise starts: every screen is mounted afresh, at the desk (so is a handover, see useSessionLock).
  const [lesson, setLesson] = useState(0);

  useEffect(() => {
    // A stable hook for tests and the start-up benchmark: set once the first real screen is up.
    document.documentElement.dataset['appReady'] = 'true';
  }, []);

  return (
    // Main's outbox for the header's indicator (component tests give their own port).
    <OutboxPortContext value={outboxPortOf(client)}>
      <div className="shell">
        {appInfo.mode === 'training' ? (
          <div className="training-banner">
            <span role="status">{t('app.trainingBanner')}</span>
            <TrainingBar
              onLessonStarted={() => {
                // An exercise pulls and puts back the cards on purpose: that is no reason to lock.
                lock.reset();
                setLesson((count) => count + 1);
                setScreen('desk');
              }}
            />
          </div>
        ) : null}
        <div className="shell__desk" inert={lock.lockedFor !== undefined}>
          <EmergencyBanner />
          {props.connection === 'closed' ? (
            <div className="notice notice--error" role="alert">
              {t('app.disconnected')}
            </div>
          ) : null}
          <header className="topbar">
            <span className="topbar__brand">{t('app.name')}</span>
            <PractitionerBadge />
            <OutboxIndicator guardUnload={appInfo.transport === 'websocket'} />
            <LanguageSwitch value={settings.language} onChange={(language) => void update({ language })} />
          </header>
          <PatientBanner onNewPatient={() => setScreen('desk')} />
          <div className="shell__body">
            <nav aria-label={t('nav.label')} className="sidenav">
              <ul>
                {SCREENS.map((id) => (
                  <li key={id}>
                    <Button
                      className="sidenav__item"
                      aria-current={screen === id ? 'page' : false}
                      onPress={() => setScreen(id)}
                    >
                      {t(`nav.${id}`)}
                    </Button>
                  </li>
                ))}
              </ul>
            </nav>
            <main className="content" key={`${lesson}-${lock.handovers}`}>
              {screen === 'desk' && <DeskScreen />}
              {screen === 'consultation' && <ConsultationScreen />}
              {screen === 'documents' && <DocumentsScreen />}
              {screen === 'history' && <HistoryScreen />}
              {screen === 'settings' && <SettingsScreen settings={settings} update={update} />}
            </main>
          </div>
        </div>
        {lock.lockedFor === undefined ? null : (
          <SessionLock lockedFor={lock.lockedFor} practitioner={practitioner ?? null} />
        )}
        <PinPromptDialog suspended={lock.lockedFor !== undefined} />
      </div>
    </OutboxPortContext>
  );
}
