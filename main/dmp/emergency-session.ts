import { randomUUID } from 'node:crypto';
import type { DmpEmergencySession, DmpPatientRef } from '../../shared/api';
import { AppError } from '../../shared/errors';

export type EmergencyMode = DmpEmergencySession['mode'];

/**
 * Emergency accesses that succeeded, kept in main so every window shows the same banner, until
 * the user ends each one explicitly. One session per patient and mode: a second access in the
 * same mode for the same patient is part of the session already shown.
 */
export interface EmergencySessions {
  list(): DmpEmergencySession[];
  start(patient: DmpPatientRef, mode: EmergencyMode): DmpEmergencySession;
  end(id: string): DmpEmergencySession[];
}

export function createEmergencySessions(
  options: { readonly onChange?: (sessions: DmpEmergencySession[]) => void; readonly now?: () => Date } = {},
): EmergencySessions {
  const sessions: DmpEmergencySession[] = [];
  const now = options.now ?? (() => new Date());
  const changed = (): void => options.onChange?.([...sessions]);
  return {
    list: () => [...sessions],
    start(patient, mode) {
      const open = sessions.find(
        (s) => s.mode === mode && s.patient.oid === patient.oid && s.patient.matricule === patient.matricule,
      );
      if (open !== undefined) return open;
      const session: DmpEmergencySession = {
        id: randomUUID(),
        mode,
        patient: { matricule: patient.matricule, oid: patient.oid },
        startedAt: now().toISOString(),
      };
      sessions.push(session);
      changed();
      return session;
    },
    end(id) {
      const index = sessions.findIndex((s) => s.id === id);
      if (index < 0) throw new AppError('DMP_EMERGENCY_SESSION_UNKNOWN');
      sessions.splice(index, 1);
      changed();
      return [...sessions];
    },
  };
}
