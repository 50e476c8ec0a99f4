import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DmpAccessStatus } from '../../../../shared/api';

/** `YYYYMMDD[hhmmss]` -> `DD/MM/YYYY`; anything else is shown as given. */
function formatHl7Date(value: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(value);
  return match === null ? value : `${match[3]}/${match[2]}/${match[1]}`;
}

function Flag({ value, yes, no }: { value: boolean | null; yes: string; no: string }): ReactNode {
  const { t } = useTranslation();
  if (value === null) return <span className="dmp-flag dmp-flag--unknown">{t('dmp.status.unknown')}</span>;
  return <span className={`dmp-flag ${value ? 'dmp-flag--on' : 'dmp-flag--off'}`}>{value ? yes : no}</span>;
}

/** TD0.2 in one glance: a headline (exists / none / closed), then the caller's rights and the patient's choices. */
export function StatusSummary({ status }: { status: DmpAccessStatus }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="dmp-status" data-existence={status.existence}>
      <p className={`dmp-headline dmp-headline--${status.existence}`} role="status">
        {t(`dmp.existence.${status.existence}`)}
      </p>
      {status.existence === 'closed' && status.closedOn !== null ? (
        <p className="dmp-explain">{t('dmp.status.closedOn', { date: formatHl7Date(status.closedOn) })}</p>
      ) : null}
      {status.existence === 'exists' ? (
        <dl className="facts dmp-facts">
          <dt>{t('dmp.status.authorization')}</dt>
          <dd data-authorization={status.authorization}>{t(`dmp.authorization.${status.authorization}`)}</dd>
          <dt>{t('dmp.status.treatingPhysician')}</dt>
          <dd>
            <Flag value={status.treatingPhysician} yes={t('dmp.status.yes')} no={t('dmp.status.no')} />
          </dd>
          <dt>{t('dmp.status.oppositionBreakGlass')}</dt>
          <dd>
            <Flag value={status.oppositions.breakGlass} yes={t('dmp.status.opposed')} no={t('dmp.status.notOpposed')} />
          </dd>
          <dt>{t('dmp.status.oppositionEmergency')}</dt>
          <dd>
            <Flag value={status.oppositions.emergency} yes={t('dmp.status.opposed')} no={t('dmp.status.notOpposed')} />
          </dd>
          <dt>{t('dmp.status.attachedToMes')}</dt>
          <dd>
            <Flag value={status.attachedToMes} yes={t('dmp.status.yes')} no={t('dmp.status.no')} />
          </dd>
        </dl>
      ) : null}
    </div>
  );
}
