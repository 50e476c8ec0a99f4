import { useEffect, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { UpdateStatus } from '../../../../shared/api';
import { ERROR_DEFINITIONS, type AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * Settings' update panel: where the update stands and the user's choice to install it, now (main
 * refuses during a consultation) or when they quit. Nothing installs without one of these buttons.
 */
export function UpdateSection(): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [status, setStatus] = useState<UpdateStatus | undefined>();
  const [error, setError] = useState<AppErrorShape | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void client.app.updateStatus({}).then((result) => {
      if (live && result.ok) setStatus(result.value);
    });
    return () => {
      live = false;
    };
  }, [client]);

  const act = async (call: () => Promise<{ ok: true; value: UpdateStatus } | { ok: false; error: AppErrorShape }>) => {
    setBusy(true);
    setError(undefined);
    const result = await call();
    setBusy(false);
    if (result.ok) setStatus(result.value);
    else setError(result.error);
  };

  if (status === undefined) return null;
  const lastError = status.error === undefined ? undefined : { code: status.error, ...ERROR_DEFINITIONS[status.error] };
  return (
    <section aria-labelledby="update-title">
      <h2 id="update-title">{t('update.title')}</h2>
      <p className="status-line" aria-live="polite">
        {status.configured
          ? t(`update.state.${status.state}`, { version: status.version ?? '', current: status.currentVersion })
          : t('update.notConfigured')}
        {status.installOnQuit ? ` ${t('update.installOnQuitSet')}` : ''}
      </p>
      {lastError === undefined ? null : <ErrorNotice error={lastError} />}
      {status.configured ? (
        <div className="radio-row">
          <Button
            className="identity-button"
            isDisabled={busy || status.state === 'ready'}
            onPress={() => void act(() => client.app.checkUpdate({}))}
          >
            {t('update.checkNow')}
          </Button>
          {status.state === 'ready' ? (
            <>
              <Button
                className="identity-button"
                isDisabled={busy}
                onPress={() => void act(() => client.app.installUpdate({ moment: 'now' }))}
              >
                {t('update.installNow')}
              </Button>
              <Button
                className="identity-button"
                isDisabled={busy || status.installOnQuit}
                onPress={() => void act(() => client.app.installUpdate({ moment: 'on-quit' }))}
              >
                {t('update.installOnQuit')}
              </Button>
            </>
          ) : null}
        </div>
      ) : null}
      {error === undefined ? null : <ErrorNotice error={error} />}
    </section>
  );
}
