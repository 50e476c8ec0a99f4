import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DmpClient, DmpEmergencySession } from '../../../../shared/api';
import { DmpProvider, useDmp } from '../../app/dmp-context';
import { useEmergencySessions } from '../dmp/use-emergency-sessions';

/** The emergency session open for this patient, if any, kept current with main's list. */
export function useEmergencySession(patientId: string): DmpEmergencySession | undefined {
  const { sessions } = useEmergencySessions();
  // Two modes open for one patient: the latest access is the one the user is acting under.
  return sessions
    .filter((s) => s.patientId === patientId)
    .reduce<DmpEmergencySession | undefined>(
      (latest, s) => (latest === undefined || s.startedAt > latest.startedAt ? s : latest),
      undefined,
    );
}

/**
 * The same client, with the reads of the DMP (and the archiving the matrix allows in emergency)
 * made under this session: the list, the viewer and their actions need not know about it.
 */
export function underEmergencySession(client: DmpClient, sessionId: string): DmpClient {
  const documents = client.documents;
  return {
    ...client,
    documents: {
      ...documents,
      search: (request) => documents.search({ ...request, emergencySessionId: sessionId }),
      retrieve: (request) => documents.retrieve({ ...request, emergencySessionId: sessionId }),
      setStatus: (request) =>
        documents.setStatus(request.change === 'delete' ? request : { ...request, emergencySessionId: sessionId }),
    },
  };
}

/**
 * Documents of the patient at the desk, read under the emergency access the banner shows when
 * one is open for this patient (bris de glace, centre 15). The reason stays in main; ending the
 * session from the banner puts the screen back in normal mode at once.
 */
export function EmergencyDocumentAccess(props: {
  readonly patientId: string;
  readonly children: ReactNode;
}): ReactNode {
  const { t } = useTranslation();
  const { client, appInfo } = useDmp();
  const session = useEmergencySession(props.patientId);
  const sessionId = session?.id;
  const scoped = useMemo(
    () => (sessionId === undefined ? client : underEmergencySession(client, sessionId)),
    [client, sessionId],
  );
  if (session === undefined) return props.children;
  return (
    <DmpProvider client={scoped} appInfo={appInfo}>
      <p className="notice documents-emergency" role="note" data-mode={session.mode}>
        {t(`documentAccess.emergency.${session.mode}`)}
      </p>
      {props.children}
    </DmpProvider>
  );
}
