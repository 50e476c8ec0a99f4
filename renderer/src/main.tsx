import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../shared/errors';
import { ERROR_DEFINITIONS, isErrorCode } from '../../shared/errors';
import { App } from './app/App';
import { createConnectionStore } from './app/connection-store';
import { DmpProvider } from './app/dmp-context';
import { ErrorNotice } from './components/ErrorNotice';
import { ConfigurationProblems } from './features/configuration/ConfigurationProblems';
import { createI18n } from './i18n';
import { acquireClient } from './transport/acquire-client';
import { TransportError } from './transport/websocket-client';
import './styles.css';

function StartupFailure({ error }: { error: Pick<AppErrorShape, 'code' | 'messageKey'> }): ReactNode {
  const { t } = useTranslation();
  return (
    <main className="startup-failure">
      <h1>{t('app.startFailed')}</h1>
      <ErrorNotice error={error} />
    </main>
  );
}

async function bootstrap(): Promise<void> {
  const container = document.getElementById('root');
  if (container === null) return;
  const root = createRoot(container);
  const i18n = await createI18n();
  const connection = createConnectionStore();
  const showFailure = (error: Pick<AppErrorShape, 'code' | 'messageKey'>): void =>
    root.render(
      <I18nextProvider i18n={i18n}>
        <StartupFailure error={error} />
      </I18nextProvider>,
    );

  let client;
  try {
    client = await acquireClient(connection.set);
  } catch (error) {
    const code = error instanceof TransportError && isErrorCode(error.code) ? error.code : 'INTERNAL_ERROR';
    showFailure({ code, messageKey: ERROR_DEFINITIONS[code].messageKey });
    return;
  }
  const [info, settings, configuration] = await Promise.all([
    client.app.info({}),
    client.settings.get({}),
    client.app.configuration({}),
  ]);
  if (!info.ok) return showFailure(info.error);
  if (!settings.ok) return showFailure(settings.error);
  if (!configuration.ok) return showFailure(configuration.error);
  const appInfo = info.value;
  const initialSettings = settings.value;
  await i18n.changeLanguage(initialSettings.language);
  // A desk that cannot reach the national services says why, field by field, instead of the desk.
  if (configuration.value.state === 'invalid') {
    const report = configuration.value;
    root.render(
      <I18nextProvider i18n={i18n}>
        <ConfigurationProblems report={report} />
      </I18nextProvider>,
    );
    return;
  }

  function Root(): ReactNode {
    return <App initialSettings={initialSettings} connection={connection.useConnection()} />;
  }
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <DmpProvider client={client} appInfo={appInfo}>
          <Root />
        </DmpProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void bootstrap();
