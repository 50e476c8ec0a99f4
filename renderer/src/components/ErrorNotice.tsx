import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';

/** One way to show an error everywhere: translated message, stable code for support. */
export function ErrorNotice({ error }: { error: Pick<AppErrorShape, 'code' | 'messageKey'> }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert" data-error-code={error.code}>
      <strong>{t('errors.title')}</strong> <span>{t(error.messageKey)}</span>{' '}
      <small className="notice__code">{t('errors.codeLabel', { code: error.code })}</small>
    </div>
  );
}
