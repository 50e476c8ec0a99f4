import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { DmpProvider } from '../../renderer/src/app/dmp-context';
import { createI18n } from '../../renderer/src/i18n';
import type { DmpClient } from '../../shared/api';

/** Renders `node` under the app's providers (i18n in French unless told, `window.dmp` and app info), as the shell does. */
export async function renderWithDesk(client: DmpClient, node: ReactNode, language: 'fr' | 'en' = 'fr'): Promise<void> {
  const info = await client.app.info({});
  if (!info.ok) throw new Error('bootstrap failed');
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <DmpProvider client={client} appInfo={info.value}>
        {node}
      </DmpProvider>
    </I18nextProvider>,
  );
}
