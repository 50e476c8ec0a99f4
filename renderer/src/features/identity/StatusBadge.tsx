import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentityAttribute, IdentityStatus } from '../../../../shared/domain/identity';

/** Status code, its name and what it means for the desk, in plain words. */
export function StatusBadge({
  status,
  attributes,
}: {
  status: IdentityStatus;
  attributes: readonly IdentityAttribute[];
}): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="identity-status" data-status={status}>
      <span className="identity-status__badge" aria-label={t('identity.status.label')}>
        {status} · {t(`identity.status.${status}`)}
      </span>
      {attributes.map((attribute) => (
        <span key={attribute} className="identity-status__attribute">
          {' '}
          · {t(`identity.attributes.${attribute}`)}
        </span>
      ))}
      <p className="identity-status__explain">{t(`identity.status.explain.${status}`)}</p>
    </div>
  );
}
