import { useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * Settings' "Export diagnostics" for IT: main writes the bundle (version, configuration without
 * secrets, recent logs, readers seen; nothing about patients) and says where; the same bundle
 * as `npm run diagnostics`.
 */
export function DiagnosticsSection(): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<string | undefined>();
  const [error, setError] = useState<AppErrorShape | undefined>();

  const exportBundle = async (): Promise<void> => {
    setBusy(true);
    setFile(undefined);
    setError(undefined);
    const result = await client.app.diagnostics({});
    setBusy(false);
    if (result.ok) setFile(result.value.file);
    else setError(result.error);
  };

  return (
    <section aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">{t('diagnostics.title')}</h2>
      <p className="status-line">{t('diagnostics.help')}</p>
      <Button className="identity-button" isDisabled={busy} onPress={() => void exportBundle()}>
        {t('diagnostics.export')}
      </Button>
      <div aria-live="polite" className="status-line">
        {file === undefined ? null : t('diagnostics.exported', { file })}
      </div>
      {error === undefined ? null : <ErrorNotice error={error} />}
    </section>
  );
}
