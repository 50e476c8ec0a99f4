import type { DeskSession, DmpHandlers } from '../../shared/api';
import type { EventBus } from '../events/event-bus';
import type { IdentityService } from '../identity/identity-service';
import type { PatientSessions } from './patient-sessions';
import type { DmpSignature, PractitionerSession } from './practitioner-session';

/**
 * Who is at the desk, as one answer: the patient in context and the practitioner whose card is
 * in a reader. Every change goes to the renderer as `session.changed`, so each screen shows the
 * same patient and clears what belonged to the previous one.
 */
export interface DeskSessions {
  current(): DeskSession;
  readonly handlers: DmpHandlers<unknown>['session'];
  /** Identity handlers that change the patient in context call this, so the banner follows. */
  touched(patientId: string): void;
  dispose(): void;
}

export function createDeskSessions(options: {
  readonly patients: PatientSessions;
  readonly practitioner: PractitionerSession;
  readonly dmpSignature: DmpSignature;
  readonly events: EventBus;
}): DeskSessions {
  const { patients, practitioner, events } = options;
  const current = (): DeskSession => ({
    patient: patients.current(),
    practitioner: practitioner.current(),
    dmpSignature: options.dmpSignature,
  });
  const publish = (): void => events.emit('session.changed', current());
  const unsubscribe = [patients.onChange(publish), practitioner.onChange(publish)];
  // An identity's status can change from any identity call (INSi answer, document check).
  unsubscribe.push(
    events.subscribe((event, payload) => {
      if (
        event === 'identity.statusChanged' &&
        (payload as { patientId: string }).patientId === patients.current()?.patientId
      ) {
        publish();
      }
    }),
  );
  return {
    current,
    handlers: {
      current: async () => current(),
      selectPatient: async ({ patientId }) => {
        patients.select(patientId);
        return current();
      },
    },
    touched(patientId) {
      if (patients.current()?.patientId === patientId) publish();
    },
    dispose() {
      for (const stop of unsubscribe) stop();
    },
  };
}

/** The `identity.*` handlers: opening goes through the patient sessions, every change refreshes the banner. */
export function identityHandlers(
  identity: IdentityService,
  patients: PatientSessions,
  desk: Pick<DeskSessions, 'touched'>,
): DmpHandlers<unknown>['identity'] {
  const changed = <T extends { patientId: string }>(view: T): T => {
    desk.touched(view.patientId);
    return view;
  };
  return {
    open: async (request) => patients.open(request),
    get: async ({ patientId }) => identity.get(patientId),
    setTypedTraits: async ({ patientId, traits }) => changed(identity.setTypedTraits(patientId, traits)),
    searchInsWithVitale: async ({ patientId }) => changed(await identity.searchWithVitale(patientId)),
    searchInsWithTraits: async ({ patientId }) => changed(await identity.searchWithTraits(patientId)),
    adoptInsiTraits: async ({ patientId }) => changed(identity.adoptInsiTraits(patientId)),
    recordDocumentCheck: async ({ patientId, documentType, checkedOn }) =>
      changed(identity.recordDocumentCheck(patientId, documentType, checkedOn)),
    setAttributes: async ({ patientId, attributes }) => changed(identity.setAttributes(patientId, attributes)),
  };
}
