/**
 * When an update may be installed, as pure functions (like main/security/policy.ts) so every
 * rule is unit-tested without Electron. Installing restarts the desk: doing it in the middle of a
 * consultation would drop the patient's session, the DMP documents on screen and any emergency
 * access, so it only ever happens when the user asks and no consultation is open.
 */
import type { ErrorCode } from '../../shared/errors';

/** Where the update stands; only a `ready` update has passed every check of release-check.ts. */
export type UpdateState = 'idle' | 'checking' | 'downloading' | 'ready' | 'refused';

/** What is open at the desk right now (main/session and the DMP emergency sessions). */
export interface ConsultationState {
  /** A patient is in context (main/session/patient-sessions `current()`). */
  readonly patientInContext: boolean;
  /** Emergency accesses (bris de glace, centre 15) not yet ended by the user. */
  readonly openEmergencySessions: number;
}

/** `now`: restart at once; `on-quit`: when the user next quits the desk (the consultation is over by then). */
export type InstallMoment = 'now' | 'on-quit';

export type InstallDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly code: Extract<ErrorCode, 'UPDATE_NOT_DOWNLOADED' | 'UPDATE_CONSULTATION_OPEN'>;
    };

export function isConsultationOpen(consultation: ConsultationState): boolean {
  return consultation.patientInContext || consultation.openEmergencySessions > 0;
}

/**
 * The one gate before `quitAndInstall`. There is no automatic install: this is only ever called
 * from the user's own request, so "the user chose" is the caller's precondition, not a flag here.
 */
export function decideInstall(request: {
  readonly state: UpdateState;
  readonly moment: InstallMoment;
  readonly consultation: ConsultationState;
}): InstallDecision {
  if (request.state !== 'ready') return { allowed: false, code: 'UPDATE_NOT_DOWNLOADED' };
  // Quitting closes the consultation anyway; restarting now would cut it short.
  if (request.moment === 'now' && isConsultationOpen(request.consultation)) {
    return { allowed: false, code: 'UPDATE_CONSULTATION_OPEN' };
  }
  return { allowed: true };
}

/**
 * electron-updater's staged rollout rule, reproduced so our own check agrees with it: the last
 * four bytes of the desk's staging id (a UUID kept in the user data folder) placed on 0..1, and
 * the desk takes the release when that is below `stagingPercentage` / 100. No percentage: everyone.
 */
export function isInStagedRollout(stagingPercentage: number | undefined, stagingUserId: string): boolean {
  if (stagingPercentage === undefined) return true;
  const hex = stagingUserId.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) return false;
  const position = Number.parseInt(hex.slice(24, 32), 16) / 0xffffffff;
  return position < stagingPercentage / 100;
}
