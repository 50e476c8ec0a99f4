import { useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { patientDisplayName } from './patient';
import { useDeskSession } from './use-qualified-patient';
import { useEmergencySessions } from './use-emergency-sessions';

/**
 * EX_0.3-1050: an emergency access stays visibly flagged, on every screen, until the user ends
 * it. The sessions live in main, so every window shows the same ones.
 */
export function EmergencyBanner(): ReactNode {
  const { t, i18n } = useTranslation();
  const { client } = useDmp();
  const { sessions, replace } = useEmergencySessions();
  const [error, setError] = useState<AppErrorShape | undefined>();
  const patient = useDeskSession()?.patient ?? null;

  const end = async (id: string): Promise<void> => {
    const result = await client.dmp.endEmergencySession({ id });
    if (result.ok) {
      replace(result.value.sessions);
      setError(undefined);
    } else setError(result.error);
  };

  if (sessions.length === 0 && error === undefined) return null;
  return (
    <div className="emergency-banner" role="alert" aria-label={t('dmp.emergency.bannerLabel')}>
      {sessions.map((session) => (
        <div key={session.id} className="emergency-banner__item">
          <span>
            {t(`dmp.emergency.banner.${session.mode}`, {
              time: new Date(session.startedAt).toLocaleTimeString(i18n.language, {
                hour: '2-digit',
                minute: '2-digit',
              }),
              // Main names the patient by id; the banner says whose access it is.
              patient:
                patient !== null && patient.patientId === session.patientId
                  ? patientDisplayName(patient)
                  : t('dmp.emergency.otherPatient'),
            })}
          </span>
          <Button className="dmp-button emergency-banner__end" onPress={() => void end(session.id)}>
            {t('dmp.emergency.end')}
          </Button>
        </div>
      ))}
      {error === undefined ? null : <ErrorNotice error={error} />}
    </div>
  );
}
