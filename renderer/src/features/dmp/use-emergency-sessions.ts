import { useEffect, useState } from 'react';
import type { DmpEmergencySession } from '../../../../shared/api';
import { useDmp } from '../../app/dmp-context';

/**
 * The emergency sessions main holds, kept current by its change event. `replace` lets a caller
 * that ended one apply main's answer at once rather than wait for the event.
 */
export function useEmergencySessions(): {
  readonly sessions: readonly DmpEmergencySession[];
  readonly replace: (sessions: readonly DmpEmergencySession[]) => void;
} {
  const { client } = useDmp();
  const [sessions, setSessions] = useState<readonly DmpEmergencySession[]>([]);
  useEffect(() => {
    let live = true;
    const off = client.on('dmp.emergencySessionsChanged', (payload) => setSessions(payload.sessions));
    void client.dmp.emergencySessions({}).then((result) => {
      if (live && result.ok) setSessions(result.value.sessions);
    });
    return () => {
      live = false;
      off();
    };
  }, [client]);
  return { sessions, replace: setSessions };
}
