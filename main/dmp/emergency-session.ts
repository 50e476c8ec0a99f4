import { randomUUID } from 'node:crypto';
import type { DmpEmergencySession } from '../../shared/api';
import { AppError } from '../../shared/errors';

export type EmergencyMode = DmpEmergencySession['mode'];

/** What an emergency session lets a later call carry: its mode and the reason the user typed. */
export interface EmergencyGrant {
  readonly mode: EmergencyMode;
  /** May describe the patient's condition: only ever put into the VIHF, never logged or returned. */
  readonly reason: string;
}

/**
 * Emergency accesses that succeeded, kept in main so every window shows the same banner, until
 * the user ends each one explicitly. One session per patient and mode: a second access in the
 * same mode for the same patient is part of the session already shown, under the latest reason.
 */
export interface EmergencySessions {
  list(): DmpEmergencySession[];
  start(patientId: string, mode: EmergencyMode, reason: string): DmpEmergencySession;
  end(id: string): DmpEmergencySession[];
  /** The grant of an open session for this patient; a document call names the session, never the reason. */
  resolve(id: string, patientId: string): EmergencyGrant;
}

export function createEmergencySessions(
  options: { readonly onChange?: (sessions: DmpEmergencySession[]) => void; readonly now?: () => Date } = {},
): EmergencySessions {
  const sessions: DmpEmergencySession[] = [];
  // Kept apart from the session objects, which go to the renderer as they are.
  const reasons = new Map<string, string>();
  const now = options.now ?? (() => new Date());
  const changed = (): void => options.onChange?.([...sessions]);
  return {
    list: () => [...sessions],
    start(patientId, mode, reason) {
      const open = sessions.find((s) => s.mode === mode && s.patientId === patientId);
      if (open !== undefined) {
        reasons.set(open.id, reason);
        return open;
      }
      const session: DmpEmergencySession = {
        id: randomUUID(),
        mode,
        patientId,
        startedAt: now().toISOString(),
      };
      sessions.push(session);
      reasons.set(session.id, reason);
      changed();
      return session;
    },
    end(id) {
      const index = sessions.findIndex((s) => s.id === id);
      if (index < 0) throw new AppError('DMP_EMERGENCY_SESSION_UNKNOWN');
      sessions.splice(index, 1);
      reasons.delete(id);
      changed();
      return [...sessions];
    },
    resolve(id, patientId) {
      const session = sessions.find((s) => s.id === id);
      const reason = reasons.get(id);
      if (session === undefined || reason === undefined) throw new AppError('DMP_EMERGENCY_SESSION_UNKNOWN');
      if (session.patientId !== patientId) {
        throw new AppError('DMP_EMERGENCY_SESSION_OTHER_PATIENT', { details: { accessMode: session.mode } });
      }
      return { mode: session.mode, reason };
    },
  };
}
