import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentityStatus } from '../../../../shared/domain/identity';

/** Status code, its name and what it means for the desk, in plain words. */
export function StatusBadge({ status }: { status: IdentityStatus }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="identity-status" data-status={status}>
      <span className="identity-status__badge" aria-label={t('identity.status.label')}>
        {status} · {t(`identity.status.${status}`)}
      </span>
      <p className="identity-status__explain">{t(`identity.status.explain.${status}`)}</p>
    </div>
  );
}
