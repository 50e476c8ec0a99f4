import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { Services } from '../../main/services';
import { App } from '../../renderer/src/app/App';
import { DmpProvider } from '../../renderer/src/app/dmp-context';
import { createI18n } from '../../renderer/src/i18n';
import { inProcessClient } from './in-process-client';

/** The whole renderer (App) on a real service graph, through the router's in-process client, in jsdom. */
export async function renderApp(services: Services) {
  const client = inProcessClient(services);
  const info = await client.app.info({});
  const settings = await client.settings.get({});
  if (!info.ok || !settings.ok) throw new Error('bootstrap failed');
  const i18n = await createI18n(settings.value.language);
  render(
    <I18nextProvider i18n={i18n}>
      <DmpProvider client={client} appInfo={info.value}>
        <App initialSettings={settings.value} connection="open" />
      </DmpProvider>
    </I18nextProvider>,
  );
  return { client, i18n };
}
