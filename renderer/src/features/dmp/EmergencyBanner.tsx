import { useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DmpEmergencySession } from '../../../../shared/api';
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
  /** The access just ended here, said once it is over, until another one opens. */
  const [ended, setEnded] = useState<{ readonly mode: DmpEmergencySession['mode']; readonly at: Date } | undefined>();
  const time = (at: Date): string => at.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });

  const end = async (session: DmpEmergencySession): Promise<void> => {
    const result = await client.dmp.endEmergencySession({ id: session.id });
    if (result.ok) {
      replace(result.value.sessions);
      setError(undefined);
      setEnded({ mode: session.mode, at: new Date() });
    } else setError(result.error);
  };

  if (sessions.length === 0 && error === undefined) {
    return ended === undefined ? null : (
      <p className="notice emergency-ended" role="status">
        {t(`dmp.emergency.ended.${ended.mode}`, { time: time(ended.at) })}
      </p>
    );
  }
  return (
    <div className="emergency-banner" role="alert" aria-label={t('dmp.emergency.bannerLabel')}>
      {sessions.map((session) => (
        <div key={session.id} className="emergency-banner__item">
          <span>
            {t(`dmp.emergency.banner.${session.mode}`, {
              time: time(new Date(session.startedAt)),
              // Main names the patient by id; the banner says whose access it is.
              patient:
                patient !== null && patient.patientId === session.patientId
                  ? patientDisplayName(patient)
                  : t('dmp.emergency.otherPatient'),
            })}
          </span>
          <Button className="dmp-button emergency-banner__end" onPress={() => void end(session)}>
            {t('dmp.emergency.end')}
          </Button>
        </div>
      ))}
      {error === undefined ? null : <ErrorNotice error={error} />}
    </div>
  );
}
